"""Identity notifications: bounces, complaints and deliveries reach the SNS topics the
sending identity names, in SES's notification shape, headers only where switched on."""

from __future__ import annotations

from emulator_clients import SENDER


def notify(aws, kind: str, identity: str = "example.test") -> str:
    """A topic for `kind` notifications of `identity`, with a queue subscribed: its URL."""
    topic = aws.sns.create_topic(Name=f"{kind.lower()}-notes")["TopicArn"]
    aws.ses.set_identity_notification_topic(
        Identity=identity, NotificationType=kind, SnsTopic=topic
    )
    return aws.queue(f"{kind.lower()}-notes", topic)


def test_bounce_complaint_and_delivery_notifications_reach_the_identitys_topics(aws):
    queues = {kind: notify(aws, kind) for kind in ("Bounce", "Complaint", "Delivery")}
    bounced = aws.send_v1("bounce@simulator.amazonses.com")
    complained = aws.send("complaint@simulator.amazonses.com")  # v2 sends notify too
    (bounce,) = aws.drain(queues["Bounce"])
    assert bounce["notificationType"] == "Bounce"
    assert bounce["mail"]["messageId"] == bounced
    assert bounce["mail"]["source"] == SENDER
    assert bounce["mail"]["destination"] == ["bounce@simulator.amazonses.com"]
    assert bounce["bounce"]["bounceType"] == "Permanent"
    assert "headers" not in bounce["mail"] and "tags" not in bounce["mail"]
    (complaint,) = aws.drain(queues["Complaint"])
    assert complaint["notificationType"] == "Complaint"
    assert complaint["mail"]["messageId"] == complained
    assert complaint["complaint"]["complainedRecipients"] == [
        {"emailAddress": "complaint@simulator.amazonses.com"}
    ]
    # The complaint simulator's message was delivered first, as at SES.
    deliveries = aws.drain(queues["Delivery"])
    assert [d["mail"]["messageId"] for d in deliveries] == [complained]
    assert deliveries[0]["delivery"]["recipients"] == ["complaint@simulator.amazonses.com"]


def test_headers_come_with_a_notification_only_when_switched_on(aws):
    queue = notify(aws, "Delivery")
    aws.ses.set_identity_headers_in_notifications_enabled(
        Identity="example.test", NotificationType="Delivery", Enabled=True
    )
    aws.send_v1("success@simulator.amazonses.com")
    (with_headers,) = aws.drain(queue)
    assert with_headers["mail"]["commonHeaders"]["subject"] == "hello"
    assert {"name": "From", "value": SENDER} in with_headers["mail"]["headers"]
    aws.ses.set_identity_headers_in_notifications_enabled(
        Identity="example.test", NotificationType="Delivery", Enabled=False
    )
    aws.send_v1("success@simulator.amazonses.com")
    (without,) = aws.drain(queue)
    assert "headers" not in without["mail"] and "commonHeaders" not in without["mail"]


def test_clearing_the_topic_stops_notifications_and_the_attributes_say_so(aws):
    queue = notify(aws, "Bounce")
    attributes = aws.ses.get_identity_notification_attributes(Identities=["example.test"])
    assert attributes["NotificationAttributes"]["example.test"]["BounceTopic"].endswith(
        ":bounce-notes"
    )
    aws.ses.set_identity_notification_topic(Identity="example.test", NotificationType="Bounce")
    aws.send_v1("bounce@simulator.amazonses.com")
    assert aws.drain(queue) == []
    attributes = aws.ses.get_identity_notification_attributes(Identities=["example.test"])
    assert "BounceTopic" not in attributes["NotificationAttributes"]["example.test"]


def test_an_address_identitys_topics_override_its_domains(aws):
    domain_queue = notify(aws, "Bounce")
    aws.sesv2.create_email_identity(EmailIdentity=SENDER)
    topic = aws.sns.create_topic(Name="address-bounces")["TopicArn"]
    aws.ses.set_identity_notification_topic(
        Identity=SENDER, NotificationType="Bounce", SnsTopic=topic
    )
    address_queue = aws.queue("address-bounces", topic)
    aws.send_v1("bounce@simulator.amazonses.com")
    assert aws.drain(domain_queue) == []
    assert len(aws.drain(address_queue)) == 1
