"""Health per tenant: what SES itself says of each tenant (its reputation policy, whether it
may send, its open findings), one row per tenant beside the per-stream table."""

from __future__ import annotations

from typing import Any

from ..model import Model
from ..rules.tenant_base import sets_in, tenants


def tenant_rows(model: Model) -> list[dict[str, Any]]:
    """One row per tenant read; paused tenants first."""
    if model.live is None:
        return []
    rows = []
    for tenant in tenants(model.live):
        rows.append({
            "tenant": tenant.name,
            "policy": str(tenant.policy),
            "sending_status": str(tenant.sending_status),
            "streams": sorted({s.stream.key for s in sets_in(model, tenant) if s.stream}),
            "open_findings": [
                {"type": kind, "impact": impact, "description": description}
                for kind, impact, description in tenant.findings
            ],
        })  # fmt: skip
    return sorted(rows, key=lambda row: (row["sending_status"] != "DISABLED", row["tenant"]))


def render_tenants(rows: list[dict[str, Any]], label: str = "") -> str:
    if not rows:
        return ""
    lines = [
        f"Health per tenant{label}: what SES says of each tenant, paused first",
        f"{'tenant':24} {'policy':9} {'sending':10} {'streams':30} finding",
    ]
    for row in rows:
        finding = row["open_findings"][0] if row["open_findings"] else None
        text = f"{finding['type']} ({finding['impact']})" if finding else "-"
        lines.append(
            f"{row['tenant'][:24]:24} {row['policy'][:9]:9} {row['sending_status'][:10]:10} "
            f"{', '.join(row['streams'])[:30] or '-':30} {text}"
        )
    return "\n".join(lines) + "\n"
