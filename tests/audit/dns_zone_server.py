"""A real DNS server on loopback (dnslib), UDP and TCP on one port, serving a test zone.

Names absent from the zone answer NXDOMAIN; a name with other types answers NOERROR with
no records, as an authoritative server does.
"""

from __future__ import annotations

from dnslib import CNAME, MX, QTYPE, RCODE, RR, TXT
from dnslib.server import BaseResolver, DNSServer


class _Quiet:
    """dnslib logs every query to stdout by default."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


class ZoneResolver(BaseResolver):
    def __init__(self, records: dict[tuple[str, str], list[str]]) -> None:
        self.records = records  # tests edit it in place to break the zone

    def resolve(self, request, handler):
        reply = request.reply()
        qname = str(request.q.qname).rstrip(".").lower()
        qtype = QTYPE[request.q.qtype]
        for value in self.records.get((qname, qtype), ()):
            reply.add_answer(
                RR(request.q.qname, request.q.qtype, rdata=_rdata(qtype, value), ttl=60)
            )
        if not reply.rr and not any(name == qname for name, _ in self.records):
            reply.header.rcode = RCODE.NXDOMAIN
        return reply


def _rdata(qtype: str, value: str):
    if qtype == "CNAME":
        return CNAME(value)
    if qtype == "MX":
        preference, exchange = value.split()
        return MX(exchange, int(preference))
    return TXT(value)


class ZoneServer:
    def __init__(self, records: dict) -> None:
        self.resolver = ZoneResolver(records)
        for _ in range(20):  # the kernel's free TCP port may be taken for UDP: try another
            self.tcp = DNSServer(
                self.resolver, port=0, address="127.0.0.1", tcp=True, logger=_Quiet()
            )
            self.port = self.tcp.server.server_address[1]
            try:
                self.udp = DNSServer(
                    self.resolver, port=self.port, address="127.0.0.1", logger=_Quiet()
                )
                break
            except OSError:
                self.tcp.server.server_close()
        else:
            raise OSError("no port free for both UDP and TCP on 127.0.0.1")

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> ZoneServer:
        self.udp.start_thread()
        self.tcp.start_thread()
        return self

    def stop(self) -> None:
        for server in (self.udp, self.tcp):
            server.stop()
            server.server.server_close()
