"""An alarm's state change on the default EventBridge bus, rules matching it, and the Step
Functions executions the emulator runs for them: all created and read through boto3."""

from __future__ import annotations

import json

import pytest
from emulator_clients import ACCOUNT, REGION
from test_alarms import START, TOPIC, advance, rate_alarm, send_batch
from test_alarms import lane as lane  # the fixture: a lane, its alarm queue, the clock set

ALARM = "lane-bounce-rate"
ALARM_ARN = f"arn:aws:cloudwatch:{REGION}:{ACCOUNT}:alarm:{ALARM}"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/pause"
ON_ALARM = {
    "source": ["aws.cloudwatch"],
    "detail-type": ["CloudWatch Alarm State Change"],
    "detail": {"alarmName": [ALARM], "state": {"value": ["ALARM"]}},
}
# The definition modules/ses_stream/pause.tf writes for a lane with one alarm topic.
PAUSE = {
    "StartAt": "PauseSending",
    "States": {
        "PauseSending": {
            "Type": "Task",
            "Resource": "arn:aws:states:::aws-sdk:sesv2:putConfigurationSetSendingOptions",
            "Parameters": {"ConfigurationSetName": "lane", "SendingEnabled": False},
            "ResultPath": None,
            "Next": "TellAlarmActions1",
        },
        "TellAlarmActions1": {
            "Type": "Task",
            "Resource": "arn:aws:states:::sns:publish",
            "Parameters": {
                "TopicArn": TOPIC,
                "Subject": "SES lane lane paused by its alarm",
                "Message": {
                    "AlarmName.$": "$.detail.alarmName",
                    "NewStateReason.$": "$.detail.state.reason",
                    "ConfigurationSet": "lane",
                    "SendingEnabled": False,
                },
            },
            "ResultPath": None,
            "Next": "Paused",
        },
        "Paused": {"Type": "Succeed"},
    },
}


def machine(aws, name: str, definition: dict) -> str:
    created = aws.stepfunctions.create_state_machine(
        name=name, definition=json.dumps(definition), roleArn=ROLE
    )
    return created["stateMachineArn"]


def rule(aws, name: str, pattern: dict, target_arn: str, **target) -> None:
    aws.events.put_rule(Name=name, EventPattern=json.dumps(pattern), **target.pop("rule", {}))
    aws.events.put_targets(Rule=name, Targets=[{"Id": "t", "Arn": target_arn, **target}])


def fire(aws) -> dict:
    """Bounce 4 of 20 sends (20 % > 2 %) and move the clock past the period: ALARM at 06:05."""
    rate_alarm(aws, ALARM, "lane", "Bounce", 0.02)
    aws.local("PUT", "/control/mailboxes", {"domain": "stale.test", "bounce_rate": 0.2})
    advance(aws, 60)
    send_batch(aws, 20, "stale.test")
    (outcome,) = advance(aws, 240)["Alarms"]
    assert (outcome["StateValue"], outcome["Changed"]) == ("ALARM", True)
    return outcome


def history(aws, execution_arn: str) -> list[str]:
    events = aws.stepfunctions.get_execution_history(executionArn=execution_arn)["events"]
    return [event["type"] for event in events]


