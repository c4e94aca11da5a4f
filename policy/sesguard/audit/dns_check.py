"""Look up the DNS records SES relies on (DKIM CNAMEs, MAIL FROM MX and SPF, DMARC).

dnspython against the system resolver, or the one `--dns-server` names. Each answer is
kept as data (`DnsAnswer`) for the DNS rules; a lookup that fails is an answer with an
error, which the rules report as "could not verify", never as a pass.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from ..errors import InputError
from ..model.live import DnsAnswer, LiveIdentity, ReadFailure, dns_lookups
from .reads import declares, unverified_by

LOOKUP_WORKERS = 8
TIMEOUT_SECONDS = 3.0
NO_ANSWER = "no answer from the resolver"


def parse_server(text: str) -> tuple[str, int]:
    """HOST[:PORT] (an IPv6 address in brackets: [::1]:5353) → (host, port)."""
    host, port = text, 53
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        if rest.startswith(":"):
            port = _port(rest[1:], text)
    elif text.count(":") == 1:
        host, _, raw = text.partition(":")
        port = _port(raw, text)
    if not host:
        raise InputError(f"--dns-server {text!r}: expected HOST or HOST:PORT")
    return host, port


def _port(raw: str, text: str) -> int:
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise InputError(f"--dns-server {text!r}: the port must be a number from 1 to 65535")
    return int(raw)


def make_resolver(server: str | None, timeout: float = TIMEOUT_SECONDS):
    import dns.resolver

    if server is None:
        try:
            resolver = dns.resolver.Resolver()
        except dns.resolver.NoResolverConfiguration:
            raise InputError("no DNS resolver configured: pass --dns-server or --no-dns") from None
    else:
        host, port = parse_server(server)
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = [_address(host)]
        resolver.port = port
    resolver.lifetime = timeout
    return resolver


def _address(host: str) -> str:
    import ipaddress
    import socket

    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        try:
            return socket.gethostbyname(host)
        except OSError:
            raise InputError(f"--dns-server {host!r}: cannot resolve that name") from None


def lookup(resolver, name: str, rdtype: str, tcp: bool = False) -> DnsAnswer:
    import dns.exception
    import dns.resolver

    try:
        answer = resolver.resolve(name, rdtype, tcp=tcp, raise_on_no_answer=False)
    except dns.resolver.NXDOMAIN:
        return DnsAnswer(name, rdtype)
    except (dns.exception.Timeout, dns.resolver.NoNameservers) as error:
        return DnsAnswer(name, rdtype, error=f"{type(error).__name__}: {NO_ANSWER}")
    except dns.exception.DNSException as error:
        return DnsAnswer(name, rdtype, error=f"{type(error).__name__}: {error}")
    records = []
    for rdata in answer.rrset or ():
        if rdtype == "TXT":
            records.append(b"".join(rdata.strings).decode("utf-8", "replace"))
        elif rdtype == "MX":
            records.append(rdata.exchange.to_text().rstrip(".").lower())
        else:
            records.append(rdata.target.to_text().rstrip(".").lower())
    return DnsAnswer(name, rdtype, tuple(records))


@declares("dns", "DNS: DKIM CNAMEs, MAIL FROM MX and SPF, DMARC TXT", condition="without --no-dns")
def check_dns(
    identities: dict[str, LiveIdentity],
    server: str | None,
    tcp: bool = False,
    timeout: float = TIMEOUT_SECONDS,
) -> dict[tuple[str, str], DnsAnswer]:
    """Every record the DNS rules need for these identities, looked up concurrently."""
    resolver = make_resolver(server, timeout)
    wanted = sorted(dns_lookups(identities))
    if not wanted:
        return {}
    # One lookup first: a resolver that does not answer at all fails every lookup the
    # same way, and should cost one timeout, not one per record.
    first = lookup(resolver, *wanted[0], tcp)
    if first.error and first.error.endswith(NO_ANSWER):
        return {q: DnsAnswer(q[0], q[1], error=first.error) for q in wanted}
    with ThreadPoolExecutor(max_workers=LOOKUP_WORKERS) as pool:
        answers = [first, *pool.map(lambda q: lookup(resolver, q[0], q[1], tcp), wanted[1:])]
        return {(a.name, a.rdtype): a for a in answers}


def dns_failure(answers: dict[tuple[str, str], DnsAnswer]) -> ReadFailure | None:
    """One note for every lookup the resolver could not answer, None when all answered."""
    failed = sorted(f"{a.name} {a.rdtype}" for a in answers.values() if a.error)
    if not failed:
        return None
    reasons = sorted({a.error for a in answers.values() if a.error})
    return ReadFailure(
        "DNS",
        f"{len(failed)} of {len(answers)} lookups failed ({'; '.join(reasons)})",
        ", ".join(failed[:3]) + (", ..." if len(failed) > 3 else ""),
        unverified_by("dns"),
        fix="Check that --dns-server (or the system resolver) answers for these names.",
    )
