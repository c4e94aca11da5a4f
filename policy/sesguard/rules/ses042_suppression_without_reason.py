from __future__ import annotations

from .base import CodeRule


class SuppressionWithoutReason(CodeRule):
    id = "SES042"
    severity = "warning"
    summary = "A `sesguard: ignore[…]` comment in code that gives no reason: it suppresses nothing."
    why = (
        "A suppression is a decision that a send may leave its lane; without the reason the "
        "next reader cannot tell a deliberate send from a silenced bug, so it does not count."
    )
    fix = (
        "Write why after the bracket, on the same line: "
        "`# sesguard: ignore[SES016] replays a recorded v1 request`."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/using-configuration-sets-in-email.html"
