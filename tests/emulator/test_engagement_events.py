"""Open, Click, DeliveryDelay and Reject: triggered through the emulator's API, published
in SES's event JSON to the sending set's destinations."""

from __future__ import annotations

import http.client
import urllib.parse

import pytest
from emulator_clients import cloudwatch, metric_sum, sns

ALL = ("SEND", "DELIVERY", "OPEN", "CLICK", "DELIVERY_DELAY", "REJECT")


@pytest.fixture
def lane(aws):
    topic = aws.sns.create_topic(Name="events")["TopicArn"]
    queue = aws.queue("events", topic)
    aws.lane(
        "marketing",
        sns(topic, *ALL),
        cloudwatch("CLICK", dimension="campaign", default="none", source="LINK_TAG"),
    )
    return queue


def track(aws, path: str, **query: str) -> tuple[int, dict[str, str], bytes]:
    """GET /_ses/track/<path> without following a redirect: (status, headers, body)."""
    host = urllib.parse.urlsplit(aws.url).netloc
    connection = http.client.HTTPConnection(host, timeout=10)
    connection.request("GET", f"/_ses/track/{path}?{urllib.parse.urlencode(query)}")
    response = connection.getresponse()
    answer = response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    connection.close()
    return answer


def test_a_reader_opening_and_clicking_publishes_open_and_click_events(aws, lane):
    message_id = aws.send(["reader@x.test", "other@x.test"], ConfigurationSetName="marketing")
    status, headers, body = track(aws, f"open/{message_id}", recipient="reader@x.test")
    assert (status, headers["content-type"], body[:6]) == (200, "image/gif", b"GIF89a")
    link = "https://shop.example/sale?id=7"
    status, headers, _ = track(aws, f"click/{message_id}", recipient="reader@x.test",
                               link=link, tags="campaign:spring;variant:b")  # fmt: skip
    assert (status, headers["location"]) == (302, link)

    documents = {d["eventType"]: d for d in aws.drain(lane)}
    assert sorted(documents) == ["Click", "Delivery", "Open", "Send"]
    opened, clicked = documents["Open"], documents["Click"]
    assert opened["mail"]["messageId"] == clicked["mail"]["messageId"] == message_id
    assert set(opened["open"]) == {"ipAddress", "timestamp", "userAgent"}
    assert clicked["click"]["link"] == link
    assert clicked["click"]["linkTags"] == {"campaign": ["spring"], "variant": ["b"]}
    assert metric_sum(aws, "Click", [{"Name": "campaign", "Value": "spring"}]) == 1
    assert aws.event_types(message_id) == ["SEND", "DELIVERY", "DELIVERY", "OPEN", "CLICK"]


def test_open_and_click_answer_what_cannot_be_tracked(aws, lane):
    tracked = aws.send("reader@x.test", ConfigurationSetName="marketing")
    untracked = aws.send("reader@x.test")
    cases = [
        (f"open/{'0' * 16}-nope", {}, 404),
        (f"open/{untracked}", {}, 400),  # no configuration set: SES tracks through one
        (f"open/{tracked}", {"recipient": "stranger@x.test"}, 400),
        (f"click/{tracked}", {"link": "javascript:alert(1)"}, 400),
        ("wink/abc", {}, 404),
    ]
    assert [track(aws, path, **query)[0] for path, query, _ in cases] == [
        status for _, _, status in cases
    ]
    assert aws.event_types(tracked) == ["SEND", "DELIVERY"]


def test_a_delay_rule_publishes_delivery_delay_before_the_delivery(aws, lane):
    assert (
        aws.local("PUT", "/control/mailboxes", {"domain": "slow.test", "delay_rate": 1})[0] == 200
    )
    message_id = aws.send("a@slow.test", ConfigurationSetName="marketing")
    assert aws.event_types(message_id) == ["SEND", "DELIVERY_DELAY", "DELIVERY"]
    (delay,) = [d for d in aws.drain(lane) if d["eventType"] == "DeliveryDelay"]
    detail = delay["deliveryDelay"]
    assert detail["delayType"] == "TransientCommunicationFailure"
    assert detail["delayedRecipients"][0]["emailAddress"] == "a@slow.test"
    assert detail["expirationTime"] > detail["timestamp"]


def test_a_reject_rule_has_the_virus_scan_reject_the_whole_message(aws, lane):
    rule = {"address": "infected@x.test", "reject_rate": 0.5}
    assert aws.local("PUT", "/control/mailboxes", rule)[0] == 200
    first = aws.send(["infected@x.test", "clean@x.test"], ConfigurationSetName="marketing")
    second = aws.send(["infected@x.test", "clean@x.test"], ConfigurationSetName="marketing")
    assert aws.event_types(first) == ["SEND", "DELIVERY", "DELIVERY"]
    assert aws.event_types(second) == ["SEND", "REJECT"]  # every second message, deterministic
    (reject,) = [d for d in aws.drain(lane) if d["eventType"] == "Reject"]
    assert reject["reject"] == {"reason": "Bad content"}
    assert reject["mail"]["messageId"] == second
