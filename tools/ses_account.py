"""Building blocks of a well-isolated SES account, as boto3 request shapes.

Shared by the audit's tests (tests/audit/live_account.py) and its benchmark
(tools/bench_audit.py), which build accounts on the emulator the way the ses_stream
module sets one up, and by the hand-built accounts adopt is tested and benchmarked on
(tests/adopt/hand_built.py, tools/bench_adopt.py).
"""

from __future__ import annotations


def cloudwatch_destination(stream: str, event_types: list[str]) -> dict:
    """An enabled CloudWatch event destination publishing with the `stream` dimension."""
    return {
        "Enabled": True,
        "MatchingEventTypes": event_types,
        "CloudWatchDestination": {
            "DimensionConfigurations": [
                {
                    "DimensionName": "stream",
                    "DimensionValueSource": "MESSAGE_TAG",
                    "DefaultDimensionValue": stream,
                }
            ]
        },
    }


def rate_alarm_metrics(stream: str, metric: str, dimension: str = "stream") -> list[dict]:
    """Metric math of a per-stream rate alarm: the stream's `metric` count over its sends."""

    def count(qid: str, metric_name: str) -> dict:
        return {
            "Id": qid,
            "MetricStat": {
                "Metric": {
                    "Namespace": "AWS/SES",
                    "MetricName": metric_name,
                    "Dimensions": [{"Name": dimension, "Value": stream}],
                },
                "Period": 3600,
                "Stat": "Sum",
            },
            "ReturnData": False,
        }

    return [
        count("send", "Send"),
        count("events", metric),
        {"Id": "rate", "Expression": "IF(send >= 100, events / send, 0)", "ReturnData": True},
    ]


def dead_bounce_alarm(name: str, stream: str, alerts: str) -> dict:
    """The hand-made alarm that never fires: Reputation.BounceRate with a `stream` dimension,
    which SES never publishes (SES006), as put_metric_alarm's keyword arguments."""
    return {
        "AlarmName": name,
        "Namespace": "AWS/SES",
        "MetricName": "Reputation.BounceRate",
        "Dimensions": [{"Name": "stream", "Value": stream}],
        "Statistic": "Average",
        "Period": 3600,
        "EvaluationPeriods": 1,
        "Threshold": 0.05,
        "ComparisonOperator": "GreaterThanThreshold",
        "AlarmActions": [alerts],
    }
