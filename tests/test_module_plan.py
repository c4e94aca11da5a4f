"""The stream taxonomy, asserted on real offline plans of the environments.

The plans are real offline `terraform plan` runs (real hashicorp/aws provider, fake
credentials, no AWS calls), checked in under tests/gate/fixtures/plans by
tools/refresh_rule_fixtures.py; tests/gate/test_fixtures_current.py fails when one is stale.
"""

from __future__ import annotations

import json

import pytest
from plan_fixtures import load_plan
from plan_mutations import stream_key
from terraform_runner import MODULES, env_names

STREAM_CLASSES = {
    "transactional": "transactional",
    "marketing": "marketing",
    "bulk-notifications": "bulk-notifications",
}
# The class values come from the module's data file, the one place they are written.
CLASS_FILE = json.loads((MODULES / "ses_stream" / "classes.json").read_text())
CLASSES = CLASS_FILE["classes"]
SUPPRESSION = {name: cls["suppressed_reasons"] for name, cls in CLASSES.items()}
THRESHOLDS = {  # (bounce, complaint) as fractions, the class defaults
    name: (cls["max_bounce_rate"], cls["max_complaint_rate"]) for name, cls in CLASSES.items()
}
# Events a period needs before a rate counts: one complaint must not page.
MIN_EVENTS = {
    name: {"bounce_rate": cls["min_bounces"], "complaint_rate": cls["min_complaints"]}
    for name, cls in CLASSES.items()
}
ALARM_ROUTE = {
    "transactional": "ses-production-oncall",
    "marketing": "ses-production-deliverability",
    "bulk-notifications": "ses-production-deliverability",
}
SES_REVIEW = CLASS_FILE["ses_review_levels"]


@pytest.fixture(scope="module")
def production() -> dict:
    return load_plan("production")


def changes(plan: dict, resource_type: str) -> list[dict]:
    return [rc for rc in plan["resource_changes"] if rc["type"] == resource_type]


def after(rc: dict) -> dict:
    return rc["change"]["after"]


def has_unknown(flags: object) -> bool:
    """True when an ``after_unknown`` entry marks the value, or any part of it, unknown."""
    if isinstance(flags, dict):
        return any(has_unknown(v) for v in flags.values())
    if isinstance(flags, list):
        return any(has_unknown(v) for v in flags)
    return flags is True


def by_stream(plan: dict, resource_type: str) -> dict[str, list[dict]]:
    """Resources of one type grouped by the ses_stream module instance they belong to."""
    grouped: dict[str, list[dict]] = {}
    for rc in changes(plan, resource_type):
        module = rc.get("module_address", "")
        if '.module.stream["' in module:
            grouped.setdefault(stream_key(module), []).append(rc)
    return grouped


@pytest.fixture(scope="module")
def sets(production: dict) -> dict[str, dict]:
    return {
        after(rc)["configuration_set_name"]: after(rc)
        for rc in changes(production, "aws_sesv2_configuration_set")
    }


def test_production_plan_has_one_configuration_set_per_stream(production, sets):
    assert sorted(sets) == sorted(STREAM_CLASSES)
    for name, cs in sets.items():
        assert cs["tags"]["stream"] == name
        assert cs["tags"]["class"] == STREAM_CLASSES[name]
    assert all(rc["change"]["actions"] == ["create"] for rc in production["resource_changes"])


def test_marketing_sends_from_its_own_managed_pool_and_others_from_the_shared_pool(
    production, sets
):
    pools = {
        after(rc)["pool_name"]: after(rc)
        for rc in changes(production, "aws_sesv2_dedicated_ip_pool")
    }
    assert list(pools) == ["marketing-pool"]
    assert pools["marketing-pool"]["scaling_mode"] == "MANAGED"
    assert sets["marketing"]["delivery_options"][0]["sending_pool_name"] == "marketing-pool"
    for shared in ("transactional", "bulk-notifications"):
        assert sets[shared]["delivery_options"][0]["sending_pool_name"] is None
    assert all(
        cs["delivery_options"][0]["sending_pool_name"] != "ses-default-dedicated-pool"
        for cs in sets.values()
    )


def test_suppression_override_matches_each_class(sets):
    reasons = {
        name: cs["suppression_options"][0]["suppressed_reasons"] for name, cs in sets.items()
    }
    assert reasons == SUPPRESSION


def test_every_set_requires_tls_and_publishes_reputation_metrics(sets):
    settings = {
        name: (
            cs["delivery_options"][0]["tls_policy"],
            cs["reputation_options"][0]["reputation_metrics_enabled"],
        )
        for name, cs in sets.items()
    }
    assert settings == dict.fromkeys(STREAM_CLASSES, ("REQUIRE", True))


def test_terraform_keeps_sending_on_only_where_the_lane_never_pauses_itself(sets):
    # A lane that pauses itself leaves sending to the pause and the runbook: the next
    # apply must not turn a paused campaign back on.
    # Absent from the plan's known values: left to whatever the lane's live setting is.
    managed = {name: cs.get("sending_options") for name, cs in sets.items()}
    assert managed == {
        name: None if CLASSES[cls]["pause_on_alarm"] else [{"sending_enabled": True}]
        for name, cls in STREAM_CLASSES.items()
    }


