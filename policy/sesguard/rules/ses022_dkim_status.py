from __future__ import annotations

from .live_base import LiveRule, identity_stream


class DkimStatus(LiveRule):
    id = "SES022"
    severity = "error"
    summary = "DKIM signing of every domain identity is enabled and its status is SUCCESS."
    why = (
        "Without a working DKIM signature, mail fails DMARC alignment at receivers that "
        "enforce it (Gmail, Yahoo for bulk senders): it lands in spam or is rejected."
    )
    fix = (
        "Publish the three Easy DKIM CNAMEs SES returned (or the BYODKIM record) and wait "
        "for DkimAttributes.Status SUCCESS."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/send-email-authentication-dkim.html"
    reads = ("identities",)

    def check_live(self, model, live):
        for identity in live.identities.values():
            if identity.kind == "EMAIL_ADDRESS":
                continue  # signed by its domain identity, if any
            if identity.dkim_status == "SUCCESS":
                continue
            yield self.finding(
                identity_stream(model, identity.name),
                identity.address,
                f"DKIM of identity {identity.name!r} is {identity.dkim_status}, not SUCCESS",
            )
