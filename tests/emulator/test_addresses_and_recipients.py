"""Addresses, identity names and recipient counts, refused and counted as SES does (v1 and v2)."""

from __future__ import annotations

import pytest
from conftest import client_error
from emulator_clients import SENDER

MESSAGE = {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}}


@pytest.mark.parametrize(
    ("recipient", "message"),
    [
        ("invalid_address", "Missing final '@domain'"),
        ("someone@", "Missing domain"),
        ("@example.test", "Missing local name"),
        ("a b@example.test", "Local address contains control or whitespace"),
        ("a..b@example.test", "Local address contains dot-dot"),
        ("a@exa_mple.test", "Domain contains illegal character"),
        ("a@example..test", "Domain contains dot-dot"),
        ("a@example.test\r\nBcc: victim@evil.test", "Domain contains control or whitespace"),
    ],
)
def test_a_malformed_recipient_is_refused_in_ses_words_v1_and_v2(aws, recipient, message):
    raw = f"From: {SENDER}\r\nTo: {recipient}\r\nSubject: s\r\n\r\nb".encode()
    attempts = {
        "v2 simple": lambda: aws.send(recipient),
        "v2 raw": lambda: aws.sesv2.send_email(
            FromEmailAddress=SENDER, Destination={"ToAddresses": [recipient]},
            Content={"Raw": {"Data": raw}}),
        "v1 simple": lambda: aws.send_v1(recipient),
        "v1 raw": lambda: aws.ses.send_raw_email(
            Source=SENDER, Destinations=[recipient], RawMessage={"Data": raw}),
    }  # fmt: skip
    answers = {name: client_error(attempt) for name, attempt in attempts.items()}
    assert answers == {
        "v2 simple": ("BadRequestException", 400, message),
        "v2 raw": ("BadRequestException", 400, message),
        "v1 simple": ("InvalidParameterValue", 400, message),
        "v1 raw": ("InvalidParameterValue", 400, message),
    }
    assert aws.messages() == []


def test_a_header_injection_in_the_from_address_is_refused(aws):
    sender = f"{SENDER}\r\nBcc: victim@evil.test"
    assert client_error(lambda: aws.send("u@x.test", sender=sender)) == (
        "BadRequestException",
        400,
        "Domain contains control or whitespace",
    )
    assert (
        client_error(lambda: aws.send_v1("u@x.test", sender=sender))[0] == "InvalidParameterValue"
    )
    assert aws.messages() == []


def test_a_display_name_is_still_a_valid_address(aws):
    aws.send("Someone Else <someone@x.test>", sender=f'"App, Inc." <{SENDER}>')
    assert len(aws.messages()) == 1


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("<script>alert(8)</script>.com", "Invalid domain name <<script>alert(8)</script>.com>."),
        ("../../etc/passwd", "Invalid domain name <../../etc/passwd>."),
        ("-bad.example", "Invalid domain name <-bad.example>."),
        ("a@b@example.test", "Invalid email address <a@b@example.test>."),
        (
            "x@example.test\r\nBcc: y@z.test",
            "Invalid email address <x@example.test\r\nBcc: y@z.test>.",
        ),
    ],
)
def test_identity_names_that_are_neither_domain_nor_address_are_refused(aws, name, message):
    assert client_error(lambda: aws.sesv2.create_email_identity(EmailIdentity=name)) == (
        "BadRequestException",
        400,
        message,
    )
    verify = aws.ses.verify_email_identity if "@" in name else aws.ses.verify_domain_identity
    member = {"EmailAddress": name} if "@" in name else {"Domain": name}
    assert client_error(lambda: verify(**member)) == ("InvalidParameterValue", 400, message)
    names = aws.sesv2.list_email_identities()["EmailIdentities"]
    assert [i["IdentityName"] for i in names] == ["example.test"]


def every_kind(count: int) -> dict[str, list[str]]:
    """`count` recipients spread over To, CC and BCC."""
    addresses = [f"r{n}@x.test" for n in range(count)]
    return {"ToAddresses": addresses[0::3], "CcAddresses": addresses[1::3],
            "BccAddresses": addresses[2::3]}  # fmt: skip


def test_fifty_recipients_pass_and_fifty_one_are_refused_v1_and_v2(aws):
    content = {"Simple": MESSAGE}
    aws.sesv2.send_email(FromEmailAddress=SENDER, Destination=every_kind(50), Content=content)
    aws.ses.send_email(Source=SENDER, Destination=every_kind(50), Message=MESSAGE)
    refused = "Recipient count exceeds 50."
    v2 = client_error(lambda: aws.sesv2.send_email(
        FromEmailAddress=SENDER, Destination=every_kind(51), Content=content))  # fmt: skip
    v1 = client_error(lambda: aws.ses.send_email(
        Source=SENDER, Destination=every_kind(51), Message=MESSAGE))  # fmt: skip
    assert (v2, v1) == (
        ("BadRequestException", 400, refused),
        ("InvalidParameterValue", 400, refused),
    )
    assert len(aws.messages()) == 2


def test_quotas_and_statistics_count_recipients_not_messages(aws):
    aws.sesv2.send_email(FromEmailAddress=SENDER, Destination=every_kind(3),
                         Content={"Simple": MESSAGE})  # fmt: skip
    aws.ses.send_email(Source=SENDER, Destination=every_kind(2), Message=MESSAGE)
    raw = f"From: {SENDER}\r\nTo: a@x.test, b@x.test\r\nSubject: s\r\n\r\nb".encode()
    aws.ses.send_raw_email(RawMessage={"Data": raw})
    assert aws.sesv2.get_account()["SendQuota"]["SentLast24Hours"] == 7.0
    assert aws.ses.get_send_quota()["SentLast24Hours"] == 7.0
    points = aws.ses.get_send_statistics()["SendDataPoints"]
    assert sum(p["DeliveryAttempts"] for p in points) == 7


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("test_invalid_name:123", "test", "Invalid tag name <test_invalid_name:123>: only "
         "alphanumeric ASCII characters, '_',  '-' are allowed."),
        ("test", "test_invalid_value:123", "Invalid tag value <test_invalid_value:123>: only "
         "alphanumeric ASCII characters, '_',  '-' , '.', '@' are allowed."),
        ("bad:name", "bad:value", "Invalid tag name <bad:name>: only alphanumeric ASCII "
         "characters, '_',  '-' are allowed."),
        ("n" * 256, "v", "Tag name cannot exceed 255 characters."),
        ("n", "v" * 256, "Tag value cannot exceed 255 characters."),
        ("", "test", "The tag name must be specified."),
        ("test", "", "The tag value must be specified."),
    ],
)  # fmt: skip
def test_message_tags_are_checked_name_first_in_ses_words(aws, name, value, message):
    tags = [{"Name": name, "Value": value}]
    assert client_error(lambda: aws.send_v1("u@x.test", Tags=tags)) == (
        "InvalidParameterValue",
        400,
        message,
    )
    assert client_error(lambda: aws.send("u@x.test", EmailTags=tags)) == (
        "BadRequestException",
        400,
        message,
    )
    assert aws.messages() == []
