"""The lab's markdown report and console verdict table."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import charts, stream_charts
from .runner import RunResult
from .verdict import BOUNCE_LEVELS, COMPLAINT_LEVELS, Summary, stream_alarm, summarize


@dataclass(frozen=True)
class Written:
    markdown: Path
    charts: list[Path]
    overview: Path


def rows(lanes: RunResult, catch_all: RunResult) -> list[tuple[str, str, str]]:
    """(what, lanes, catch-all) lines of the verdict."""
    scenario = lanes.scenario
    start = scenario.campaign_start()
    campaign_lane = scenario.traffic_named(scenario.campaign).lane
    summaries = [summarize(lanes), summarize(catch_all)]

    def alarm_cell(result: RunResult, summary: Summary, kind: str) -> str:
        name = stream_alarm(result, campaign_lane, kind)
        if name is None:
            return "no such alarm"
        minutes = summary.minutes_after(name, start)
        return "stayed OK" if minutes is None else f"ALARM {minutes:+.0f} min"

    def pages(summary: Summary) -> str:
        return ", ".join(summary.paged) if summary.paged else "nobody"

    def resets(summary: Summary) -> str:
        total = summary.resets_delivered + summary.resets_suppressed
        return f"{summary.resets_delivered:,} of {total:,} delivered"

    def rate(value: float, levels: tuple[float, float], summary: Summary) -> str:
        return f"{value:.2%} ({summary.level(value, levels)})"

    pairs = list(zip([lanes, catch_all], summaries, strict=True))
    return [
        (f"{campaign_lane} bounce alarm after the campaign starts",
         *(alarm_cell(r, s, "bounce") for r, s in pairs)),
        (f"{campaign_lane} complaint alarm", *(alarm_cell(r, s, "complaint") for r, s in pairs)),
        ("on-call paged by", *(pages(s) for s in summaries)),
        ("lanes paused by the runbook",
         *(", ".join(f"{n} at {t:%H:%M}" for t, n in s.paused) or "none" for s in summaries)),
        ("campaign messages sent",
         *(f"{s.campaign_sent:,} of {s.campaign_planned:,}" for s in summaries)),
        ("resets to users who complained about marketing", *(resets(s) for s in summaries)),
        ("account bounce rate, peak", *(rate(s.peak_bounce, BOUNCE_LEVELS, s) for s in summaries)),
        ("account complaint rate, peak",
         *(rate(s.peak_complaint, COMPLAINT_LEVELS, s) for s in summaries)),
        ("messages accepted", *(f"{s.sent:,}" for s in summaries)),
        ("run time (apply excluded)", *(f"{r.seconds:.0f} s" for r in (lanes, catch_all))),
    ]  # fmt: skip


def verdict_table(lanes: RunResult, catch_all: RunResult) -> str:
    lines = rows(lanes, catch_all)
    widths = [max(len(row[i]) for row in [("", "lanes", "catch-all"), *lines]) for i in range(3)]
    render = lambda row: "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))  # noqa: E731
    return "\n".join([render(("", "lanes", "catch-all")),
                      render(tuple("-" * w for w in widths)), *map(render, lines)])  # fmt: skip


def verdict_markdown(lanes: RunResult, catch_all: RunResult) -> str:
    table = ["| | lanes (envs/local) | catch-all (lab/catch_all) |", "|---|---|---|"]
    return "\n".join(table + [f"| {what} | {a} | {b} |" for what, a, b in rows(lanes, catch_all)])


def write(lanes: RunResult, catch_all: RunResult, out: Path) -> Written:
    scenario = lanes.scenario
    campaign_lane = scenario.traffic_named(scenario.campaign).lane
    made = [
        stream_charts.streams(lanes, out / "streams-lanes.png"),
        stream_charts.streams(catch_all, out / "streams-catch-all.png"),
        charts.account(lanes, catch_all, out / "account.png"),
        charts.resets(lanes, catch_all, out / "resets.png"),
    ]
    overview = charts.overview(lanes, catch_all, campaign_lane, out / "overview.png")
    transitions = ["| run | time | alarm | from | to |", "|---|---|---|---|---|"]
    transitions += [f"| {r.kind} | {t.time:%H:%M} | {t.alarm} | {t.old} | {t.new} |"
                    for r in (lanes, catch_all) for t in r.transitions]  # fmt: skip
    notified = ["| run | time | route | alarm | state |", "|---|---|---|---|---|"]
    notified += [f"| {r.kind} | {n.time:%H:%M} | {n.route} | {n.alarm} | {n.new} |"
                 for r in (lanes, catch_all) for n in r.notifications]  # fmt: skip
    text = "\n".join([
        f"# Lab: {scenario.name}",
        "",
        scenario.description,
        "",
        f"Scenario `{scenario.source.name}`: {scenario.messages:,} messages planned over "
        f"{scenario.hours} h from {scenario.start:%Y-%m-%d %H:%M} UTC, in "
        f"{scenario.step_minutes}-minute steps; the campaign starts at "
        f"{scenario.campaign_start():%H:%M}.",
        "",
        "## Verdict",
        "",
        verdict_markdown(lanes, catch_all),
        "",
        "![overview](overview.png)",
        "",
        "## Alarm state changes (DescribeAlarmHistory)",
        "",
        *transitions,
        "",
        "## Alarm notifications received (SQS queues on the alarm topics)",
        "",
        *notified,
        "",
        "## Charts",
        "",
        *(f"![{p.stem}]({p.name})" for p in made),
        "",
    ])  # fmt: skip
    markdown = out / "report.md"
    markdown.write_text(text)
    return Written(markdown, [*made, overview], overview)
