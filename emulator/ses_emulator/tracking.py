"""Opens and clicks: the emulator's stand-in for SES's tracking pixel and tracked links.

SES rewrites the links of a message sent through a configuration set and adds a pixel;
a reader's fetch of either becomes an Open or Click event on the set's destinations. The
emulator delivers no mail, so a test plays the reader:

    GET /_ses/track/open/<message-id>?recipient=a@x.test       -> a 1x1 GIF, an OPEN event
    GET /_ses/track/click/<message-id>?recipient=a@x.test&link=https://…&tags=k:v;k2:v2
                                                               -> 302 to link, a CLICK event

`recipient` defaults to the message's first delivered recipient; `tags` are the link's
`ses:tags` (its LINK_TAG dimension values). The event goes to the destinations the set
has now, with the message's own `mail` object, as SES publishes later events.
"""

from __future__ import annotations

import base64
from typing import Any

from . import clock, events
from .models import sesv2_extension_backends

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


class TrackingError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def track(
    state: Any, kind: str, message_id: str, query: dict[str, str]
) -> tuple[int, list[tuple[str, str]], bytes]:
    message = state.messages.get(message_id)
    if message is None:
        raise TrackingError(404, f"no message {message_id} in the emulator's store")
    if message.publication is None or not message.configuration_set:
        raise TrackingError(400, f"message {message_id} was sent without a configuration set: "
                            "SES tracks opens and clicks through one")  # fmt: skip
    delivered = [r for e in message.events if e.type == "DELIVERY" for r in e.recipients]
    recipient = query.get("recipient") or (delivered[0] if delivered else "")
    if recipient.lower() not in {r.lower() for r in delivered}:
        raise TrackingError(400, f"{recipient or 'no recipient'} did not receive {message_id}")
    now = clock.now()
    if kind == "open":
        event, reply = events.open_event(recipient, now), (200, [("Content-Type", "image/gif")],
                                                            PIXEL)  # fmt: skip
    else:
        link = query.get("link", "")
        if not link.startswith(("http://", "https://")):
            raise TrackingError(400, "link must be the http(s) URL the reader clicked")
        event = events.click_event(recipient, link, _link_tags(query.get("tags", "")), now)
        reply = (302, [("Location", link), ("Content-Type", "text/plain")], b"")
    publish_later(state, message, event)
    return reply


def publish_later(state: Any, message: Any, event: events.Event) -> None:
    """An event after the send (open, click, subscription) goes to the destinations the
    message's set has now, with the message's own `mail` object, as SES publishes it."""
    backend = sesv2_extension_backends[state.account_id][state.region_name]
    config_set = backend.core.config_sets.get(message.configuration_set or "")
    destinations = list(getattr(config_set, "event_destinations", {}).values())
    datapoints, errors = events.publish(destinations, [event], message.publication)
    events.put_metric_data(state.account_id, state.region_name, datapoints)
    message.events.append(event)
    message.publish_errors += errors


def _link_tags(text: str) -> dict[str, list[str]]:
    """`ses:tags="k:v;k2:v2;"` as SES reports it: each name with a list of values."""
    tags: dict[str, list[str]] = {}
    for pair in filter(None, (p.strip() for p in text.split(";"))):
        name, _, value = pair.partition(":")
        tags.setdefault(name, []).append(value)
    return tags
