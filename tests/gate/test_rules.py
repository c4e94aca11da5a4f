"""Every rule catches a violation planted in a real plan, and passes the near miss."""

from __future__ import annotations

import json

import pytest
from plan_mutations import (
    after,
    alarm,
    changes,
    clone,
    config_resource,
    config_set,
    destination,
    make_live,
    one,
    remove,
    rewrite_policy,
    set_unknown,
)
from sesguard import check_plan
from sesguard.config import config_from_dict
from sesguard.rules import RULES

# The env's root identity (transactional default); marketing and bulk have their own.
ROOT_IDENTITY = "module.platform.module.identity"


def run(plan: dict, config: dict | None = None):
    return check_plan(plan, config_from_dict(config) if config is not None else None)


def rules_hit(report, severity: str | None = None) -> set[str]:
    return {f.rule for f in report.findings if severity is None or f.severity == severity}


# --- the violations: each mutates the production plan and may return a gate config ----


def catch_all_set(plan):
    """One configuration set for every stream: all streams' resources point at one name."""
    for rc in changes(plan, "aws_sesv2_configuration_set"):
        after(rc)["configuration_set_name"] = "app-all-mail"
    for rc in changes(plan, "aws_sesv2_configuration_set_event_destination"):
        after(rc)["configuration_set_name"] = "app-all-mail"


def stream_without_set(plan):
    remove(plan, config_set(plan, "bulk-notifications"))


def declared_stream_missing(plan):
    return {"streams": {"receipts": {"class": "transactional"}}}


def identity_default_of_other_stream(plan):
    """The marketing stream's identity (moved into its module) defaults to the reset lane."""
    identity = one(plan, "aws_sesv2_email_identity", module=ROOT_IDENTITY)
    identity["module_address"] = 'module.platform.module.stream["marketing"]'
    identity["address"] = 'module.platform.module.stream["marketing"].aws_sesv2_email_identity.this'
    after(identity)["configuration_set_name"] = "transactional"


def default_pool(plan):
    delivery = after(config_set(plan, "transactional"))["delivery_options"][0]
    delivery["sending_pool_name"] = "ses-default-dedicated-pool"


def unpooled_ips(plan):
    return {"account": {"unpooled_dedicated_ips": True}}


def dedicated_ip_left_in_default_pool(plan):
    """The plan itself assigns a dedicated IP to the default pool: unpooled IPs exist."""
    pool = one(plan, "aws_sesv2_dedicated_ip_pool", "marketing")
    clone(
        plan,
        pool,
        "aws_sesv2_dedicated_ip_assignment",
        {"ip": "192.0.2.10", "destination_pool_name": "ses-default-dedicated-pool"},
    )


def shared_pool_across_classes(plan):
    delivery = after(config_set(plan, "transactional"))["delivery_options"][0]
    delivery["sending_pool_name"] = "marketing-pool"


def marketing_without_pool(plan):
    after(config_set(plan, "marketing"))["delivery_options"][0]["sending_pool_name"] = None
    remove(plan, one(plan, "aws_sesv2_dedicated_ip_pool", "marketing"))


def pool_not_in_plan(plan):
    delivery = after(config_set(plan, "bulk-notifications"))["delivery_options"][0]
    delivery["sending_pool_name"] = "legacy-bulk-pool"


def transactional_suppresses_complaint(plan):
    options = after(config_set(plan, "transactional"))["suppression_options"][0]
    options["suppressed_reasons"] = ["BOUNCE", "COMPLAINT"]


def suppression_block_absent(plan):
    after(config_set(plan, "marketing"))["suppression_options"] = []


def suppression_update_to_empty(plan):
    rc = config_set(plan, "bulk-notifications")
    make_live(rc, ["update"])
    after(rc)["suppression_options"][0]["suppressed_reasons"] = []


def cloudwatch_destination_disabled(plan):
    after(destination(plan, "marketing", "cloudwatch"))["event_destination"][0]["enabled"] = False


def cloudwatch_destination_without_send(plan):
    event = after(destination(plan, "transactional", "cloudwatch"))["event_destination"][0]
    event["matching_event_types"].remove("SEND")


def cloudwatch_dimension_of_other_stream(plan):
    event = after(destination(plan, "bulk-notifications", "cloudwatch"))["event_destination"][0]
    event["cloud_watch_destination"][0]["dimension_configuration"][0]["default_dimension_value"] = (
        "marketing"
    )


