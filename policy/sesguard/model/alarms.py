"""CloudWatch metric alarms, parsed once per source into the model's `Alarm`.

A plan's `aws_cloudwatch_metric_alarm` and a DescribeAlarms answer spell the same alarm
differently (`metric_query[].metric[]` blocks, `Metrics[].MetricStat`); both become one
`Alarm` with one `Metric` per metric it reads (its query id, period and statistic kept),
which the rules, the audit and the plan-vs-live read-back compare.
"""

from __future__ import annotations

from typing import Any

from ..values import UNKNOWN, Attrs, is_set
from .configuration import Configuration
from .entities import Alarm, Metric, Resource
from .ses_metrics import METRIC_EVENTS, NAMESPACE


def alarm_from_plan(res: Resource, configuration: Configuration) -> Alarm:
    """The alarm a plan's `aws_cloudwatch_metric_alarm` will be."""
    a = res.after
    metrics, expression, returns_count = [], None, False
    if is_set(a.text("metric_name")):
        statistic = a.text("statistic")
        metrics.append(
            Metric(
                a.text("namespace"),
                a.text("metric_name"),
                a.mapping("dimensions"),
                period=a.number("period"),
                stat=statistic if is_set(statistic) else a.text("extended_statistic"),
            )
        )
    queries = a.blocks("metric_query")
    for query in queries if isinstance(queries, list) else []:
        if query.flag("return_data") is True and is_set(query.text("expression")):
            expression = query.text("expression")
        metric = query.block("metric")
        if isinstance(metric, Attrs):
            metrics.append(
                Metric(
                    metric.text("namespace"),
                    metric.text("metric_name"),
                    metric.mapping("dimensions"),
                    query.text("id"),
                    metric.number("period"),
                    metric.text("stat"),
                )
            )
            if query.flag("return_data") is True and metrics[-1].name in METRIC_EVENTS:
                returns_count = True
    actions = a.strings("alarm_actions")
    if actions is UNKNOWN:
        # `alarm_actions = [aws_sns_topic.x.arn]` is unknown until apply, but the
        # configuration shows it names a resource: the alarm will have an action.
        expr = configuration.expression(res.module, res.config_address, ("alarm_actions",))
        has_actions = True if expr and expr.get("references") else UNKNOWN
    else:
        has_actions = bool(actions) if is_set(actions) else False
    if a.flag("actions_enabled") is False:
        has_actions = False  # CloudWatch keeps the actions but never runs them
    return Alarm(
        res,
        name=a.text("alarm_name"),
        metrics=tuple(metrics),
        expression=expression,
        threshold=a.number("threshold"),
        comparison=a.text("comparison_operator"),
        has_actions=has_actions,
        actions=actions if isinstance(actions, tuple) else UNKNOWN if actions is UNKNOWN else (),
        returns_count=returns_count,
    )


def alarm_from_api(raw: dict, res: Resource) -> Alarm:
    """The alarm one DescribeAlarms `MetricAlarms` entry describes."""
    metrics, expression, returns_count = [], None, False
    if raw.get("MetricName"):
        statistic = raw.get("Statistic") or raw.get("ExtendedStatistic")
        metrics.append(
            Metric(raw.get("Namespace"), raw["MetricName"], _dims(raw), "", raw.get("Period"),
                   statistic)
        )  # fmt: skip
    for query in raw.get("Metrics") or ():
        returned = query.get("ReturnData", True)
        if returned and query.get("Expression"):
            expression = query["Expression"]
        stat = query.get("MetricStat")
        if stat:
            metric = stat.get("Metric") or {}
            metrics.append(
                Metric(metric.get("Namespace"), metric.get("MetricName"), _dims(metric),
                       query.get("Id", ""), stat.get("Period"), stat.get("Stat"))
            )  # fmt: skip
            if returned and metric.get("MetricName") in METRIC_EVENTS:
                returns_count = True
    actions = tuple(raw.get("AlarmActions") or ())
    return Alarm(
        res,
        name=raw["AlarmName"],
        metrics=tuple(metrics),
        expression=expression,
        threshold=raw.get("Threshold", UNKNOWN),
        comparison=raw.get("ComparisonOperator", UNKNOWN),
        # CloudWatch keeps the actions of a disabled alarm but never runs them.
        has_actions=bool(actions) and raw.get("ActionsEnabled", True) is not False,
        actions=actions,
        returns_count=returns_count,
    )


def is_ses_alarm(raw: dict) -> bool:
    """A DescribeAlarms entry watching at least one AWS/SES metric."""
    if raw.get("Namespace") == NAMESPACE:
        return True
    return any(
        ((query.get("MetricStat") or {}).get("Metric") or {}).get("Namespace") == NAMESPACE
        for query in raw.get("Metrics") or ()
    )


def _dims(raw: dict) -> dict[str, Any]:
    return {d["Name"]: d["Value"] for d in raw.get("Dimensions") or ()}
