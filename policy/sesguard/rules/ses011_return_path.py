from __future__ import annotations

from ..model import Model
from .base import Rule


class ReturnPath(Rule):
    id = "SES011"
    name = "return-path-per-identity"
    severity = "warning"
    summary = (
        "A MAIL FROM domain is a subdomain of its identity; streams with distinct Return-Paths "
        "use distinct identities."
    )
    why = (
        "SES rejects a MAIL FROM outside the identity's domain, and DMARC alignment needs the "
        "Return-Path under the From domain. One identity has one MAIL FROM, so two streams "
        "wanting different Return-Paths on one identity overwrite each other."
    )
    fix = (
        'Use mail_from_domain = "bounce.<identity domain>" and one identity per stream that '
        "needs its own Return-Path."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/mail-from.html"
    reads = ("identities",)
    needs = {"MailFrom": ("identity", "domain")}

    def check(self, model: Model):
        domains_by_identity: dict[str, dict[str, str]] = {}
        for mail_from in model.mail_froms:
            identity, domain = mail_from.identity, mail_from.domain
            if not isinstance(identity, str) or not isinstance(domain, str):
                continue
            parent = identity.rsplit("@", 1)[-1].lower().rstrip(".")
            if not domain.lower().rstrip(".").endswith("." + parent):
                yield self.finding(
                    None,
                    mail_from.address,
                    f"MAIL FROM domain {domain!r} is not a subdomain of identity {identity!r}",
                )
            domains_by_identity.setdefault(identity, {})[domain] = mail_from.address
        for identity, domains in domains_by_identity.items():
            if len(domains) > 1:
                yield self.finding(
                    None,
                    next(iter(domains.values())),
                    f"identity {identity!r} is given {len(domains)} MAIL FROM domains "
                    f"({', '.join(sorted(domains))}): streams with their own Return-Path "
                    "need their own identity",
                )
