"""What an alarm's metrics say at one moment: CloudWatch's rules, no side effects.

At a period boundary `t` an alarm reads its last `EvaluationPeriods` complete
periods, [t - N*P, t). Each period gives one datapoint (the statistic of the
metric, or the value of the metric math query with ReturnData) or none. A
missing datapoint counts as TreatMissingData says (`breaching`,
`notBreaching`; `missing` and `ignore` leave it out). The alarm is ALARM when
at least DatapointsToAlarm (default N) datapoints breach; otherwise OK, unless
no datapoint is left: then INSUFFICIENT_DATA for `missing`, the current state
for `ignore`. Unsupported features (percentiles, anomaly bands, metric math
functions the emulator does not know) raise `AlarmConfigError`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from . import metric_math
from .metric_index import STATISTICS, MetricIndex, metric_key

COMPARISONS = {
    "GreaterThanThreshold": (lambda v, t: v > t, "greater than"),
    "GreaterThanOrEqualToThreshold": (lambda v, t: v >= t, "greater than or equal to"),
    "LessThanThreshold": (lambda v, t: v < t, "less than"),
    "LessThanOrEqualToThreshold": (lambda v, t: v <= t, "less than or equal to"),
}
MISSING_TREATMENTS = ("missing", "notBreaching", "breaching", "ignore")


class AlarmConfigError(ValueError):
    """The alarm uses something the emulator cannot evaluate (the message names it)."""


@dataclass(frozen=True)
class Verdict:
    state: str | None  # None: keep the current state (TreatMissingData = ignore, no data)
    reason: str
    reason_data: dict[str, Any]


def period_of(alarm: Any) -> int:
    """The alarm's period in seconds (a metric math alarm's is its metrics' period)."""
    if alarm.metric_data_queries:
        periods = [int(q.metric_stat.period) for q in alarm.metric_data_queries
                   if q.metric_stat is not None and q.metric_stat.period]  # fmt: skip
        if not periods:
            raise AlarmConfigError("no query of the metric math alarm has a MetricStat period")
        return max(periods)
    if not alarm.period:
        raise AlarmConfigError("the alarm has no Period")
    return int(alarm.period)


def check(alarm: Any) -> None:
    """Raise AlarmConfigError for anything `judge` cannot evaluate."""
    if alarm.comparison_operator not in COMPARISONS:
        raise AlarmConfigError(
            f"comparison operator {alarm.comparison_operator} (anomaly detection bands) is not "
            "supported by the SES emulator"
        )
    if alarm.extended_statistic:
        raise AlarmConfigError(
            f"extended statistic {alarm.extended_statistic} (percentiles) is not supported by the "
            "SES emulator; use one of " + ", ".join(STATISTICS)
        )
    treatment = alarm.treat_missing_data or "missing"
    if treatment not in MISSING_TREATMENTS:
        raise AlarmConfigError(f"TreatMissingData {treatment} is not one of "
                               + ", ".join(MISSING_TREATMENTS))  # fmt: skip
    period_of(alarm)
    queries = alarm.metric_data_queries
    if not queries:
        if alarm.statistic not in STATISTICS:
            raise AlarmConfigError(f"statistic {alarm.statistic} is not one of "
                                   + ", ".join(STATISTICS))  # fmt: skip
        return
    ids = {q.id for q in queries}
    for query in queries:
        if query.expression:
            node = _parse(query)
            unknown = metric_math.references(node) - ids
            if unknown:
                names = ", ".join(sorted(unknown))
                raise AlarmConfigError(f"query {query.id} reads {names}, which no query defines")
        elif query.metric_stat is None:
            raise AlarmConfigError(f"query {query.id} has neither Expression nor MetricStat")
        elif query.metric_stat.stat not in STATISTICS:
            raise AlarmConfigError(f"query {query.id}: statistic {query.metric_stat.stat} is not "
                                   "supported by the SES emulator; use one of "
                                   + ", ".join(STATISTICS))  # fmt: skip
    if len([q for q in queries if returns(q)]) != 1:
        raise AlarmConfigError("exactly one query of a metric math alarm must have ReturnData")


