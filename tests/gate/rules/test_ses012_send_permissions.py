"""SES012 send permissions: wildcards, NotAction/NotResource, inline role policies."""

from __future__ import annotations

import json

import pytest
from plan_mutations import (
    after,
    one,
    rewrite_policy,
)
from planted import rules_hit, run


def test_send_on_configuration_set_wildcard_of_a_real_account_is_caught(production):
    """SES012 names `configuration-set/*`: with the real region and account in the
    ARN it is still every lane of that account."""
    rc = one(production, "aws_iam_role_policy", "marketing", "ses_to_firehose")
    arn = "arn:aws:ses:us-east-1:111122223333:configuration-set/*"
    rewrite_policy(
        rc,
        lambda doc: doc["Statement"].append(
            {"Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": [arn]}
        ),
    )
    hits = [f for f in run(production).findings if f.rule == "SES012"]
    assert hits and arn in hits[0].message


def test_send_on_one_named_configuration_set_passes(production):
    rc = one(production, "aws_iam_role_policy", "marketing", "ses_to_firehose")
    arn = "arn:aws:ses:us-east-1:111122223333:configuration-set/marketing"
    rewrite_policy(
        rc,
        lambda doc: doc["Statement"].append(
            {"Effect": "Allow", "Action": "ses:SendEmail", "Resource": [arn]}
        ),
    )
    assert "SES012" not in rules_hit(run(production))


@pytest.mark.parametrize(
    "statement",
    [
        {"Effect": "Allow", "NotAction": ["iam:*", "kms:*"], "Resource": "*"},
        {
            "Effect": "Allow",
            "Action": "ses:SendEmail",
            "NotResource": "arn:aws:ses:us-east-1:111122223333:identity/other.example.com",
        },
    ],
    ids=["NotAction", "NotResource"],
)
def test_send_allowed_through_not_action_or_not_resource_is_caught(production, statement):
    """Allow + NotAction/NotResource grants everything not listed: any lane included."""
    rc = one(production, "aws_iam_role_policy", "marketing", "ses_to_firehose")
    rewrite_policy(rc, lambda doc: doc["Statement"].append(statement))
    assert "SES012" in rules_hit(run(production))


def test_send_on_any_set_in_a_role_inline_policy_is_caught(production):
    rc = one(production, "aws_iam_role", "marketing", "ses_to_firehose")
    document = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "ses:SendEmail", "Resource": "*"}],
    }
    after(rc)["inline_policy"] = [{"name": "send", "policy": json.dumps(document)}]
    rc["change"]["after_unknown"].pop("inline_policy", None)
    hits = [f for f in run(production).findings if f.rule == "SES012"]
    assert any(f.address == rc["address"] for f in hits), hits
