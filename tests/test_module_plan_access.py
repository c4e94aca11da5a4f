"""Who may publish, write and send in the planned platform: alarm and event topics, the
notifications key, Firehose roles, send policies, identities; the dashboard and the other
environments. Same checked-in plans and shared fixtures as tests/test_module_plan.py.
"""

from __future__ import annotations

import json

import pytest
from module_plan_fixtures import (
    STREAM_CLASSES,
    after,
    by_stream,
    changes,
    has_unknown,
)
from plan_fixtures import load_plan
from plan_mutations import stream_key
from terraform_runner import env_names


def test_route_topics_accept_only_this_envs_alarms_and_realtime_events_routed_there(production):
    """Transactional events reach on-call, marketing complaints deliverability;
    each topic admits exactly the alarms whose actions name it and the sets that publish."""
    alarms_by_topic: dict[str, set[str]] = {}
    for rc in changes(production, "aws_cloudwatch_metric_alarm"):
        for action in after(rc)["alarm_actions"]:
            alarms_by_topic.setdefault(action, set()).add(
                f"arn:aws:cloudwatch:us-east-1:111122223333:alarm:{after(rc)['alarm_name']}"
            )
    sns = {
        after(rc)["configuration_set_name"]: after(rc)["event_destination"][0]["sns_destination"][0]
        for rc in changes(production, "aws_sesv2_configuration_set_event_destination")
        if after(rc)["event_destination"][0]["sns_destination"]
    }
    topic = "arn:aws:sns:us-east-1:111122223333:ses-production-{}".format
    assert sns == {
        "transactional": {"topic_arn": topic("oncall")},
        "marketing": {"topic_arn": topic("deliverability")},
    }
    policies = {rc["index"]: rc for rc in changes(production, "aws_sns_topic_policy")}
    assert sorted(policies) == ["deliverability", "oncall"]
    publishing_set = {"oncall": "transactional", "deliverability": "marketing"}
    for route, rc in policies.items():
        by_sid = {s["Sid"]: s for s in json.loads(after(rc)["policy"])["Statement"]}
        alarms, ses, deny = (
            by_sid["AlarmsOfThisEnvironmentPublish"],
            by_sid["SesPublishesRealTimeEventsOfTheseSets"],
            by_sid["NobodyElsePublishes"],
        )
        assert alarms["Principal"] == {"Service": "cloudwatch.amazonaws.com"}
        assert (
            set(alarms["Condition"]["ArnEquals"]["aws:SourceArn"]) == alarms_by_topic[topic(route)]
        )
        assert ses["Principal"] == {"Service": "ses.amazonaws.com"}
        assert ses["Condition"] == {
            "StringEquals": {"aws:SourceAccount": "111122223333"},
            "ArnEquals": {
                "aws:SourceArn": "arn:aws:ses:us-east-1:111122223333:configuration-set/"
                + publishing_set[route]
            },
        }
        assert deny["Effect"] == "Deny" and deny["Action"] == "sns:Publish"


# Review A #1: marketing and bulk send from identities of their own, so a sender that omits
# ConfigurationSetName lands in its own set (the identity default), never in transactional.
SENDING_IDENTITY = {
    "transactional": "mail.example.com",
    "marketing": "marketing.mail.example.com",
    "bulk-notifications": "bulk-notifications.mail.example.com",
}


def test_people_get_alarms_and_the_apps_queues_get_realtime_events_too(production):
    """A route topic carries SES events too: a pager must not open an incident per bounce."""
    subscriptions = {
        rc["index"]: after(rc) for rc in changes(production, "aws_sns_topic_subscription")
    }
    assert {key.split(":", 2)[1] for key in subscriptions} == {"https", "email", "sqs"}
    for key, subscription in subscriptions.items():
        if subscription["protocol"] in ("https", "email"):
            assert json.loads(subscription["filter_policy"]) == {"AlarmName": [{"exists": True}]}
            assert subscription["filter_policy_scope"] == "MessageBody", key
        else:
            assert subscription["filter_policy"] is None, key


def test_notifications_key_serves_only_this_accounts_publishing_sets_and_alarms(production):
    (key,) = changes(production, "aws_kms_key")
    by_sid = {s["Sid"]: s for s in json.loads(after(key)["policy"])["Statement"]}
    assert sorted(by_sid) == [
        "AccountAdministersTheKey",
        "CloudWatchEncryptsAlarms",
        "SesEncryptsStreamEvents",
    ]
    assert after(key)["enable_key_rotation"] is True
    ses = by_sid["SesEncryptsStreamEvents"]
    assert ses["Principal"] == {"Service": "ses.amazonaws.com"}
    assert ses["Condition"] == {
        "StringEquals": {"aws:SourceAccount": "111122223333"},
        "ArnEquals": {
            "aws:SourceArn": [
                f"arn:aws:ses:us-east-1:111122223333:configuration-set/{name}"
                for name in ("marketing", "transactional")
            ]
        },
    }
    cloudwatch = by_sid["CloudWatchEncryptsAlarms"]
    assert cloudwatch["Condition"] == {"StringEquals": {"aws:SourceAccount": "111122223333"}}
    assert (
        sorted(cloudwatch["Action"])
        == sorted(ses["Action"])
        == [
            "kms:Decrypt",
            "kms:GenerateDataKey*",
        ]
    )


