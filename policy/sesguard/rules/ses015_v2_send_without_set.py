from __future__ import annotations

from .base import CodeRule


class V2SendWithoutSet(CodeRule):
    id = "SES015"
    severity = "error"
    summary = "Every SES v2 send in application code names its configuration set."
    why = (
        "A SendEmail / SendBulkEmail call without ConfigurationSetName goes through the "
        "sending identity's default set, or through no set at all: no lane's suppression "
        "overrides, event destinations or alarms see that mail, and a bad batch of it hurts "
        "every stream's reputation."
    )
    fix = (
        "Pass ConfigurationSetName (the stream's configuration set) on every send; keep the "
        "identity's default set as the safety net, not the plan."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html"