def judge(alarm: Any, index: MetricIndex, at: int) -> Verdict:
    """The state the alarm's datapoints call for at period boundary `at` (epoch seconds)."""
    check(alarm)
    period, count = period_of(alarm), int(alarm.evaluation_periods)
    starts = [at - (count - i) * period for i in range(count)]
    series = _series(alarm, index, starts, period)
    values = [series.get(start) for start in starts]
    compare, words = COMPARISONS[alarm.comparison_operator]
    threshold = float(alarm.threshold)
    treatment = alarm.treat_missing_data or "missing"
    breaching = [
        (compare(v, threshold) if v is not None else {"breaching": True,
                                                      "notBreaching": False}.get(treatment))
        for v in values
    ]  # fmt: skip
    needed = int(alarm.datapoints_to_alarm or count)
    hits = sum(1 for b in breaching if b)
    present = [(s, v) for s, v in zip(starts, values, strict=True) if v is not None]
    data = _reason_data(alarm, at, starts, period, present, threshold)
    shown = " ".join(f"[{_number(v)} ({_stamp(s)})]" for s, v in reversed(present)) or "[]"
    if hits >= needed:
        state = "ALARM"
        reason = (f"Threshold Crossed: {hits} out of the last {count} datapoints {shown} "
                  f"{'was' if hits == 1 else 'were'} {words} the threshold ({_number(threshold)}) "
                  f"(minimum {needed} datapoint{'s' if needed > 1 else ''} for OK -> ALARM "
                  "transition).")  # fmt: skip
    elif any(b is not None for b in breaching):
        state = "OK"
        missing = len(values) - len(present)
        if present:
            reason = (f"Threshold Crossed: {len(present)} out of the last {count} datapoints "
                      f"{shown} {'was' if len(present) == 1 else 'were'} not {words} the "
                      f"threshold ({_number(threshold)}).")  # fmt: skip
        else:
            periods, were = ("periods", "datapoints were") if missing > 1 else (
                "period", "datapoint was")  # fmt: skip
            reason = (f"Threshold Crossed: no datapoints were received for {missing} {periods} "
                      f"and {missing} missing {were} treated as [NonBreaching].")  # fmt: skip
    else:
        state = None if treatment == "ignore" else "INSUFFICIENT_DATA"
        reason = (f"Insufficient Data: {count} datapoint{'s were' if count > 1 else ' was'} "
                  "unknown.")  # fmt: skip
    return Verdict(state, reason, data)


def returns(query: Any) -> bool:
    return str(query.return_data).lower() == "true" if query.return_data is not None else (
        query.expression is not None)  # fmt: skip


def _parse(query: Any) -> metric_math.Node:
    try:
        return metric_math.parse(query.expression)
    except metric_math.MathError as error:
        raise AlarmConfigError(f"query {query.id}: {error}") from None


def _series(alarm: Any, index: MetricIndex, starts: list[int], period: int) -> dict[int, float]:
    def stat_series(namespace: str, name: str, dimensions: Any, statistic: str) -> dict[int, float]:
        key = metric_key(namespace, name, dimensions)
        points = {s: index.statistic(key, statistic, s, s + period) for s in starts}
        return {s: v for s, v in points.items() if v is not None}

    if not alarm.metric_data_queries:
        return stat_series(alarm.namespace, alarm.metric_name, alarm.dimensions, alarm.statistic)
    queries = {q.id: q for q in alarm.metric_data_queries}
    values: dict[str, metric_math.Value] = {}

    def value_of(query_id: str, visiting: frozenset[str]) -> metric_math.Value:
        if query_id in values:
            return values[query_id]
        if query_id in visiting:
            raise AlarmConfigError(f"query {query_id} refers to itself")
        query = queries[query_id]
        if query.expression:
            node = _parse(query)
            inputs = {ref: value_of(ref, visiting | {query_id})
                      for ref in metric_math.references(node)}  # fmt: skip
            try:
                result = metric_math.evaluate(node, inputs, starts)
            except metric_math.MathError as error:
                raise AlarmConfigError(f"query {query_id}: {error}") from None
        else:
            metric = query.metric_stat.metric
            result = stat_series(metric.namespace, metric.metric_name, metric.dimensions,
                                 query.metric_stat.stat)  # fmt: skip
        values[query_id] = result
        return result

    (returned,) = [q.id for q in alarm.metric_data_queries if returns(q)]
    result = value_of(returned, frozenset())
    if isinstance(result, dict):
        return {s: v for s, v in result.items() if s in set(starts)}
    return dict.fromkeys(starts, result)


def _reason_data(alarm, at, starts, period, present, threshold) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": "1.0",
        "queryDate": _iso(at),
        "startDate": _iso(starts[0]),
    }
    if not alarm.metric_data_queries:
        data.update({"statistic": alarm.statistic, "period": period})
    data.update({
        "recentDatapoints": [v for _, v in present],
        "threshold": threshold,
        "evaluatedDatapoints": [{"timestamp": _iso(s), "value": v}
                                for s, v in reversed(present)],
    })  # fmt: skip
    return data


def _moment(seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc)


def _iso(seconds: int) -> str:
    return _moment(seconds).strftime("%Y-%m-%dT%H:%M:%S.000+0000")


def _stamp(seconds: int) -> str:
    return _moment(seconds).strftime("%d/%m/%y %H:%M:%S")


def _number(value: float) -> str:
    return repr(float(value)) if abs(value) < 1e15 else f"{value:.6g}"