def test_firehose_roles_write_only_their_streams_prefix_and_stream(production):
    bucket = "arn:aws:s3:::example-sesguard-ses-events"
    for stream in STREAM_CLASSES:
        policies = {
            rc["name"]: json.loads(after(rc)["policy"])["Statement"]
            for rc in by_stream(production, "aws_iam_role_policy")[stream]
        }
        writes = {s.get("Sid"): s for s in policies["firehose"]}
        assert writes["FindTheBucket"]["Resource"] == bucket
        assert sorted(writes["WriteThisStreamsPrefix"]["Resource"]) == [
            f"{bucket}/ses-events/errors/stream={stream}/*",
            f"{bucket}/ses-events/stream={stream}/*",
        ]
        assert all("*" not in str(s["Action"]) for s in policies["firehose"])
        (put,) = policies["ses_to_firehose"]
        assert put["Action"] == "firehose:PutRecordBatch"
        assert put["Resource"] == (
            f"arn:aws:firehose:us-east-1:111122223333:deliverystream/ses-{stream}-events"
        )
        assume = {
            rc["name"]: json.loads(after(rc)["assume_role_policy"])["Statement"]
            for rc in by_stream(production, "aws_iam_role")[stream]
        }
        (ses_assumes,) = assume["ses_to_firehose"]
        assert ses_assumes["Condition"]["ArnEquals"] == {
            "aws:SourceArn": f"arn:aws:ses:us-east-1:111122223333:configuration-set/{stream}"
        }


def test_send_policies_allow_only_the_streams_own_identity_and_set(production):
    output = production["output_changes"]["platform"]
    assert not has_unknown(output["after_unknown"].get("send_policies")), "known before apply"
    policies = output["after"]["send_policies"]
    assert sorted(policies) == sorted(STREAM_CLASSES)
    for stream, policy_json in policies.items():
        (statement,) = json.loads(policy_json)["Statement"]
        assert statement["Effect"] == "Allow"
        assert sorted(statement["Action"]) == ["ses:SendEmail", "ses:SendRawEmail"]
        assert sorted(statement["Resource"]) == [
            f"arn:aws:ses:us-east-1:111122223333:configuration-set/{stream}",
            f"arn:aws:ses:us-east-1:111122223333:identity/{SENDING_IDENTITY[stream]}",
        ]


def test_each_identity_defaults_to_its_own_stream_with_an_aligned_mail_from(production):
    defaults = {
        after(rc)["email_identity"]: after(rc)["configuration_set_name"]
        for rc in changes(production, "aws_sesv2_email_identity")
    }
    assert defaults == {domain: stream for stream, domain in SENDING_IDENTITY.items()}
    mail_from = {
        after(rc)["email_identity"]: after(rc)["mail_from_domain"]
        for rc in changes(production, "aws_sesv2_email_identity_mail_from_attributes")
    }
    assert mail_from == {domain: f"bounce.{domain}" for domain in SENDING_IDENTITY.values()}


def test_one_dashboard_shows_every_stream_side_by_side(production):
    (dashboard,) = changes(production, "aws_cloudwatch_dashboard")
    widgets = json.loads(after(dashboard)["dashboard_body"])["widgets"]
    titles = [w["properties"]["title"] for w in widgets]
    for stream in STREAM_CLASSES:
        assert f"{stream}: volume" in titles
        assert f"{stream}: bounce rate" in titles
        assert f"{stream}: complaint rate" in titles
    top_row = sorted(w["x"] for w in widgets if w["y"] == 0)
    assert top_row == [0, 8, 16], "the three streams' first widgets share the top row"


def test_stream_names_pools_and_set_references_are_known_at_plan_time(production):
    for resource_type, attribute in (
        ("aws_sesv2_configuration_set", "configuration_set_name"),
        ("aws_sesv2_dedicated_ip_pool", "pool_name"),
        ("aws_sesv2_configuration_set_event_destination", "configuration_set_name"),
        ("aws_sesv2_email_identity", "configuration_set_name"),
        ("aws_cloudwatch_metric_alarm", "alarm_actions"),
    ):
        planned = changes(production, resource_type)
        assert planned, f"the plan has no {resource_type}"
        for rc in planned:
            assert not has_unknown(rc["change"]["after_unknown"].get(attribute)), rc["address"]
            assert after(rc)[attribute], rc["address"]


@pytest.mark.parametrize("env", [e for e in env_names() if e != "production"])
def test_other_environments_wire_the_same_streams_with_their_own_settings(env, production):
    plan = load_plan(env)

    def shape(p: dict) -> dict[str, tuple]:
        shapes = {}
        for rc in changes(p, "aws_sesv2_configuration_set"):
            cs = after(rc)
            shapes[cs["tags"]["class"]] = (
                cs["suppression_options"][0]["suppressed_reasons"],
                cs["delivery_options"][0]["sending_pool_name"] is not None,
                sorted(
                    rc2["index"]
                    for rc2 in by_stream(p, "aws_cloudwatch_metric_alarm")[
                        stream_key(rc["module_address"])
                    ]
                ),
            )
        return shapes

    assert shape(plan) == shape(production)
