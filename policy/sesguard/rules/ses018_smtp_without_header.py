from __future__ import annotations

from .base import CodeRule


class SmtpWithoutSetHeader(CodeRule):
    id = "SES018"
    severity = "warning"
    summary = "SMTP sends through the SES SMTP endpoint carry an X-SES-CONFIGURATION-SET header."
    why = (
        "The SES SMTP interface picks the configuration set from the X-SES-CONFIGURATION-SET "
        "header; without it the mail goes through the identity's default set, or none. "
        "(A warning: the header may be added where the scan cannot see it.)"
    )
    fix = (
        "Add the header X-SES-CONFIGURATION-SET: <the stream's set> to every message, or to "
        "the transport's defaults."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/using-configuration-sets-in-email.html"
