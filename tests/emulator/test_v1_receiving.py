"""v1 receiving over HTTP: IP address filters, moving and deleting receipt rules (on the rule
sets moto's receipt actions keep), and SendBounce, each with SES's error codes and words."""

from __future__ import annotations

import json

import pytest
from conftest import client_error
from emulator_clients import AWS_CLI, SENDER, aws_cli


def _filter(name: str, cidr: str = "10.0.0.0/24", policy: str = "Block") -> dict:
    return {"Name": name, "IpFilter": {"Cidr": cidr, "Policy": policy}}


def _rules(aws, rule_set: str) -> list[str]:
    return [r["Name"] for r in aws.ses.describe_receipt_rule_set(RuleSetName=rule_set)["Rules"]]


@pytest.fixture
def inbound(aws):
    """A rule set holding rules a, b, c in that order."""
    aws.ses.create_receipt_rule_set(RuleSetName="inbound")
    after = None
    for name in "abc":
        extra = {"After": after} if after else {}
        aws.ses.create_receipt_rule(RuleSetName="inbound", Rule={"Name": name}, **extra)
        after = name
    assert _rules(aws, "inbound") == ["a", "b", "c"]
    return aws


def test_ip_filters_are_created_listed_and_deleted(aws):
    aws.ses.create_receipt_filter(Filter=_filter("office", "203.0.113.7"))
    aws.ses.create_receipt_filter(Filter=_filter("allow-vpn", "198.51.100.0/24", "Allow"))
    assert aws.ses.list_receipt_filters()["Filters"] == [
        _filter("allow-vpn", "198.51.100.0/24", "Allow"),
        _filter("office", "203.0.113.7"),
    ]
    aws.ses.delete_receipt_filter(FilterName="office")
    aws.ses.delete_receipt_filter(FilterName="never-made")  # the model lists no error
    assert [f["Name"] for f in aws.ses.list_receipt_filters()["Filters"]] == ["allow-vpn"]


def test_ip_filters_are_refused_as_ses_refuses_them(aws):
    aws.ses.create_receipt_filter(Filter=_filter("office"))
    assert client_error(lambda: aws.ses.create_receipt_filter(Filter=_filter("office"))) == (
        "AlreadyExists",
        400,
        "Filter already exists: office",
    )
    assert client_error(lambda: aws.ses.create_receipt_filter(Filter=_filter("-edge"))) == (
        "InvalidParameterValue",
        400,
        "Not a valid filter name: -edge",
    )
    bad_cidr = client_error(lambda: aws.ses.create_receipt_filter(Filter=_filter("x", "10.0.0")))
    assert bad_cidr == ("InvalidParameterValue", 400, "Invalid cidr: 10.0.0")
    bad_policy = client_error(
        lambda: aws.ses.create_receipt_filter(Filter=_filter("x", policy="Drop"))
    )
    assert bad_policy[:2] == ("ValidationError", 400) and "[Block, Allow]" in bad_policy[2]


def test_the_hundredth_and_first_filter_is_over_the_quota(aws):
    for n in range(100):
        aws.ses.create_receipt_filter(Filter=_filter(f"f{n}"))
    assert client_error(lambda: aws.ses.create_receipt_filter(Filter=_filter("f100")))[:2] == (
        "LimitExceeded",
        400,
    )


def test_a_deleted_rule_is_gone_from_its_rule_set(inbound):
    inbound.ses.delete_receipt_rule(RuleSetName="inbound", RuleName="b")
    inbound.ses.delete_receipt_rule(RuleSetName="inbound", RuleName="b")  # gone: still a success
    assert _rules(inbound, "inbound") == ["a", "c"]


def test_rules_are_moved_after_a_rule_or_first(inbound):
    inbound.ses.set_receipt_rule_position(RuleSetName="inbound", RuleName="a", After="c")
    assert _rules(inbound, "inbound") == ["b", "c", "a"]
    inbound.ses.set_receipt_rule_position(RuleSetName="inbound", RuleName="a")
    assert _rules(inbound, "inbound") == ["a", "b", "c"]


