from __future__ import annotations

from .live_base import LiveRule
from .tenant_base import TENANTS_DOC, TRANSACTIONAL, class_of, sets_in, tenants


class TransactionalStrictTenant(LiveRule):
    id = "SES034"
    severity = "warning"
    summary = "A transactional lane sends through a tenant with the `strict` reputation policy."
    why = (
        "`strict` pauses the tenant on low-impact findings too: a short burst of bounces "
        "(a typo-ridden sign-up form, a bot) stops password resets and receipts, mail users "
        "wait for, while nothing in the lane was wrong."
    )
    fix = (
        "Give the transactional tenant the `standard` policy (aws sesv2 "
        "update-reputation-entity-policy ... reputation-policy/standard) and keep `strict` "
        "for marketing and bulk tenants."
    )
    doc_url = TENANTS_DOC
    reads = ("tenants",)

    def check_live(self, model, live):
        for tenant in tenants(live):
            if tenant.policy != "strict":
                continue
            for config_set in sets_in(model, tenant):
                if class_of(config_set) == TRANSACTIONAL:
                    yield self.finding(
                        config_set.stream,
                        config_set.address,
                        f"configuration set {config_set.name!r} (transactional) is in tenant "
                        f"{tenant.name!r}, whose `strict` policy pauses on low-impact findings",
                    )
