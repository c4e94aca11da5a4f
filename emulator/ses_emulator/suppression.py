"""The account-level suppression list and its four SES v2 operations.

One list per account and region, and one per tenant (the operations' TenantName; sends
through a tenant whose SuppressionScope is TENANT use it). Which reasons a send honours (and which
events add an address) is decided by the sending pipeline: the configuration
set's override for v2 sends, the account setting otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from . import clock
from .exceptions import NotFoundException, existing
from .responses import _page, handles
from .state import sending_state


@dataclass
class Entry:
    email_address: str
    reason: str  # BOUNCE | COMPLAINT
    last_update_time: dt.datetime
    message_id: str | None = None
    feedback_id: str | None = None

    def summary(self) -> dict[str, Any]:
        return {
            "EmailAddress": self.email_address,
            "Reason": self.reason,
            "LastUpdateTime": self.last_update_time,
        }


class SuppressionList:
    def __init__(self) -> None:
        # Keyed by the lower-cased address: SES matches suppressed addresses case-insensitively.
        self._entries: dict[str, Entry] = {}

    def put(
        self,
        address: str,
        reason: str,
        message_id: str | None = None,
        feedback_id: str | None = None,
    ) -> Entry:
        entry = Entry(address, reason, clock.now(), message_id, feedback_id)
        self._entries[address.lower()] = entry
        return entry

    def get(self, address: str) -> Entry | None:
        return self._entries.get(address.lower())

    def delete(self, address: str) -> None:
        if self._entries.pop(address.lower(), None) is None:
            raise NotFoundException(not_suppressed(address))

    def entries(
        self,
        reasons: list[str] | None = None,
        start: dt.datetime | None = None,
        end: dt.datetime | None = None,
    ) -> list[Entry]:
        """Newest first, as SES lists them."""
        chosen = [
            e
            for e in self._entries.values()
            if (not reasons or e.reason in reasons)
            and (start is None or e.last_update_time >= start)
            and (end is None or e.last_update_time <= end)
        ]
        return sorted(chosen, key=lambda e: e.last_update_time, reverse=True)


def not_suppressed(address: str) -> str:
    return f"Email address {address} does not exist on your suppression list."


def _suppression(backend, params: dict[str, Any]) -> SuppressionList:
    """The account's list, or with TenantName that tenant's own list (tenants.py)."""
    if params.get("TenantName"):
        return existing(backend.tenants, params["TenantName"], "Tenant").suppression
    return sending_state(backend.account_id, backend.region_name).suppression


@handles("PutSuppressedDestination")
def put_suppressed_destination(backend, params):
    _suppression(backend, params).put(params["EmailAddress"], params["Reason"])
    return {}


@handles("GetSuppressedDestination")
def get_suppressed_destination(backend, params):
    entry = _suppression(backend, params).get(params["EmailAddress"])
    if entry is None:
        raise NotFoundException(not_suppressed(params["EmailAddress"]))
    attributes = {
        key: value
        for key, value in (("MessageId", entry.message_id), ("FeedbackId", entry.feedback_id))
        if value
    }
    return {"SuppressedDestination": {**entry.summary(), "Attributes": attributes}}


@handles("ListSuppressedDestinations")
def list_suppressed_destinations(backend, params):
    entries = _suppression(backend, params).entries(
        params.get("Reasons"), params.get("StartDate"), params.get("EndDate")
    )
    page, token = _page(entries, params)
    return {"SuppressedDestinationSummaries": [e.summary() for e in page], **token}


@handles("DeleteSuppressedDestination")
def delete_suppressed_destination(backend, params):
    _suppression(backend, params).delete(params["EmailAddress"])
    return {}