def test_alarm_state_change_event_has_cloudwatchs_shape(aws, lane):
    events_queue = aws.queue("alarm-events")
    rule(aws, "to-queue", {"source": ["aws.cloudwatch"]}, aws.queue_arn(events_queue))
    fire(aws)

    (event,) = aws.drain(events_queue)
    assert set(event) == {"version", "id", "detail-type", "source", "account", "time", "region",
                          "resources", "detail"}  # fmt: skip
    assert {
        k: event[k] for k in ("source", "detail-type", "account", "region", "resources", "time")
    } == {  # fmt: skip
        "source": "aws.cloudwatch",
        "detail-type": "CloudWatch Alarm State Change",
        "account": ACCOUNT,
        "region": REGION,
        "resources": [ALARM_ARN],
        "time": "2030-01-07T06:05:00Z",
    }
    detail = event["detail"]
    assert detail["alarmName"] == ALARM
    assert (detail["state"]["value"], detail["state"]["timestamp"]) == (
        "ALARM", "2030-01-07T06:05:00.000+0000")  # fmt: skip
    assert detail["state"]["reason"].startswith("Threshold Crossed: 1 out of the last 1")
    assert json.loads(detail["state"]["reasonData"])["evaluatedDatapoints"] == [
        {"timestamp": "2030-01-07T06:00:00.000+0000", "value": 0.2}
    ]
    assert detail["previousState"]["value"] == "OK"
    assert [(m["id"], m["returnData"]) for m in detail["configuration"]["metrics"]] == [
        ("rate", True), ("send", False), ("events", False)]  # fmt: skip
    assert detail["configuration"]["metrics"][2]["metricStat"] == {
        "metric": {"namespace": "AWS/SES", "name": "Bounce", "dimensions": {"stream": "lane"}},
        "period": 300,
        "stat": "Sum",
    }


def test_rules_match_with_eventbridge_pattern_semantics(aws, lane):
    patterns = {
        "exact": ON_ALARM,
        "prefix": {"detail": {"alarmName": [{"prefix": "lane-"}]}},
        "other-prefix": {"detail": {"alarmName": [{"prefix": "other-"}]}},
        "anything-but-ok": {"detail": {"state": {"value": [{"anything-but": ["OK"]}]}}},
        "anything-but-alarm": {"detail": {"state": {"value": [{"anything-but": "ALARM"}]}}},
        "no-description": {"detail": {"configuration": {"description": [{"exists": False}]}}},
        "has-description": {"detail": {"configuration": {"description": [{"exists": True}]}}},
        "from-insufficient": {"detail": {"previousState": {"value": ["INSUFFICIENT_DATA"]}}},
        "other-source": {"source": ["aws.ses"]},
    }
    queues = {name: aws.queue(f"q-{name}") for name in [*patterns, "disabled"]}
    for name, pattern in patterns.items():
        rule(aws, name, pattern, aws.queue_arn(queues[name]))
    rule(aws, "disabled", ON_ALARM, aws.queue_arn(queues["disabled"]),
         rule={"State": "DISABLED"})  # fmt: skip
    fire(aws)

    delivered = {name for name, url in queues.items() if aws.drain(url)}
    assert delivered == {"exact", "prefix", "anything-but-ok", "no-description"}


def test_the_pause_machine_turns_the_lane_off_and_tells_the_alarm_topic(aws, lane):
    pause_arn = machine(aws, "ses-lane-pause", PAUSE)
    rule(aws, "ses-lane-pause", ON_ALARM, pause_arn, RoleArn=f"{ROLE}-events")
    outcome = fire(aws)

    options = aws.sesv2.get_configuration_set(ConfigurationSetName="lane")["SendingOptions"]
    assert options == {"SendingEnabled": False}
    with pytest.raises(aws.sesv2.exceptions.ClientError, match="paused"):
        aws.send("someone@example.test", ConfigurationSetName="lane")

    (execution,) = aws.stepfunctions.list_executions(stateMachineArn=pause_arn)["executions"]
    assert outcome["Executions"] == [execution["executionArn"]]
    assert execution["status"] == "SUCCEEDED"
    assert execution["startDate"].isoformat() == START.replace(minute=5).isoformat()
    described = aws.stepfunctions.describe_execution(executionArn=execution["executionArn"])
    assert json.loads(described["input"])["detail"]["alarmName"] == ALARM
    assert history(aws, execution["executionArn"]) == [
        "ExecutionStarted",
        "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
        "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
        "SucceedStateEntered", "SucceedStateExited",
        "ExecutionSucceeded",
    ]  # fmt: skip
    told = [n for n in aws.drain(lane) if "ConfigurationSet" in n]
    assert [(n["AlarmName"], n["ConfigurationSet"], n["SendingEnabled"]) for n in told] == [
        (ALARM, "lane", False)
    ]
    assert told[0]["NewStateReason"].startswith("Threshold Crossed")

    _, page = aws.local("GET", "/")
    assert f"data-execution='{execution['name']}'" in page and "SUCCEEDED" in page
    _, lanes = aws.local("GET", "/lanes")
    assert [(x["ConfigurationSet"], x["SendingEnabled"]) for x in lanes["Lanes"]] == [
        ("lane", False)
    ]