def test_a_rule_set_is_reordered_when_every_rule_is_named_once(inbound):
    inbound.ses.reorder_receipt_rule_set(RuleSetName="inbound", RuleNames=["c", "a", "b"])
    assert _rules(inbound, "inbound") == ["c", "a", "b"]
    for names in (["c", "a"], ["c", "a", "b", "b"]):
        refused = client_error(
            lambda names=names: inbound.ses.reorder_receipt_rule_set(
                RuleSetName="inbound", RuleNames=names
            )
        )
        assert refused[:2] == ("InvalidParameterValue", 400)
    assert _rules(inbound, "inbound") == ["c", "a", "b"]


def test_missing_rule_sets_and_rules_answer_ses_errors(inbound):
    ses = inbound.ses
    missing_set = ("RuleSetDoesNotExist", 400, "Rule set does not exist: nope")
    assert client_error(lambda: ses.delete_receipt_rule(RuleSetName="nope", RuleName="a")) == (
        missing_set
    )
    assert (
        client_error(lambda: ses.reorder_receipt_rule_set(RuleSetName="nope", RuleNames=["a"]))
        == missing_set
    )
    assert (
        client_error(lambda: ses.set_receipt_rule_position(RuleSetName="nope", RuleName="a"))
        == missing_set
    )
    missing_rule = ("RuleDoesNotExist", 400, "Rule does not exist: z")
    assert (
        client_error(lambda: ses.set_receipt_rule_position(RuleSetName="inbound", RuleName="z"))
        == missing_rule
    )
    assert (
        client_error(
            lambda: ses.set_receipt_rule_position(RuleSetName="inbound", RuleName="a", After="z")
        )
        == missing_rule
    )
    assert (
        client_error(
            lambda: ses.reorder_receipt_rule_set(RuleSetName="inbound", RuleNames=["a", "b", "z"])
        )
        == missing_rule
    )


def test_a_bounce_needs_a_verified_sender_and_a_reason_per_recipient(aws):
    recipient = {"Recipient": "gone@example.org", "BounceType": "DoesNotExist"}

    def bounce(sender: str, *infos: dict) -> dict:
        return aws.ses.send_bounce(
            OriginalMessageId="0100018c-original",
            BounceSender=sender,
            BouncedRecipientInfoList=list(infos),
        )

    assert bounce(SENDER, recipient)["MessageId"]
    assert client_error(lambda: bounce("mailer@unverified.test", recipient)) == (
        "MessageRejected",
        400,
        "Email address is not verified. The following identities failed the check in region "
        "US-EAST-1: mailer@unverified.test",
    )
    no_reason = client_error(lambda: bounce(SENDER, {"Recipient": "gone@example.org"}))
    assert no_reason[:2] == ("InvalidParameterValue", 400)
    assert client_error(lambda: bounce(SENDER, {**recipient, "Recipient": "nobody"})) == (
        "InvalidParameterValue",
        400,
        "Missing final '@domain'",
    )


@pytest.mark.skipif(not AWS_CLI.exists(), reason="make sdk-clients installs the AWS CLI v1")
def test_the_aws_cli_manages_ip_filters_and_rule_positions(inbound):
    made = aws_cli(
        inbound.url, "ses", "create-receipt-filter",
        "--filter", "Name=office,IpFilter={Cidr=203.0.113.7,Policy=Block}",
    )  # fmt: skip
    moved = aws_cli(
        inbound.url, "ses", "set-receipt-rule-position",
        "--rule-set-name", "inbound", "--rule-name", "c",
    )  # fmt: skip
    listed = aws_cli(inbound.url, "ses", "list-receipt-filters")
    assert (made.returncode, moved.returncode, listed.returncode) == (0, 0, 0), made.stderr
    assert json.loads(listed.stdout)["Filters"] == [_filter("office", "203.0.113.7")]
    assert _rules(inbound, "inbound") == ["c", "a", "b"]
    missing = aws_cli(
        inbound.url, "ses", "delete-receipt-rule", "--rule-set-name", "nope", "--rule-name", "a"
    )
    assert missing.returncode != 0 and "(RuleSetDoesNotExist)" in missing.stderr
