"""When an identity counts as verified: the emulator's `verification` setting.

- `instant`: verified at creation (DKIM `SUCCESS`, MAIL FROM `SUCCESS`): no DNS to wait
  for on a laptop; the default of `make demo`.
- `pending`: as SES reports a new identity (DKIM `PENDING`, not verified for sending)
  until the control API verifies it (`POST /_ses/control/verify`).
- `dns`: a domain is verified once its three Easy DKIM CNAMEs
  (`<token>._domainkey.<domain>` -> `<token>.dkim.amazonses.com`), or for BYODKIM a TXT
  record at `<selector>._domainkey.<domain>`, resolve through the configured DNS server;
  a MAIL FROM domain once it has an MX record. An email address needs the control API, as
  it needs a click on SES.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass

import dns.exception
import dns.message
import dns.query
import dns.rdatatype

from .exceptions import BadRequestException

MODES = ("instant", "pending", "dns")
DKIM_TARGET = "dkim.amazonses.com"


@dataclass
class Settings:
    verification: str = "instant"
    dns_server: str | None = None  # host:port of the DNS server `dns` mode asks

    def update(self, changes: dict) -> None:
        """Apply a partial settings object (control API); refuse unknown keys and values."""
        unknown = set(changes) - set(asdict(self))
        if unknown:
            raise BadRequestException(f"Unknown setting(s): {', '.join(sorted(unknown))}.")
        mode = changes.get("verification", self.verification)
        if mode not in MODES:
            raise BadRequestException(f"verification must be one of {', '.join(MODES)}.")
        server = changes.get("dns_server", self.dns_server)
        if server is not None:
            _host_port(server)
        if mode == "dns" and not server:
            raise BadRequestException("verification 'dns' needs dns_server (host:port).")
        self.verification, self.dns_server = mode, server


SETTINGS = Settings()
_LOCK = threading.Lock()


def configure(changes: dict) -> dict:
    with _LOCK:
        SETTINGS.update(changes)
        return asdict(SETTINGS)


def current() -> dict:
    return asdict(SETTINGS)


def verified_at_creation() -> bool:
    return SETTINGS.verification == "instant"


def dkim_records_resolve(domain: str, tokens: list[str]) -> bool:
    """Every Easy DKIM CNAME of `domain` points where SES told the owner to point it."""
    if SETTINGS.verification != "dns" or not tokens:
        return False
    return all(
        _answers(f"{token}._domainkey.{domain}", "CNAME") == {f"{token}.{DKIM_TARGET}".lower()}
        for token in tokens
    )


def byodkim_record_resolves(domain: str, selector: str) -> bool:
    return SETTINGS.verification == "dns" and bool(
        _answers(f"{selector}._domainkey.{domain}", "TXT")
    )


def mx_resolves(domain: str) -> bool:
    return SETTINGS.verification == "dns" and bool(_answers(domain, "MX"))


def _answers(name: str, kind: str) -> set[str]:
    """The record values for `name` (lower case, no trailing dot); empty on any DNS failure."""
    host, port = _host_port(SETTINGS.dns_server or "")
    query = dns.message.make_query(name, dns.rdatatype.from_text(kind))
    try:
        response = dns.query.udp(query, host, port=port, timeout=2)
    except (dns.exception.DNSException, OSError):
        return set()
    values = set()
    for rrset in response.answer:
        if rrset.rdtype == dns.rdatatype.from_text(kind):
            values |= {item.to_text().rstrip(".").strip('"').lower() for item in rrset}
    return values


def _host_port(server: str) -> tuple[str, int]:
    host, _, port = server.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise BadRequestException(f"dns_server must be host:port (got {server!r}).")
    return host.strip("[]"), int(port)
