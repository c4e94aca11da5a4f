"""The attribute checks of tests/test_terraform_resources.py: one per provider acceptance case
we rebuild (tests/terraform/sesv2_resources/), what is deleted behind Terraform's back, and
what step 2 may replace instead of updating in place."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

State = dict[str, dict[str, Any]]  # address -> attribute values
Check = Callable[[State, int], None]
DEDICATED_IP = "198.51.100.7"


# --- attribute checks, one per provider acceptance case we rebuild ------------------
def _tags(address: str) -> Check:
    def check(state: State, step: int) -> None:
        want = {"key1": "value1"} if step == 1 else {"key1": "value1updated", "key2": "value2"}
        assert state[address]["tags"] == want

    return check


def _set_basic(state: State, step: int) -> None:
    got = state["aws_sesv2_configuration_set.basic"]
    assert got["arn"] == "arn:aws:ses:us-east-1:123456789012:configuration-set/tf-basic"


def _options(state: State, step: int) -> None:
    got = state["aws_sesv2_configuration_set.options"]
    first = step == 1
    assert got["delivery_options"] == [
        {
            "tls_policy": "REQUIRE" if first else "OPTIONAL",
            "max_delivery_seconds": 300 if first else 800,
            "sending_pool_name": "" if first else "tf-standard",
        }
    ]
    assert got["reputation_options"][0]["reputation_metrics_enabled"] is first
    assert got["sending_options"] == [{"sending_enabled": first}]
    assert got["suppression_options"] == [
        {"suppressed_reasons": ["BOUNCE"] if first else ["COMPLAINT"]}
    ]
    status = "ENABLED" if first else "DISABLED"
    assert got["vdm_options"] == [
        {
            "dashboard_options": [{"engagement_metrics": status}],
            "guardian_options": [{"optimized_shared_delivery": status}],
        }
    ]
    assert got["tracking_options"][0]["custom_redirect_domain"] == (
        "click.example.com" if first else "links.example.com"
    )


def _suppression_off(state: State, step: int) -> None:
    got = state["aws_sesv2_configuration_set.suppression_off"]
    assert got["suppression_options"] == [{"suppressed_reasons": []}]


def _destination(kind: str) -> Check:
    def check(state: State, step: int) -> None:
        got = state[f'aws_sesv2_configuration_set_event_destination.this["{kind}"]']
        definition = got["event_destination"][0]
        assert sorted(definition["matching_event_types"]) == (
            ["SEND"] if step == 1 else ["BOUNCE", "COMPLAINT", "SEND"]
        )
        assert definition["enabled"] is (kind != "pinpoint" or step == 2)
        block = {
            "cloudwatch": "cloud_watch_destination",
            "sns": "sns_destination",
            "firehose": "kinesis_firehose_destination",
            "eventbridge": "event_bridge_destination",
            "pinpoint": "pinpoint_destination",
        }[kind]
        assert len(definition[block]) == 1

    return check


def _pool_scaling(state: State, step: int) -> None:
    assert state["aws_sesv2_dedicated_ip_pool.managed"]["scaling_mode"] == "MANAGED"
    assert state["aws_sesv2_dedicated_ip_pool.standard"]["scaling_mode"] == "STANDARD"


def _ip_assignment(state: State, step: int) -> None:
    got = state["aws_sesv2_dedicated_ip_assignment.this"]
    assert (got["ip"], got["destination_pool_name"]) == (DEDICATED_IP, "tf-standard")


def _identity_address(state: State, step: int) -> None:
    got = state["aws_sesv2_email_identity.address"]
    assert (got["identity_type"], got["verified_for_sending_status"]) == ("EMAIL_ADDRESS", False)
    dkim = got["dkim_signing_attributes"][0]
    assert (dkim["status"], dkim["tokens"], dkim["current_signing_key_length"]) == (
        "NOT_STARTED",
        [],
        "",
    )
    assert (dkim["next_signing_key_length"], dkim["signing_attributes_origin"]) == (
        "RSA_1024_BIT",
        "AWS_SES",
    )


def _identity_domain(state: State, step: int) -> None:
    got = state["aws_sesv2_email_identity.domain"]
    assert (got["identity_type"], got["verified_for_sending_status"]) == ("DOMAIN", False)
    dkim = got["dkim_signing_attributes"][0]
    assert (dkim["status"], len(dkim["tokens"]), dkim["signing_attributes_origin"]) == (
        "PENDING",
        3,
        "AWS_SES",
    )
    assert dkim["current_signing_key_length"] == dkim["next_signing_key_length"] == "RSA_2048_BIT"
    assert dkim["last_key_generation_timestamp"]


def _identity_set(state: State, step: int) -> None:
    want = "tf-default-first" if step == 1 else "tf-default-second"
    assert state["aws_sesv2_email_identity.with_set"]["configuration_set_name"] == want


def _identity_key_length(state: State, step: int) -> None:
    dkim = state["aws_sesv2_email_identity.key_length"]["dkim_signing_attributes"][0]
    assert dkim["next_signing_key_length"] == ("RSA_2048_BIT" if step == 1 else "RSA_1024_BIT")


def _identity_byodkim(state: State, step: int) -> None:
    dkim = state["aws_sesv2_email_identity.byodkim"]["dkim_signing_attributes"][0]
    assert dkim["domain_signing_selector"] == ("selector1" if step == 1 else "selector2")
    assert dkim["signing_attributes_origin"] == "EXTERNAL"


def _identity_tags(state: State, step: int) -> None:
    want = {"key1": "value1"} if step == 1 else {"key2": "value2"}
    assert state["aws_sesv2_email_identity.domain"]["tags"] == want


def _feedback(state: State, step: int) -> None:
    got = state["aws_sesv2_email_identity_feedback_attributes.domain"]
    assert got["email_forwarding_enabled"] is (step == 1)


def _mail_from_defaults(state: State, step: int) -> None:
    got = state["aws_sesv2_email_identity_mail_from_attributes.defaults"]
    assert (got["behavior_on_mx_failure"], got["mail_from_domain"]) == ("USE_DEFAULT_VALUE", "")


def _mail_from_behaviour(state: State, step: int) -> None:
    got = state["aws_sesv2_email_identity_mail_from_attributes.domain"]
    assert got["behavior_on_mx_failure"] == ("USE_DEFAULT_VALUE" if step == 1 else "REJECT_MESSAGE")


def _mail_from_domain(state: State, step: int) -> None:
    got = state["aws_sesv2_email_identity_mail_from_attributes.domain"]
    assert got["mail_from_domain"] == f"bounce{step}.tf.example.com"


def _policy(state: State, step: int) -> None:
    policy = json.loads(state["aws_sesv2_email_identity_policy.domain"]["policy"])
    actions = policy["Statement"][0]["Action"]
    assert actions == (["ses:SendEmail"] if step == 1 else ["ses:SendEmail", "ses:SendRawEmail"])


def _contact_list(state: State, step: int) -> None:
    got = state["aws_sesv2_contact_list.this"]
    assert got["description"] == f"description{step}"
    assert got["created_timestamp"] and got["last_updated_timestamp"]


def _contact_topic(state: State, step: int) -> None:
    topic = state["aws_sesv2_contact_list.this"]["topic"]
    assert topic == [
        {
            "topic_name": f"topic{step}",
            "display_name": f"topic{step}",
            "description": "" if step == 1 else "description",
            "default_subscription_status": "OPT_IN" if step == 1 else "OPT_OUT",
        }
    ]


def _vdm(state: State, step: int) -> None:
    got = state["aws_sesv2_account_vdm_attributes.this"]
    status = "ENABLED" if step == 1 else "DISABLED"
    assert got["vdm_enabled"] == status
    assert got["dashboard_attributes"] == [{"engagement_metrics": status}]
    assert got["guardian_attributes"] == [{"optimized_shared_delivery": status}]


def _suppression(state: State, step: int) -> None:
    got = state["aws_sesv2_account_suppression_attributes.this"]["suppressed_reasons"]
    assert sorted(got) == (["BOUNCE"] if step == 1 else ["BOUNCE", "COMPLAINT"])


def _data_sources(state: State, step: int) -> None:
    data = state["output.data_sources"]
    assert data["configuration_set"] == {
        "tls_policy": "REQUIRE" if step == 1 else "OPTIONAL",
        "suppressed_reasons": ["BOUNCE"] if step == 1 else ["COMPLAINT"],
    }
    assert data["pool"]["scaling_mode"] == "STANDARD"
    assert [ip["ip"] for ip in data["pool"]["dedicated_ips"]] == [DEDICATED_IP]
    assert data["identity"] == {"identity_type": "DOMAIN", "dkim_status": "PENDING"}
    assert data["mail_from"] == {
        "mail_from_domain": f"bounce{step}.tf.example.com",
        "behavior_on_mx_failure": "USE_DEFAULT_VALUE" if step == 1 else "REJECT_MESSAGE",
    }


# provider resource -> {acceptance case we rebuild: its check}
CASES: dict[str, dict[str, Check]] = {
    "aws_sesv2_configuration_set": {
        "basic": _set_basic,
        "tags": _tags("aws_sesv2_configuration_set.basic"),
        "deliveryOptions": _options,
        "reputationMetricsEnabled": _options,
        "sendingEnabled": _options,
        "suppressedReasons": _options,
        "suppressedReasonsEmpty": _suppression_off,
        "engagementMetrics": _options,
        "optimizedSharedDelivery": _options,
    },
    "aws_sesv2_configuration_set_event_destination": {
        "basic": _destination("cloudwatch"),
        "cloudWatchDestination": _destination("cloudwatch"),
        "eventBridgeDestination": _destination("eventbridge"),
        "kinesisFirehoseDestination": _destination("firehose"),
        "pinpointDestination": _destination("pinpoint"),
        "snsDestination": _destination("sns"),
    },
    "aws_sesv2_dedicated_ip_pool": {
        "basic": _pool_scaling,
        "scalingMode": _pool_scaling,
        "tags": _tags("aws_sesv2_dedicated_ip_pool.standard"),
    },
    "aws_sesv2_dedicated_ip_assignment": {"basic": _ip_assignment},
    "aws_sesv2_email_identity": {
        "basic_emailAddress": _identity_address,
        "basic_domain": _identity_domain,
        "configurationSetName": _identity_set,
        "nextSigningKeyLength": _identity_key_length,
        "domainSigning": _identity_byodkim,
        "tags": _identity_tags,
    },
    "aws_sesv2_email_identity_feedback_attributes": {
        "basic": _feedback,
        "emailForwardingEnabled": _feedback,
    },
    "aws_sesv2_email_identity_mail_from_attributes": {
        "basic": _mail_from_defaults,
        "behaviorOnMXFailure": _mail_from_behaviour,
        "mailFromDomain": _mail_from_domain,
    },
    "aws_sesv2_email_identity_policy": {"basic": _policy, "policy": _policy},
    "aws_sesv2_contact_list": {
        "basic": _contact_list,
        "description": _contact_list,
        "topic": _contact_topic,
        "tags": _tags("aws_sesv2_contact_list.this"),
    },
    "aws_sesv2_account_vdm_attributes": {
        "basic": _vdm,
        "engagementMetrics": _vdm,
        "optimizedSharedDelivery": _vdm,
    },
    "aws_sesv2_account_suppression_attributes": {"basic": _suppression},
    "data sources": {
        "aws_sesv2_configuration_set": _data_sources,
        "aws_sesv2_dedicated_ip_pool": _data_sources,
        "aws_sesv2_email_identity": _data_sources,
        "aws_sesv2_email_identity_mail_from_attributes": _data_sources,
    },
}
# Deleted behind Terraform's back after step 2: the next plan must create exactly these.
DISAPPEARS = {
    "aws_sesv2_configuration_set.basic": lambda c: c.delete_configuration_set(
        ConfigurationSetName="tf-basic"
    ),
    "aws_sesv2_email_identity.address": lambda c: c.delete_email_identity(
        EmailIdentity="ops@tf.example.com"
    ),
    "aws_sesv2_dedicated_ip_pool.managed": lambda c: c.delete_dedicated_ip_pool(
        PoolName="tf-managed"
    ),
    "aws_sesv2_contact_list.this": lambda c: c.delete_contact_list(ContactListName="tf-contacts"),
    "aws_sesv2_email_identity_policy.domain": lambda c: c.delete_email_identity_policy(
        EmailIdentity="tf.example.com", PolicyName="senders"
    ),
    'aws_sesv2_configuration_set_event_destination.this["sns"]': (
        lambda c: c.delete_configuration_set_event_destination(
            ConfigurationSetName="tf-events", EventDestinationName="sns"
        )
    ),
    "aws_sesv2_dedicated_ip_assignment.this": lambda c: c.put_dedicated_ip_in_pool(
        Ip=DEDICATED_IP, DestinationPoolName="ses-default-dedicated-pool"
    ),
}
# Step 2 in place, except the default set swapped for another (create + delete).
STEP_2_NOT_IN_PLACE = {
    "aws_sesv2_configuration_set.default_first[0]": "delete",
    "aws_sesv2_configuration_set.default_second[0]": "create",
}
