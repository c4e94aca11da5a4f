"""SES006 alarms: what counts as a live rate alarm with an action, and what does not."""

from __future__ import annotations

import pytest
from plan_mutations import (
    after,
    alarm,
    config_resource,
    config_set,
    destination,
    set_unknown,
)
from planted import dead_reputation_alarm, rules_hit, run, to_reputation_alarm


def test_percent_threshold_with_metric_math_times_100_passes(production):
    values = after(alarm(production, "transactional", "bounce"))
    query = next(q for q in values["metric_query"] if q["return_data"])
    query["expression"] = f"100 * ({query['expression']})"
    values["threshold"] = 1  # 1 %
    assert "SES006" not in rules_hit(run(production))


def test_reputation_alarm_per_configuration_set_is_live(production):
    to_reputation_alarm(production, "transactional", {"ses:configuration-set": "transactional"})
    assert "SES006" not in rules_hit(run(production))


def test_alarm_actions_unknown_but_referenced_count_as_present(production):
    set_unknown(alarm(production, "marketing", "bounce"), ["alarm_actions"])
    report = run(production)
    assert not {"SES006", "SES014"} & rules_hit(report)


def test_alarm_actions_unknown_without_reference_are_reported(production):
    rc = alarm(production, "marketing", "bounce")
    set_unknown(rc, ["alarm_actions"])
    config = config_resource(production, ["platform", "stream"], "aws_cloudwatch_metric_alarm.rate")
    config["expressions"].pop("alarm_actions")
    report = run(production)
    assert any(
        f.rule == "SES014" and f.address == rc["address"] and "has_actions" in f.message
        for f in report.findings
    )
    assert "SES006" not in rules_hit(report)


def test_alarm_with_actions_disabled_has_no_action(production):
    """`actions_enabled = false` keeps alarm_actions but CloudWatch never runs them."""
    rc = alarm(production, "transactional", "bounce")
    after(rc)["actions_enabled"] = False
    hits = [f for f in run(production).findings if f.rule == "SES006"]
    assert any(f.address == rc["address"] and "action" in f.message for f in hits), hits


def test_unknown_alarm_dimensions_are_reported_not_failed(production):
    rc = alarm(production, "marketing", "bounce")
    set_unknown(rc, ["metric_query", 0, "metric", 0, "dimensions"])
    report = run(production)
    assert "SES006" not in rules_hit(report), [f.message for f in report.errors]
    assert any(f.rule == "SES014" and f.address == rc["address"] for f in report.findings)


def test_reputation_alarm_on_set_with_unknown_reputation_setting_is_not_dead(production):
    to_reputation_alarm(production, "transactional", {"ses:configuration-set": "transactional"})
    rc = config_set(production, "transactional")
    set_unknown(rc, ["reputation_options", 0, "reputation_metrics_enabled"])
    report = run(production)
    assert "SES006" not in rules_hit(report), [f.message for f in report.errors]
    assert any(f.rule == "SES014" and "SES006" in f.message for f in report.findings)


def test_unknown_destination_of_one_stream_does_not_hide_dead_alarm_of_another(production):
    set_unknown(destination(production, "marketing", "cloudwatch"), ["event_destination"])
    rc = alarm(production, "transactional", "bounce")
    query = next(q for q in after(rc)["metric_query"] if q["id"] == "events")
    query["metric"][0]["dimensions"] = {"stream": "transactional-typo"}
    hits = [f for f in run(production).findings if f.rule == "SES006"]
    assert any(f.address == rc["address"] and "dead" in f.message for f in hits), hits


def test_dead_reputation_alarm_is_caught_even_when_a_destination_is_unknown(production):
    dead_reputation_alarm(production)
    set_unknown(destination(production, "transactional", "cloudwatch"), ["event_destination"])
    hits = [f for f in run(production).findings if f.rule == "SES006"]
    assert any("is dead" in f.message for f in hits), hits


def test_alarm_on_a_bounce_count_is_not_a_bounce_rate_alarm(production):
    """`Bounce` summed with no `Send` to divide by fires on volume, not on a rate."""
    rc = alarm(production, "transactional", "bounce")
    after(rc).update(
        metric_query=[],
        namespace="AWS/SES",
        metric_name="Bounce",
        statistic="Sum",
        period=3600,
        dimensions={"stream": "transactional"},
        threshold=0.005,
    )
    hits = [f for f in run(production).findings if f.rule == "SES006"]
    assert any("no live bounce-rate alarm" in f.message for f in hits), hits


def test_rate_dividing_stream_bounces_by_account_sends_is_flagged(production):
    """Bounce per stream over Send of the whole account: the rate shrinks with every other
    stream's volume, so the alarm fires late or never."""
    rc = alarm(production, "marketing", "bounce")
    query = next(q for q in after(rc)["metric_query"] if q["id"] == "send")
    query["metric"][0]["dimensions"] = {}
    hits = [f for f in run(production).findings if f.rule == "SES006"]
    assert any(f.address == rc["address"] and "dimensions" in f.message for f in hits), hits


def test_metric_math_returning_the_raw_bounce_count_is_not_a_rate_alarm(production):
    rc = alarm(production, "transactional", "bounce")
    for query in after(rc)["metric_query"]:
        query["return_data"] = query["id"] == "events"
    hits = [f for f in run(production).findings if f.rule == "SES006"]
    assert any("no live bounce-rate alarm" in f.message for f in hits), hits


TRANSACTIONAL = 'module.platform.module.stream["transactional"]'
BOUNCE_ALARM = f'{TRANSACTIONAL}.aws_cloudwatch_metric_alarm.rate["bounce_rate"]'
NO_LIVE_ALARM = (
    f"{TRANSACTIONAL}.aws_sesv2_configuration_set.this",
    "has no live bounce-rate alarm",
)


@pytest.mark.parametrize(
    ("metric_name", "dimensions"),
    [
        ("BounceRate", {"ses:configuration-set": "transactional"}),  # not a name SES uses
        ("Bounces", {"stream": "transactional"}),
        ("Reputation.BounceRate", {"ConfigurationSetName": "transactional"}),  # nor a dimension
    ],
)
def test_alarm_on_a_metric_ses_never_publishes_is_caught(production, metric_name, dimensions):
    """Guides' names: SES publishes no `BounceRate`, `Bounces` or `ConfigurationSetName`."""
    to_reputation_alarm(production, "transactional", dimensions)
    after(alarm(production, "transactional", "bounce"))["metric_name"] = metric_name
    expected = {NO_LIVE_ALARM, (BOUNCE_ALARM, "is dead")}
    findings = run(production).findings
    assert {f.rule for f in findings} == {"SES006"}
    assert {
        (address, fragment)
        for address, fragment in expected
        for f in findings
        if f.address == address and fragment in f.message
    } == expected
    assert len(findings) == len(expected)
