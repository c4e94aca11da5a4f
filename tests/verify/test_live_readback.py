"""verify: the read-back table and the plan-vs-live comparison, against the emulator."""

from __future__ import annotations

import copy
import urllib.request

import pytest
from verify import clients, differences, read_live, render_table

STREAM = "marketing"
DIMENSIONS = {"stream": STREAM}


def _metric(metric_name: str) -> dict:
    return {
        "namespace": "AWS/SES",
        "metric_name": metric_name,
        "dimensions": dict(DIMENSIONS),
        "period": 3600,
        "stat": "Sum",
        "unit": "",
    }


PLAN = {
    "resource_changes": [
        {
            "address": "module.stream.aws_cloudwatch_metric_alarm.bounce",
            "module_address": "module.stream",
            "mode": "managed",
            "type": "aws_cloudwatch_metric_alarm",
            "name": "bounce",
            "change": {
                "actions": ["create"],
                "after": {
                    "alarm_name": f"ses-{STREAM}-bounce-rate",
                    "comparison_operator": "GreaterThanThreshold",
                    "threshold": 0.02,
                    "alarm_actions": [],
                    "metric_query": [
                        {"id": "rate", "expression": "bounce / send", "return_data": True},
                        {"id": "bounce", "return_data": False, "metric": [_metric("Bounce")]},
                        {"id": "send", "return_data": False, "metric": [_metric("Send")]},
                    ],
                },
                "after_unknown": {},
            },
        },
        {
            "address": "module.stream.aws_sesv2_configuration_set_event_destination.cloudwatch",
            "module_address": "module.stream",
            "mode": "managed",
            "type": "aws_sesv2_configuration_set_event_destination",
            "name": "cloudwatch",
            "change": {
                "actions": ["create"],
                "after": {
                    "configuration_set_name": STREAM,
                    "event_destination_name": "cloudwatch",
                    "event_destination": [
                        {
                            "enabled": True,
                            "matching_event_types": ["BOUNCE", "SEND"],
                            "cloud_watch_destination": [
                                {
                                    "dimension_configuration": [
                                        {
                                            "dimension_name": "stream",
                                            "dimension_value_source": "MESSAGE_TAG",
                                            "default_dimension_value": STREAM,
                                        }
                                    ]
                                }
                            ],
                        }
                    ],
                },
                "after_unknown": {},
            },
        },
    ]
}


@pytest.fixture
def live_stack(emulator):
    """What applying PLAN would have created, made directly through boto3 (on a fresh emulator)."""
    urllib.request.urlopen(urllib.request.Request(f"{emulator}/moto-api/reset", method="POST"))
    sesv2 = clients(emulator)["sesv2"]
    sesv2.create_configuration_set(ConfigurationSetName=STREAM)
    sesv2.create_configuration_set_event_destination(
        ConfigurationSetName=STREAM,
        EventDestinationName="cloudwatch",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["BOUNCE", "SEND"],
            "CloudWatchDestination": {
                "DimensionConfigurations": [
                    {
                        "DimensionName": "stream",
                        "DimensionValueSource": "MESSAGE_TAG",
                        "DefaultDimensionValue": STREAM,
                    }
                ]
            },
        },
    )

    def stat(query_id: str, metric_name: str) -> dict:
        metric = {
            "Namespace": "AWS/SES",
            "MetricName": metric_name,
            "Dimensions": [{"Name": k, "Value": v} for k, v in DIMENSIONS.items()],
        }
        return {
            "Id": query_id,
            "ReturnData": False,
            "MetricStat": {"Metric": metric, "Period": 3600, "Stat": "Sum"},
        }

    clients(emulator)["cloudwatch"].put_metric_alarm(
        AlarmName=f"ses-{STREAM}-bounce-rate",
        ComparisonOperator="GreaterThanThreshold",
        Threshold=0.02,
        EvaluationPeriods=1,
        Metrics=[
            {"Id": "rate", "Expression": "bounce / send", "ReturnData": True},
            stat("bounce", "Bounce"),
            stat("send", "Send"),
        ],
    )
    return read_live(emulator)


def test_the_table_reads_rate_thresholds_in_percent_like_the_plan_summary(live_stack):
    (row,) = [line for line in render_table(live_stack).splitlines() if line.startswith(STREAM)]
    assert row.endswith(" bounce-rate>2 %"), row


def test_a_matching_plan_has_no_differences(live_stack):
    assert differences(PLAN, live_stack) == []


def _tampered(edit) -> dict:
    plan = copy.deepcopy(PLAN)
    edit({rc["type"]: rc["change"]["after"] for rc in plan["resource_changes"]})
    return plan


@pytest.mark.parametrize(
    ("edit", "reported"),
    [
        (
            lambda a: a["aws_cloudwatch_metric_alarm"]["metric_query"][1]["metric"][0].update(
                dimensions={"stream": "transactional"}
            ),
            "metric bounce dimensions",
        ),
        (
            lambda a: a["aws_cloudwatch_metric_alarm"]["metric_query"][2]["metric"][0].update(
                namespace="AWS/Other", period=60, stat="Average"
            ),
            "metric send namespace",
        ),
        (
            lambda a: a["aws_sesv2_configuration_set_event_destination"]["event_destination"][0][
                "cloud_watch_destination"
            ][0]["dimension_configuration"][0].update(dimension_value_source="LINK_TAG"),
            "dimension_value_source",
        ),
    ],
    ids=["alarm-dimension", "alarm-namespace-period-stat", "destination-value-source"],
)
def test_a_differing_metric_or_dimension_source_is_reported(live_stack, edit, reported):
    found = differences(_tampered(edit), live_stack)
    assert any(reported in problem for problem in found), found
