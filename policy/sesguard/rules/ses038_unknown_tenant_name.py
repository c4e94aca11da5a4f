from __future__ import annotations

from .base import CodeRule


class UnknownTenantName(CodeRule):
    id = "SES038"
    severity = "error"
    summary = "A tenant name in a send is one of the account's tenants."
    why = (
        "SES refuses a send that names a tenant that does not exist (NotFoundException) at "
        "run time: a typo in a tenant name is an outage of that mail, found in production. "
        "Checked against the tenants given with --tenants."
    )
    fix = "Use the exact name of the lane's tenant (the closest one is suggested)."
    doc_url = "https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html"
