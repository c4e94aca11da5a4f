"""The emulator clock and CloudWatch alarm evaluation, through boto3 and the /_ses/ API."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from emulator_clients import ACCOUNT, REGION, cloudwatch

START = dt.datetime(2030, 1, 7, 6, 0, tzinfo=dt.timezone.utc)  # a Monday, 06:00 UTC
TOPIC = f"arn:aws:sns:{REGION}:{ACCOUNT}:alarms"
RATE = "IF(send >= 10 AND FILL(events, 0) >= 2, FILL(events, 0) / send, 0)"


def set_clock(aws, moment: dt.datetime) -> dict:
    status, body = aws.local("POST", "/clock", {"time": moment.isoformat()})
    assert status == 200, body
    return body


def advance(aws, seconds: float) -> dict:
    status, body = aws.local("POST", "/clock", {"advance_seconds": seconds})
    assert status == 200, body
    return body


def evaluate(aws) -> dict[str, dict]:
    status, body = aws.local("POST", "/alarms/evaluate")
    assert status == 200, body
    return {outcome["AlarmName"]: outcome for outcome in body["Alarms"]}


def rate_alarm(aws, name: str, stream: str, metric: str, threshold: float, **extra) -> None:
    """The per-stream rate alarm of modules/ses_stream, as Terraform creates it."""

    def stat(metric_name: str) -> dict:
        return {"Metric": {"Namespace": "AWS/SES", "MetricName": metric_name,
                           "Dimensions": [{"Name": "stream", "Value": stream}]},
                "Period": 300, "Stat": "Sum"}  # fmt: skip

    aws.cloudwatch.put_metric_alarm(
        AlarmName=name,
        ComparisonOperator="GreaterThanThreshold",
        Threshold=threshold,
        EvaluationPeriods=1,
        DatapointsToAlarm=1,
        TreatMissingData="notBreaching",
        AlarmActions=[TOPIC],
        OKActions=[TOPIC],
        Metrics=[
            {"Id": "rate", "Expression": RATE, "Label": f"{stream} rate", "ReturnData": True},
            {"Id": "send", "MetricStat": stat("Send"), "ReturnData": False},
            {"Id": "events", "MetricStat": stat(metric), "ReturnData": False},
        ],
        **extra,
    )


def state(aws, name: str) -> dict:
    (alarm,) = aws.cloudwatch.describe_alarms(AlarmNames=[name])["MetricAlarms"]
    return alarm


def notifications(aws, queue: str) -> list[tuple[str, str, str]]:
    """(alarm, old state, new state) of each alarm notification in the queue."""
    return [(n["AlarmName"], n["OldStateValue"], n["NewStateValue"]) for n in aws.drain(queue)]


@pytest.fixture
def lane(aws):
    """A lane publishing Send/Delivery/Bounce/Complaint with stream=lane, an alarm topic and
    an SQS queue on it, and the clock pinned at START."""
    aws.sns.create_topic(Name="alarms")
    queue = aws.queue("alarm-notifications", TOPIC)
    aws.lane("lane", cloudwatch("SEND", "DELIVERY", "BOUNCE", "COMPLAINT"))
    set_clock(aws, START)
    return queue


def send_batch(aws, count: int, domain: str) -> None:
    for n in range(count):
        aws.send(f"user{n}@{domain}", ConfigurationSetName="lane")


def test_clock_stamps_messages_metrics_and_suppression_entries(aws, lane):
    aws.local("PUT", "/control/mailboxes", {"domain": "gone.test", "bounce_rate": 1})
    advance(aws, 90)
    aws.send("someone@gone.test", ConfigurationSetName="lane")

    assert aws.local("GET", "/clock")[1] == {"Now": "2030-01-07T06:01:30.000Z", "Pinned": True}
    (message,) = aws.messages()
    assert message["Timestamp"] == "2030-01-07T06:01:30.000Z"
    assert {e["Timestamp"] for e in message["Events"]} == {"2030-01-07T06:01:30.000Z"}
    entry = aws.sesv2.get_suppressed_destination(EmailAddress="someone@gone.test")
    assert entry["SuppressedDestination"]["LastUpdateTime"] == START + dt.timedelta(seconds=90)
    points = aws.cloudwatch.get_metric_statistics(
        Namespace="AWS/SES", MetricName="Bounce", Dimensions=[{"Name": "stream", "Value": "lane"}],
        StartTime=START, EndTime=START + dt.timedelta(minutes=5), Period=60, Statistics=["Sum"],
    )["Datapoints"]  # fmt: skip
    # moto stamps the statistic with its first datapoint's time, not the period start.
    assert [(p["Timestamp"], p["Sum"]) for p in points] == [(START + dt.timedelta(seconds=90), 1)]


def test_rate_alarm_fires_at_the_period_boundary_and_recovers(aws, lane):
    rate_alarm(aws, "lane-bounce-rate", "lane", "Bounce", 0.02)
    aws.local("PUT", "/control/mailboxes", {"domain": "stale.test", "bounce_rate": 0.2})
    advance(aws, 60)
    send_batch(aws, 20, "stale.test")  # 4 bounces: 20 % > 2 %

    before = advance(aws, 180)  # 06:04: the period 06:00-06:05 is not complete yet
    assert state(aws, "lane-bounce-rate")["StateValue"] == "OK"
    assert before["Alarms"] == []
    after = advance(aws, 60)  # 06:05
    assert after["Alarms"] == [{"AlarmName": "lane-bounce-rate", "StateValue": "ALARM",
                                "Changed": True, "Notified": [TOPIC]}]  # fmt: skip

    alarm = state(aws, "lane-bounce-rate")
    assert alarm["StateValue"] == "ALARM"
    assert alarm["StateUpdatedTimestamp"] == START + dt.timedelta(minutes=5)
    assert alarm["StateReason"] == (
        "Threshold Crossed: 1 out of the last 1 datapoints [0.2 (07/01/30 06:00:00)] was greater "
        "than the threshold (0.02) (minimum 1 datapoint for OK -> ALARM transition)."
    )
    reason_data = json.loads(alarm["StateReasonData"])
    assert reason_data["recentDatapoints"] == [0.2]
    assert reason_data["evaluatedDatapoints"] == [
        {"timestamp": "2030-01-07T06:00:00.000+0000", "value": 0.2}
    ]

    (message,) = aws.drain(lane)
    assert {k: message[k] for k in ("AlarmName", "OldStateValue", "NewStateValue",
                                    "StateChangeTime", "Region", "AWSAccountId")} == {
        "AlarmName": "lane-bounce-rate", "OldStateValue": "OK", "NewStateValue": "ALARM",
        "StateChangeTime": "2030-01-07T06:05:00.000+0000", "Region": "US East (N. Virginia)",
        "AWSAccountId": ACCOUNT,
    }  # fmt: skip
    assert [m["Id"] for m in message["Trigger"]["Metrics"]] == ["rate", "send", "events"]
    assert message["Trigger"]["Metrics"][0]["Expression"] == RATE
    assert message["Trigger"]["Metrics"][1]["MetricStat"]["Metric"]["Dimensions"] == [
        {"value": "lane", "name": "stream"}
    ]

    advance(aws, 300)  # 06:10: a period without sends is notBreaching
    assert state(aws, "lane-bounce-rate")["StateValue"] == "OK"
    assert notifications(aws, lane) == [("lane-bounce-rate", "ALARM", "OK")]
    history = aws.cloudwatch.describe_alarm_history(
        AlarmName="lane-bounce-rate", HistoryItemType="StateUpdate"
    )["AlarmHistoryItems"]
    assert [(h["HistorySummary"], h["Timestamp"]) for h in history] == [
        ("Alarm updated from ALARM to OK", START + dt.timedelta(minutes=10)),
        ("Alarm updated from OK to ALARM", START + dt.timedelta(minutes=5)),
    ]
    actions = aws.cloudwatch.describe_alarm_history(
        AlarmName="lane-bounce-rate", HistoryItemType="Action", ScanBy="TimestampAscending"
    )["AlarmHistoryItems"]
    assert [h["HistorySummary"] for h in actions] == [f"Successfully executed action {TOPIC}"] * 2


def test_one_complaint_in_a_quiet_period_does_not_fire(aws, lane):
    rate_alarm(aws, "lane-complaint-rate", "lane", "Complaint", 0.0005)
    aws.local("PUT", "/control/mailboxes", {"address": "angry@night.test", "complaint_rate": 1})
    send_batch(aws, 30, "night.test")
    aws.send("angry@night.test", ConfigurationSetName="lane")  # 1 complaint in 31: 3 % > 0.05 %

    advance(aws, 3600)
    assert state(aws, "lane-complaint-rate")["StateValue"] == "OK"
    assert notifications(aws, lane) == []


def test_datapoints_to_alarm_m_of_n_with_a_plain_statistic(aws, lane):
    aws.cloudwatch.put_metric_alarm(
        AlarmName="latency", Namespace="App", MetricName="Latency", Statistic="Average",
        Period=60, EvaluationPeriods=3, DatapointsToAlarm=2, Threshold=100,
        ComparisonOperator="GreaterThanOrEqualToThreshold", AlarmActions=[TOPIC],
    )  # fmt: skip

    minutes = iter(range(60))

    def minute(values: list[float]) -> None:
        now = START + dt.timedelta(minutes=next(minutes))
        aws.cloudwatch.put_metric_data(Namespace="App", MetricData=[
            {"MetricName": "Latency", "Value": v, "Timestamp": now} for v in values])  # fmt: skip
        advance(aws, 60)

    minute([150, 30])  # average 90: not breaching
    minute([100])  # breaching (>=)
    assert state(aws, "latency")["StateValue"] == "OK"  # 1 of 3
    minute([200, 10])  # average 105: breaching, 2 of 3
    assert state(aws, "latency")["StateValue"] == "ALARM"
    assert notifications(aws, lane) == [("latency", "OK", "ALARM")]


@pytest.mark.parametrize(
    ("treatment", "expected"),
    [
        ("missing", "INSUFFICIENT_DATA"),
        ("breaching", "ALARM"),
        ("notBreaching", "OK"),
        ("ignore", "OK"),
    ],  # fmt: skip
)
def test_treat_missing_data(aws, lane, treatment, expected):
    aws.cloudwatch.put_metric_alarm(
        AlarmName="silent", Namespace="App", MetricName="Nothing", Statistic="Sum", Period=300,
        EvaluationPeriods=2, Threshold=1, ComparisonOperator="GreaterThanThreshold",
        TreatMissingData=treatment,
    )  # fmt: skip
    advance(aws, 600)
    assert state(aws, "silent")["StateValue"] == expected  # ignore keeps moto's initial OK


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("m1 / m2 * 100", 40.0),
        ("(m1 + 2) ^ 2 - -1", 37.0),
        ("IF(m1 > 3 AND m2 >= 10, 1, 0)", 1.0),
        ("IF(m1 < 3 || NOT m2, 1, 0)", 0.0),
        ("m1 == 4 && m2 != 4", 1.0),
        ("!(m1 <= 4) OR m2 < 5", 0.0),
        ("FILL(absent, 7) + m1", 11.0),
        ("IF(m1 > 100, m1)", None),  # no datapoint: notBreaching
        ("m1 / 0", None),
        ("42", 42.0),
    ],
)
def test_metric_math(aws, lane, expression, value):
    def query(query_id: str, metric: str) -> dict:
        stat = {"Metric": {"Namespace": "App", "MetricName": metric}, "Period": 60, "Stat": "Sum"}
        return {"Id": query_id, "ReturnData": False, "MetricStat": stat}

    aws.cloudwatch.put_metric_alarm(
        AlarmName="math", EvaluationPeriods=1, Threshold=-1e9, TreatMissingData="notBreaching",
        ComparisonOperator="GreaterThanThreshold",
        Metrics=[{"Id": "e1", "Expression": expression, "ReturnData": True},
                 query("m1", "One"), query("m2", "Two"), query("absent", "Absent")],
    )  # fmt: skip
    aws.cloudwatch.put_metric_data(Namespace="App", MetricData=[
        {"MetricName": "One", "Value": 4, "Timestamp": START},
        {"MetricName": "Two", "Value": 10, "Timestamp": START}])  # fmt: skip
    advance(aws, 60)
    alarm = state(aws, "math")
    if value is None:
        assert alarm["StateValue"] == "OK"
    else:
        assert alarm["StateValue"] == "ALARM"
        assert json.loads(alarm["StateReasonData"])["recentDatapoints"] == [value]


def test_an_unsupported_function_is_named_and_the_alarm_left_alone(aws, lane):
    aws.cloudwatch.put_metric_alarm(
        AlarmName="rate-of-change", EvaluationPeriods=1, Threshold=1,
        ComparisonOperator="GreaterThanThreshold",
        Metrics=[{"Id": "e1", "Expression": "RATE(m1) * 60", "ReturnData": True},
                 {"Id": "m1", "ReturnData": False, "MetricStat": {
                     "Metric": {"Namespace": "App", "MetricName": "One"}, "Period": 60,
                     "Stat": "Sum"}}],
    )  # fmt: skip
    outcome = evaluate(aws)["rate-of-change"]
    assert outcome == {
        "AlarmName": "rate-of-change", "StateValue": "OK", "Changed": False,
        "Error": "rate-of-change: query e1: metric math function RATE is not supported by the "
                 "SES emulator (supported: IF, FILL, arithmetic, comparisons, AND, OR, NOT)",
    }  # fmt: skip
    assert state(aws, "rate-of-change")["StateReason"] == "Unchecked: Initial alarm creation"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, 'give exactly one of "advance_seconds" (a number > 0) or "time" (ISO)'),
        ({"advance_seconds": -5}, "advance_seconds must be a number above 0, at most 31622400"),
        ({"advance_seconds": True}, "advance_seconds must be a number above 0, at most 31622400"),
        ({"time": "tomorrow"}, "time 'tomorrow' is not an ISO 8601 date and time"),
        (
            {"time": "2030-01-01T00:00:00"},
            "time must carry a UTC offset (e.g. 2026-01-05T06:00:00Z)",
        ),
    ],
)
def test_clock_api_refuses_bad_input(aws, body, message):
    assert aws.local("POST", "/clock", body) == (400, {"message": message})
    assert aws.local("GET", "/clock")[1]["Pinned"] is False
