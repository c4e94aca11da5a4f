"""The stream lanes, asserted on real offline plans of the environments: configuration sets,
pools, suppression, event destinations and alarms per class.

The plans are real offline `terraform plan` runs (real hashicorp/aws provider, fake
credentials, no AWS calls), checked in under tests/gate/fixtures/plans by
tools/refresh_rule_fixtures.py; tests/gate/test_fixtures_current.py fails when one is stale.
The shared fixtures and class values are in tests/module_plan_fixtures.py.
"""

from __future__ import annotations

import pytest
from module_plan_fixtures import (
    ALARM_ROUTE,
    CLASSES,
    MIN_EVENTS,
    SES_REVIEW,
    STREAM_CLASSES,
    SUPPRESSION,
    THRESHOLDS,
    after,
    by_stream,
    changes,
)


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
