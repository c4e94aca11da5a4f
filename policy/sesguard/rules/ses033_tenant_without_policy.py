from __future__ import annotations

from .live_base import LiveRule
from .tenant_base import TENANTS_DOC, TRANSACTIONAL, class_of, sets_in, tenants


class TenantWithoutPolicy(LiveRule):
    id = "SES033"
    severity = "warning"
    summary = "A marketing or bulk lane sends through a tenant whose reputation policy is `none`."
    why = (
        "With `none`, SES raises reputation findings for the tenant but never pauses it: a "
        "campaign to a stale list keeps going until the account's own rates put the whole "
        "account under review or pause, taking every other lane with it."
    )
    fix = (
        "aws sesv2 update-reputation-entity-policy --reputation-entity-type RESOURCE "
        "--reputation-entity-reference <tenant ARN> --reputation-entity-policy "
        "arn:aws:ses:<region>:aws:reputation-policy/strict (or standard)."
    )
    doc_url = TENANTS_DOC
    reads = ("tenants",)

    def check_live(self, model, live):
        for tenant in tenants(live):
            if tenant.policy != "none":
                continue
            for config_set in sets_in(model, tenant):
                lane_class = class_of(config_set)
                if lane_class is None or lane_class == TRANSACTIONAL:
                    continue
                yield self.finding(
                    config_set.stream,
                    config_set.address,
                    f"configuration set {config_set.name!r} ({lane_class}) is in tenant "
                    f"{tenant.name!r}, whose reputation policy `none` never pauses it",
                )
