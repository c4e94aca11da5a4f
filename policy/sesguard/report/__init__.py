"""Reporters: Report → text. Each format is imported only when asked for (startup time)."""

from __future__ import annotations

import os
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..findings import Report
    from .source_map import SourceMap

# Every `<format>_report.py` here is a format, found without importing it; text (the default)
# first. A directory listing, not pkgutil.iter_modules: that imports `inspect` (and `ast`,
# `dis`), which the parser would then hold in memory before the plan is even read.
FORMATS = tuple(
    sorted(
        {name.removesuffix("_report.py") for folder in __path__ for name in os.listdir(folder)
         if name.endswith("_report.py")},
        key=lambda fmt: (fmt != "text", fmt),
    )
)  # fmt: skip


def file_ending(fmt: str) -> str:
    """The file name ending a report in this format gets (its module's ``FILE_ENDING``)."""
    return import_module(f".{fmt}_report", __name__).FILE_ENDING


def render(
    report: Report,
    fmt: str = "text",
    source: str = "plan.json",
    sources: SourceMap | None = None,
) -> str:
    """Render a report; ``source`` names the plan file (SARIF artifact, JUnit suite name).

    ``sources`` (a :class:`~sesguard.report.source_map.SourceMap`) puts SARIF results on
    the declaring `.tf` lines; the other formats name addresses and do not use it.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module = import_module(f".{fmt}_report", __name__)
    if fmt == "sarif":
        return module.render(report, source, sources)
    return module.render(report, source)


def checked_rules(report: Report) -> tuple:
    """The rules that apply to what was checked (a plan, a live account, code), in rule
    order, plus any other rule with a finding here: what JUnit and SARIF list."""
    from ..rules import RULES

    found = {f.rule for f in report.findings}
    return tuple(r for r in RULES if report.applies_to in r.applies_to or r.id in found)


def by_stream(report: Report) -> dict[str, list]:
    """Findings grouped by stream, stream-less findings last under "(no stream)"."""
    groups: dict[str, list] = {}
    for finding in report.findings:
        groups.setdefault(finding.stream or "(no stream)", []).append(finding)
    return groups


def stream_label(report: Report, name: str) -> str:
    info = getattr(report.summary, "streams", {}).get(name)
    if info is None:
        return name
    return f"{name} (class {info['class'] or 'unknown: only class-independent rules applied'})"
