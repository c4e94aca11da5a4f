"""The v1 `ses` query API: every action of the model answers SES's XML, errors in SES's
codes and words (recorded against SES), state shared with the v2 API."""

from __future__ import annotations

import urllib.error
import urllib.request
import xml.etree.ElementTree as ET

import botocore.loaders
import pytest
from conftest import client_error
from emulator_clients import SENDER

V1_ACTIONS = sorted(botocore.loaders.Loader().load_service_model("ses", "service-2")["operations"])
XMLNS = "{http://ses.amazonaws.com/doc/2010-12-01/}"
# The query API needs a SigV4 Authorization naming the service; moto does not check signatures.
SIGNED = "AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/ses/aws4_request"


def post_form(url: str, body: str) -> tuple[int, str, ET.Element]:
    request = urllib.request.Request(url + "/", data=body.encode(), method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    request.add_header("Authorization", SIGNED)
    try:
        with urllib.request.urlopen(request) as response:
            status, kind, payload = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, kind, payload = error.code, error.headers, error.read()
    return status, kind.get_content_type(), ET.fromstring(payload)


@pytest.mark.parametrize("action", V1_ACTIONS)
def test_every_v1_action_answers_ses_xml_even_without_its_parameters(aws, action):
    status, kind, document = post_form(aws.url, f"Action={action}&Version=2010-12-01")
    assert kind == "text/xml"
    assert document.tag in (f"{XMLNS}{action}Response", f"{XMLNS}ErrorResponse"), document.tag
    if document.tag.endswith("ErrorResponse"):
        code = document.find(f"{XMLNS}Error/{XMLNS}Code").text
        assert code and status in (400, 501), (status, code)
    else:
        assert status == 200


def test_an_action_ses_does_not_have_is_invalid_action(aws):
    status, _, document = post_form(aws.url, "Action=SendPigeon&Version=2010-12-01")
    assert (status, document.find(f"{XMLNS}Error/{XMLNS}Code").text) == (400, "InvalidAction")


def test_deleting_what_does_not_exist_answers_ses_errors(aws):
    assert client_error(lambda: aws.ses.delete_configuration_set(ConfigurationSetName="nope")) == (
        "ConfigurationSetDoesNotExist",
        400,
        "Configuration set <nope> does not exist.",
    )
    assert (
        client_error(
            lambda: aws.ses.delete_configuration_set_event_destination(
                ConfigurationSetName="nope", EventDestinationName="d"
            )
        )[0]
        == "ConfigurationSetDoesNotExist"
    )
    aws.ses.create_configuration_set(ConfigurationSet={"Name": "lane"})
    assert client_error(
        lambda: aws.ses.delete_configuration_set_event_destination(
            ConfigurationSetName="lane", EventDestinationName="d"
        )
    ) == ("EventDestinationDoesNotExist", 400, "No EventDestination found for lane")


def test_headers_in_notifications_refuse_unknown_identities_and_types(aws):
    def enable(identity, kind):
        return lambda: aws.ses.set_identity_headers_in_notifications_enabled(
            Identity=identity, NotificationType=kind, Enabled=True
        )

    assert client_error(enable("unknown@example.com", "Bounce")) == (
        "MessageRejected",
        400,
        "Identity unknown@example.com is not verified or does not exist.",
    )
    assert client_error(enable(SENDER, "InvalidType")) == (
        "InvalidParameterValue",
        400,
        "Invalid notification type: InvalidType. Valid values are: Bounce, Complaint, Delivery.",
    )
    enable(SENDER.split("@")[1], "Delivery")()
    attributes = aws.ses.get_identity_notification_attributes(Identities=["example.test", "x.y"])
    (only,) = attributes["NotificationAttributes"].values()
    assert only["HeadersInDeliveryNotificationsEnabled"] is True
    assert only["HeadersInBounceNotificationsEnabled"] is False


def test_a_v1_event_destination_is_a_v2_destination_and_back(aws):
    topic = aws.sns.create_topic(Name="events")["TopicArn"]
    aws.ses.create_configuration_set(ConfigurationSet={"Name": "lane"})
    aws.ses.create_configuration_set_event_destination(
        ConfigurationSetName="lane",
        EventDestination={
            "Name": "to-sns",
            "Enabled": True,
            "MatchingEventTypes": ["send", "renderingFailure", "bounce"],
            "SNSDestination": {"TopicARN": topic},
        },
    )
    (v2,) = aws.sesv2.get_configuration_set_event_destinations(ConfigurationSetName="lane")[
        "EventDestinations"
    ]
    assert v2["MatchingEventTypes"] == ["SEND", "RENDERING_FAILURE", "BOUNCE"]
    assert v2["SnsDestination"] == {"TopicArn": topic}
    described = aws.ses.describe_configuration_set(
        ConfigurationSetName="lane", ConfigurationSetAttributeNames=["eventDestinations"]
    )
    assert described["EventDestinations"][0]["MatchingEventTypes"] == [
        "bounce",
        "renderingFailure",
        "send",
    ]
    aws.ses.update_configuration_set_sending_enabled(ConfigurationSetName="lane", Enabled=False)
    assert aws.sesv2.get_configuration_set(ConfigurationSetName="lane")["SendingOptions"] == {
        "SendingEnabled": False
    }
    code, _, _ = client_error(lambda: aws.send_v1("a@example.test", ConfigurationSetName="lane"))
    assert code == "ConfigurationSetSendingPausedException"


def test_v1_sns_destination_needs_an_existing_topic(aws):
    aws.ses.create_configuration_set(ConfigurationSet={"Name": "lane"})
    missing = "arn:aws:sns:us-east-1:123456789012:never-made"
    assert client_error(
        lambda: aws.ses.create_configuration_set_event_destination(
            ConfigurationSetName="lane",
            EventDestination={
                "Name": "d",
                "MatchingEventTypes": ["send"],
                "SNSDestination": {"TopicARN": missing},
            },
        )
    ) == ("InvalidSNSDestination", 400, f"SNS topic <{missing}> not found.")


def test_v1_bulk_templated_send_is_one_message_per_destination(aws):
    aws.ses.create_template(
        Template={"TemplateName": "hi", "SubjectPart": "Hi {{name}}", "TextPart": "hello"}
    )
    result = aws.ses.send_bulk_templated_email(
        Source=SENDER,
        Template="hi",
        DefaultTemplateData='{"name": "you"}',
        Destinations=[
            {"Destination": {"ToAddresses": ["a@example.test"]}},
            {
                "Destination": {"ToAddresses": ["b@example.test"]},
                "ReplacementTemplateData": '{"name": "Bea"}',
            },
        ],
    )
    statuses = result["Status"]
    assert [s["Status"] for s in statuses] == ["Success", "Success"]
    by_id = {m["MessageId"]: m for m in aws.messages()}
    subjects = [by_id[s["MessageId"]]["Subject"] for s in statuses]
    assert subjects == ["Hi you", "Hi Bea"]
    assert {by_id[s["MessageId"]]["Operation"] for s in statuses} == {"SendBulkTemplatedEmail"}
    refused = client_error(
        lambda: aws.ses.send_bulk_templated_email(
            Source="nobody@unverified.test",
            Template="hi",
            DefaultTemplateData="{}",
            Destinations=[{"Destination": {"ToAddresses": ["a@example.test"]}}],
        )
    )
    assert refused[0] == "MessageRejected"


def test_v1_identity_policies_are_the_v2_ones(aws):
    policy = '{"Version": "2012-10-17", "Statement": []}'
    aws.ses.put_identity_policy(Identity="example.test", PolicyName="p", Policy=policy)
    assert aws.sesv2.get_email_identity_policies(EmailIdentity="example.test")["Policies"] == {
        "p": policy
    }
    assert aws.ses.list_identity_policies(Identity="example.test")["PolicyNames"] == ["p"]
    aws.ses.delete_identity_policy(Identity="example.test", PolicyName="p")
    aws.ses.delete_identity_policy(Identity="example.test", PolicyName="p")  # missing: succeeds
    left = aws.ses.get_identity_policies(Identity="example.test", PolicyNames=["p"])
    assert left["Policies"] == {}
    code = client_error(
        lambda: aws.ses.put_identity_policy(Identity="example.test", PolicyName="p", Policy="{")
    )[0]
    assert code == "InvalidPolicy"
