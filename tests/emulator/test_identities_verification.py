"""Identities as SES reports them under each verification setting (instant, pending, dns)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from conftest import client_error, control
from dnslib import RR
from dnslib.server import BaseResolver, DNSLogger, DNSServer
from ses_emulator.identities import easy_dkim_tokens


class Zone(BaseResolver):
    """A DNS server's records, changed by the test while the server runs."""

    def __init__(self) -> None:
        self.records: list[RR] = []
        self.lock = threading.Lock()

    def add(self, text: str) -> None:
        with self.lock:
            self.records += RR.fromZone(text)

    def resolve(self, request, handler):
        reply = request.reply()
        name, kind = request.q.qname, request.q.qtype
        with self.lock:
            for record in self.records:
                if record.rname == name and record.rtype == kind:
                    reply.add_answer(record)
        return reply


@pytest.fixture
def dns_zone() -> Iterator[tuple[Zone, str]]:
    zone = Zone()
    server = DNSServer(zone, address="127.0.0.1", port=0, logger=DNSLogger(logf=lambda _: None))
    server.start_thread()
    yield zone, f"127.0.0.1:{server.server.server_address[1]}"
    server.stop()


def test_instant_verifies_a_domain_at_creation(sesv2):
    created = sesv2.create_email_identity(EmailIdentity="example.com")
    assert created["VerifiedForSendingStatus"] is True
    assert created["DkimAttributes"]["Status"] == "SUCCESS"


def test_pending_reports_a_new_domain_as_ses_does(sesv2, verification):
    verification("pending")
    sesv2.create_email_identity(EmailIdentity="example.com")
    got = sesv2.get_email_identity(EmailIdentity="example.com")
    assert (got["VerifiedForSendingStatus"], got["VerificationStatus"]) == (False, "PENDING")
    dkim = got["DkimAttributes"]
    assert (dkim["Status"], dkim["SigningAttributesOrigin"]) == ("PENDING", "AWS_SES")
    assert (dkim["CurrentSigningKeyLength"], dkim["NextSigningKeyLength"]) == ("RSA_2048_BIT",) * 2
    assert dkim["Tokens"] == easy_dkim_tokens("example.com") and len(dkim["Tokens"]) == 3


def test_an_email_address_has_no_easy_dkim_of_its_own(sesv2, verification):
    verification("pending")
    sesv2.create_email_identity(EmailIdentity="ops@example.com")
    dkim = sesv2.get_email_identity(EmailIdentity="ops@example.com")["DkimAttributes"]
    assert dkim == {
        "SigningEnabled": False,
        "Status": "NOT_STARTED",
        "SigningAttributesOrigin": "AWS_SES",
        "NextSigningKeyLength": "RSA_1024_BIT",
    }


def test_pending_identity_and_mail_from_verify_through_the_control_api(
    emulator, sesv2, verification
):
    verification("pending")
    sesv2.create_email_identity(EmailIdentity="example.com")
    sesv2.put_email_identity_mail_from_attributes(
        EmailIdentity="example.com", MailFromDomain="bounce.example.com"
    )
    got = sesv2.get_email_identity(EmailIdentity="example.com")
    assert got["MailFromAttributes"]["MailFromDomainStatus"] == "PENDING"
    assert control(emulator, "POST", "/verify", {"identity": "example.com"})[0] == 200
    got = sesv2.get_email_identity(EmailIdentity="example.com")
    assert (got["VerifiedForSendingStatus"], got["DkimAttributes"]["Status"]) == (True, "SUCCESS")
    assert got["MailFromAttributes"]["MailFromDomainStatus"] == "SUCCESS"
    listed = sesv2.list_email_identities()["EmailIdentities"]
    assert [(i["IdentityName"], i["VerificationStatus"]) for i in listed] == [
        ("example.com", "SUCCESS")
    ]


def test_dns_verifies_once_the_dkim_cnames_and_mx_resolve(sesv2, verification, dns_zone):
    zone, server = dns_zone
    verification("dns", server)
    sesv2.create_email_identity(EmailIdentity="example.com")
    sesv2.put_email_identity_mail_from_attributes(
        EmailIdentity="example.com", MailFromDomain="bounce.example.com"
    )
    tokens = easy_dkim_tokens("example.com")
    # Two of three CNAMEs published: still pending.
    for token in tokens[:2]:
        zone.add(f"{token}._domainkey.example.com. 60 IN CNAME {token}.dkim.amazonses.com.")
    got = sesv2.get_email_identity(EmailIdentity="example.com")
    assert (got["VerificationStatus"], got["DkimAttributes"]["Status"]) == ("PENDING", "PENDING")
    zone.add(f"{tokens[2]}._domainkey.example.com. 60 IN CNAME {tokens[2]}.dkim.amazonses.com.")
    got = sesv2.get_email_identity(EmailIdentity="example.com")
    assert (got["VerificationStatus"], got["DkimAttributes"]["Status"]) == ("SUCCESS", "SUCCESS")
    assert got["MailFromAttributes"]["MailFromDomainStatus"] == "PENDING"  # no MX yet
    zone.add("bounce.example.com. 60 IN MX 10 feedback-smtp.us-east-1.amazonses.com.")
    got = sesv2.get_email_identity(EmailIdentity="example.com")
    assert got["MailFromAttributes"]["MailFromDomainStatus"] == "SUCCESS"


