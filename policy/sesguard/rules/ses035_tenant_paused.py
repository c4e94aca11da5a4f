from __future__ import annotations

from .live_base import LiveRule
from .tenant_base import TENANTS_DOC, sets_in, tenants


class TenantPaused(LiveRule):
    id = "SES035"
    severity = "error"
    summary = "A tenant is paused now (by SES on a reputation finding, or by its owner)."
    why = (
        "Every send through the tenant is refused with SendingPausedException: the lanes "
        "whose sets it holds deliver nothing until the finding is fixed or the tenant is "
        "reinstated."
    )
    fix = (
        "Read the finding (aws sesv2 list-recommendations --filter RESOURCE_ARN=<tenant "
        "ARN>), stop the cause (clean the list, fix the form), then wait for SES to lift "
        "the pause; a pause you set yourself is lifted with update-reputation-entity-"
        "customer-managed-status --sending-status ENABLED."
    )
    doc_url = TENANTS_DOC
    reads = ("tenants",)

    def check_live(self, model, live):
        for tenant in tenants(live):
            if tenant.sending_status != "DISABLED":
                continue
            held = list(sets_in(model, tenant))
            if tenant.findings:
                kind, impact, description = tenant.findings[0]
                why = f"{kind} finding ({impact} impact): {description}"
            elif tenant.ses_managed_cause:
                why = str(tenant.ses_managed_cause)
            else:
                why = f"paused by its owner (customer-managed status {tenant.customer_status})"
            yield self.finding(
                held[0].stream if held else None,
                tenant.arn,
                f"tenant {tenant.name!r} is paused ({why}); its sets "
                f"{', '.join(repr(s.name) for s in held) or '(none)'} send nothing",
            )
