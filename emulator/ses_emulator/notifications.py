"""Identity feedback notifications: bounces, complaints and deliveries published to the SNS
topics the sending identity names (v1 `SetIdentityNotificationTopic`), whatever API sent.

SES's notification document differs from an event-publishing one: `notificationType`
instead of `eventType`, a `mail` object with `sourceIp` and `callerIdentity` and no tags,
and the original headers only for the types `SetIdentityHeadersInNotificationsEnabled`
switched on. A topic that cannot take it (deleted) loses the notification, as in SES.
"""

from __future__ import annotations

import json
from typing import Any

from moto.sns.models import sns_backends

from .events import Event, arn_parts

# Event type -> notification type (and the member holding its details, in lower case).
NOTIFIED = {"BOUNCE": "Bounce", "COMPLAINT": "Complaint", "DELIVERY": "Delivery"}
_ALWAYS = ("timestamp", "messageId", "source", "sourceArn", "sendingAccountId", "destination")
_HEADERS = ("headersTruncated", "headers", "commonHeaders")


def topics(identity: Any) -> dict[str, str]:
    """Notification type -> SNS topic ARN (absent: no notification of that type)."""
    return identity.__dict__.setdefault("notification_topics", {})


def headers_included(identity: Any) -> set[str]:
    """The notification types that carry the original message's headers."""
    return identity.__dict__.setdefault("notification_headers", set())


def publish(identity: Any, produced: list[Event], mail: dict[str, Any]) -> list[str]:
    """Publish each bounce, complaint and delivery the identity asks for; the errors."""
    chosen = identity.__dict__.get("notification_topics")
    if not chosen:  # most identities: nothing to do on the hot path
        return []
    errors = []
    for event in produced:
        kind = NOTIFIED.get(event.type)
        if kind is None or kind not in chosen:
            continue
        document = {
            "notificationType": kind,
            "mail": _mail(mail, with_headers=kind in headers_included(identity)),
            kind.lower(): event.detail,
        }
        try:
            _, account, region = arn_parts(chosen[kind])
            sns_backends[account][region].publish(json.dumps(document), arn=chosen[kind])
        except Exception as error:  # the topic lost it; the send still happened
            errors.append(f"{kind} notification: {type(error).__name__}: {error}")
    return errors


def _mail(mail: dict[str, Any], *, with_headers: bool) -> dict[str, Any]:
    kept = {key: mail[key] for key in _ALWAYS}
    kept |= {"sourceIp": "127.0.0.1", "callerIdentity": "ses-emulator"}
    if with_headers:
        kept |= {key: mail[key] for key in _HEADERS}
    return kept
