from __future__ import annotations

from .base import CodeRule


class V1ApiSend(CodeRule):
    id = "SES016"
    severity = "error"
    summary = "No sends through the SES v1 API (SendEmail, SendRawEmail, templated sends)."
    why = (
        "Configuration-set suppression overrides apply only to SES v2 sends: a v1 send uses "
        "the account's suppression settings whatever set it names, so a transactional lane "
        "that suppresses bounces only silently drops mail to complainers again."
    )
    fix = (
        "Send with the SES v2 client: v1 SendEmail → v2 SendEmail (Content.Simple), "
        "SendRawEmail → SendEmail (Content.Raw), SendTemplatedEmail → SendEmail "
        "(Content.Template), SendBulkTemplatedEmail → SendBulkEmail; nodemailer: version 7's "
        "SES transport on @aws-sdk/client-sesv2."
    )
    doc_url = (
        "https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list-config-level.html"
    )
