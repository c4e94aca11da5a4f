"""Violations planted in the real production plan, one or more per rule, and how tests run
the gate on a mutated plan. The catalogue (`VIOLATIONS`) is shared with the checkov tests, so
the gate and checkov are compared on the same list.
"""

from __future__ import annotations

from plan_mutations import (
    after,
    alarm,
    changes,
    clone,
    config_set,
    copy_to_stream,
    destination,
    make_live,
    one,
    remove,
    rewrite_policy,
    set_unknown,
)
from sesguard import check_plan
from sesguard.config import config_from_dict

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


def transactional_pauses_itself(plan):
    """pause_on_alarm = true on the reset lane: its module instance now holds the pause."""
    copy_to_stream(plan, one(plan, "aws_sfn_state_machine", "marketing", "pause"), "transactional")


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
    ("SES040", transactional_pauses_itself, 'stream["transactional"].aws_sesv2_configuration_set'),
]
