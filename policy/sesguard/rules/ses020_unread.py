from __future__ import annotations

from .live_base import LiveRule


class Unread(LiveRule):
    id = "SES020"
    severity = "info"
    summary = "A read of the live account failed: what it would have verified is not verified."
    why = (
        "An audit that cannot read a part of the account (AccessDenied, an API the region "
        "does not offer, throttling past the retries) must say so: silence would read as a pass."
    )
    fix = (
        "Grant the audit role the actions in docs/audit-policy.json, or audit the region "
        "where SES is enabled; then run the audit again."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/control-user-access.html"

    def check_live(self, model, live):
        for failure in live.failures:
            rules = (
                f" (not verified: {', '.join(failure.unverified)})" if failure.unverified else ""
            )
            yield self.finding(
                failure.stream,
                failure.address or live.account_address,
                f"{failure.api}: {failure.reason.rstrip('.')}; not read: {failure.what}{rules}",
                failure.fix,
            )
