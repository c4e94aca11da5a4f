"""Per configuration set: its bounce and complaint rate per alarm period, as its alarm reads it."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from .charts import COLOURS, plt, time_axis
from .runner import AlarmInfo, RunResult
from .series import Period, alarm_spans, set_periods
from .verdict import TITLES

KINDS = ("bounce", "complaint")
UNCOUNTED = "#9e9e9e"
HEADROOM = 1.15  # room above the highest point for the off-scale markers
ACCOUNT_LINE = "account rate since the start (its alarm reads it)"
PAUSED = "paused by {by} (sends refused)"
OFF_SCALE = 3  # context rates beyond this multiple of what the alarms read leave the scale


def percent(fraction: float) -> str:
    return f"{fraction * 100:.3g} %"


def minutes(width: dt.timedelta) -> str:
    total = int(width.total_seconds() // 60)
    return f"{total // 60} h" if total % 60 == 0 else f"{total} min"


def _alarm(result: RunResult, configuration_set: str | None, kind: str) -> AlarmInfo | None:
    found = [a for a in result.alarms.values()
             if a.configuration_set == configuration_set and a.kind == kind]  # fmt: skip
    return found[0] if len(found) == 1 else None


def scale(read: list[float], context: list[float]) -> float:
    """Top of the y axis: what the alarms read and their thresholds, and the context
    values within OFF_SCALE times that; higher ones are drawn at the top edge."""
    largest = max(read, default=0.0) or max(context, default=0.0) or 1.0
    return max([*read, *(c for c in context if c <= OFF_SCALE * largest)]) * HEADROOM


def _threshold_and_spans(axis, result: RunResult, alarm: AlarmInfo, label: str) -> None:
    axis.axhline(alarm.threshold * 100, color="black", linestyle="--", linewidth=0.9,
                 label=f"{label} {percent(alarm.threshold)}")  # fmt: skip
    for begin, end in alarm_spans(result, alarm.name):
        axis.axvspan(begin, end, facecolor="red", alpha=0.2, edgecolor="red", linewidth=1.5,
                     label="alarm in ALARM")  # fmt: skip
        late = begin >= result.end - (result.end - result.scenario.start) / 5
        axis.annotate(f"ALARM {begin:%H:%M}", (begin, 0), xytext=(-4 if late else 4, 4),
                      textcoords="offset points", color="red", fontsize=7,
                      ha="right" if late else "left")  # fmt: skip


def _context(axis, periods: list[Period], top: float, label: str) -> None:
    """Rates no alarm reads: hollow grey markers; above the scale, a triangle at the top."""
    inside = [p for p in periods if p.rate * 100 <= top]
    above = [p for p in periods if p.rate * 100 > top]
    axis.plot([p.start for p in inside], [p.rate * 100 for p in inside], linestyle="none",
              marker="o", markersize=4, markerfacecolor="none", markeredgecolor=UNCOUNTED,
              label=label)  # fmt: skip
    if above:
        highest = max(p.rate for p in above)
        axis.plot([p.start for p in above], [top * 0.97] * len(above), linestyle="none",
                  marker="^", markersize=6, color=UNCOUNTED,
                  label=f"the same, above this scale (up to {percent(highest)})")  # fmt: skip


def _read_line(axis, periods: list[Period], colour: str, label: str) -> None:
    """The rates an alarm reads: a line, broken at the periods it does not count."""
    if not any(p.counted for p in periods):
        return
    axis.plot([p.start for p in periods], [p.rate * 100 if p.counted else math.nan
                                           for p in periods],
              color=colour, linewidth=1.2, marker="o", markersize=3.5, label=label)  # fmt: skip


def _set_alarm(axis, result: RunResult, alarm: AlarmInfo, periods: list[Period], kind: str):
    """The set's own alarm: the rates it counts, its threshold; (values it reads, label of
    the periods it does not count)."""
    width = minutes(alarm.period or result.scenario.step)
    _read_line(
        axis, periods, COLOURS[result.kind], f"{kind} rate per {width}, counted by the alarm"
    )
    _threshold_and_spans(axis, result, alarm, "alarm threshold")
    guard = alarm.guard
    events = f" or {guard.min_events} {kind}s" if guard and guard.min_events else ""
    too_few = f"fewer than {guard.min_sends} sends{events}" if guard else ""
    read = [p.rate * 100 for p in periods if p.counted] + [alarm.threshold * 100]
    return read, f"{too_few}: not counted by the alarm (it reads 0)"


def _account_alarm(axis, result: RunResult, kind: str) -> list[float]:
    """No alarm on the set: the account's rate and alarm, if any; the values it reads."""
    account = _alarm(result, None, kind)
    if account is None:
        return []
    index = KINDS.index(kind) + 1
    rates = [r[index] * 100 for r in result.account_rates()]
    axis.plot([r[0] for r in result.account_rates()], rates, color="black", linewidth=1.4,
              label=ACCOUNT_LINE)  # fmt: skip
    _threshold_and_spans(axis, result, account, "account alarm threshold")
    return [*rates, account.threshold * 100]


def _stream_axis(axis, result: RunResult, configuration_set: str, kind: str) -> None:
    alarm = _alarm(result, configuration_set, kind)
    periods = set_periods(result, configuration_set, kind, alarm)
    if alarm is not None:
        read, context_label = _set_alarm(axis, result, alarm, periods, kind)
        ignored = [p for p in periods if not p.counted]
    else:
        read, ignored = _account_alarm(axis, result, kind), periods
        context_label = f"{kind} rate per {minutes(result.scenario.step)} (no alarm on this set)"
    top = scale(read, [p.rate * 100 for p in ignored])
    if ignored:
        _context(axis, ignored, top, context_label)
    for pause in result.paused:
        if pause.configuration_set == configuration_set:
            axis.axvspan(pause.time, result.end, facecolor="none", edgecolor=UNCOUNTED,
                         hatch="///", linewidth=0, label=PAUSED.format(by=pause.by))  # fmt: skip
    axis.set_title(f"{configuration_set}: {kind} rate", fontsize=10)
    axis.set_ylabel("%")
    axis.set_ylim(-top * 0.03, top)  # a little below 0, so markers at 0 show whole
    axis.set_xlim(result.scenario.start, result.end)
    time_axis(axis)
    axis.legend(
        fontsize=7.5, loc="upper left", bbox_to_anchor=(0, -0.1), ncol=1, frameon=False
    )  # below the panel: it covers no data


def streams(result: RunResult, path: Path) -> Path:
    """One row per configuration set: bounce rate, complaint rate."""
    sets = sorted(set(result.lane_sets.values()))
    figure, axes = plt.subplots(len(sets), 2, figsize=(13, 4.4 * len(sets) + 0.5),
                                squeeze=False, layout="constrained")  # fmt: skip
    for row, configuration_set in enumerate(sets):
        for column, kind in enumerate(KINDS):
            _stream_axis(axes[row][column], result, configuration_set, kind)
    figure.suptitle(f"{result.scenario.name}, {TITLES[result.kind]}: bounce and complaint rate "
                    "of each configuration set", fontsize=12)  # fmt: skip
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path
