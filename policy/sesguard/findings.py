"""What the gate returns: findings and a report. Plain data, no rendering."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # error | warning | info
    stream: str | None  # None: not tied to one stream (an identity, a policy, …)
    address: str | None  # Terraform resource address, None for a missing resource
    message: str
    remediation: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Report:
    findings: list[Finding]
    summary: dict = field(default_factory=dict)
    # What was checked: "plan", "live" (audit) or "code" (scan). Keyword-only, so that
    # subclasses (the audit's report) keep adding positional fields after `summary`.
    applies_to: str = field(default="plan", kw_only=True)
    # What could not be read that the verdict needs (an audit's unread lanes): then the
    # report is no verdict at all, whatever its findings say.
    incomplete: list[str] = field(default_factory=list, kw_only=True)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def exit_code(self) -> int:
        """2 when incomplete, else 1 when any error-severity finding, else 0."""
        return 2 if self.incomplete else 1 if self.errors else 0

    @property
    def verdict(self) -> str:
        return ("PASS", "FAIL", "INCOMPLETE")[self.exit_code]

    def verdict_line(self) -> str:
        """One line for the console when the report itself goes to a file."""
        verdict = self.verdict
        counts = ", ".join(
            f"{len([f for f in self.findings if f.severity == s])} {s}" for s in SEVERITIES
        )
        return f"sesguard: {verdict} ({counts})"

    def to_dict(self) -> dict:
        from . import __version__

        return {
            "version": __version__,
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary,
        }