def to_reputation_alarm(plan, stream: str, dimensions: dict) -> None:
    """Rewrite the stream's bounce alarm as a plain Reputation.BounceRate alarm."""
    after(alarm(plan, stream, "bounce")).update(
        metric_query=[],
        namespace="AWS/SES",
        metric_name="Reputation.BounceRate",
        statistic="Average",
        period=3600,
        dimensions=dimensions,
    )


def dead_reputation_alarm(plan):
    """The blog-post alarm: Reputation.BounceRate with a `stream` dimension never fires."""
    to_reputation_alarm(plan, "transactional", {"stream": "transactional"})


def alarm_threshold_above_review(plan):
    after(alarm(plan, "marketing", "bounce"))["threshold"] = 0.06


def alarm_threshold_above_class(plan):
    after(alarm(plan, "transactional", "complaint"))["threshold"] = 0.0008


def alarm_without_action(plan):
    after(alarm(plan, "bulk-notifications", "complaint"))["alarm_actions"] = []


def complaint_alarm_missing(plan):
    remove(plan, alarm(plan, "marketing", "complaint"))


def identity_without_default_set(plan):
    after(one(plan, "aws_sesv2_email_identity", module=ROOT_IDENTITY))["configuration_set_name"] = (
        None
    )


def v1_configuration_set(plan):
    rc = config_set(plan, "bulk-notifications")
    clone(plan, rc, "aws_ses_configuration_set", {"name": "legacy-newsletters"})


def tls_optional(plan):
    after(config_set(plan, "marketing"))["delivery_options"][0]["tls_policy"] = "OPTIONAL"


def reputation_metrics_off(plan):
    after(config_set(plan, "transactional"))["reputation_options"][0][
        "reputation_metrics_enabled"
    ] = False


def transactional_without_realtime_events(plan):
    remove(plan, destination(plan, "transactional", "sns"))


def mail_from_outside_identity(plan):
    after(
        one(
            plan,
            "aws_sesv2_email_identity_mail_from_attributes",
            module=ROOT_IDENTITY,
        )
    )["mail_from_domain"] = "bounce.other-company.org"


def send_on_any_configuration_set(plan):
    rc = one(plan, "aws_iam_role_policy", "marketing", "ses_to_firehose")
    rewrite_policy(
        rc,
        lambda doc: doc["Statement"].append(
            {"Effect": "Allow", "Action": ["ses:SendEmail"], "Resource": "*"}
        ),
    )


def rename_live_set(plan):
    """A rename is a replace: the live set `transactional` becomes `transactional-v2`."""
    rc = config_set(plan, "transactional")
    make_live(rc, ["delete", "create"])
    after(rc)["configuration_set_name"] = "transactional-v2"


def delete_live_pool(plan):
    make_live(one(plan, "aws_sesv2_dedicated_ip_pool", "marketing"), ["delete"])


def pool_name_unknown_until_apply(plan):
    set_unknown(one(plan, "aws_sesv2_dedicated_ip_pool", "marketing"), ["pool_name"])
    set_unknown(config_set(plan, "marketing"), ["delivery_options", 0, "sending_pool_name"])


