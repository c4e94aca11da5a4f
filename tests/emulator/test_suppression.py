"""The account suppression list: its four operations, and how sends fill and honour it
(a set's override for v2 sends, the account setting for v1 sends)."""

from __future__ import annotations

import datetime as dt

from conftest import client_error


def listed(aws, **filters):
    pages, token = [], None
    while True:
        page = aws.sesv2.list_suppressed_destinations(
            **filters, **({"NextToken": token} if token else {})
        )
        pages.append(
            [(s["EmailAddress"], s["Reason"]) for s in page["SuppressedDestinationSummaries"]]
        )
        token = page.get("NextToken")
        if not token:
            return pages


def test_put_get_list_delete(aws):
    for number in range(5):
        reason = "BOUNCE" if number % 2 else "COMPLAINT"
        aws.sesv2.put_suppressed_destination(EmailAddress=f"u{number}@x.test", Reason=reason)
    got = aws.sesv2.get_suppressed_destination(EmailAddress="U1@X.test")["SuppressedDestination"]
    assert (got["EmailAddress"], got["Reason"]) == ("u1@x.test", "BOUNCE")
    # Newest first, two per page.
    assert listed(aws, PageSize=2) == [
        [("u4@x.test", "COMPLAINT"), ("u3@x.test", "BOUNCE")],
        [("u2@x.test", "COMPLAINT"), ("u1@x.test", "BOUNCE")],
        [("u0@x.test", "COMPLAINT")],
    ]
    assert listed(aws, Reasons=["BOUNCE"]) == [[("u3@x.test", "BOUNCE"), ("u1@x.test", "BOUNCE")]]
    future = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)
    assert listed(aws, StartDate=future) == [[]]
    assert len(listed(aws, EndDate=future)[0]) == 5
    aws.sesv2.delete_suppressed_destination(EmailAddress="u1@x.test")
    missing = "Email address u1@x.test does not exist on your suppression list."
    assert client_error(lambda: aws.sesv2.get_suppressed_destination(EmailAddress="u1@x.test")) == (
        "NotFoundException",
        404,
        missing,
    )
    assert client_error(
        lambda: aws.sesv2.delete_suppressed_destination(EmailAddress="u1@x.test")
    ) == ("NotFoundException", 404, missing)


def test_a_suppressed_recipient_gets_an_on_suppression_list_bounce(aws):
    aws.sesv2.put_suppressed_destination(EmailAddress="gone@x.test", Reason="BOUNCE")
    message_id = aws.send(["gone@x.test", "here@x.test"])
    (message,) = aws.messages()
    assert message["MessageId"] == message_id and message["Suppressed"] == ["gone@x.test"]
    assert [
        (e["Type"], e["Recipients"], e["Detail"].get("bounceSubType")) for e in message["Events"]
    ] == [
        ("SEND", [], None),
        ("BOUNCE", ["gone@x.test"], "OnAccountSuppressionList"),
        ("DELIVERY", ["here@x.test"], None),
    ]


def test_complaint_through_marketing_suppresses_for_marketing_but_not_for_a_bounce_only_set(aws):
    aws.lane("marketing", SuppressionOptions={"SuppressedReasons": ["BOUNCE", "COMPLAINT"]})
    aws.lane("transactional", SuppressionOptions={"SuppressedReasons": ["BOUNCE"]})
    assert (
        aws.local("PUT", "/control/mailboxes", {"address": "angry@x.test", "complaint_rate": 1})[0]
        == 200
    )
    first = aws.send("angry@x.test", ConfigurationSetName="marketing")
    assert aws.event_types(first) == ["SEND", "DELIVERY", "COMPLAINT"]
    entry = aws.sesv2.get_suppressed_destination(EmailAddress="angry@x.test")[
        "SuppressedDestination"
    ]
    assert (entry["Reason"], entry["Attributes"]["MessageId"]) == ("COMPLAINT", first)
    assert aws.local("DELETE", "/control/mailboxes") == (200, {})
    again = aws.send("angry@x.test", ConfigurationSetName="marketing")
    v2_transactional = aws.send("angry@x.test", ConfigurationSetName="transactional")
    v1_transactional = aws.send_v1("angry@x.test", ConfigurationSetName="transactional")
    assert [aws.event_types(m) for m in (again, v2_transactional, v1_transactional)] == [
        ["SEND", "BOUNCE"],
        ["SEND", "DELIVERY"],
        ["SEND", "BOUNCE"],  # v1 ignores the set's override: the account suppresses complaints
    ]


def test_the_reasons_in_force_decide_what_is_added(aws):
    aws.lane("no-suppression", SuppressionOptions={"SuppressedReasons": []})
    aws.local("PUT", "/control/mailboxes", {"domain": "bad.test", "bounce_rate": 1})
    aws.send("a@bad.test", ConfigurationSetName="no-suppression")
    aws.sesv2.put_account_suppression_attributes(SuppressedReasons=[])
    aws.send_v1("b@bad.test", ConfigurationSetName="no-suppression")
    assert listed(aws) == [[]]
    aws.sesv2.put_account_suppression_attributes(SuppressedReasons=["BOUNCE"])
    aws.send("c@bad.test")  # no set: the account setting
    assert listed(aws) == [[("c@bad.test", "BOUNCE")]]


def test_scenario_rates_are_deterministic(aws):
    status, rule = aws.local(
        "PUT",
        "/control/mailboxes",
        {"domain": "Flaky.test", "bounce_rate": 0.25, "complaint_rate": 0.5},
    )
    assert (status, rule["domain"]) == (200, "flaky.test")
    outcomes = [aws.event_types(aws.send(f"u{n}@flaky.test"))[1:] for n in range(4)]
    assert outcomes == [
        ["DELIVERY"],
        ["DELIVERY", "COMPLAINT"],
        ["DELIVERY"],
        ["BOUNCE"],
    ]
    # The complaint owed by the 4th send (rate 0.5 of 4 = 2) comes with the next delivery.
    assert aws.event_types(aws.send("u4@flaky.test"))[1:] == ["DELIVERY", "COMPLAINT"]
    assert aws.local("GET", "/control/mailboxes")[1]["Rules"] == [
        {
            "domain": "flaky.test",
            "bounce_rate": 0.25,
            "complaint_rate": 0.5,
            "sent": 5,
            "bounced": 1,
            "complained": 2,
        }
    ]
