"""Markdown for a pull-request comment: verdict line, then one table per stream."""

from __future__ import annotations

from ..findings import Report
from . import by_stream, stream_label

ICONS = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}


def cell(text: str | None) -> str:
    return (text or "–").replace("|", "\\|").replace("\n", " ")


def render(report: Report, source: str) -> str:
    s = report.summary
    verdict = ("✅ **sesguard: passed**", "❌ **sesguard: blocked**",
               "⛔ **sesguard: incomplete**")[report.exit_code]  # fmt: skip
    out = [
        f"{verdict} — {s.get('errors', 0)} error(s), {s.get('warnings', 0)} warning(s), "
        f"{s.get('info', 0)} info (`{cell(source)}`)",
        "",
        *(f"- not read: {cell(what)}" for what in report.incomplete),
        *([""] if report.incomplete else []),
    ]
    for stream, findings in by_stream(report).items():
        out += [
            f"### {cell(stream_label(report, stream))}",
            "",
            "| | rule | resource | finding | fix |",
            "|---|---|---|---|---|",
        ]
        out += [
            f"| {ICONS[f.severity]} | {f.rule} | `{cell(f.address)}` | {cell(f.message)} "
            f"| {cell(f.remediation)} |"
            for f in findings
        ]
        out.append("")
    return "\n".join(out)
