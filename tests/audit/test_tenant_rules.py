"""The audit reads SES tenants (their sets, reputation policy, status and findings) from the
emulator over HTTP: a tenant paused by its findings, a tenant nothing pauses, a transactional
lane on `strict`, lanes of different classes in one tenant."""

from __future__ import annotations

import json
import urllib.request

from audit_runs import keys, run_audit
from live_account import send_campaign_to_stale_list, ses_arn, tenant
from sesguard.cli import main

TENANT_RULES = {"SES033", "SES034", "SES035", "SES036"}


def _local(emulator: str, method: str, path: str, body: dict) -> None:
    request = urllib.request.Request(
        f"{emulator}/_ses{path}", data=json.dumps(body).encode(), method=method
    )
    request.add_header("Content-Type", "application/json")
    urllib.request.urlopen(request).close()


def test_audit_names_the_paused_tenant_the_unprotected_one_and_the_mixed_ones(
    clients, zone, emulator, tmp_path
):
    ses = clients["sesv2"]
    _local(emulator, "POST", "/clock", {"time": "2030-01-07T06:00:00Z"})
    _local(emulator, "PUT", "/control/mailboxes", {"domain": "stale.test", "bounce_rate": 0.2})
    paused = tenant(ses, "campaigns", "strict", "marketing")
    tenant(ses, "notices", "none", "bulk-notifications")
    tenant(ses, "resets", "strict", "transactional")
    tenant(ses, "everything", "standard", "marketing", "transactional")
    send_campaign_to_stale_list(ses)
    _local(emulator, "POST", "/clock", {"advance_seconds": 3600})

    _, report = run_audit(emulator, "--no-dns", tmp_path=tmp_path)
    found = {key for key in keys(report) if key[0] in TENANT_RULES}
    marketing, transactional = (ses_arn("configuration-set", s)
                                for s in ("marketing", "transactional"))  # fmt: skip
    assert found == {
        ("SES033", ses_arn("configuration-set", "bulk-notifications")),
        ("SES034", transactional),
        ("SES035", paused),
        ("SES036", marketing),
        ("SES036", transactional),
    }
    (pause,) = [f for f in report["findings"] if f["rule"] == "SES035"]
    assert pause["severity"] == "error"
    assert pause["message"].startswith(
        "tenant 'campaigns' is paused (BOUNCE finding (HIGH impact): Bounce rate 20.0%"
    )
    rows = {row["tenant"]: row for row in report["summary"]["tenants"]}
    assert [row["tenant"] for row in report["summary"]["tenants"]][0] == "campaigns"
    assert (rows["campaigns"]["sending_status"], rows["notices"]["policy"]) == ("DISABLED", "none")
    assert rows["everything"]["streams"] == ["marketing", "transactional"]


def test_text_report_has_a_health_row_pertenant(clients, zone, emulator, tmp_path, capsys):
    tenant(clients["sesv2"], "resets", "standard", "transactional")
    main(["audit", "--endpoint-url", emulator, "--region", "us-east-1", "--no-dns"])
    text = capsys.readouterr().out
    assert "Health per tenant" in text
    (row,) = [line for line in text.splitlines() if line.startswith("resets ")]
    assert row.split()[:4] == ["resets", "standard", "ENABLED", "transactional"]


def test_a_good_account_with_one_tenant_per_class_has_no_tenant_finding(
    clients, zone, emulator, tmp_path
):
    for stream, policy in (("marketing", "strict"), ("transactional", "standard"),
                           ("bulk-notifications", "strict")):  # fmt: skip
        tenant(clients["sesv2"], stream, policy, stream)
    _, report = run_audit(emulator, "--no-dns", tmp_path=tmp_path)
    assert {key for key in keys(report) if key[0] in TENANT_RULES} == set()
