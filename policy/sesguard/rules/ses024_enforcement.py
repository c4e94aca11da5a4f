from __future__ import annotations

from ..values import UNKNOWN
from .live_base import LiveRule


class Enforcement(LiveRule):
    id = "SES024"
    severity = "error"
    summary = "The account's enforcement status is HEALTHY and sending is enabled."
    why = (
        "An account under review (PROBATION) is one step from a pause, and a paused "
        "(SHUTDOWN, or sending disabled) account sends nothing from any lane: isolation "
        "within the account no longer helps."
    )
    fix = (
        "Find the stream behind the rates (the health table), stop it, answer the SES "
        "case, then re-enable sending (aws sesv2 put-account-sending-attributes)."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/faqs-enforcement.html"
    reads = ("account",)

    def check_live(self, model, live):
        status = live.enforcement_status
        if status not in (UNKNOWN, "HEALTHY"):
            yield self.finding(
                None, live.account_address, f"account enforcement status is {status}"
            )
        if live.sending_enabled is False:
            yield self.finding(None, live.account_address, "sending is paused for the account")
        if live.production_access is False:
            yield self.finding(
                None,
                live.account_address,
                "the account is in the SES sandbox: it can send only to verified addresses",
                "Request production access (aws sesv2 put-account-details).",
            )
