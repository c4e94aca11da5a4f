"""The event SES puts on the account's default EventBridge bus when one of a tenant's two
sending statuses (SES-managed, customer-managed) changes, so a rule can react to a pause.

Shape from the "Tenants" chapter of the SES developer guide: source `aws.ses`, detail-type
`Sending Status Disabled` (or `Sending Status Enabled` for ENABLED and REINSTATED), the
tenant's ARN as the only resource, and the new status record in `detail.data.record` with
`detail.data.origin` AWS_MANAGED or CUSTOMER_MANAGED. SES writes `lastUpdatedTimestamp` as
an array [year, month, day, hour, minute, second, nanosecond]; so does the emulator.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from moto.events.models import events_backends

from .events import arn_parts
from .tenant_model import StatusRecord, Tenant


def status_change_event(tenant: Tenant, origin: str, record: StatusRecord) -> dict[str, Any]:
    """The PutEvents entry for `tenant`'s `origin` status turning into `record`."""
    moment = record.updated.astimezone(dt.timezone.utc)
    stamp = [moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second,
             moment.microsecond * 1000]  # fmt: skip
    state = "Disabled" if record.status == "DISABLED" else "Enabled"
    detail = {
        "version": "1.0.0",
        "data": {
            "origin": origin,
            "record": {
                "status": record.status,
                "cause": record.cause or "",
                "lastUpdatedTimestamp": stamp,
            },
        },
    }
    return {
        "Source": "aws.ses",
        "DetailType": f"Sending Status {state}",
        "Detail": json.dumps(detail),
        "Resources": [tenant.arn],
        # The emulator clock's time, not the wall's; moto takes epoch seconds and writes the
        # ISO time EventBridge delivers.
        "Time": moment.timestamp(),
    }


def publish_status_change(tenant: Tenant, origin: str, record: StatusRecord) -> None:
    """Put the event on the default bus of the tenant's account and Region; its rules and
    targets (moto's) receive it. Best effort, as in SES: a failing target loses the event."""
    _, account, region = arn_parts(tenant.arn)
    try:
        events_backends[account][region].put_events([status_change_event(tenant, origin, record)])
    except Exception:  # a target that cannot take it must not fail the call that paused
        return
