from __future__ import annotations

from .live_base import LiveRule, identity_stream


class ReturnPathDns(LiveRule):
    id = "SES028"
    severity = "error"
    summary = (
        "Every MAIL FROM domain has the SES feedback MX and its own SPF record including "
        "amazonses.com."
    )
    why = (
        "Bounces and complaints reach SES through the MAIL FROM domain's MX; receivers check "
        "SPF against it. Without its own SPF, a stream's Return-Path fails SPF and DMARC "
        "alignment rests on DKIM alone."
    )
    fix = (
        "On the MAIL FROM domain publish MX 10 feedback-smtp.<region>.amazonses.com and "
        'TXT "v=spf1 include:amazonses.com ~all".'
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/mail-from.html"
    reads = ("identities", "dns")

    def check_live(self, model, live):
        if live.dns is None:
            return
        # Only a live account has DNS answers: `check` never loads this.
        from ..model.live import SPF_INCLUDE, feedback_mx

        expected_mx = feedback_mx(live.region)
        for identity in live.identities.values():
            domain = identity.mail_from_domain
            if not isinstance(domain, str):
                continue
            stream = identity_stream(model, identity.name)
            mx = live.dns.get((domain.lower(), "MX"))
            if mx is not None and not mx.error and expected_mx not in mx.records:
                found = ", ".join(mx.records) or "no MX"
                yield self.finding(
                    stream,
                    identity.address,
                    f"MAIL FROM domain {domain} should have MX {expected_mx}, found {found}",
                )
            txt = live.dns.get((domain.lower(), "TXT"))
            if txt is None or txt.error:
                continue
            spf = [r for r in txt.records if r.lower().startswith("v=spf1")]
            if not any(SPF_INCLUDE in r.lower().split() for r in spf):
                found = "; ".join(spf) or "no SPF record"
                yield self.finding(
                    stream,
                    identity.address,
                    f"MAIL FROM domain {domain} has no SPF record including amazonses.com "
                    f"(found {found})",
                )
