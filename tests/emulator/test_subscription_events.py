"""List management on a send: the unsubscribe link SES adds, the contact opting out through
it, the SUBSCRIPTION event in SES's JSON, and later list-managed sends not delivered."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import client_error
from emulator_clients import sns

LIST = "newsletter"


@pytest.fixture
def lane(aws):
    topic = aws.sns.create_topic(Name="events")["TopicArn"]
    queue = aws.queue("events", topic)
    aws.lane("marketing", sns(topic, "SEND", "DELIVERY", "BOUNCE", "SUBSCRIPTION"))
    aws.sesv2.create_contact_list(
        ContactListName=LIST,
        Topics=[
            {"TopicName": name, "DisplayName": name, "DefaultSubscriptionStatus": "OPT_IN"}
            for name in ("weekly", "offers")
        ],
    )
    for address in ("reader@x.test", "other@x.test"):
        aws.sesv2.create_contact(ContactListName=LIST, EmailAddress=address)
    return queue


def list_send(aws, to, topic: str | None = "weekly") -> str:
    options = {"ContactListName": LIST, **({"TopicName": topic} if topic else {})}
    return aws.send(to, ConfigurationSetName="marketing", ListManagementOptions=options)


def message(aws, message_id: str) -> dict:
    (found,) = [m for m in aws.messages() if m["MessageId"] == message_id]
    return found


def follow(aws, link: str, method: str = "GET") -> int:
    data = b"List-Unsubscribe=One-Click" if method == "POST" else None
    request = urllib.request.Request(urllib.parse.urljoin(aws.url, link), data, method=method)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_one_click_unsubscribe_publishes_a_subscription_event(aws, lane):
    message_id = list_send(aws, ["reader@x.test", "stranger@x.test"])
    links = message(aws, message_id)["UnsubscribeLinks"]
    assert sorted(links) == ["reader@x.test"]  # only a contact of the list gets one
    assert follow(aws, links["reader@x.test"], "POST") == 200

    contact = aws.sesv2.get_contact(ContactListName=LIST, EmailAddress="reader@x.test")
    assert contact["TopicPreferences"] == [{"TopicName": "weekly", "SubscriptionStatus": "OPT_OUT"}]
    assert contact["UnsubscribeAll"] is False
    (event,) = [d for d in aws.drain(lane) if d["eventType"] == "Subscription"]
    assert event["mail"]["messageId"] == message_id
    subscription = event["subscription"]
    assert set(subscription) == {"contactList", "timestamp", "source",
                                 "newTopicPreferences", "oldTopicPreferences"}  # fmt: skip
    assert (subscription["contactList"], subscription["source"]) == (LIST, "UnsubscribeHeader")
    assert subscription["oldTopicPreferences"] == {"unsubscribeAll": False,
                                                   "topicSubscriptionStatus": []}  # fmt: skip
    assert subscription["newTopicPreferences"] == {
        "unsubscribeAll": False,
        "topicSubscriptionStatus": [{"topicName": "weekly", "subscriptionStatus": "OptOut"}],
    }
    assert aws.event_types(message_id) == ["SEND", "DELIVERY", "DELIVERY", "SUBSCRIPTION"]


def test_a_later_send_for_that_topic_is_not_delivered_to_the_unsubscribed_contact(aws, lane):
    first = list_send(aws, "reader@x.test")
    assert follow(aws, message(aws, first)["UnsubscribeLinks"]["reader@x.test"]) == 200

    weekly = list_send(aws, ["reader@x.test", "other@x.test"])
    offers = list_send(aws, "reader@x.test", topic="offers")
    unmanaged = aws.send("reader@x.test", ConfigurationSetName="marketing")
    assert aws.event_types(weekly) == ["SEND", "BOUNCE", "DELIVERY"]
    (bounce,) = [e for e in message(aws, weekly)["Events"] if e["Type"] == "BOUNCE"]
    assert bounce["Recipients"] == ["reader@x.test"]
    assert sorted(message(aws, weekly)["UnsubscribeLinks"]) == ["other@x.test"]
    assert aws.event_types(offers) == ["SEND", "DELIVERY"]
    assert aws.event_types(unmanaged) == ["SEND", "DELIVERY"]


def test_a_send_naming_no_topic_unsubscribes_from_the_whole_list(aws, lane):
    first = list_send(aws, "reader@x.test", topic=None)
    link = message(aws, first)["UnsubscribeLinks"]["reader@x.test"]
    assert follow(aws, link) == 200
    assert follow(aws, link) == 200  # a second click changes nothing and publishes nothing

    contact = aws.sesv2.get_contact(ContactListName=LIST, EmailAddress="reader@x.test")
    assert contact["UnsubscribeAll"] is True
    events = [d for d in aws.drain(lane) if d["eventType"] == "Subscription"]
    assert [e["subscription"]["newTopicPreferences"]["unsubscribeAll"] for e in events] == [True]
    assert aws.event_types(list_send(aws, "reader@x.test", topic="offers")) == ["SEND", "BOUNCE"]


def test_list_management_options_must_name_the_list_and_one_of_its_topics(aws, lane):
    send = aws.sesv2.send_email
    content = {"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}}}
    cases = [{"ContactListName": "nope"}, {"ContactListName": LIST, "TopicName": "nope"}]
    answers = [
        client_error(lambda options=options: send(
            FromEmailAddress="app@example.test", Destination={"ToAddresses": ["reader@x.test"]},
            Content=content, ListManagementOptions=options))[:2]
        for options in cases
    ]  # fmt: skip
    assert answers == [("NotFoundException", 404)] * 2


def test_an_unknown_or_stale_unsubscribe_token_answers_404(aws, lane):
    message_id = list_send(aws, "reader@x.test")
    link = message(aws, message_id)["UnsubscribeLinks"]["reader@x.test"]
    aws.sesv2.delete_contact(ContactListName=LIST, EmailAddress="reader@x.test")
    assert [follow(aws, "/_ses/unsubscribe/bm90LWEtdG9rZW4"), follow(aws, link)] == [404, 404]
    assert aws.event_types(message_id) == ["SEND", "DELIVERY"]
