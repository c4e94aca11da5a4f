from __future__ import annotations

from .live_base import LiveRule, identity_stream


class Dmarc(LiveRule):
    id = "SES029"
    severity = "warning"
    summary = "The From domain of every identity publishes a DMARC record."
    why = (
        "Gmail and Yahoo require a DMARC record from bulk senders; without one, receivers "
        "apply their own policy and the domain gets no aggregate reports of who sends as it."
    )
    fix = 'Publish TXT _dmarc.<domain> "v=DMARC1; p=none; rua=mailto:..." and tighten p later.'
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/send-email-authentication-dmarc.html"
    reads = ("identities", "dns")

    def check_live(self, model, live):
        if live.dns is None:
            return
        # Only a live account has DNS answers: `check` never loads this.
        from ..model.live import dmarc_names

        reported: set[str] = set()
        for identity in live.identities.values():
            domain = identity.domain
            if domain in reported:
                continue
            answers = [live.dns.get((name, "TXT")) for name in dmarc_names(domain)]
            if any(a is None or a.error for a in answers):
                continue
            if any(r.upper().startswith("V=DMARC1") for a in answers for r in a.records):
                continue
            reported.add(domain)
            yield self.finding(
                identity_stream(model, identity.name),
                identity.address,
                f"From domain {domain} has no DMARC record ({' or '.join(dmarc_names(domain))})",
            )
