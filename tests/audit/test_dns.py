"""DNS checks against a real DNS server on loopback (dnslib, UDP and TCP): the good zone
passes, each broken record is found with its rule at the identity it belongs to."""

from __future__ import annotations

import socket

import pytest
from audit_runs import account_arn, keys, run_audit
from live_account import DOMAIN, REGION, STREAMS, identity_of, ses_arn
from sesguard.audit import AuditOptions, audit

DNS_RULES = {"SES027", "SES028", "SES029"}


def dns_findings(report: dict) -> set[tuple[str, str]]:
    return {k for k in keys(report) if k[0] in DNS_RULES}


@pytest.mark.parametrize("transport", [[], ["--dns-tcp"]], ids=["udp", "tcp"])
def test_the_good_zone_passes_over_udp_and_tcp(emulator, dns_server, baseline, tmp_path, transport):
    code, report = run_audit(
        emulator, "--dns-server", dns_server.address, *transport, tmp_path=tmp_path
    )
    assert keys(report) == baseline
    assert code == 0


def _first_dkim_cname(records):
    return next(k for k in records if k[1] == "CNAME" and identity_of("marketing") in k[0])


def _drop_dkim_cname(records):
    del records[_first_dkim_cname(records)]


def _wrong_dkim_target(records):
    records[_first_dkim_cname(records)] = ["someone-else.dkim.amazonses.com"]


def _wrong_mx(records):
    records[(f"bounce.{identity_of('marketing')}", "MX")] = ["10 mx.example.test"]


def _return_path_without_spf(records):
    # Two streams with their own Return-Paths: only one keeps its SPF record.
    del records[(f"bounce.{identity_of('marketing')}", "TXT")]


def _no_dmarc(records):
    del records[(f"_dmarc.{DOMAIN}", "TXT")]


MARKETING = ses_arn("identity", identity_of("marketing"))
BROKEN_ZONES = {
    "a DKIM CNAME missing": (_drop_dkim_cname, {("SES027", MARKETING)}),
    "a DKIM CNAME to another token": (_wrong_dkim_target, {("SES027", MARKETING)}),
    "the MAIL FROM MX not SES's": (_wrong_mx, {("SES028", MARKETING)}),
    "a Return-Path without its own SPF": (_return_path_without_spf, {("SES028", MARKETING)}),
    "no DMARC record": (
        _no_dmarc,
        {("SES029", ses_arn("identity", identity_of(s))) for s in STREAMS},
    ),
}


@pytest.mark.parametrize("broken", BROKEN_ZONES, ids=list(BROKEN_ZONES))
def test_a_broken_record_is_found_and_nothing_else(
    broken, emulator, dns_server, baseline, tmp_path
):
    break_zone, expected = BROKEN_ZONES[broken]
    break_zone(dns_server.resolver.records)
    code, report = run_audit(emulator, "--dns-server", dns_server.address, tmp_path=tmp_path)
    assert keys(report) - baseline == expected
    assert code == (0 if broken == "no DMARC record" else 1)  # DMARC is a warning


def test_the_finding_names_the_record_and_what_was_found(emulator, dns_server, tmp_path):
    _wrong_mx(dns_server.resolver.records)
    _, report = run_audit(emulator, "--dns-server", dns_server.address, tmp_path=tmp_path)
    (message,) = [f["message"] for f in report["findings"] if f["rule"] == "SES028"]
    assert message == (
        f"MAIL FROM domain bounce.{identity_of('marketing')} should have MX "
        f"feedback-smtp.{REGION}.amazonses.com, found mx.example.test"
    )


def test_no_dns_skips_the_checks_with_one_info_line(emulator, shared_account, baseline, tmp_path):
    code, report = run_audit(emulator, "--no-dns", tmp_path=tmp_path)
    notes = [f for f in report["findings"] if f["message"].startswith("DNS:")]
    assert [(f["rule"], f["severity"], f["address"]) for f in notes] == [
        ("SES020", "info", account_arn())
    ]
    assert "skipped (--no-dns)" in notes[0]["message"]
    assert code == 0


def test_a_resolver_that_does_not_answer_is_one_info_finding_not_a_pass(emulator, shared_account):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))  # bound, never answers: every lookup times out
        port = sock.getsockname()[1]
        report = audit(
            AuditOptions(
                regions=[REGION],
                endpoint_url=emulator,
                dns_server=f"127.0.0.1:{port}",
                dns_timeout=0.5,
                health=False,
            )
        )
    notes = [f for f in report.findings if f.message.startswith("DNS:")]
    assert len(notes) == 1 and "lookups failed" in notes[0].message, notes
    assert not any(f.rule in DNS_RULES for f in report.findings)
    assert report.exit_code == 0


@pytest.mark.parametrize("server", ["127.0.0.1:0", "127.0.0.1:x", ":53", "no.such.host.invalid"])
def test_an_unusable_dns_server_is_one_line_and_exit_2(server, emulator, tmp_path, capsys):
    code, report = run_audit(emulator, "--dns-server", server, tmp_path=tmp_path)
    err = capsys.readouterr().err
    assert (code, report) == (2, {})
    assert err.startswith("sesguard: ") and err.count("\n") == 1 and "--dns-server" in err
