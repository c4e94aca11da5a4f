"""A suppression list: the account's (per account and Region, in state.py) or a tenant's.

SES matches suppressed addresses case-insensitively and lists them newest first. The
operations on it are suppression.py; which reasons a send honours is the pipeline's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from . import clock
from .exceptions import NotFoundException


@dataclass
class Entry:
    email_address: str
    reason: str  # BOUNCE | COMPLAINT
    last_update_time: dt.datetime
    message_id: str | None = None
    feedback_id: str | None = None

    def list_item(self) -> dict[str, Any]:
        """The entry as ListSuppressedDestinations lists it (address, reason, time)."""
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
