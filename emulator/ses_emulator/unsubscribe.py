"""The one-click unsubscribe SES adds to a list-managed send, and the SUBSCRIPTION event.

A v2 `SendEmail` with `ListManagementOptions` (a contact list, optionally a topic) gets
SES's unsubscribe link for each recipient who is a contact of that list; the emulator
keeps it in the message record (`UnsubscribeLinks` at /_ses/messages). A test plays the
reader who follows it:

    GET|POST /_ses/unsubscribe/<token>   the contact opts out of the send's topic (of the
                                         whole list when the send named none), and a
                                         SUBSCRIPTION event goes to the set's destinations

POST is RFC 8058's one-click (`List-Unsubscribe-Post`), GET the link in a mail client.
A second click changes nothing and publishes nothing. Later list-managed sends to the
contact for that topic bounce instead of being delivered (sending.py).
"""

from __future__ import annotations

import base64
import binascii
from typing import Any
from urllib.parse import urlencode

from . import clock, contacts, events
from .models import sesv2_extension_backends
from .tracking import TrackingError, publish_later

PATH = "/_ses/unsubscribe/"


def links(state: Any, message: Any, listing: contacts.Listing) -> dict[str, str]:
    """recipient -> unsubscribe link, for each delivered recipient who is a contact."""
    delivered = {r for e in message.events if e.type == "DELIVERY" for r in e.recipients}
    query = urlencode({"account": state.account_id, "region": state.region_name})
    return {
        recipient: f"{PATH}{_token(message.message_id, recipient)}?{query}"
        for recipient in message.recipients
        if recipient in delivered and listing.contact(recipient) is not None
    }


def _token(message_id: str, recipient: str) -> str:
    return base64.urlsafe_b64encode(f"{message_id} {recipient}".encode()).decode().rstrip("=")


def click(state: Any, token: str) -> tuple[int, list[tuple[str, str]], bytes]:
    """The reader followed the link: opt the contact out and publish what changed."""
    try:
        message_id, _, recipient = (
            base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode().partition(" ")
        )
    except (binascii.Error, UnicodeDecodeError, ValueError):
        message_id, recipient = "", ""
    message = state.messages.get(message_id)
    if message is None or recipient not in message.unsubscribe_links:
        raise TrackingError(404, "no unsubscribe link with that token in the emulator's store")
    options = message.list_management
    backend = sesv2_extension_backends[state.account_id][state.region_name]
    contact_list = backend.contact_lists.get(options["ContactListName"])
    contact = contact_list.contacts.get(recipient) if contact_list else None
    if contact is None:
        raise TrackingError(404, f"{recipient} is no longer a contact of "
                            f"{options['ContactListName']}")  # fmt: skip
    old = contacts.preferences_document(contact)
    if contacts.opt_out(contact, options.get("TopicName") or None):
        new = contacts.preferences_document(contact)
        event = events.subscription_event(recipient, contact_list.name, old, new, clock.now())
        publish_later(state, message, event)
    page = b"<!doctype html><title>Unsubscribed</title><p>You have been unsubscribed.</p>"
    return 200, [("Content-Type", "text/html; charset=utf-8")], page
