"""`sesguard audit` of the good account and of a few broken ones, end to end: what the
command prints and its exit code. Each live rule's own violations, found exactly, are its
account fixtures (tests/audit/fixtures, test_live_rule_fixtures.py)."""

from __future__ import annotations

from audit_runs import keys, run_audit
from fault_proxy import Fault
from live_account import STREAMS, sender_role, ses_arn
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
