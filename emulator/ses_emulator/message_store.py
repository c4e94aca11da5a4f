"""Every message the emulator accepted: its lane, its pool and the events it produced.

Served as JSON at `/_ses/messages` and drawn by the `/_ses/` page. The store
keeps the most recent messages (bounded, so a benchmark cannot exhaust memory)
and per-lane counters over every message since the last reset.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .events import Event, iso

NO_SET = ""  # lane of messages sent without any configuration set
# Counter keys per lane, in the order the page shows them.
LANE_COUNTERS = ("sends", "deliveries", "bounces", "complaints", "suppressed", "rejected")


@dataclass
class StoredMessage:
    message_id: str
    timestamp: dt.datetime
    api: str  # "v2" | "v1"
    operation: str
    source: str
    destination: dict[str, list[str]]
    subject: str
    configuration_set: str | None
    configuration_set_origin: str | None  # "request" | "identity <name>" | None
    pool: str  # named dedicated pool, or "shared"
    tags: dict[str, str]
    dimensions: dict[str, str]  # CloudWatch dimension name -> value for this message
    events: list[Event] = field(default_factory=list)
    suppressed: list[str] = field(default_factory=list)
    publish_errors: list[str] = field(default_factory=list)
    tenant: str | None = None
    publication: Any = None  # events.Publication: later events (open, click) reuse it
    list_management: dict[str, str] | None = None  # the send's ListManagementOptions
    unsubscribe_links: dict[str, str] = field(default_factory=dict)  # recipient -> link path

    @property
    def recipients(self) -> list[str]:
        return [a for kind in ("ToAddresses", "CcAddresses", "BccAddresses")
                for a in self.destination.get(kind, [])]  # fmt: skip

    def as_json(self) -> dict[str, Any]:
        return {
            "MessageId": self.message_id,
            "Timestamp": iso(self.timestamp),
            "Api": self.api,
            "Operation": self.operation,
            "Source": self.source,
            "Destination": self.destination,
            "Subject": self.subject,
            "ConfigurationSet": self.configuration_set,
            "ConfigurationSetOrigin": self.configuration_set_origin,
            "Tenant": self.tenant,
            "Pool": self.pool,
            "Tags": self.tags,
            "Dimensions": self.dimensions,
            "Suppressed": self.suppressed,
            "PublishErrors": self.publish_errors,
            "UnsubscribeLinks": self.unsubscribe_links,
            "Events": [
                {
                    "Type": e.type,
                    "Timestamp": iso(e.timestamp),
                    "Recipients": e.recipients,
                    "Destinations": e.destinations,
                    "Detail": e.detail,
                }
                for e in self.events
            ],
        }


class MessageStore:
    LIMIT = 20_000

    def __init__(self) -> None:
        self._messages: deque[StoredMessage] = deque(maxlen=self.LIMIT)
        self._by_id: dict[str, StoredMessage] = {}
        self.lanes: dict[str, Counter[str]] = {}

    def add(self, message: StoredMessage) -> None:
        if len(self._messages) == self.LIMIT:
            del self._by_id[self._messages[0].message_id]
        self._messages.append(message)
        self._by_id[message.message_id] = message
        counts = self.lanes.setdefault(message.configuration_set or NO_SET, Counter())
        counts["sends"] += 1
        for event in message.events:
            key = {"DELIVERY": "deliveries", "COMPLAINT": "complaints",
                   "REJECT": "rejected"}.get(event.type)  # fmt: skip
            if event.type == "BOUNCE":
                suppressed = event.detail.get("bounceSubType") == "OnAccountSuppressionList"
                key = "suppressed" if suppressed else "bounces"
            if key:
                counts[key] += 1

    def get(self, message_id: str) -> StoredMessage | None:
        return self._by_id.get(message_id)

    def clear(self) -> None:
        self._messages.clear()
        self._by_id.clear()
        self.lanes.clear()

    def find(
        self,
        configuration_set: str | None = None,
        stream: str | None = None,
        recipient: str | None = None,
        event_type: str | None = None,
    ) -> list[StoredMessage]:
        """Newest first. `configuration_set=""` selects messages sent without a set."""
        recipient = recipient.lower() if recipient else None
        return [
            m
            for m in reversed(self._messages)
            if (configuration_set is None or (m.configuration_set or NO_SET) == configuration_set)
            and (stream is None or m.dimensions.get("stream") == stream)
            and (recipient is None or recipient in (r.lower() for r in m.recipients))
            and (event_type is None or any(e.type == event_type for e in m.events))
        ]

    def latest(self, configuration_set: str, count: int) -> Iterable[StoredMessage]:
        return self.find(configuration_set=configuration_set)[:count]
