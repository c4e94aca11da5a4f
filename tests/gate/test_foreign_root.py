"""Someone else's SES Terraform (tests/gate/roots/foreign, planned by Terraform): SES v1 sets
judged as streams, dead alarms named on the alarm, a copy-pasted set and pool."""

from __future__ import annotations

from collections import Counter

import pytest
from sesguard import check_plan

V1_SET = "aws_ses_configuration_set"
EXPECTED = Counter(
    {
        # A v1 transactional set with everything right: only SES008, on each v1 resource.
        ("SES008", f"{V1_SET}.receipts"): 1,
        ("SES008", "aws_ses_event_destination.receipts_cloudwatch"): 1,
        ("SES008", "aws_ses_event_destination.receipts_sns"): 1,
        # A bare v1 marketing set: SES008 first, then every stream rule on its v1 fields.
        ("SES008", f"{V1_SET}.newsletter"): 1,
        ("SES003", f"{V1_SET}.newsletter"): 1,
        ("SES005", f"{V1_SET}.newsletter"): 1,
        ("SES006", f"{V1_SET}.newsletter"): 2,
        ("SES009", f"{V1_SET}.newsletter"): 2,
        ("SES010", f"{V1_SET}.newsletter"): 1,
        # Four dead alarms, each on its own address, and the stream they leave uncovered.
        ("SES006", "aws_cloudwatch_metric_alarm.digest_bounce_rate"): 1,
        ("SES006", "aws_cloudwatch_metric_alarm.digest_bounces"): 1,
        ("SES006", "aws_cloudwatch_metric_alarm.digest_complaint_rate"): 1,
        ("SES006", "aws_cloudwatch_metric_alarm.digest_complaint_math"): 1,
        ("SES006", "aws_sesv2_configuration_set.digest"): 2,
        # The copy-pasted set and pool: SES001 on the copy, naming the original.
        ("SES001", "aws_sesv2_configuration_set.alerts_copy"): 1,
        ("SES001", "aws_sesv2_dedicated_ip_pool.promo_copy"): 1,
        # Neither alerts set has destinations or alarms: each is judged on its own.
        **{
            (rule, f"aws_sesv2_configuration_set.{name}"): count
            for name in ("alerts", "alerts_copy")
            for rule, count in (("SES005", 1), ("SES006", 2), ("SES010", 1))
        },
    }
)


@pytest.fixture(scope="module")
def report(root_plans):
    return check_plan(root_plans["foreign"])


def by_address(report, address: str) -> list:
    return [f for f in report.findings if f.address == address]


def test_exact_findings_per_resource(report):
    assert Counter((f.rule, f.address) for f in report.findings) == EXPECTED


def test_v1_set_with_everything_right_gets_only_ses008(report):
    """Reputation.BounceRate with ses:configuration-set on a set with reputation metrics
    enabled is live; so is metric math over the counts its v1 destination publishes."""
    assert {f.rule for f in report.findings if "receipts" in (f.address or "")} == {"SES008"}
    assert report.summary.streams["receipts-transactional"]["class"] == "transactional"


def test_findings_on_a_v1_set_say_what_migration_fixes(report):
    others = [f for f in by_address(report, f"{V1_SET}.newsletter") if f.rule != "SES008"]
    assert others and all(f.message.endswith("(SES v1 set)") for f in others)
    migration = {f.rule: f.remediation.split("Migrating to SES v2: ")[1] for f in others}
    assert "delivery_options.sending_pool_name" in migration["SES003"]
    assert "does not move aws_ses_event_destination" in migration["SES005"]
    assert "does not move the SNS destination" in migration["SES010"]
    tls = next(f for f in others if f.rule == "SES009" and "TLS" in f.message)
    assert "OPTIONAL (default)" in tls.message  # v1 spells it Optional; absent is Optional


@pytest.mark.parametrize(
    ("alarm", "never_published", "instead"),
    [
        (
            "digest_bounce_rate",
            "'BounceRate' (the published name is 'Reputation.BounceRate')",
            "bounce / send",
        ),
        ("digest_bounces", "'Bounces' (the published name is 'Bounce')", "bounce / send"),
        ("digest_complaint_rate", "never with stream=digest-bulk", "complaint / send"),
        ("digest_complaint_math", "with a 'ConfigurationSetName' dimension", "complaint / send"),
    ],
)
def test_dead_alarm_names_what_is_never_published_and_what_to_alarm_on(
    report, alarm, never_published, instead
):
    (finding,) = by_address(report, f"aws_cloudwatch_metric_alarm.{alarm}")
    assert "is dead: " in finding.message and never_published in finding.message
    assert instead in finding.remediation
    other_kind = "bounce" if "complaint" in instead else "complaint"
    assert other_kind not in finding.remediation  # a complaint fix never talks about bounces
    assert finding.stream == "digest-bulk"


def test_stream_without_live_alarm_names_its_dead_ones(report):
    messages = sorted(f.message for f in by_address(report, "aws_sesv2_configuration_set.digest"))
    assert messages == [
        "stream 'digest-bulk' has no live bounce-rate alarm (dead: digest-bounce-rate, "
        "digest-bounces)",
        "stream 'digest-bulk' has no live complaint-rate alarm (dead: digest-complaint-math, "
        "digest-complaint-rate)",
    ]


def test_duplicate_names_name_the_other_address(report):
    (set_copy,) = [f for f in report.findings if f.rule == "SES001" and "alerts_copy" in f.address]
    assert "already declared by aws_sesv2_configuration_set.alerts:" in set_copy.message
    assert "AlreadyExists" in set_copy.message
    (pool_copy,) = [f for f in report.findings if f.rule == "SES001" and "promo_copy" in f.address]
    assert "already declared by aws_sesv2_dedicated_ip_pool.promo:" in pool_copy.message
