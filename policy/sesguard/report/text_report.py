from __future__ import annotations

from ..findings import Report, suppressed_counts
from ..suppress import expired_note, stale_note
from . import by_stream, stream_label

FILE_ENDING = "txt"


def render(report: Report, source: str) -> str:
    lines = []
    found = by_stream(report)
    # Every stream of the plan is listed, clean ones too; stream-less findings last.
    names = sorted(set(getattr(report.summary, "streams", {})) | set(found) - {"(no stream)"})
    groups = {name: found.get(name, []) for name in names}
    if "(no stream)" in found:
        groups["(no stream)"] = found["(no stream)"]
    for name, findings in groups.items():
        lines.append(f"{stream_label(report, name)}: {_count(findings)}")
        for f in findings:
            lines.append(f"  {f.severity.upper():7} {f.rule} {f.address or '-'}")
            lines.append(f"          {f.message}")
            lines.append(f"          fix: {f.remediation}")
            if f.suppression_note:
                lines.append(f"          {f.suppression_note}")
    counts = report.counts
    lines += [f"NOT READ {what}" for what in report.incomplete]
    lines += [f"EXPIRED {expired_note(w)}" for w in report.expired_waivers]
    lines += [f"STALE {stale_note(w)}" for w in report.stale_waivers]
    lines.append(
        f"{report.verdict}: {counts.errors} error(s), {counts.warnings} warning(s), "
        f"{counts.info} info{suppressed_counts(report)} in {source}"
    )
    return "\n".join(lines) + "\n"


def _count(findings) -> str:
    return "ok" if not findings else f"{len(findings)} finding(s)"
