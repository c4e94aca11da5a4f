"""Per-second aggregates of moto's CloudWatch datapoints, for alarm evaluation.

moto keeps every datapoint in one list; scanning it for every alarm and period
would make a simulated day quadratic. The index reads each new datapoint once
(a cursor into moto's list) and keeps, per metric (namespace, name, exact
dimension set), count, sum, minimum and maximum per second.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

MetricKey = tuple[str, str, frozenset[tuple[str, str]]]

# The statistics an alarm may name (Statistic); percentiles (ExtendedStatistic) are refused.
STATISTICS = ("SampleCount", "Sum", "Average", "Minimum", "Maximum")


def epoch(moment: Any) -> int:
    """Whole epoch seconds of a datapoint's timestamp (moto stores naive UTC or aware)."""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment.replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return calendar.timegm(moment.timetuple())


def metric_key(namespace: str, name: str, dimensions: Any) -> MetricKey:
    pairs = frozenset(
        (d["Name"], d["Value"]) if isinstance(d, dict) else (d.name, d.value)
        for d in dimensions or ()
    )
    return namespace, name, pairs


@dataclass
class Series:
    seconds: list[int] = field(default_factory=list)  # sorted
    # second -> [sample count, sum, minimum, maximum]
    buckets: dict[int, list[float]] = field(default_factory=dict)

    def add(self, second: int, count: float, total: float, low: float, high: float) -> None:
        bucket = self.buckets.get(second)
        if bucket is None:
            self.buckets[second] = [count, total, low, high]
            bisect.insort(self.seconds, second)
            return
        bucket[0] += count
        bucket[1] += total
        bucket[2] = min(bucket[2], low)
        bucket[3] = max(bucket[3], high)

    def statistic(self, statistic: str, start: int, end: int) -> float | None:
        """`statistic` over [start, end), or None when no datapoint falls in it."""
        first = bisect.bisect_left(self.seconds, start)
        last = bisect.bisect_left(self.seconds, end)
        if first == last:
            return None
        chosen = [self.buckets[s] for s in self.seconds[first:last]]
        count = sum(b[0] for b in chosen)
        total = sum(b[1] for b in chosen)
        return {
            "SampleCount": lambda: count,
            "Sum": lambda: total,
            "Average": lambda: total / count if count else None,
            "Minimum": lambda: min(b[2] for b in chosen),
            "Maximum": lambda: max(b[3] for b in chosen),
        }[statistic]()


class MetricIndex:
    def __init__(self) -> None:
        self.series: dict[MetricKey, Series] = {}
        self._source: list[Any] | None = None
        self._cursor = 0

    def catch_up(self, metric_data: list[Any]) -> None:
        """Index what moto stored since the last call (all of it after a reset)."""
        if metric_data is not self._source or len(metric_data) < self._cursor:
            self.series.clear()
            self._source, self._cursor = metric_data, 0
        for datum in metric_data[self._cursor :]:
            key = metric_key(datum.namespace, datum.name, datum.dimensions)
            second = epoch(datum.timestamp)
            if hasattr(datum, "value"):
                value = float(datum.value)
                numbers = (1.0, value, value, value)
            else:  # StatisticValues
                numbers = (datum.sample_count, datum.sum, datum.min, datum.max)
            self.series.setdefault(key, Series()).add(second, *numbers)
        self._cursor = len(metric_data)

    def statistic(self, key: MetricKey, statistic: str, start: int, end: int) -> float | None:
        series = self.series.get(key)
        return None if series is None else series.statistic(statistic, start, end)