VIOLATIONS = [
    ("SES001", catch_all_set, "aws_sesv2_configuration_set.this"),
    ("SES001", stream_without_set, 'stream["bulk-notifications"]'),
    ("SES001", declared_stream_missing, None),
    ("SES001", identity_default_of_other_stream, "aws_sesv2_email_identity.this"),
    ("SES002", default_pool, 'stream["transactional"].aws_sesv2_configuration_set'),
    ("SES002", unpooled_ips, 'stream["transactional"].aws_sesv2_configuration_set'),
    ("SES002", dedicated_ip_left_in_default_pool, 'stream["bulk-notifications"]'),
    ("SES003", shared_pool_across_classes, "aws_sesv2_configuration_set.this"),
    ("SES003", marketing_without_pool, 'stream["marketing"].aws_sesv2_configuration_set'),
    ("SES003", pool_not_in_plan, 'stream["bulk-notifications"].aws_sesv2_configuration_set'),
    ("SES004", transactional_suppresses_complaint, 'stream["transactional"]'),
    ("SES004", suppression_block_absent, 'stream["marketing"]'),
    ("SES004", suppression_update_to_empty, 'stream["bulk-notifications"]'),
    ("SES005", cloudwatch_destination_disabled, 'stream["marketing"]'),
    ("SES005", cloudwatch_destination_without_send, 'stream["transactional"]'),
    ("SES005", cloudwatch_dimension_of_other_stream, 'stream["bulk-notifications"]'),
    ("SES006", dead_reputation_alarm, 'stream["transactional"].aws_cloudwatch_metric_alarm'),
    ("SES006", alarm_threshold_above_review, 'stream["marketing"].aws_cloudwatch_metric_alarm'),
    ("SES006", alarm_threshold_above_class, 'stream["transactional"].aws_cloudwatch_metric'),
    ("SES006", alarm_without_action, 'stream["bulk-notifications"].aws_cloudwatch_metric'),
    ("SES006", complaint_alarm_missing, 'stream["marketing"].aws_sesv2_configuration_set'),
    ("SES007", identity_without_default_set, "aws_sesv2_email_identity.this"),
    ("SES008", v1_configuration_set, "aws_ses_configuration_set.this"),
    ("SES009", tls_optional, 'stream["marketing"]'),
    ("SES009", reputation_metrics_off, 'stream["transactional"]'),
    ("SES010", transactional_without_realtime_events, 'stream["transactional"]'),
    ("SES011", mail_from_outside_identity, "mail_from_attributes"),
    ("SES012", send_on_any_configuration_set, "aws_iam_role_policy.ses_to_firehose"),
    ("SES013", rename_live_set, 'stream["transactional"].aws_sesv2_configuration_set'),
    ("SES013", delete_live_pool, "aws_sesv2_dedicated_ip_pool"),
    ("SES014", pool_name_unknown_until_apply, 'stream["marketing"].aws_sesv2_configuration_set'),
]


@pytest.mark.parametrize(
    ("rule", "mutate", "where"), VIOLATIONS, ids=[f"{r}-{m.__name__}" for r, m, _ in VIOLATIONS]
)
def test_planted_violation_is_caught_with_its_rule_id(production, rule, mutate, where):
    report = run(production, mutate(production))
    hits = [f for f in report.findings if f.rule == rule]
    assert hits, f"{rule} missed; got {[(f.rule, f.message) for f in report.findings]}"
    if where is not None:
        assert any(where in (f.address or "") for f in hits), [f.address for f in hits]
    severity = next(r.severity for r in RULES if r.id == rule)
    assert all(f.severity == severity for f in hits)
    assert report.exit_code == (1 if severity == "error" else report.exit_code)


def test_every_rule_has_a_planted_violation():
    assert {rule for rule, _, _ in VIOLATIONS} == {rule.id for rule in RULES}


@pytest.mark.parametrize("rule", [r.id for r in RULES])
def test_known_good_production_plan_passes_each_rule(production, rule):
    assert rule not in rules_hit(run(production))


# --- near misses: changes that look risky but are fine --------------------------------


def test_suppressed_reasons_order_does_not_matter(production):
    options = after(config_set(production, "marketing"))["suppression_options"][0]
    options["suppressed_reasons"] = ["COMPLAINT", "BOUNCE"]
    assert "SES004" not in rules_hit(run(production))


def test_unpooled_ips_pass_when_shared_pool_is_declared(production):
    config = {
        "account": {"unpooled_dedicated_ips": True},
        "streams": {
            "transactional": {"class": "transactional", "shared_pool": True},
            "bulk-notifications": {"class": "bulk-notifications", "shared_pool": True},
        },
    }
    assert "SES002" not in rules_hit(run(production, config))


def test_pool_managed_elsewhere_passes_when_declared_external(production):
    pool_not_in_plan(production)
    report = run(production, {"account": {"external_pools": ["legacy-bulk-pool"]}})
    assert "SES003" not in rules_hit(report)


def test_percent_threshold_with_metric_math_times_100_passes(production):
    values = after(alarm(production, "transactional", "bounce"))
    query = next(q for q in values["metric_query"] if q["return_data"])
    query["expression"] = f"100 * ({query['expression']})"
    values["threshold"] = 1  # 1 %
    assert "SES006" not in rules_hit(run(production))


def test_reputation_alarm_per_configuration_set_is_live(production):
    to_reputation_alarm(production, "transactional", {"ses:configuration-set": "transactional"})
    assert "SES006" not in rules_hit(run(production))


