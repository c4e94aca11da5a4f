"""The account-level suppression list and its four SES v2 operations.

One list per account and region, and one per tenant (the operations' TenantName; sends
through a tenant whose SuppressionScope is TENANT use it). Which reasons a send honours (and which
events add an address) is decided by the sending pipeline: the configuration
set's override for v2 sends, the account setting otherwise.
"""

from __future__ import annotations

from typing import Any

from .exceptions import NotFoundException, existing
from .registry import handles, paginate
from .state import sending_state
from .suppression_list import SuppressionList, not_suppressed


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
    return {"SuppressedDestination": {**entry.list_item(), "Attributes": attributes}}


@handles("ListSuppressedDestinations")
def list_suppressed_destinations(backend, params):
    entries = _suppression(backend, params).entries(
        params.get("Reasons"), params.get("StartDate"), params.get("EndDate")
    )
    page, token = paginate(entries, params)
    return {"SuppressedDestinationSummaries": [e.list_item() for e in page], **token}


@handles("DeleteSuppressedDestination")
def delete_suppressed_destination(backend, params):
    _suppression(backend, params).delete(params["EmailAddress"])
    return {}
