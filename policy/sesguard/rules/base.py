"""What every rule is: metadata plus a pure function of the model."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from ..findings import Finding
from ..model import Model, Stream


class Rule:
    """One rule = one subclass. Metadata feeds `sesguard rules` and the README table."""

    id: ClassVar[str]
    # A readable name for SARIF viewers and docs, e.g. `catch-all-configuration-set`.
    name: ClassVar[str] = ""
    severity: ClassVar[str]
    summary: ClassVar[str]
    why: ClassVar[str]
    fix: ClassVar[str]
    doc_url: ClassVar[str]
    # Model fields the rule reads, per entity kind: SES014 reports them when unknown.
    needs: ClassVar[dict[str, tuple[str, ...]]] = {}
    # Where the rule applies: "plan" (`sesguard check`), "live" (`sesguard audit`),
    # "code" (`sesguard scan`).
    applies_to: ClassVar[tuple[str, ...]] = ("plan", "live")
    # On an SES v1 set: what migrating to v2 will and will not fix for this rule.
    v1_migration: ClassVar[str] = ""
    # What `sesguard audit` must read for this rule's verdict (reads declared in audit/reads.py):
    # when one of those reads fails, the rule's findings there are dropped as not verified.
    reads: ClassVar[tuple[str, ...]] = ()

    def __init__(self, used: tuple[Rule, ...] = ()) -> None:
        # The rules this one declared in `uses`, built first by the catalogue.
        self.used = used

    @classmethod
    def uses(cls, other: type[Rule]) -> bool:
        """Whether this rule reads another rule's metadata (never its findings)."""
        return False

    def check(self, model: Model) -> Iterator[Finding]:
        raise NotImplementedError

    def finding(
        self,
        stream: Stream | str | None,
        address: str | None,
        message: str,
        remediation: str | None = None,
        fact: str | None = None,
    ) -> Finding:
        """``fact``: what tells this finding from another of the rule at the same address
        (see Finding.fingerprint); needed only by rules that can report both."""
        name = stream.key if isinstance(stream, Stream) else stream
        # str() turns a Redacted (sensitive) name into "(sensitive)" before any encoder sees it.
        name = None if name is None else str(name)
        remediation = remediation or self.fix
        if self.v1_migration and _on_v1_set(stream):
            message = f"{message} (SES v1 set)"
            remediation = f"{remediation} Migrating to SES v2: {self.v1_migration}"
        return Finding(self.id, self.severity, name, address, message, remediation, fact=fact)

    @classmethod
    def readable_name(cls) -> str:
        """`name`, else the class name in kebab case (`PoolIsolation` → `pool-isolation`)."""
        return cls.name or re.sub(r"(?<!^)(?=[A-Z])", "-", cls.__name__).lower()

    @classmethod
    def metadata(cls) -> dict:
        return {
            "id": cls.id,
            "name": cls.readable_name(),
            "severity": cls.severity,
            "summary": cls.summary,
            "why": cls.why,
            "fix": cls.fix,
            "doc_url": cls.doc_url,
            "applies_to": list(cls.applies_to),
        }


def _on_v1_set(stream: Stream | str | None) -> bool:
    return isinstance(stream, Stream) and bool(stream.sets) and all(s.v1 for s in stream.sets)


def module_fix(stream: Stream | None, change: str, config_key: str | None = None) -> str | None:
    """The fix in the words of a `modules/ses_stream` caller: the input to change in the call,
    and the gate config key when the limit itself is the user's choice. None outside a call."""
    if stream is None or not stream.module:
        return None
    text = f"In {stream.module}, set {change}."
    if config_key:
        text += f" To make the limit itself your choice, set {config_key} in the gate config."
    return text


def stream_name(entity) -> str | None:
    stream = getattr(entity, "stream", None)
    return stream.key if stream is not None else None


class CodeRule(Rule):
    """A rule of `sesguard scan`: its patterns live in the semgrep ruleset
    (sesguard/scan/semgrep/), keyed by this ID; the scan turns their matches into findings.
    On a plan or a live account it finds nothing."""

    applies_to = ("code",)

    def check(self, model: Model) -> Iterator[Finding]:
        return iter(())