def test_update_of_live_set_in_place_is_not_destructive(production):
    rc = config_set(production, "marketing")
    make_live(rc, ["update"])
    after(rc)["delivery_options"][0]["max_delivery_seconds"] = 3600
    assert "SES013" not in rules_hit(run(production))


def test_unknown_pool_name_is_reported_not_failed(production):
    pool_name_unknown_until_apply(production)
    report = run(production)
    info = [f for f in report.findings if f.rule == "SES014"]
    assert any("refers to" in f.message and "SES003" in f.message for f in info)
    assert not rules_hit(report, "error"), [f.message for f in report.errors]


def test_catch_all_set_fails_declared_streams_too(production):
    catch_all_set(production)
    report = run(production)
    assert report.exit_code == 1


def test_unknown_class_gets_class_independent_rules_only(production):
    rc = config_set(production, "marketing")
    for key in ("tags", "tags_all"):
        after(rc)[key] = {}
    after(rc)["configuration_set_name"] = "lane-7"
    for dest in changes(production, "aws_sesv2_configuration_set_event_destination", "marketing"):
        after(dest)["configuration_set_name"] = "lane-7"
    report = run(production)
    # No module input, no tag: the stream is named after its set (SPEC §6), class unknown.
    assert report.summary["streams"]["lane-7"]["class"] is None
    assert "SES004" not in rules_hit(report)  # [BOUNCE, COMPLAINT] satisfies "explicit, bounce"


def test_destination_set_name_unknown_resolves_by_reference(production):
    """`configuration_set_name = aws_sesv2_configuration_set.this.configuration_set_name`
    with the name unknown: the configuration section still ties it to its set."""
    for rc in changes(production, "aws_sesv2_configuration_set_event_destination", "marketing"):
        set_unknown(rc, ["configuration_set_name"])
    report = run(production)
    assert "SES005" not in rules_hit(report)
    unknown = [f for f in report.findings if f.rule == "SES014"]
    assert unknown and all("set_name" in f.message for f in unknown)
    assert all("refers to" in f.message for f in unknown)


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


def test_unknown_pool_name_is_followed_through_a_module_input(production):
    """`sending_pool_name = var.pool` inside the stream module, and the caller passes
    `aws_sesv2_dedicated_ip_pool.shared.pool_name`: the gate follows var → caller."""
    pool = one(production, "aws_sesv2_dedicated_ip_pool", "marketing")
    shared = clone(production, pool, "aws_sesv2_dedicated_ip_pool", after(pool))
    shared.update(
        module_address="module.platform",
        address="module.platform.aws_sesv2_dedicated_ip_pool.shared",
        name="shared",
    )
    remove(production, pool)
    set_unknown(shared, ["pool_name"])
    set_unknown(config_set(production, "marketing"), ["delivery_options", 0, "sending_pool_name"])
    stream_set = config_resource(
        production, ["platform", "stream"], "aws_sesv2_configuration_set.this"
    )
    stream_set["expressions"]["delivery_options"][0]["sending_pool_name"] = {
        "references": ["var.ip_pool"]
    }
    call = production["configuration"]["root_module"]["module_calls"]["platform"]["module"][
        "module_calls"
    ]["stream"]
    call["expressions"]["ip_pool"] = {
        "references": [
            "aws_sesv2_dedicated_ip_pool.shared.pool_name",
            "aws_sesv2_dedicated_ip_pool.shared",
        ]
    }
    report = run(production)
    assert any(
        f.rule == "SES014"
        and "refers to module.platform.aws_sesv2_dedicated_ip_pool.shared" in f.message
        for f in report.findings
    ), [f.message for f in report.findings]
    assert "SES003" not in rules_hit(report)  # marketing names a dedicated pool


# --- second review: gaps in rules that must fail the plan --------------------------------


