"""Markdown for a pull-request comment: verdict line, then one table per stream.

Every value here came from the plan, the account or the code, so it is text, never markup:
a set named ``<img src=x onerror=...>`` must show as those characters, and ``x<!--`` must
not hide the findings after it.
"""

from __future__ import annotations

import re

from ..findings import Finding, Report, suppressed_counts
from ..suppress import expired_note, stale_note
from . import by_stream, stream_label

FILE_ENDING = "md"

ICONS = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}
# What CommonMark and GitHub read as markup inside a table cell: emphasis, link and image
# brackets, code spans, strikethrough, cell borders, and the backslash that escapes them.
# HTML is neutralised by entities; a heading or list needs a line start, which a cell lacks.
_MARKUP = re.compile(r"([\\`*_\[\]~|])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def cell(text: str | None) -> str:
    """``text`` as literal characters in a one-line table cell."""
    if not text:
        return "–"
    escaped = "".join(_ENTITIES.get(char, char) for char in text)
    return " ".join(_MARKUP.sub(r"\\\1", escaped).split())


def code(text: str | None) -> str:
    """``text`` in monospace. Not a backtick code span: backslash escapes do not work inside
    one, so a backtick in the value would end it; <code> keeps the escapes working."""
    return f"<code>{cell(text)}</code>" if text else "–"


def render(report: Report, source: str) -> str:
    counts = report.counts
    verdict = ("✅ **sesguard: passed**", "❌ **sesguard: blocked**",
               "⛔ **sesguard: incomplete**")[report.exit_code]  # fmt: skip
    out = [
        f"{verdict} — {counts.errors} error(s), {counts.warnings} warning(s), "
        f"{counts.info} info{suppressed_counts(report)} ({code(source)})",
        "",
    ]
    notes = [
        *(f"- not read: {cell(what)}" for what in report.incomplete),
        *(f"- ⌛ {cell(expired_note(w))}" for w in report.expired_waivers),
        *(f"- stale: {cell(stale_note(w))}" for w in report.stale_waivers),
    ]
    out += [*notes, ""] if notes else []
    for stream, findings in by_stream(report).items():
        out += [
            f"### {cell(stream_label(report, stream))}",
            "",
            "| | rule | resource | finding | fix |",
            "|---|---|---|---|---|",
        ]
        out += [
            f"| {ICONS[f.severity]} | {f.rule} | {code(f.address)} | {_finding_cell(f)} "
            f"| {cell(f.remediation)} |"
            for f in findings
        ]
        out.append("")
    return "\n".join(out)


def _finding_cell(finding: Finding) -> str:
    """The message; a suppressed finding says why on a second line of its cell."""
    note = finding.suppression_note
    return f"{cell(finding.message)}<br>*{cell(note)}*" if note else cell(finding.message)
