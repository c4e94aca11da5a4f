"""Failure paths, injected at the HTTP layer by a proxy in front of the emulator: each is
an exit 2 with one line, or an info finding naming the API call; never a traceback."""

from __future__ import annotations

import socket

from audit_runs import account_arn, keys, run_audit
from fault_proxy import Fault
from live_account import REGION, identity_of, ses_arn
from sesguard.audit import AuditOptions, audit

ACCESS_DENIED = "User: arn:aws:iam::123456789012:user/auditor is not authorized to perform"


def test_an_endpoint_that_is_down_is_one_line_and_exit_2(tmp_path, capsys):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))  # a port nobody listens on
        port = sock.getsockname()[1]
    code, report = run_audit(f"http://127.0.0.1:{port}", "--no-dns", tmp_path=tmp_path)
    err = capsys.readouterr().err
    assert (code, report) == (2, {})
    assert err.startswith("sesguard: cannot reach AWS: ") and err.count("\n") == 1, err
    assert "Traceback" not in err


def test_access_denied_on_one_api_is_an_info_finding_naming_the_call(
    proxy, zone, baseline, tmp_path
):
    proxy.faults.append(
        Fault(403, "AccessDeniedException", f"{ACCESS_DENIED} ses:GetAccount",
              service="ses", path="/v2/email/account", method="GET")
    )  # fmt: skip
    code, report = run_audit(proxy.url, "--no-dns", tmp_path=tmp_path)
    notes = [f for f in report["findings"] if f["message"].startswith("ses:GetAccount")]
    assert [(f["rule"], f["severity"], f["address"]) for f in notes] == [
        ("SES020", "info", account_arn())
    ]
    assert "AccessDeniedException" in notes[0]["message"]
    assert "not verified: SES024, SES026" in notes[0]["message"]
    assert keys(report, severity="error") == set()
    assert code == 0


def test_access_denied_on_one_set_leaves_the_others_checked(proxy, zone, clients, tmp_path):
    clients["sesv2"].put_configuration_set_suppression_options(
        ConfigurationSetName="transactional", SuppressedReasons=["BOUNCE", "COMPLAINT"]
    )
    clients["sesv2"].put_configuration_set_suppression_options(
        ConfigurationSetName="marketing", SuppressedReasons=["BOUNCE"]
    )
    proxy.faults.append(
        Fault(403, "AccessDeniedException", ACCESS_DENIED,
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
    assert code == 1


def test_throttling_answers_are_retried_and_the_result_is_unchanged(
    proxy, zone, baseline, tmp_path
):
    throttle = Fault(429, "TooManyRequestsException", "Too Many Requests",
                     service="ses", path="/v2/email/configuration-sets/", times=2)  # fmt: skip
    proxy.faults.append(throttle)
    code, report = run_audit(proxy.url, "--no-dns", "--no-health", tmp_path=tmp_path)
    assert throttle.hits == 2  # the proxy did throttle
    assert keys(report) - {("SES020", account_arn())} == baseline - {("SES020", account_arn())}
    assert code == 0


def test_throttling_past_the_retries_is_an_info_finding(proxy, zone, tmp_path):
    proxy.faults.append(
        Fault(429, "TooManyRequestsException", "Too Many Requests",
              service="ses", path="/v2/email/identities/marketing.", method="GET")
    )  # fmt: skip
    report = audit(
        AuditOptions(
            regions=[REGION], endpoint_url=proxy.url, dns=False, health=False, retry_attempts=2
        )
    )
    throttled = {f.address for f in report.findings if "TooManyRequestsException" in f.message}
    assert throttled == {ses_arn("identity", identity_of("marketing"))}
    assert report.exit_code == 0


def test_a_region_without_ses_is_one_info_finding_and_the_others_are_audited(
    proxy, zone, baseline, tmp_path
):
    proxy.faults.append(
        Fault(403, "UnrecognizedClientException",
              "The security token included in the request is invalid.",
              service="ses", region="ap-nowhere-1")
    )  # fmt: skip
    code, report = run_audit(proxy.url, "--no-dns", "--region", "ap-nowhere-1", tmp_path=tmp_path)
    nowhere = [f for f in report["findings"] if f["stream"] == "123456789012 ap-nowhere-1"]
    assert [(f["rule"], f["severity"]) for f in nowhere] == [("SES020", "info")]
    assert "SES is not available in ap-nowhere-1" in nowhere[0]["message"]
    assert [(t["region"], t["streams"]) for t in report["summary"]["targets"]] == [
        (REGION, ["bulk-notifications", "marketing", "transactional"]),
        ("ap-nowhere-1", []),
    ]
    assert keys(report, severity="error") == set()
    assert code == 0
