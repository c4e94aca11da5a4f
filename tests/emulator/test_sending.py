"""Sending semantics through boto3 (v2 and v1): which lane a message takes, and
which sends SES refuses, with SES's error codes."""

from __future__ import annotations

import json

import pytest
from conftest import client_error
from emulator_clients import DOMAIN, SENDER

SIMPLE = {"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}}}


def lanes_of(aws, *message_ids):
    by_id = {m["MessageId"]: m for m in aws.messages()}
    return [(by_id[i]["ConfigurationSet"], by_id[i]["ConfigurationSetOrigin"]) for i in message_ids]


def test_request_set_wins_over_identity_default_and_no_set_means_none(aws):
    aws.lane("default-lane")
    aws.lane("named-lane")
    aws.sesv2.create_email_identity(EmailIdentity="other.test")
    aws.sesv2.put_email_identity_configuration_set_attributes(
        EmailIdentity=DOMAIN, ConfigurationSetName="default-lane"
    )
    named = aws.send("u@x.test", ConfigurationSetName="named-lane")
    default = aws.send("u@x.test")
    bare = aws.send("u@x.test", sender="app@other.test")
    assert lanes_of(aws, named, default, bare) == [
        ("named-lane", "request"),
        ("default-lane", f"identity {DOMAIN}"),
        (None, None),
    ]


def test_identity_default_comes_from_the_address_identity_before_its_domain(aws):
    aws.lane("domain-lane")
    aws.lane("address-lane")
    aws.sesv2.put_email_identity_configuration_set_attributes(
        EmailIdentity=DOMAIN, ConfigurationSetName="domain-lane"
    )
    aws.sesv2.create_email_identity(EmailIdentity=SENDER, ConfigurationSetName="address-lane")
    from_address = aws.send("u@x.test")
    from_domain = aws.send("u@x.test", sender=f"Other <other@{DOMAIN}>")
    from_address_v1 = aws.send_v1("u@x.test")
    assert lanes_of(aws, from_address, from_domain, from_address_v1) == [
        ("address-lane", f"identity {SENDER}"),
        ("domain-lane", f"identity {DOMAIN}"),
        ("address-lane", f"identity {SENDER}"),
    ]


def test_unknown_set_is_refused_as_ses_refuses_it(aws):
    v2 = client_error(lambda: aws.send("u@x.test", ConfigurationSetName="missing"))
    v1 = client_error(lambda: aws.send_v1("u@x.test", ConfigurationSetName="missing"))
    expected = "Configuration set <missing> does not exist."
    assert v2 == ("NotFoundException", 404, expected)
    assert v1 == ("ConfigurationSetDoesNotExist", 400, expected)
    assert aws.messages() == []


def test_unverified_sender_is_rejected(aws):
    message = (
        "Email address is not verified. The following identities failed the check in region "
        "US-EAST-1: app@unverified.test"
    )
    v2 = client_error(lambda: aws.send("u@x.test", sender="app@unverified.test"))
    v1 = client_error(lambda: aws.send_v1("u@x.test", sender="app@unverified.test"))
    assert v2 == v1 == ("MessageRejected", 400, message)


def test_sandbox_accepts_only_verified_recipients_and_the_simulator(aws):
    assert aws.local("PUT", "/control/account", {"production_access_enabled": False}) == (
        200,
        {"sending_enabled": True, "production_access_enabled": False},
    )
    aws.sesv2.create_email_identity(EmailIdentity="friend@x.test")
    aws.send("friend@x.test")
    aws.send("success+sandbox@simulator.amazonses.com")
    code, status, message = client_error(lambda: aws.send(["friend@x.test", "stranger@x.test"]))
    assert (code, status) == ("MessageRejected", 400) and message.endswith(": stranger@x.test")
    assert [m["Destination"]["ToAddresses"] for m in aws.messages()] == [
        ["success+sandbox@simulator.amazonses.com"],
        ["friend@x.test"],
    ]


def test_paused_account_and_paused_set_refuse_sends(aws):
    aws.lane("paused", SendingOptions={"SendingEnabled": False})
    assert client_error(lambda: aws.send("u@x.test", ConfigurationSetName="paused"))[:2] == (
        "SendingPausedException",
        400,
    )
    v1 = client_error(lambda: aws.send_v1("u@x.test", ConfigurationSetName="paused"))
    assert v1[:2] == ("ConfigurationSetSendingPausedException", 400)
    aws.local("PUT", "/control/account", {"sending_enabled": False})
    assert client_error(lambda: aws.send("u@x.test"))[:2] == ("SendingPausedException", 400)
    assert client_error(lambda: aws.send_v1("u@x.test"))[:2] == (
        "AccountSendingPausedException",
        400,
    )
    assert aws.messages() == []


def test_bulk_sends_one_message_per_entry_with_its_own_status(aws):
    aws.lane("bulk")
    aws.local("PUT", "/control/account", {"production_access_enabled": False})
    aws.sesv2.create_email_identity(EmailIdentity="ok@x.test")
    entries = [
        {
            "Destination": {"ToAddresses": [to]},
            "ReplacementEmailContent": {
                "ReplacementTemplate": {"ReplacementTemplateData": json.dumps({"name": to})}
            },
        }
        for to in ("ok@x.test", "stranger@x.test", "bounce@simulator.amazonses.com")
    ]
    results = aws.sesv2.send_bulk_email(
        FromEmailAddress=SENDER,
        ConfigurationSetName="bulk",
        DefaultContent={
            "Template": {
                "TemplateContent": {"Subject": "Hi {{name}}", "Text": "x"},
                "TemplateData": "{}",
            }
        },
        BulkEmailEntries=entries,
    )["BulkEmailEntryResults"]
    assert [r["Status"] for r in results] == ["SUCCESS", "MESSAGE_REJECTED", "SUCCESS"]
    stored = {m["MessageId"]: m for m in aws.messages()}
    assert sorted(stored) == sorted(r["MessageId"] for r in results if "MessageId" in r)
    assert sorted(m["Subject"] for m in stored.values()) == [
        "Hi bounce@simulator.amazonses.com",
        "Hi ok@x.test",
    ]


def test_raw_message_takes_recipients_and_subject_from_its_headers(aws):
    raw = (
        f"From: App <{SENDER}>\r\nTo: a@x.test, b@x.test\r\nSubject: raw one\r\n"
        "X-Campaign: spring\r\n\r\nbody\r\n"
    ).encode()
    v2 = aws.sesv2.send_email(Content={"Raw": {"Data": raw}})["MessageId"]
    v1 = aws.ses.send_raw_email(RawMessage={"Data": raw})["MessageId"]
    by_id = {m["MessageId"]: m for m in aws.messages()}
    for message_id, api in ((v2, "v2"), (v1, "v1")):
        message = by_id[message_id]
        assert (message["Api"], message["Subject"], message["Destination"]) == (
            api,
            "raw one",
            {"ToAddresses": ["a@x.test", "b@x.test"]},
        )
        assert [e["Type"] for e in message["Events"]] == ["SEND", "DELIVERY", "DELIVERY"]


def test_template_with_a_missing_variable_is_a_rendering_failure(aws):
    template = {
        "TemplateContent": {"Subject": "Hello {{name}}", "Text": "code {{code}}"},
        "TemplateData": json.dumps({"name": "Ann"}),
    }
    failed = aws.sesv2.send_email(
        FromEmailAddress=SENDER,
        Destination={"ToAddresses": ["u@x.test"]},
        Content={"Template": template},
    )["MessageId"]
    template["TemplateData"] = json.dumps({"name": "Ann", "code": 1})
    rendered = aws.sesv2.send_email(
        FromEmailAddress=SENDER,
        Destination={"ToAddresses": ["u@x.test"]},
        Content={"Template": template},
    )["MessageId"]
    assert aws.event_types(failed) == ["SEND", "RENDERING_FAILURE"]
    assert aws.event_types(rendered) == ["SEND", "DELIVERY"]
    missing = client_error(
        lambda: aws.sesv2.send_email(
            FromEmailAddress=SENDER,
            Destination={"ToAddresses": ["u@x.test"]},
            Content={"Template": {"TemplateName": "nope", "TemplateData": "{}"}},
        )
    )
    assert missing == ("NotFoundException", 404, "Template nope does not exist.")


@pytest.mark.parametrize(
    ("local_part", "events"),
    [
        ("success", ["SEND", "DELIVERY"]),
        ("ooto", ["SEND", "DELIVERY"]),
        ("bounce", ["SEND", "BOUNCE"]),
        ("complaint", ["SEND", "DELIVERY", "COMPLAINT"]),
        ("suppressionlist", ["SEND", "BOUNCE"]),
        ("bounce+label-1", ["SEND", "BOUNCE"]),
        ("complaint+x", ["SEND", "DELIVERY", "COMPLAINT"]),
    ],
)
def test_mailbox_simulator_produces_the_documented_events_and_suppresses_nobody(
    aws, local_part, events
):
    address = f"{local_part}@simulator.amazonses.com"
    assert aws.event_types(aws.send(address)) == events
    assert aws.sesv2.list_suppressed_destinations()["SuppressedDestinationSummaries"] == []
    assert aws.event_types(aws.send(address)) == events  # never suppressed on a resend


def test_v1_templated_send_renders_a_stored_template_in_the_lane(aws):
    aws.lane("v1-lane")
    aws.ses.create_template(
        Template={"TemplateName": "welcome", "SubjectPart": "Hi {{name}}", "TextPart": "t"}
    )
    sent = aws.ses.send_templated_email(
        Source=SENDER, Destination={"ToAddresses": ["u@x.test"]}, Template="welcome",
        TemplateData=json.dumps({"name": "Ann"}), ConfigurationSetName="v1-lane",
    )["MessageId"]  # fmt: skip
    (message,) = aws.messages()
    seen = (message["MessageId"], message["Api"], message["Subject"], message["ConfigurationSet"])
    assert seen == (sent, "v1", "Hi Ann", "v1-lane")
    missing = client_error(lambda: aws.ses.send_templated_email(
        Source=SENDER, Destination={"ToAddresses": ["u@x.test"]}, Template="nope",
        TemplateData="{}",
    ))  # fmt: skip
    assert missing == ("TemplateDoesNotExist", 400, "Template nope does not exist.")
