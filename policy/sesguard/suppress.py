"""Living with findings that cannot be fixed today: waivers (config), baselines (a file) and,
for code, `sesguard: ignore[RULE] reason` comments at the send (scan/inline.py).

A suppressed finding is still reported, marked with why; only its effect on the verdict
changes. Applied after the rules, to any report (`check`, `audit`, `scan`), so the rules
and reporters never need to know.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from .findings import Finding, Report, Waiver

if TYPE_CHECKING:
    from datetime import date


def address_pattern(glob: str) -> re.Pattern[str]:
    """`*` any run of characters, `?` one; everything else literal. fnmatch would read the
    brackets of `module.stream["marketing"]` as a character class and match nothing."""
    return re.compile(re.escape(glob).replace(r"\*", ".*").replace(r"\?", "."), re.DOTALL)


def waiver_matches(waiver: Waiver, finding: Finding) -> bool:
    """Same rule, and the address (the stream when the finding has no address) matches."""
    target = finding.address or finding.stream or ""
    return waiver.rule == finding.rule and address_pattern(waiver.address).fullmatch(target)


def settle(
    report: Report,
    waivers: tuple[Waiver, ...] = (),
    baseline: Counter[str] | None = None,
    today: date | None = None,
) -> Report:
    """``report`` with its findings marked waived or baselined and its expired and stale
    waivers recorded: a new report, so its counts are counted anew. ``baseline``:
    fingerprint → how many findings it covers."""
    if not waivers and baseline is None:
        return report
    from datetime import date  # only waivers and a baseline get here

    today = today or date.today()
    expired = [w for w in waivers if w.expires < today]
    holding = [w for w in waivers if w.expires >= today]
    used: set[Waiver] = set()
    remaining = Counter(baseline or {})
    settled = []
    for finding in report.findings:
        if finding.ignored is not None:  # settled in the source, beside the send
            settled.append(finding)
            continue
        waiver = next((w for w in holding if waiver_matches(w, finding)), None)
        if waiver is not None:
            used.add(waiver)
            finding = replace(finding, waived=waiver)
        elif remaining[finding.fingerprint()] > 0:
            # Counted: a second finding with the same fingerprint is new, not baselined.
            remaining[finding.fingerprint()] -= 1
            finding = replace(finding, baselined=True)
        settled.append(finding)
    return replace(
        report,
        findings=settled,
        expired_waivers=expired,
        stale_waivers=[w for w in holding if w not in used],
        settled=True,
    )


def waiver_label(waiver: Waiver) -> str:
    """A waiver named in one line: `SES004 module.x.*`."""
    return f"{waiver.rule} {waiver.address}"


def expired_note(waiver: Waiver) -> str:
    return f"waiver {waiver_label(waiver)} expired on {waiver.expires.isoformat()}: {waiver.reason}"


def stale_note(waiver: Waiver) -> str:
    return f"waiver {waiver_label(waiver)} matches no finding: {waiver.reason}"