def test_send_on_configuration_set_wildcard_of_a_real_account_is_caught(production):
    """SPEC §6 SES012 names `configuration-set/*`: with the real region and account in the
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


def test_alarm_with_actions_disabled_has_no_action(production):
    """`actions_enabled = false` keeps alarm_actions but CloudWatch never runs them."""
    rc = alarm(production, "transactional", "bounce")
    after(rc)["actions_enabled"] = False
    hits = [f for f in run(production).findings if f.rule == "SES006"]
    assert any(f.address == rc["address"] and "action" in f.message for f in hits), hits


def test_replacing_a_set_with_empty_suppression_is_not_the_update_bug(production):
    """The provider ignores non-empty → [] only on update; a replace creates the set anew.
    The [] still breaks the class policy, so SES004 says that instead."""
    rc = config_set(production, "bulk-notifications")
    make_live(rc, ["delete", "create"])
    after(rc)["suppression_options"][0]["suppressed_reasons"] = []
    hits = [f for f in run(production).findings if f.rule == "SES004"]
    assert hits and not any("does not apply" in f.message for f in hits)


def test_null_suppression_block_is_reported_as_inheriting_the_account(production):
    """`suppression_options: null` (hand-edited JSON; found by the random-damage test)
    means no block: the set inherits the account setting."""
    rc = config_set(production, "transactional")
    after(rc)["suppression_options"] = None
    hits = [f for f in run(production).findings if f.rule == "SES004"]
    assert any(f.address == rc["address"] and "no suppression_options" in f.message for f in hits)


# --- unknown at plan time: reported by SES014, never turned into a pass or a fail -------


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


def test_pool_with_unknown_name_is_not_reported_missing(production):
    """The marketing pool's name is known only after apply; the set names it literally:
    the pool may well be that one, so SES003 must not say "not in the plan"."""
    pool = one(production, "aws_sesv2_dedicated_ip_pool", "marketing")
    set_unknown(pool, ["pool_name"])
    report = run(production)
    assert "SES003" not in rules_hit(report), [f.message for f in report.errors]
    assert any(f.rule == "SES014" and f.address == pool["address"] for f in report.findings)


def test_destination_of_unresolvable_set_does_not_fail_sets_without_destinations(production):
    """A destination whose set name is unknown and not a reference the gate can follow
    (e.g. a module output): which set it serves is unknown, so no set is failed for it."""
    for rc in changes(production, "aws_sesv2_configuration_set_event_destination", "marketing"):
        set_unknown(rc, ["configuration_set_name"])
    config = config_resource(
        production,
        ["platform", "stream"],
        "aws_sesv2_configuration_set_event_destination.cloudwatch",
    )
    config["expressions"]["configuration_set_name"] = {"references": ["module.elsewhere.name"]}
    report = run(production)
    assert not {"SES005", "SES006", "SES010"} & rules_hit(report), report.errors
    unknown = [f.message for f in report.findings if f.rule == "SES014"]
    assert any("set_name" in m and all(r in m for r in ("SES005", "SES006")) for m in unknown)


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


def test_moving_a_live_identity_default_to_another_set_is_destructive(production):
    rc = one(production, "aws_sesv2_email_identity", module=ROOT_IDENTITY)
    make_live(rc, ["update"])
    after(rc)["configuration_set_name"] = "marketing"
    hits = [f for f in run(production).findings if f.rule == "SES013"]
    assert any(f.address == rc["address"] and "marketing" in f.message for f in hits), hits


def test_rate_dividing_stream_bounces_by_account_sends_is_flagged(production):
    """Bounce per stream over Send of the whole account: the rate shrinks with every other
    stream's volume, so the alarm fires late or never."""
    rc = alarm(production, "marketing", "bounce")
    query = next(q for q in after(rc)["metric_query"] if q["id"] == "send")
    query["metric"][0]["dimensions"] = {}
    hits = [f for f in run(production).findings if f.rule == "SES006"]
    assert any(f.address == rc["address"] and "dimensions" in f.message for f in hits), hits


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


def test_declared_stream_without_class_takes_the_class_tag_of_its_set(production):
    """SPEC §6: class from the config, else the class tag, else the name. Declaring the
    stream (to map its set) without a class must not hide the tag."""
    rc = config_set(production, "marketing")
    for key in ("tags", "tags_all"):
        after(rc)[key] = {"class": "marketing"}
    config = {"streams": {"newsletters": {"configuration_set": "marketing"}}}
    report = run(production, config)
    assert report.summary["streams"]["newsletters"]["class"] == "marketing"
    assert report.summary["streams"]["newsletters"]["class_source"] == "tag"


def test_metric_math_returning_the_raw_bounce_count_is_not_a_rate_alarm(production):
    rc = alarm(production, "transactional", "bounce")
    for query in after(rc)["metric_query"]:
        query["return_data"] = query["id"] == "events"
    hits = [f for f in run(production).findings if f.rule == "SES006"]
    assert any("no live bounce-rate alarm" in f.message for f in hits), hits


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
