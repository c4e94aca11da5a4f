from __future__ import annotations

from .live_base import LiveRule, identity_stream


class MailFromStatus(LiveRule):
    id = "SES023"
    severity = "error"
    summary = "A custom MAIL FROM (Return-Path) domain has status SUCCESS."
    why = (
        "Until SES finds the MAIL FROM domain's MX record it either falls back to "
        "amazonses.com (SPF no longer aligns with the From domain, DMARC relies on DKIM "
        "alone) or, with BehaviorOnMxFailure REJECT_MESSAGE, rejects the mail."
    )
    fix = (
        "Publish the MX (feedback-smtp.<region>.amazonses.com) and the SPF TXT record "
        "(v=spf1 include:amazonses.com ~all) on the MAIL FROM domain."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/mail-from.html"
    reads = ("identities",)

    def check_live(self, model, live):
        for identity in live.identities.values():
            if not identity.mail_from_domain or identity.mail_from_status == "SUCCESS":
                continue
            yield self.finding(
                identity_stream(model, identity.name),
                identity.address,
                f"MAIL FROM domain {identity.mail_from_domain!r} of identity "
                f"{identity.name!r} is {identity.mail_from_status}, not SUCCESS",
            )
