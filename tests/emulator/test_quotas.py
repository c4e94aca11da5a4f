"""Max24HourSend and MaxSendRate, enforced as SES throttles, on the emulator clock."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import client_error
from emulator_clients import SENDER

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)
MESSAGE = {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}}
TEMPLATE = {"TemplateName": "t", "SubjectPart": "s", "TextPart": "b"}


@pytest.fixture
def pinned(aws):
    status, _ = aws.local("POST", "/clock", {"time": START.isoformat()})
    assert status == 200
    yield aws
    aws.local("DELETE", "/clock")


def quota(aws, **settings) -> dict:
    status, body = aws.local("PUT", "/control/quota", settings)
    assert status == 200, body
    return body


def advance(aws, seconds: float) -> None:
    status, body = aws.local("POST", "/clock", {"advance_seconds": seconds})
    assert status == 200, body


def to(count: int) -> list[str]:
    return [f"r{n}@x.test" for n in range(count)]


def test_defaults_are_a_raised_production_quota_with_the_rate_reported_not_enforced(aws):
    assert aws.local("GET", "/control/quota") == (200, {
        "max_24_hour_send": 1_000_000.0, "max_send_rate": 14.0,
        "send_rate_enforced": False, "sent_last_24_hours": 0,
    })  # fmt: skip
    for _ in range(30):  # more than 14 in the same second of a pinned-or-not clock
        aws.send("a@x.test")
    sent = {"Max24HourSend": 1_000_000.0, "MaxSendRate": 14.0, "SentLast24Hours": 30.0}
    assert aws.sesv2.get_account()["SendQuota"] == sent
    answer = aws.ses.get_send_quota()
    assert {k: answer[k] for k in sent} == sent


def test_the_daily_quota_lets_the_call_that_has_any_left_through_then_throttles(pinned):
    aws = pinned
    quota(aws, max_24_hour_send=5)
    aws.send(to(4))
    aws.send(to(3))  # one was left: SES sends all three
    refused = "Daily message quota exceeded."
    v2 = client_error(lambda: aws.send("late@x.test"))
    v1 = client_error(lambda: aws.send_v1("late@x.test"))
    assert (v2, v1) == (
        ("TooManyRequestsException", 429, refused),
        ("Throttling", 400, refused),
    )
    assert aws.sesv2.get_account()["SendQuota"]["SentLast24Hours"] == 7.0
    assert len(aws.messages()) == 2


def test_the_daily_window_slides_on_the_emulator_clock(pinned):
    aws = pinned
    quota(aws, max_24_hour_send=2)
    aws.send(to(2))
    advance(aws, 12 * 3600)
    assert client_error(lambda: aws.send("a@x.test"))[0] == "TooManyRequestsException"
    advance(aws, 12 * 3600)  # the first send is now 24 hours old
    assert aws.sesv2.get_account()["SendQuota"]["SentLast24Hours"] == 0.0
    aws.send("a@x.test")
    assert aws.ses.get_send_quota()["SentLast24Hours"] == 1.0


def test_an_enforced_rate_admits_one_second_of_recipients_then_refills(pinned):
    aws = pinned
    quota(aws, max_send_rate=2, send_rate_enforced=True)
    aws.send(to(5))  # an allowance of 2 is left: the five go out, 3 are owed (1.5 s)
    refused = "Maximum sending rate exceeded."
    assert client_error(lambda: aws.send("a@x.test")) == (
        "TooManyRequestsException", 429, refused)  # fmt: skip
    advance(aws, 1)
    assert client_error(lambda: aws.send_v1("a@x.test")) == ("Throttling", 400, refused)
    advance(aws, 1)
    aws.send_v1("a@x.test")  # 1 left after the debt
    assert client_error(lambda: aws.send("b@x.test"))[2] == refused
    advance(aws, 60)  # the allowance refills to one second's worth, never more
    aws.send(to(1))
    aws.send(to(1))
    assert client_error(lambda: aws.send("c@x.test"))[2] == refused


def test_bulk_entries_are_throttled_one_by_one_in_ses_statuses(pinned):
    aws = pinned
    aws.sesv2.create_email_template(TemplateName="t", TemplateContent={
        "Subject": "s", "Text": "b"})  # fmt: skip
    quota(aws, max_24_hour_send=2)
    entries = [{"Destination": {"ToAddresses": [address]}} for address in to(3)]
    results = aws.sesv2.send_bulk_email(
        FromEmailAddress=SENDER,
        DefaultContent={"Template": {"TemplateName": "t", "TemplateData": "{}"}},
        BulkEmailEntries=entries,
    )["BulkEmailEntryResults"]
    assert [r["Status"] for r in results] == ["SUCCESS", "SUCCESS", "ACCOUNT_DAILY_QUOTA_EXCEEDED"]
    quota(aws, max_24_hour_send=100, max_send_rate=1, send_rate_enforced=True)
    statuses = aws.ses.send_bulk_templated_email(
        Source=SENDER,
        Template="t",
        DefaultTemplateData="{}",
        Destinations=[{"Destination": {"ToAddresses": [a]}} for a in to(2)],
    )["Status"]
    assert [s["Status"] for s in statuses] == ["Success", "AccountThrottled"]
    assert statuses[1]["Error"] == "Maximum sending rate exceeded."


@pytest.mark.parametrize(
    "body",
    [{"max_send_rate": 0}, {"max_24_hour_send": -1}, {"max_24_hour_send": True},
     {"send_rate_enforced": "yes"}, {"max_daily": 5}],
)  # fmt: skip
def test_quota_settings_out_of_range_are_refused(aws, body):
    status, answer = aws.local("PUT", "/control/quota", body)
    assert status == 400
    assert set(answer) == {"message"}
