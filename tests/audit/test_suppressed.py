"""Waivers and baselines on `sesguard audit`: the same report as `check`, so the same
marks and verdicts, on an account built on the emulator."""

from __future__ import annotations

from audit_runs import run_audit
from live_account import ses_arn

TRANSACTIONAL = ses_arn("configuration-set", "transactional")


def test_a_baselined_account_passes_until_something_new_breaks(clients, zone, emulator, tmp_path):
    sesv2 = clients["sesv2"]
    sesv2.put_configuration_set_suppression_options(
        ConfigurationSetName="transactional", SuppressedReasons=["BOUNCE", "COMPLAINT"]
    )
    baseline = tmp_path / "baseline.json"
    code, report = run_audit(
        emulator, "--no-dns", "--write-baseline", str(baseline), tmp_path=tmp_path
    )
    assert code == 0
    assert {(f["rule"], f["address"]) for f in report["findings"] if f["severity"] == "error"} == {
        ("SES004", TRANSACTIONAL)
    }
    code, report = run_audit(emulator, "--no-dns", "--baseline", str(baseline), tmp_path=tmp_path)
    assert code == 0 and all(f.get("baseline") for f in report["findings"])

    sesv2.put_configuration_set_suppression_options(
        ConfigurationSetName="marketing", SuppressedReasons=[]
    )
    code, report = run_audit(emulator, "--no-dns", "--baseline", str(baseline), tmp_path=tmp_path)
    assert code == 1
    new = {
        (f["rule"], f["severity"], f["address"])
        for f in report["findings"]
        if not f.get("baseline")
    }
    assert new == {("SES004", "error", ses_arn("configuration-set", "marketing"))}


def test_a_waiver_holds_for_the_audit_and_fails_it_once_expired(clients, zone, emulator, tmp_path):
    clients["sesv2"].put_configuration_set_suppression_options(
        ConfigurationSetName="transactional", SuppressedReasons=["BOUNCE", "COMPLAINT"]
    )
    config = tmp_path / "sesguard.toml"
    waiver = '[[waiver]]\nrule = "SES004"\naddress = "*:configuration-set/transactional"\n'
    config.write_text(waiver + 'reason = "CRM migration"\nexpires = 2999-12-31\n')
    code, report = run_audit(emulator, "--no-dns", "--config", str(config), tmp_path=tmp_path)
    assert code == 0
    (waived,) = [f for f in report["findings"] if "waived" in f]
    assert (waived["rule"], waived["address"], waived["waived"]) == (
        "SES004",
        TRANSACTIONAL,
        {"reason": "CRM migration", "expires": "2999-12-31"},
    )
    config.write_text(waiver + 'reason = "CRM migration"\nexpires = 2020-01-01\n')
    code, report = run_audit(emulator, "--no-dns", "--config", str(config), tmp_path=tmp_path)
    assert code == 1
    assert report["expired_waivers"] == [
        {
            "rule": "SES004",
            "address": "*:configuration-set/transactional",
            "reason": "CRM migration",
            "expires": "2020-01-01",
        }
    ]
