"""What the charts draw, as data: each alarm's periods, and which of them its guard counts.

A stream alarm's metric math reads `IF(send >= <sends> AND FILL(events, 0) >= <events>,
events / send, 0)`: below either minimum the alarm sees 0, whatever the rate. The
minimums are read from the applied alarm itself, the one place they take effect.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .runner import AlarmInfo, RunResult

VOLUME_METRIC = "Send"
# `<query id> >= <number>`, the id optionally wrapped in FILL(id, 0)
_MINIMUM = re.compile(r"(?:FILL\(\s*)?\b(\w+)\b(?:\s*,\s*0\s*\))?\s*>=\s*(\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class Guard:
    """The least a period needs before its alarm reads the rate instead of 0."""

    min_sends: int
    min_events: int = 0

    def counts(self, sends: int, events: int) -> bool:
        return sends >= self.min_sends and events >= self.min_events


def guard_of(name: str, expression: str | None, metrics: dict[str, str]) -> Guard | None:
    """The guard of an alarm's returned expression (`metrics`: query id -> metric name);
    None when the alarm has no IF guard. An IF whose send minimum cannot be read is an
    error: a chart that drew every period as counted would misstate the alarm."""
    if not expression or not expression.lstrip().upper().startswith("IF("):
        return None
    minimums = {metrics.get(query): float(number)
                for query, number in _MINIMUM.findall(_if_condition(expression))}  # fmt: skip
    if VOLUME_METRIC not in minimums:
        raise ValueError(f"alarm {name}: no `{VOLUME_METRIC} >= N` guard in {expression!r}")
    events = [value for metric, value in minimums.items() if metric not in (VOLUME_METRIC, None)]
    return Guard(int(minimums[VOLUME_METRIC]), int(max(events, default=0)))


def _if_condition(expression: str) -> str:
    """The first argument of the outermost IF(...)."""
    body = expression.lstrip()[3:]
    depth = 0
    for index, char in enumerate(body):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            return body[:index]
    return body


@dataclass(frozen=True)
class Period:
    """One alarm period of one configuration set: its sends, its bounces or complaints."""

    start: dt.datetime
    sends: int
    events: int
    counted: bool  # the alarm reads this period's rate (else 0: too few sends or events)

    @property
    def rate(self) -> float:
        return self.events / self.sends


def events_of(counts: Counter[str], kind: str) -> int:
    """A set's bounces as its Bounce metric counts them (suppression-list bounces too)."""
    return counts["bounces"] + counts["suppressed"] if kind == "bounce" else counts["complaints"]


def periods(
    steps: list[tuple[dt.datetime, Counter[str]]],
    kind: str,
    width: dt.timedelta,
    guard: Guard | None,
) -> list[Period]:
    """The steps' counts summed into periods of `width` (aligned like CloudWatch's, on
    multiples of the period since the epoch); a period without sends has no rate."""
    seconds = int(width.total_seconds())
    sums: dict[dt.datetime, list[int]] = {}
    for moment, counts in steps:
        start = dt.datetime.fromtimestamp(int(moment.timestamp()) // seconds * seconds,
                                          tz=dt.timezone.utc)  # fmt: skip
        total = sums.setdefault(start, [0, 0])
        total[0] += counts["sends"]
        total[1] += events_of(counts, kind)
    return [Period(start, sends, events, guard is None or guard.counts(sends, events))
            for start, (sends, events) in sorted(sums.items()) if sends]  # fmt: skip


def set_periods(result: RunResult, configuration_set: str, kind: str,
                alarm: AlarmInfo | None) -> list[Period]:  # fmt: skip
    """A set's periods as `alarm` reads them (its period and guard), else per step."""
    steps = [(moment, per_set.get(configuration_set, Counter()))
             for moment, per_set in zip(result.times, result.counts, strict=True)]  # fmt: skip
    width = alarm.period if alarm and alarm.period else result.scenario.step
    return periods(steps, kind, width, alarm.guard if alarm else None)


def alarm_spans(result: RunResult, alarm: str) -> list[tuple[dt.datetime, dt.datetime]]:
    """(from, to) of each time `alarm` was in ALARM; the last one may last to the run's end."""
    spans, since = [], None
    for transition in result.transitions:
        if transition.alarm != alarm:
            continue
        if transition.new == "ALARM" and since is None:
            since = transition.time
        elif transition.new != "ALARM" and since is not None:
            spans.append((since, transition.time))
            since = None
    if since is not None:
        spans.append((since, result.end))
    return spans


def accepted_over_time(result: RunResult, traffic: str) -> list[tuple[dt.datetime, int]]:
    """(end of step, messages of `traffic` SES accepted so far): planned minus refused."""
    scenario = result.scenario
    planned = scenario.traffic_named(traffic)
    total, points = 0, [(scenario.start, 0)]
    for step, (moment, refused) in enumerate(zip(result.times, result.refused_after, strict=True)):
        total += sum(count for _, count in scenario.volume(planned, step))
        points.append((moment + scenario.step, total - refused[traffic]))
    return points
