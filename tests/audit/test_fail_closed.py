"""An audit that could not read what it judges never passes: each fault below ends in an
SES020 finding naming the call, rules "not checked" there, and exit 2 when a lane (or
everything) went unread; within the --timeout, and never as a traceback."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from audit_runs import account_arn, keys, reset_clients, run_audit
from fault_proxy import Fault
from live_account import REGION, build_account
from ses_emulator import lifecycle
from sesguard.audit import AuditOptions, audit
from sesguard.audit.coverage import unverified_by

LIST_SETS = "/v2/email/list-configuration-sets"
EVERY_SERVICE_BUT_STS = ("ses", "monitoring", "sns")


def _answer(body: bytes, path: str | None = None, service: str = "ses", **fault) -> Fault:
    return Fault(fault.pop("status", 200), "", "", service=service, path=path, body=body, **fault)


def _one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def _unread(report: dict, api: str) -> list[dict]:
    return [f for f in report["findings"] if f["message"].startswith(f"{api}:")]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"ConfigurationSets": "notalist"}', "ConfigurationSets is str, not list"),
        (b'\xff\xfe{"ConfigurationSets": []}', "not UTF-8 JSON"),
        (b"", "an empty body"),
        (b'{"ConfigurationSets": [{"Name": "x"}]}', "ConfigurationSets[0] is dict, not string"),
    ],
    ids=["not-a-list", "not-utf8", "empty", "list-of-objects"],
)
def test_a_list_of_sets_of_the_wrong_shape_is_a_read_error_and_exit_2(
    proxy, shared_account, tmp_path, capsys, body, reason
):
    proxy.faults.append(_answer(body, LIST_SETS))
    code, report = run_audit(proxy.url, "--no-dns", "--no-health", tmp_path=tmp_path)
    unread = _unread(report, "ses:ListConfigurationSets")
    assert [(f["rule"], f["severity"]) for f in unread] == [("SES020", "info")]
    assert f"the answer is not what the API returns: {reason}" in unread[0]["message"]
    assert keys(report, severity="error") == set()  # nothing judged from what was not read
    assert code == 2
    err = _one_line(capsys.readouterr().err)
    assert err.startswith(
        f"sesguard: audit incomplete: not read: 123456789012 {REGION}: the configuration sets"
    )


def test_a_read_a_rule_needs_that_failed_leaves_that_rule_not_checked(
    proxy, shared_account, tmp_path
):
    proxy.faults.append(_answer(b"", "/v2/email/account", method="GET"))
    code, report = run_audit(proxy.url, "--no-dns", "--no-health", tmp_path=tmp_path)
    assert [
        (n["read"], n["address"], tuple(n["rules"]))
        for n in report["summary"]["not_checked"]
        if n["read"].startswith("ses:")
    ] == [("ses:GetAccount", None, unverified_by("account"))]
    assert [f["address"] for f in _unread(report, "ses:GetAccount")] == [account_arn()]
    # Every lane was read: the account-wide rules have no verdict, the lanes do.
    assert (code, report["summary"]["incomplete"]) == (0, [])
    junit = tmp_path / "audit.xml"
    run_audit(proxy.url, "--no-dns", "--no-health", "--format", "junit", "--output", str(junit),
              tmp_path=tmp_path)  # fmt: skip
    text = junit.read_text()
    for rule in unverified_by("account"):  # a skipped case, never a passing one
        case = text[text.index(f'name="{rule} ') :].split("</testcase>")[0]
        assert '<skipped message="not checked where a read failed: ses:GetAccount' in case


def test_a_repeated_next_token_stops_the_paging(proxy, shared_account, tmp_path):
    again = _answer(b'{"ConfigurationSets": ["transactional"], "NextToken": "again"}', LIST_SETS)
    proxy.faults.append(again)
    code, report = run_audit(proxy.url, "--no-dns", "--no-health", tmp_path=tmp_path)
    assert again.hits == 2  # the second page repeated the first's token: no third request
    [unread] = _unread(report, "ses:ListConfigurationSets")
    assert "the same NextToken came back twice after 2 items: stopped paging" in unread["message"]
    assert code == 2


@pytest.mark.parametrize(
    ("status", "error_type"),
    [(500, "InternalFailure"), (429, "TooManyRequestsException")],
)
def test_every_call_failing_is_exit_2_within_the_timeout(
    proxy, shared_account, tmp_path, capsys, status, error_type
):
    for service in EVERY_SERVICE_BUT_STS:  # the account lookup answers, nothing else does
        proxy.faults.append(Fault(status, error_type, "try again later", service=service))
    began = time.monotonic()
    # Deadlines leave room for a slow account lookup (boto3 builds its clients first).
    code, report = run_audit(proxy.url, "--no-dns", "--timeout", "6", tmp_path=tmp_path)
    assert time.monotonic() - began < 6 + 3
    assert code == 2
    assert keys(report, severity="error") == set()
    assert "not read: " in _one_line(capsys.readouterr().err)


@pytest.mark.parametrize("fault", ["hang", "trickle"])
def test_a_reply_that_never_ends_is_cut_by_the_timeout(
    proxy, shared_account, tmp_path, capsys, fault
):
    body = b'{"ConfigurationSets": []}'
    proxy.faults.append(
        _answer(body, LIST_SETS, delay=60)
        if fault == "hang"
        else _answer(body, LIST_SETS, trickle=True)
    )
    began = time.monotonic()
    code, report = run_audit(proxy.url, "--no-dns", "--timeout", "4", tmp_path=tmp_path)
    assert time.monotonic() - began < 4 + 2
    assert code == 2
    assert [f["message"].split(";")[0] for f in report["findings"]] == [
        "sesguard: the audit's 4 s deadline (--timeout) passed before this region was read"
    ]
    assert "deadline (--timeout) passed" in _one_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    ("status", "body"),
    [(200, b"not xml"), (500, b"<html>oops"), (200, b""), (500, b"")],
    ids=["200-not-xml", "500-html", "200-empty", "500-empty"],
)
def test_a_broken_account_lookup_is_one_line_and_exit_2(proxy, tmp_path, capsys, status, body):
    proxy.faults.append(_answer(body, service="sts", status=status))
    code, report = run_audit(proxy.url, "--no-dns", tmp_path=tmp_path)
    assert (code, report) == (2, {})
    assert _one_line(capsys.readouterr().err).startswith("sesguard: ")


def test_an_endpoint_url_with_a_port_out_of_range_is_one_line_and_exit_2(tmp_path, capsys):
    code, report = run_audit("http://127.0.0.1:99999", "--no-dns", tmp_path=tmp_path)
    assert (code, report) == (2, {})
    assert _one_line(capsys.readouterr().err) == (
        "sesguard: --endpoint-url: Port out of range 0-65535\n"
    )


@pytest.fixture
def own_emulator(tmp_path: Path):
    """An emulator of this test's own, to kill."""
    state = tmp_path / "emulator"
    running = lifecycle.start(state)
    yield running
    lifecycle.stop(state)


def test_an_emulator_killed_mid_audit_is_exit_2_not_pass(own_emulator):
    build_account(reset_clients(own_emulator.url))
    killed = []

    def kill_at_the_first_set_read(action: str) -> None:
        if action == "ses:GetConfigurationSet" and not killed:
            os.kill(own_emulator.pid, signal.SIGKILL)
            killed.append(action)

    began = time.monotonic()
    report = audit(
        AuditOptions(regions=[REGION], endpoint_url=own_emulator.url, dns=False, timeout=10,
                     on_call=kill_at_the_first_set_read)
    )  # fmt: skip
    assert killed and time.monotonic() - began < 10 + 2
    assert report.exit_code == 2
    assert report.errors == []
    assert any("the options of configuration set" in what for what in report.incomplete)
    assert {f.rule for f in report.findings} == {"SES020"}
