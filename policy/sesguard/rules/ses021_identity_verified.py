from __future__ import annotations

from .live_base import LiveRule, identity_stream


class IdentityVerified(LiveRule):
    id = "SES021"
    severity = "error"
    summary = "Every identity is verified for sending."
    why = (
        "SES rejects mail from an identity that is not verified (MessageRejected): the lane "
        "exists on paper, but nothing it sends leaves the account."
    )
    fix = (
        "Publish the verification records (the DKIM CNAMEs for a domain, the link in the "
        "mail for an address) and wait for VerificationStatus SUCCESS."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/verify-addresses-and-domains.html"
    reads = ("identities",)

    def check_live(self, model, live):
        for identity in live.identities.values():
            if identity.verification_status == "SUCCESS" and identity.verified_for_sending:
                continue
            yield self.finding(
                identity_stream(model, identity.name),
                identity.address,
                f"identity {identity.name!r} is not verified for sending "
                f"(VerificationStatus {identity.verification_status})",
            )
