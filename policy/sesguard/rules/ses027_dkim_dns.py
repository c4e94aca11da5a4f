from __future__ import annotations

from .live_base import LiveRule, identity_stream


class DkimDns(LiveRule):
    id = "SES027"
    severity = "error"
    summary = "Each Easy DKIM CNAME resolves to the token SES returned."
    why = (
        "SES signs with the key behind each token's CNAME: a record that is missing or "
        "points elsewhere makes receivers fail the signature (and SES eventually marks "
        "DKIM as failed), so mail stops aligning for DMARC."
    )
    fix = "Publish <token>._domainkey.<domain> CNAME <token>.dkim.amazonses.com for each token."
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/send-email-authentication-dkim-easy.html"
    reads = ("identities", "dns")

    def check_live(self, model, live):
        if live.dns is None:
            return
        # Only a live account has DNS answers: `check` never loads this.
        from ..model.live import dkim_records

        for identity in live.identities.values():
            for name, target in dkim_records(identity):
                answer = live.dns.get((name, "CNAME"))
                if answer is None or answer.error:
                    continue  # not looked up, or the resolver failed: SES020 says so
                if target not in answer.records:
                    found = ", ".join(answer.records) or "no CNAME"
                    yield self.finding(
                        identity_stream(model, identity.name),
                        identity.address,
                        f"DKIM record {name} should be a CNAME to {target}, found {found}",
                    )