def test_lanes_whose_class_pauses_have_one_pause_each(production):
    machines = sorted(after(rc)["name"] for rc in changes(production, "aws_sfn_state_machine"))
    assert machines == sorted(
        f"ses-{name}-pause"
        for name, cls in STREAM_CLASSES.items()
        if CLASSES[cls]["pause_on_alarm"]
    )


def test_every_event_destination_is_enabled_and_cloudwatch_counts_by_stream(production):
    destinations = changes(production, "aws_sesv2_configuration_set_event_destination")
    assert destinations, "the plan has no event destinations"
    for rc in destinations:
        assert after(rc)["event_destination"][0]["enabled"] is True, rc["address"]

    cloudwatch = {
        after(rc)["configuration_set_name"]: after(rc)["event_destination"][0]
        for rc in destinations
        if after(rc)["event_destination"][0]["cloud_watch_destination"]
    }
    assert sorted(cloudwatch) == sorted(STREAM_CLASSES)
    for name, dest in cloudwatch.items():
        assert {"SEND", "BOUNCE", "COMPLAINT"} <= set(dest["matching_event_types"])
        (dimension,) = dest["cloud_watch_destination"][0]["dimension_configuration"]
        assert dimension == {
            "dimension_name": "stream",
            "dimension_value_source": "MESSAGE_TAG",
            "default_dimension_value": name,
        }


def test_realtime_sns_events_follow_the_class(production):
    sns = {
        after(rc)["configuration_set_name"]: set(
            after(rc)["event_destination"][0]["matching_event_types"]
        )
        for rc in changes(production, "aws_sesv2_configuration_set_event_destination")
        if after(rc)["event_destination"][0]["sns_destination"]
    }
    assert sns == {"transactional": {"BOUNCE", "COMPLAINT"}, "marketing": {"COMPLAINT"}}


def test_six_stream_alarms_compute_rates_from_the_streams_own_counts(production):
    alarms = by_stream(production, "aws_cloudwatch_metric_alarm")
    assert sorted(alarms) == sorted(STREAM_CLASSES)
    for stream, stream_alarms in alarms.items():
        kinds = {rc["index"]: after(rc) for rc in stream_alarms}
        assert sorted(kinds) == ["bounce_rate", "complaint_rate"]
        for kind, counted, threshold in zip(
            ("bounce_rate", "complaint_rate"),
            ("Bounce", "Complaint"),
            THRESHOLDS[stream],
            strict=True,
        ):
            alarm = kinds[kind]
            assert alarm["threshold"] == pytest.approx(threshold)
            queries = {q["id"]: q for q in alarm["metric_query"]}
            min_events = MIN_EVENTS[stream][kind]
            assert queries["rate"]["expression"] == (
                f"IF(send >= 100 AND FILL(events, 0) >= {min_events}, FILL(events, 0) / send, 0)"
            )
            assert [q["id"] for q in alarm["metric_query"] if q["return_data"]] == ["rate"]
            for query_id, metric_name in (("send", "Send"), ("events", counted)):
                (metric,) = queries[query_id]["metric"]
                assert metric["namespace"] == "AWS/SES"
                assert metric["metric_name"] == metric_name
                assert metric["dimensions"] == {"stream": stream}
                assert metric["stat"] == "Sum"
            assert alarm["treat_missing_data"] == "notBreaching"
            assert alarm["alarm_actions"] == [
                f"arn:aws:sns:us-east-1:111122223333:{ALARM_ROUTE[stream]}"
            ]


def test_no_alarm_reads_reputation_metrics_with_a_stream_dimension(production):
    for rc in changes(production, "aws_cloudwatch_metric_alarm"):
        alarm = after(rc)
        metrics = [m for q in alarm["metric_query"] for m in q["metric"]]
        if alarm["metric_name"]:
            metrics.append({"metric_name": alarm["metric_name"], "dimensions": alarm["dimensions"]})
        for metric in metrics:
            if metric["metric_name"].startswith("Reputation."):
                assert "stream" not in (metric["dimensions"] or {}), rc["address"]


def test_account_reputation_backstop_pages_oncall_below_ses_review_levels(production):
    account = {
        after(rc)["metric_name"]: after(rc)
        for rc in changes(production, "aws_cloudwatch_metric_alarm")
        if not rc.get("module_address", "").count(".module.stream")
    }
    assert sorted(account) == ["Reputation.BounceRate", "Reputation.ComplaintRate"]
    assert account["Reputation.BounceRate"]["threshold"] < SES_REVIEW["bounce_rate"]
    assert account["Reputation.ComplaintRate"]["threshold"] < SES_REVIEW["complaint_rate"]
    for alarm in account.values():
        assert alarm["dimensions"] is None
        assert alarm["alarm_actions"] == [
            "arn:aws:sns:us-east-1:111122223333:ses-production-oncall"
        ]


def test_alarm_routes_are_separate_encrypted_topics(production):
    topics = {
        after(rc)["name"]: rc
        for rc in changes(production, "aws_sns_topic")
        if rc["index"] in ("oncall", "deliverability")
    }
    assert sorted(topics) == ["ses-production-deliverability", "ses-production-oncall"]
    for rc in changes(production, "aws_sns_topic"):
        assert after(rc)["kms_master_key_id"] == (
            "arn:aws:kms:us-east-1:111122223333:alias/ses-production-notifications"
        ), rc["address"]


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
