"""Reporters: Report → text. Each format is imported only when asked for (startup time)."""

from __future__ import annotations

from importlib import import_module

from ..findings import Report

FORMATS = ("text", "json", "junit", "sarif", "markdown")


def render(report: Report, fmt: str = "text", source: str = "plan.json") -> str:
    """Render a report; ``source`` names the plan file (SARIF artifact, JUnit suite name)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    return import_module(f".{fmt}_report", __name__).render(report, source)


def by_stream(report: Report) -> dict[str, list]:
    """Findings grouped by stream, stream-less findings last under "(no stream)"."""
    groups: dict[str, list] = {}
    for finding in report.findings:
        groups.setdefault(finding.stream or "(no stream)", []).append(finding)
    return groups


def stream_label(report: Report, name: str) -> str:
    info = report.summary.get("streams", {}).get(name)
    if info is None:
        return name
    return f"{name} (class {info['class'] or 'unknown: only class-independent rules applied'})"
