"""The account broken by hand, one mistake at a time, as blog-post CLI walkthroughs do:
each mistake is found with its rule ID at its ARN, and nothing else is."""

from __future__ import annotations

import pytest
from audit_runs import account_arn, keys, run_audit
from botocore.exceptions import ClientError
from fault_proxy import Fault
from live_account import STREAMS, alarm_arn, identity_of, sender_role, ses_arn
from sesguard.audit.coverage import unverified_by

CONFIG = """
[streams.transactional]
class = "transactional"
[streams.marketing]
class = "marketing"
[streams.bulk-notifications]
class = "bulk-notifications"
"""


def test_the_good_account_has_no_finding(emulator, dns_server, baseline, tmp_path):
    code, report = run_audit(emulator, "--dns-server", dns_server.address, tmp_path=tmp_path)
    assert keys(report) == baseline
    assert code == 0
    assert sorted(report["summary"]["streams"]) == sorted(STREAMS)


def _catch_all(c):
    """One set for every kind of mail: the other streams' sets are gone."""
    for stream in ("marketing", "bulk-notifications"):
        c["sesv2"].put_email_identity_configuration_set_attributes(
            EmailIdentity=identity_of(stream), ConfigurationSetName="transactional"
        )
        c["sesv2"].delete_configuration_set(ConfigurationSetName=stream)
        c["cloudwatch"].delete_alarms(
            AlarmNames=[f"{stream}-bounce-rate", f"{stream}-complaint-rate"]
        )


def _marketing_on_default_pool(c):
    try:
        c["sesv2"].put_configuration_set_delivery_options(
            ConfigurationSetName="marketing",
            TlsPolicy="REQUIRE",
            SendingPoolName="ses-default-dedicated-pool",
        )
    except ClientError as error:
        # SES has this pool in every account with dedicated IPs; emulators without
        # dedicated-IP operations do not know it.
        pytest.skip(f"the emulator refuses the default pool: {error}")


def _transactional_suppresses_complaint(c):
    c["sesv2"].put_configuration_set_suppression_options(
        ConfigurationSetName="transactional", SuppressedReasons=["BOUNCE", "COMPLAINT"]
    )


def _identity_without_default_set(c):
    c["sesv2"].put_email_identity_configuration_set_attributes(
        EmailIdentity=identity_of("marketing")
    )


def _cloudwatch_destination_created_disabled(c):
    c["sesv2"].delete_configuration_set_event_destination(
        ConfigurationSetName="bulk-notifications", EventDestinationName="cloudwatch"
    )
    c["sesv2"].create_configuration_set_event_destination(
        ConfigurationSetName="bulk-notifications",
        EventDestinationName="cloudwatch",
        EventDestination={
            "MatchingEventTypes": ["SEND", "BOUNCE", "COMPLAINT"],
            "CloudWatchDestination": {
                "DimensionConfigurations": [
                    {
                        "DimensionName": "stream",
                        "DimensionValueSource": "MESSAGE_TAG",
                        "DefaultDimensionValue": "bulk-notifications",
                    }
                ]
            },
        },
    )  # no "Enabled": SES (and the provider) default it to false


def _reputation_alarm_with_stream_dimension(c):
    topic = c["sns"].create_topic(Name="marketing-alerts")["TopicArn"]
    c["cloudwatch"].put_metric_alarm(
        AlarmName="marketing-reputation-bounce",
        Namespace="AWS/SES",
        MetricName="Reputation.BounceRate",
        Dimensions=[{"Name": "stream", "Value": "marketing"}],
        Statistic="Average",
        Period=3600,
        EvaluationPeriods=1,
        Threshold=0.02,
        ComparisonOperator="GreaterThanThreshold",
        AlarmActions=[topic],
    )


def _marketing_topic_deleted(c):
    c["sns"].delete_topic(TopicArn="arn:aws:sns:us-east-1:123456789012:marketing-alerts")


BREAKAGES = {
    # Declared streams without a set of their own (their mail goes through transactional).
    "one catch-all set": (
        _catch_all,
        {("SES001", None), ("SES001", None)},  # one per missing stream: checked by count below
    ),
    "marketing on ses-default-dedicated-pool": (
        _marketing_on_default_pool,
        {("SES002", ses_arn("configuration-set", "marketing"))},
    ),
    "transactional suppressing COMPLAINT": (
        _transactional_suppresses_complaint,
        {("SES004", ses_arn("configuration-set", "transactional"))},
    ),
    "an identity with no default set": (
        _identity_without_default_set,
        {("SES007", ses_arn("identity", identity_of("marketing")))},
    ),
    # Nothing publishes the stream's counts, so its rate alarms are dead too.
    "a CloudWatch destination created disabled": (
        _cloudwatch_destination_created_disabled,
        {
            ("SES005", ses_arn("configuration-set", "bulk-notifications")),
            ("SES006", alarm_arn("bulk-notifications-bounce-rate")),
            ("SES006", alarm_arn("bulk-notifications-complaint-rate")),
            ("SES006", ses_arn("configuration-set", "bulk-notifications")),
        },
    ),
    # Its two rate alarms and its real-time destination notify nobody.
    "the marketing alarm topic deleted": (
        _marketing_topic_deleted,
        {
            ("SES031", alarm_arn("marketing-bounce-rate")),
            ("SES031", alarm_arn("marketing-complaint-rate")),
            ("SES031", ses_arn("configuration-set", "marketing/event-destination/realtime")),
        },
    ),
    "an alarm on Reputation.BounceRate with a stream dimension": (
        _reputation_alarm_with_stream_dimension,
        {("SES006", alarm_arn("marketing-reputation-bounce"))},
    ),
}