def test_dns_verifies_byodkim_by_its_selector_txt_record(sesv2, verification, dns_zone):
    zone, server = dns_zone
    verification("dns", server)
    sesv2.create_email_identity(
        EmailIdentity="example.com",
        DkimSigningAttributes={"DomainSigningSelector": "s1", "DomainSigningPrivateKey": "a2V5"},
    )
    assert sesv2.get_email_identity(EmailIdentity="example.com")["VerificationStatus"] == "PENDING"
    zone.add('s1._domainkey.example.com. 60 IN TXT "v=DKIM1; k=rsa; p=MIIB"')
    got = sesv2.get_email_identity(EmailIdentity="example.com")
    assert (got["VerificationStatus"], got["DkimAttributes"]["SigningAttributesOrigin"]) == (
        "SUCCESS",
        "EXTERNAL",
    )


@pytest.mark.parametrize(
    "settings, fragment",
    [
        ({"verification": "sometimes"}, "instant, pending, dns"),
        ({"verification": "dns", "dns_server": None}, "needs dns_server"),
        ({"dns_server": "no-port"}, "host:port"),
        ({"colour": "blue"}, "Unknown setting"),
    ],
)
def test_bad_settings_are_refused_and_change_nothing(emulator, settings, fragment):
    before = control(emulator, "GET", "/verification")[1]
    status, answer = control(emulator, "PUT", "/verification", settings)
    assert status == 400 and fragment in answer["message"]
    assert control(emulator, "GET", "/verification")[1] == before


def test_verifying_an_unknown_identity_is_not_found(emulator, sesv2):
    assert control(emulator, "POST", "/verify", {"identity": "nope.example.com"})[0] == 404


def test_feedback_forwarding_and_dkim_signing_switches_read_back(sesv2):
    sesv2.create_email_identity(EmailIdentity="example.com")
    sesv2.put_email_identity_feedback_attributes(
        EmailIdentity="example.com", EmailForwardingEnabled=False
    )
    sesv2.put_email_identity_dkim_attributes(EmailIdentity="example.com", SigningEnabled=False)
    got = sesv2.get_email_identity(EmailIdentity="example.com")
    assert (got["FeedbackForwardingStatus"], got["DkimAttributes"]["SigningEnabled"]) == (
        False,
        False,
    )


def test_identity_policies_lifecycle(sesv2):
    sesv2.create_email_identity(EmailIdentity="example.com")
    policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ses:SendEmail"}]}'
    sesv2.create_email_identity_policy(EmailIdentity="example.com", PolicyName="p", Policy=policy)
    code = client_error(
        lambda: sesv2.create_email_identity_policy(
            EmailIdentity="example.com", PolicyName="p", Policy=policy
        )
    )[:2]
    assert code == ("AlreadyExistsException", 400)
    updated = policy.replace("SendEmail", "SendRawEmail")
    sesv2.update_email_identity_policy(EmailIdentity="example.com", PolicyName="p", Policy=updated)
    assert sesv2.get_email_identity_policies(EmailIdentity="example.com")["Policies"] == {
        "p": updated
    }
    assert sesv2.get_email_identity(EmailIdentity="example.com")["Policies"] == {"p": updated}
    sesv2.delete_email_identity_policy(EmailIdentity="example.com", PolicyName="p")
    assert sesv2.get_email_identity_policies(EmailIdentity="example.com")["Policies"] == {}
    bad = client_error(
        lambda: sesv2.create_email_identity_policy(
            EmailIdentity="example.com", PolicyName="q", Policy="not json"
        )
    )
    assert bad[:2] == ("BadRequestException", 400)
    # The API reference: both succeed "even if a policy with the specified name does not exist".
    sesv2.update_email_identity_policy(EmailIdentity="example.com", PolicyName="q", Policy=policy)
    sesv2.delete_email_identity_policy(EmailIdentity="example.com", PolicyName="q")
    assert sesv2.get_email_identity_policies(EmailIdentity="example.com")["Policies"] == {}
