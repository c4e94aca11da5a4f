"""An SES tenant as the emulator keeps it: its resources, statuses, reputation window and
own suppression list. The tenant operations are tenants.py; its reputation
reputation_entities.py; its status events tenant_status_events.py."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .exceptions import existing
from .suppression_list import SuppressionList

# A new tenant gets SES's `standard` reputation policy (reputation_entities.POLICIES).
DEFAULT_POLICY = "standard"


@dataclass
class StatusRecord:
    status: str
    updated: dt.datetime
    cause: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"Status": self.status, "LastUpdatedTimestamp": self.updated,
                **({"Cause": self.cause} if self.cause else {})}  # fmt: skip


@dataclass
class Tenant:
    name: str
    tenant_id: str
    arn: str
    created: dt.datetime
    suppression_attributes: dict[str, Any] | None = None
    resources: dict[str, dt.datetime] = field(default_factory=dict)  # ARN -> associated at
    # Reputation entity (reputation_entities.py): policy, both statuses, findings and the
    # outcomes of the tenant's sends over the evaluation window.
    policy: str = DEFAULT_POLICY
    customer_status: StatusRecord | None = None
    ses_status: StatusRecord | None = None
    findings: list[Any] = field(default_factory=list)
    outcomes: list[tuple[dt.datetime, str]] = field(default_factory=list)
    evaluated_through: dt.datetime | None = None
    counts: Counter[str] = field(default_factory=Counter)  # every send since creation
    suppression: SuppressionList = field(default_factory=SuppressionList)

    def __post_init__(self) -> None:
        self.customer_status = StatusRecord("ENABLED", self.created)
        self.ses_status = StatusRecord("ENABLED", self.created)
        self.evaluated_through = self.created

    @property
    def sending_status(self) -> str:
        """SES's aggregate: DISABLED if either status is, REINSTATED if either is, else ENABLED."""
        statuses = {self.customer_status.status, self.ses_status.status}
        for status in ("DISABLED", "REINSTATED"):
            if status in statuses:
                return status
        return "ENABLED"

    def record(self, now: dt.datetime, kind: str) -> None:
        """One recipient's outcome (DELIVERY, BOUNCE or COMPLAINT) of a send through the tenant."""
        self.outcomes.append((now, kind))
        self.counts["sent"] += 1
        self.counts[kind] += 1

    def info(self) -> dict[str, Any]:
        return {"TenantName": self.name, "TenantId": self.tenant_id, "TenantArn": self.arn,
                "CreatedTimestamp": self.created, "SendingStatus": self.sending_status}  # fmt: skip


def tenant(backend: Any, name: str) -> Tenant:
    return existing(backend.tenants, name, "Tenant")
