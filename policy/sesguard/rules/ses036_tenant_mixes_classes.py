from __future__ import annotations

from .live_base import LiveRule
from .tenant_base import TENANTS_DOC, class_of, sets_in, tenants


class TenantMixesClasses(LiveRule):
    id = "SES036"
    severity = "error"
    summary = "A tenant holds configuration sets of lanes of different classes."
    why = (
        "SES keeps one reputation per tenant and pauses the tenant as a whole: marketing's "
        "bounces pause the transactional lane in the same tenant, so the lanes kept apart "
        "by sets, pools and alarms meet again inside SES's own boundary."
    )
    fix = (
        "One tenant per class (or per lane): aws sesv2 delete-tenant-resource-association "
        "for the set that does not belong, and associate it with its own class's tenant."
    )
    doc_url = TENANTS_DOC
    reads = ("tenants",)

    def check_live(self, model, live):
        for tenant in tenants(live):
            held = [(s, class_of(s)) for s in sets_in(model, tenant)]
            classes = sorted({c for _, c in held if c is not None})
            if len(classes) < 2:
                continue
            for config_set, lane_class in held:
                yield self.finding(
                    config_set.stream,
                    config_set.address,
                    f"configuration set {config_set.name!r} ({lane_class}) shares tenant "
                    f"{tenant.name!r} with lanes of class(es) "
                    f"{', '.join(c for c in classes if c != lane_class)}",
                )
