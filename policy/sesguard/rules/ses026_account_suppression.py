from __future__ import annotations

from ..values import ABSENT
from .live_base import LiveRule

BOTH = frozenset({"BOUNCE", "COMPLAINT"})


class AccountSuppression(LiveRule):
    id = "SES026"
    severity = "error"
    summary = (
        "The account-level suppression list covers BOUNCE and COMPLAINT while any "
        "configuration set inherits it."
    )
    why = (
        "A set without its own suppression options follows the account setting: with "
        "BOUNCE or COMPLAINT missing there, that lane keeps mailing addresses that bounced "
        "or complained, which is exactly what raises the rates SES judges the account by."
    )
    fix = (
        "aws sesv2 put-account-suppression-attributes --suppressed-reasons BOUNCE COMPLAINT, "
        "and give every set its class's suppression options."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list.html"
    reads = ("account",)

    def check_live(self, model, live):
        if not isinstance(live.account_suppression, tuple):
            return
        missing = sorted(BOTH - set(live.account_suppression))
        if not missing:
            return
        for config_set in model.sets:
            if config_set.suppressed_reasons is ABSENT:
                yield self.finding(
                    config_set.stream,
                    config_set.address,
                    f"configuration set {config_set.name!r} inherits the account suppression "
                    f"list, which does not suppress {', '.join(missing)}",
                )
