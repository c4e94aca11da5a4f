from __future__ import annotations

from .base import CodeRule


class SendWithoutTenant(CodeRule):
    id = "SES037"
    severity = "warning"
    summary = "Where SES tenants are in use, every send names its tenant."
    why = (
        "A send without TenantName (or, over SMTP, without the X-SES-TENANT header) counts "
        "against the account, not a tenant: no tenant's reputation policy pauses that mail, "
        "and a bad batch of it takes the whole account towards SES's review or pause. "
        "Reported only when the tenants are given (--tenants). (A warning: the tenant may be "
        "added where the scan cannot see it.)"
    )
    fix = (
        "Pass TenantName (the lane's tenant) on every SES v2 send, or add the header "
        "X-SES-TENANT: <tenant> to every SMTP message."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/tenants.html"
