"""What every rule is: metadata plus a pure function of the model."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..findings import Finding
from ..model import Model, Stream


class Rule:
    """One rule = one subclass. Metadata feeds `sesguard rules` and the README table."""

    id: ClassVar[str]
    severity: ClassVar[str]
    summary: ClassVar[str]
    why: ClassVar[str]
    fix: ClassVar[str]
    doc_url: ClassVar[str]
    # Model fields the rule reads, per entity kind: SES014 reports them when unknown.
    needs: ClassVar[dict[str, tuple[str, ...]]] = {}
    # Where the rule applies: "plan" (`sesguard check`), "live" (`sesguard audit`).
    applies_to: ClassVar[tuple[str, ...]] = ("plan", "live")

    def check(self, model: Model) -> Iterator[Finding]:
        raise NotImplementedError

    def finding(
        self,
        stream: Stream | str | None,
        address: str | None,
        message: str,
        remediation: str | None = None,
    ) -> Finding:
        name = stream.name if isinstance(stream, Stream) else stream
        # str() turns a Redacted (sensitive) name into "(sensitive)" before any encoder sees it.
        name = None if name is None else str(name)
        return Finding(self.id, self.severity, name, address, message, remediation or self.fix)

    @classmethod
    def metadata(cls) -> dict:
        return {
            "id": cls.id,
            "severity": cls.severity,
            "summary": cls.summary,
            "why": cls.why,
            "fix": cls.fix,
            "doc_url": cls.doc_url,
            "applies_to": list(cls.applies_to),
        }


def stream_name(entity) -> str | None:
    stream = getattr(entity, "stream", None)
    return stream.name if stream is not None else None