@pytest.mark.parametrize("breakage", BREAKAGES, ids=list(BREAKAGES))
def test_a_mistake_made_by_hand_is_found_and_nothing_else(
    breakage, clients, zone, emulator, baseline, tmp_path
):
    break_it, expected = BREAKAGES[breakage]
    break_it(clients)
    config = tmp_path / "sesguard.toml"
    config.write_text(CONFIG)
    code, report = run_audit(emulator, "--no-dns", "--config", str(config), tmp_path=tmp_path)
    dns_note = ("SES020", account_arn())
    assert keys(report) - baseline - {dns_note} == expected
    assert code == 1
    if breakage == "one catch-all set":
        found = [(f["rule"], f["stream"]) for f in report["findings"] if f["rule"] == "SES001"]
        assert sorted(found) == [("SES001", "bulk-notifications"), ("SES001", "marketing")]


def test_an_unpooled_standard_pool_reports_the_set_naming_no_pool(
    clients, zone, emulator, tmp_path
):
    """SES002's second half on a live account: with `unpooled_dedicated_ips` declared, a
    set that names no pool may send through the default pool."""
    config = tmp_path / "sesguard.toml"
    config.write_text(CONFIG + "[account]\nunpooled_dedicated_ips = true\n")
    code, report = run_audit(emulator, "--no-dns", "--config", str(config), tmp_path=tmp_path)
    assert {k for k in keys(report, severity="error")} == {
        ("SES002", ses_arn("configuration-set", "transactional")),
        ("SES002", ses_arn("configuration-set", "bulk-notifications")),
    }
    assert code == 1


def test_account_suppression_without_complaint_is_found_where_a_set_inherits_it(
    clients, zone, emulator, baseline, tmp_path
):
    clients["sesv2"].put_account_suppression_attributes(SuppressedReasons=["BOUNCE"])
    code, report = run_audit(emulator, "--no-dns", tmp_path=tmp_path)
    assert keys(report, severity="error") == set()  # every set has its own options
    clients["sesv2"].create_configuration_set(ConfigurationSetName="legacy-inherits")
    code, report = run_audit(emulator, "--no-dns", tmp_path=tmp_path)
    legacy = ses_arn("configuration-set", "legacy-inherits")
    assert {k for k in keys(report, severity="error") if k[1] == legacy} >= {
        ("SES004", legacy),
        ("SES026", legacy),
    }
    assert [k for k in keys(report, severity="error") if k[1] != legacy] == []
    assert code == 1


def test_access_denied_on_one_set_leaves_the_others_checked_and_the_audit_incomplete(
    proxy, zone, clients, tmp_path
):
    clients["sesv2"].put_configuration_set_suppression_options(
        ConfigurationSetName="transactional", SuppressedReasons=["BOUNCE", "COMPLAINT"]
    )
    clients["sesv2"].put_configuration_set_suppression_options(
        ConfigurationSetName="marketing", SuppressedReasons=["BOUNCE"]
    )
    proxy.faults.append(
        Fault(403, "AccessDeniedException", "User: auditor is not authorized to perform this",
              service="ses", path="/v2/email/configuration-sets/marketing", method="GET")
    )  # fmt: skip
    code, report = run_audit(proxy.url, "--no-dns", tmp_path=tmp_path)
    marketing = ses_arn("configuration-set", "marketing")
    assert keys(report, severity="error") == {
        ("SES004", ses_arn("configuration-set", "transactional"))
    }
    infos = {(f["rule"], f["address"], f["message"].split(":", 2)[1]) for f in report["findings"]
             if f["severity"] == "info" and f["address"] == marketing}  # fmt: skip
    assert infos == {
        ("SES020", marketing, "GetConfigurationSet"),
        ("SES020", marketing, "GetConfigurationSetEventDestinations"),
    }
    not_checked = {
        (n["read"], n["stream"], tuple(n["rules"]))
        for n in report["summary"]["not_checked"]
        if n["stream"] == "marketing"
    }
    assert not_checked == {
        ("ses:GetConfigurationSet", "marketing", unverified_by("configuration_set")),
        (
            "ses:GetConfigurationSetEventDestinations",
            "marketing",
            unverified_by("event_destinations"),
        ),
    }
    assert len(report["summary"]["incomplete"]) == 2  # the marketing lane was not read: no verdict
    assert code == 2


def test_with_iam_a_policy_that_opens_every_lane_is_found(clients, zone, emulator, tmp_path):
    arn = sender_role(emulator, "app")
    code, report = run_audit(emulator, "--no-dns", "--no-health", "--iam", tmp_path=tmp_path)
    assert keys(report, severity="warning") == {("SES012", arn)}
    _, report = run_audit(emulator, "--no-dns", "--no-health", tmp_path=tmp_path)
    assert keys(report, severity="warning") == set()  # IAM is read only when asked
    assert any(f["message"].startswith("IAM: skipped") for f in report["findings"])