CHOOSE = {
    "StartAt": "IsAlarm",
    "States": {
        "IsAlarm": {
            "Type": "Choice",
            "Choices": [
                {"Variable": "$.detail.state.value", "StringEquals": "ALARM", "Next": "Mark"}
            ],
            "Default": "Done",
        },  # fmt: skip
        "Mark": {
            "Type": "Pass",
            "Parameters": {"alarm.$": "$.detail.alarmName"},
            "ResultPath": "$.marked",
            "Next": "PauseMissingSet",
        },  # fmt: skip
        "PauseMissingSet": {
            "Type": "Task",
            "Resource": "arn:aws:states:::aws-sdk:sesv2:putConfigurationSetSendingOptions",
            "Parameters": {"ConfigurationSetName": "gone", "SendingEnabled": False},
            "Catch": [
                {
                    "ErrorEquals": ["SesV2.NotFoundException"],
                    "ResultPath": "$.error",
                    "Next": "Stop",
                }
            ],
            "End": True,
        },  # fmt: skip
        "Stop": {"Type": "Fail", "Error": "Lane.Missing", "Cause": "no such lane"},
        "Done": {"Type": "Succeed"},
    },
}


@pytest.mark.parametrize(
    ("definition", "error", "cause"),
    [
        (CHOOSE, "Lane.Missing", "no such lane"),
        ({"StartAt": "Later", "States": {"Later": {"Type": "Wait", "Seconds": 60, "End": True}}},
         "States.Runtime", "state 'Later' is a Wait state, which the SES emulator does not run"),
        ({"StartAt": "Call", "States": {"Call": {
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": True}}},
         "States.Runtime", "Task resource arn:aws:states:::lambda:invoke is not supported by the "
                           "SES emulator (it runs aws-sdk:sesv2:* and sns:publish)"),
    ],
    ids=["choice-pass-catch-fail", "wait", "lambda"],
)  # fmt: skip
def test_a_failing_execution_names_its_error(aws, lane, definition, error, cause):
    arn = machine(aws, "fails", definition)
    rule(aws, "fails", ON_ALARM, arn)
    fire(aws)

    (execution,) = aws.stepfunctions.list_executions(stateMachineArn=arn)["executions"]
    described = aws.stepfunctions.describe_execution(executionArn=execution["executionArn"])
    assert (described["status"], described["error"], described["cause"]) == (
        "FAILED", error, cause)  # fmt: skip
    assert history(aws, execution["executionArn"])[-1] == "ExecutionFailed"


def test_the_catch_path_carries_the_pass_result_and_the_error(aws, lane):
    arn = machine(aws, "fails", CHOOSE)
    rule(aws, "fails", ON_ALARM, arn)
    fire(aws)

    (execution,) = aws.stepfunctions.list_executions(stateMachineArn=arn)["executions"]
    events = aws.stepfunctions.get_execution_history(executionArn=execution["executionArn"])
    (entered_fail,) = [e for e in events["events"] if e["type"] == "FailStateEntered"]
    document = json.loads(entered_fail["stateEnteredEventDetails"]["input"])
    assert document["marked"] == {"alarm": ALARM}
    assert document["error"] == {
        "Error": "SesV2.NotFoundException",
        "Cause": "Configuration set <gone> does not exist.",
    }
