"""The lab's markdown report and console verdict table."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import charts, stream_charts
from .runner import RunResult
from .verdict import BOUNCE_LEVELS, COMPLAINT_LEVELS, TITLES, Summary, stream_alarm, summarize


@dataclass(frozen=True)
class Written:
    markdown: Path
    charts: list[Path]
    overview: Path


def rows(runs: list[RunResult]) -> list[tuple[str, ...]]:
    """(what, one cell per run) lines of the verdict."""
    scenario = runs[0].scenario
    start = scenario.campaign_start()
    campaign_lane = scenario.traffic_named(scenario.campaign).lane
    summaries = [summarize(result) for result in runs]

    def alarm_cell(result: RunResult, summary: Summary, kind: str) -> str:
        name = stream_alarm(result, campaign_lane, kind)
        if name is None:
            return "no such alarm"
        minutes = summary.minutes_after(name, start)
        return "stayed OK" if minutes is None else f"ALARM {minutes:+.0f} min"

    def pages(summary: Summary) -> str:
        return ", ".join(summary.paged) if summary.paged else "nobody"

    def paused(summary: Summary) -> str:
        return "; ".join(f"{p.configuration_set} at {p.time:%H:%M} by {p.by}"
                         for p in summary.paused) or "none"  # fmt: skip

    def resets(summary: Summary) -> str:
        total = summary.resets_delivered + summary.resets_suppressed + summary.resets_refused
        return f"{summary.resets_delivered:,} of {total:,} delivered"

    def rate(value: float, levels: tuple[float, float], summary: Summary) -> str:
        return f"{value:.2%} ({summary.level(value, levels)})"

    pairs = list(zip(runs, summaries, strict=True))
    return [
        (f"{campaign_lane} bounce alarm after the campaign starts",
         *(alarm_cell(r, s, "bounce") for r, s in pairs)),
        (f"{campaign_lane} complaint alarm", *(alarm_cell(r, s, "complaint") for r, s in pairs)),
        ("on-call paged by", *(pages(s) for s in summaries)),
        ("paused automatically", *(paused(s) for s in summaries)),
        ("campaign messages sent",
         *(f"{s.campaign_sent:,} of {s.campaign_planned:,}" for s in summaries)),
        (f"{scenario.resets} refused (sending paused)",
         *(f"{s.all_resets_refused:,} of {s.all_resets_planned:,}" for s in summaries)),
        (f"{scenario.resets} to users who complained about marketing",
         *(resets(s) for s in summaries)),
        ("account bounce rate, peak", *(rate(s.peak_bounce, BOUNCE_LEVELS, s) for s in summaries)),
        ("account complaint rate, peak",
         *(rate(s.peak_complaint, COMPLAINT_LEVELS, s) for s in summaries)),
        ("messages accepted", *(f"{s.sent:,}" for s in summaries)),
        ("run time (apply excluded)", *(f"{r.seconds:.0f} s" for r in runs)),
    ]  # fmt: skip


def verdict_table(runs: list[RunResult]) -> str:
    """The verdict for a console: one column per run."""
    header = ("", *(r.kind for r in runs))
    lines = rows(runs)
    widths = [max(len(row[i]) for row in [header, *lines]) for i in range(len(header))]
    render = lambda row: "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))  # noqa: E731
    return "\n".join([render(header), render(tuple("-" * w for w in widths)),
                      *map(render, lines)])  # fmt: skip


def verdict_markdown(runs: list[RunResult]) -> str:
    table = ["| | " + " | ".join(TITLES[r.kind] for r in runs) + " |",
             "|---" * (len(runs) + 1) + "|"]  # fmt: skip
    return "\n".join(table + ["| " + " | ".join(row) + " |" for row in rows(runs)])


def write(runs: list[RunResult], out: Path) -> Written:
    scenario = runs[0].scenario
    campaign_lane = scenario.traffic_named(scenario.campaign).lane
    made = [stream_charts.streams(r, out / f"streams-{r.kind}.png") for r in runs]
    made += [charts.account(runs, out / "account.png"), charts.resets(runs, out / "resets.png")]
    overview = charts.overview(runs, campaign_lane, out / "overview.png")
    transitions = ["| run | time | alarm | from | to |", "|---|---|---|---|---|"]
    transitions += [f"| {r.kind} | {t.time:%H:%M} | {t.alarm} | {t.old} | {t.new} |"
                    for r in runs for t in r.transitions]  # fmt: skip
    notified = ["| run | time | route | alarm | state |", "|---|---|---|---|---|"]
    notified += [f"| {r.kind} | {n.time:%H:%M} | {n.route} | {n.alarm} | {n.new} |"
                 for r in runs for n in r.notifications]  # fmt: skip
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
        verdict_markdown(runs),
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
