"""Failure paths, injected at the HTTP layer by a proxy in front of the emulator: each is
an exit 2 with one line, or an info finding naming the API call; never a traceback."""

from __future__ import annotations

import socket

from audit_runs import account_arn, keys, run_audit
from fault_proxy import Fault
from live_account import REGION
from sesguard.audit import AuditOptions, audit

ACCESS_DENIED = "User: arn:aws:iam::123456789012:user/auditor is not authorized to perform"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))  # a port nobody listens on
        return sock.getsockname()[1]


def test_an_endpoint_that_is_down_is_named_in_one_line_without_its_credentials(tmp_path, capsys):
    port = _closed_port()
    endpoint = f"http://key:s3cret@127.0.0.1:{port}"
    code, report = run_audit(endpoint, "--no-dns", tmp_path=tmp_path)
    err = capsys.readouterr().err
    assert (code, report) == (2, {})
    assert err.startswith(f"sesguard: cannot reach http://127.0.0.1:{port}: ")
    assert err.count("\n") == 1 and "s3cret" not in err and "key:" not in err, err
    assert "Traceback" not in err


def test_no_credentials_for_an_endpoint_names_it_and_the_pair_the_emulator_takes(
    tmp_path, capsys, monkeypatch
):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")  # no instance role to look for
    port = _closed_port()
    code, report = run_audit(f"http://key:s3cret@127.0.0.1:{port}/", "--no-dns", tmp_path=tmp_path)
    assert (code, report) == (2, {})
    assert capsys.readouterr().err == (
        f"sesguard: no AWS credentials to sign requests to http://127.0.0.1:{port}/: set "
        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (the local emulator accepts any "
        "non-empty pair, e.g. local and local) or pass --profile\n"
    )


def test_the_emulator_takes_the_documented_credentials(emulator, clients, tmp_path, monkeypatch):
    del clients  # asked for its reset: the account starts empty whatever ran before
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "local")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "local")
    code, report = run_audit(emulator, "--no-dns", "--no-health", tmp_path=tmp_path)
    assert code == 0  # read, not refused: an empty account has nothing to fail
    (target,) = report["summary"]["targets"]
    assert (target["account"], target["region"]) == ("123456789012", REGION)


def test_access_denied_on_one_api_is_an_info_finding_naming_the_call(
    proxy, shared_account, baseline, tmp_path
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


# GetAccount is the region's last SES call: adaptive mode slows a client after a throttle,
# and throttling the last call keeps that pause out of the test's run time.
def _throttle_get_account(times=None) -> Fault:
    return Fault(429, "TooManyRequestsException", "Too Many Requests",
                 service="ses", path="/v2/email/account", method="GET", times=times)  # fmt: skip


def test_throttling_answers_are_retried_and_the_result_is_unchanged(
    proxy, shared_account, baseline, tmp_path
):
    throttle = _throttle_get_account(times=2)
    proxy.faults.append(throttle)
    code, report = run_audit(proxy.url, "--no-dns", "--no-health", tmp_path=tmp_path)
    assert throttle.hits == 2  # the proxy did throttle
    assert [f for f in report["findings"] if "TooManyRequests" in f["message"]] == []
    assert keys(report, severity="error") == set()
    assert code == 0


def test_throttling_with_no_retry_left_is_an_info_finding(proxy, shared_account):
    proxy.faults.append(_throttle_get_account())
    report = audit(
        AuditOptions(
            regions=[REGION], endpoint_url=proxy.url, dns=False, health=False, retry_attempts=1
        )
    )
    throttled = [
        (f.rule, f.severity, f.address, f.message.split(";")[0])
        for f in report.findings
        if "TooManyRequestsException" in f.message
    ]
    assert throttled == [
        (
            "SES020",
            "info",
            account_arn(),
            "ses:GetAccount: TooManyRequestsException: Too Many Requests",
        )
    ]
    assert report.exit_code == 0


def test_a_region_without_ses_is_one_info_finding_and_the_others_are_audited(
    proxy, shared_account, baseline, tmp_path
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
