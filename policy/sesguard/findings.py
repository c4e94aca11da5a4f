"""What the gate returns: findings and a report. Plain data, no rendering."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Waiver:
    """A config `[[waiver]]`: findings of ``rule`` at addresses matching ``address`` do not
    fail the run until ``expires`` (the last day it holds)."""

    rule: str
    address: str  # `*` and `?` are wildcards; brackets are literal (Terraform's ["key"])
    reason: str
    expires: date

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "address": self.address,
            "reason": self.reason,
            "expires": self.expires.isoformat(),
        }

    def note(self) -> str:
        """How a waived finding says so, in every report format."""
        return f"waived until {self.expires.isoformat()}: {self.reason}"


BASELINE_NOTE = "baseline: known when the baseline was written; does not fail the run"
IGNORED_NOTE = "suppressed in the source"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # error | warning | info
    stream: str | None  # None: not tied to one stream (an identity, a policy, …)
    address: str | None  # Terraform resource address, None for a missing resource
    message: str
    remediation: str
    # What tells this finding from another of the same rule at the same address (which
    # alarm kind, which attribute), in words that do not change when the message does.
    fact: str | None = field(default=None, kw_only=True)
    # Set by suppress.py: a waiver that holds, or the finding is in the baseline.
    waived: Waiver | None = field(default=None, kw_only=True)
    baselined: bool = field(default=False, kw_only=True)
    # Set by the scan: the reason of a `sesguard: ignore[RULE] reason` comment at the send.
    ignored: str | None = field(default=None, kw_only=True)

    @property
    def fails(self) -> bool:
        """An error nobody waived, baselined or ignored: what makes the run fail."""
        return self.severity == "error" and self.suppression_note is None

    @property
    def suppression_note(self) -> str | None:
        if self.ignored is not None:
            return f"{IGNORED_NOTE}: {self.ignored}"
        if self.waived is not None:
            return self.waived.note()
        return BASELINE_NOTE if self.baselined else None

    def fingerprint(self) -> str:
        """What stays the same while the problem does: rule, resource address (stream when
        there is none) and the identifying fact; never message wording, numbers in it, or
        where the resource sits in the plan. Code scanning and baselines match on it."""
        import hashlib  # here: loading OpenSSL costs a run that prints no fingerprint 4 MB

        key = f"{self.rule}|{self.address or ''}|{self.stream or ''}"
        if self.fact:
            key += f"|{self.fact}"
        return hashlib.sha256(key.encode()).hexdigest()[:32]

    def to_dict(self) -> dict:
        out = asdict(self)
        for key in ("fact", "waived", "baselined", "ignored"):
            del out[key]
        if self.ignored is not None:
            out["suppressed"] = {"kind": "in-source", "reason": self.ignored}
        if self.waived is not None:
            out["waived"] = {
                "reason": self.waived.reason,
                "expires": self.waived.expires.isoformat(),
            }
        if self.baselined:
            out["baseline"] = True
        return out


@dataclass(frozen=True)
class Counts:
    """The findings by severity, those suppressed in the source, waived or baselined apart,
    each under what suppresses it (suppression_note): counted once per report."""

    errors: int
    warnings: int
    info: int
    suppressed: int
    waived: int
    baselined: int

    @classmethod
    def of(cls, findings: list[Finding]) -> Counts:
        active = Counter(f.severity for f in findings if f.suppression_note is None)
        return cls(
            errors=active["error"],
            warnings=active["warning"],
            info=active["info"],
            suppressed=sum(f.ignored is not None for f in findings),
            waived=sum(f.waived is not None and f.ignored is None for f in findings),
            baselined=sum(f.baselined and f.waived is None and f.ignored is None for f in findings),
        )

    def by_severity(self) -> dict[str, int]:
        return {"errors": self.errors, "warnings": self.warnings, "info": self.info}


@dataclass(frozen=True)
class Summary:
    """What a run looked at, beside its findings; each source (plan, audit, scan) has its
    own kind. The JSON report writes the severity counts, then these fields in order."""

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class PlanSummary(Summary):
    # Stream → {"class", "class_source", "configuration_sets"}, sorted by name.
    streams: dict[str, dict] = field(default_factory=dict)
    resources: int = 0


@dataclass
class Report:
    findings: list[Finding]
    summary: Summary = field(default_factory=Summary)
    # What was checked: "plan", "live" (audit) or "code" (scan). Keyword-only, so that
    # subclasses (the audit's report) keep adding positional fields after `summary`.
    applies_to: str = field(default="plan", kw_only=True)
    # What could not be read that the verdict needs (an audit's unread lanes): then the
    # report is no verdict at all, whatever its findings say.
    incomplete: list[str] = field(default_factory=list, kw_only=True)
    # Waivers past their date fail the run: a waiver is a promise to fix by then.
    expired_waivers: list[Waiver] = field(default_factory=list, kw_only=True)
    # Waivers that matched no finding: the problem is fixed, or the address is mistyped.
    stale_waivers: list[Waiver] = field(default_factory=list, kw_only=True)
    # Whether waivers and a baseline were applied (suppress.settle): the JSON then says how
    # many findings each kept from failing.
    settled: bool = field(default=False, kw_only=True)

    @cached_property
    def counts(self) -> Counts:
        """Counted once: a report's findings are final when it is built (settle builds a new
        one)."""
        return Counts.of(self.findings)

    @property
    def errors(self) -> list[Finding]:
        """Error findings that fail the run (not waived, not in the baseline)."""
        return [f for f in self.findings if f.fails]

    @property
    def exit_code(self) -> int:
        """2 when incomplete, else 1 when an error finding fails or a waiver expired, else 0."""
        return 2 if self.incomplete else 1 if self.errors or self.expired_waivers else 0

    @property
    def verdict(self) -> str:
        return ("PASS", "FAIL", "INCOMPLETE")[self.exit_code]

    def verdict_line(self) -> str:
        """One line for the console when the report itself goes to a file."""
        counts = self.counts
        severities = f"{counts.errors} error, {counts.warnings} warning, {counts.info} info"
        return f"sesguard: {self.verdict} ({severities}{suppressed_counts(self)})"

    def summary_dict(self) -> dict:
        doc = self.counts.by_severity()
        if self.applies_to == "code":  # only code carries `sesguard: ignore[…]` comments
            doc["suppressed"] = self.counts.suppressed
        doc.update(self.summary.to_dict())
        if self.settled:
            doc["waived"] = self.counts.waived
            doc["baselined"] = self.counts.baselined
            doc["expired_waivers"] = len(self.expired_waivers)
        return doc

    def to_dict(self) -> dict:
        from . import __version__

        doc = {
            "version": __version__,
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary_dict(),
        }
        for key in ("expired_waivers", "stale_waivers"):
            if getattr(self, key):
                doc[key] = [w.to_dict() for w in getattr(self, key)]
        return doc


def suppressed_counts(report: Report) -> str:
    """`, 1 suppressed, 2 waived, 1 baseline, 1 expired waiver(s)` — empty when nothing is
    suppressed. Each finding counts once, under what suppresses it (suppression_note)."""
    counts = report.counts
    ignored, waived, baselined = counts.suppressed, counts.waived, counts.baselined
    parts = [
        f"{ignored} suppressed" if ignored else "",
        f"{waived} waived" if waived else "",
        f"{baselined} baseline" if baselined else "",
        f"{len(report.expired_waivers)} expired waiver(s)" if report.expired_waivers else "",
    ]
    return "".join(f", {part}" for part in parts if part)
