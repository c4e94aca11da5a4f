"""v1 identity notification settings and the account's sending switch.

An identity's notification topics, header inclusion and feedback forwarding are kept
on the identity object itself (the one the v2 API and the sending pipeline read), so
`PutEmailIdentityFeedbackAttributes` and `SetIdentityFeedbackForwardingEnabled` flip
the same switch; notifications.py publishes to the topics and holds them.
"""

from __future__ import annotations

from typing import Any

from .exceptions import SesV2Error
from .identities import policy_document
from .notifications import headers_included, topics
from .state import sending_state
from .v1_protocol import V1Error, handles_v1

NOTIFICATION_TYPES = ("Bounce", "Complaint", "Delivery")


def identity_named(backend: Any, name: str) -> Any:
    """The identity a v1 request names (by name or ARN); SES's MessageRejected if unknown."""
    key = name.rpartition(":identity/")[2] if name.startswith("arn:") else name
    identity = backend.core.email_identities.get(key) or backend.core.email_identities.get(
        key.lower()
    )
    if identity is None:
        raise V1Error("MessageRejected", f"Identity {name} is not verified or does not exist.")
    return identity


def _notification_type(value: str) -> str:
    if value not in NOTIFICATION_TYPES:
        raise V1Error(
            "InvalidParameterValue",
            f"Invalid notification type: {value}. Valid values are: "
            f"{', '.join(NOTIFICATION_TYPES)}.",
        )
    return value


def forwarding(identity: Any) -> bool:
    return getattr(identity, "feedback_forwarding", True)


@handles_v1("SetIdentityNotificationTopic")
def set_identity_notification_topic(backend, params):
    identity = identity_named(backend, params["Identity"])
    kind = _notification_type(params["NotificationType"])
    if params.get("SnsTopic"):
        topics(identity)[kind] = params["SnsTopic"]
    else:
        topics(identity).pop(kind, None)


@handles_v1("SetIdentityHeadersInNotificationsEnabled")
def set_identity_headers_in_notifications_enabled(backend, params):
    kind = _notification_type(params["NotificationType"])
    identity = identity_named(backend, params["Identity"])
    if params["Enabled"]:
        headers_included(identity).add(kind)
    else:
        headers_included(identity).discard(kind)


@handles_v1("SetIdentityFeedbackForwardingEnabled")
def set_identity_feedback_forwarding_enabled(backend, params):
    identity_named(backend, params["Identity"]).feedback_forwarding = params["ForwardingEnabled"]


@handles_v1("GetIdentityNotificationAttributes")
def get_identity_notification_attributes(backend, params):
    attributes = {}
    for name in params["Identities"]:
        identity = backend.core.email_identities.get(name)
        if identity is None:  # SES leaves unknown identities out of the map
            continue
        attributes[name] = {
            **{f"{kind}Topic": arn for kind, arn in topics(identity).items()},
            "ForwardingEnabled": forwarding(identity),
            **{f"HeadersIn{kind}NotificationsEnabled": kind in headers_included(identity)
               for kind in NOTIFICATION_TYPES},
        }  # fmt: skip
    return {"NotificationAttributes": attributes}


@handles_v1("SetIdentityDkimEnabled")
def set_identity_dkim_enabled(backend, params):
    identity_named(backend, params["Identity"]).signing_enabled = params["DkimEnabled"]


@handles_v1("DeleteVerifiedEmailAddress")
def delete_verified_email_address(backend, params):
    backend.core.email_identities.pop(params["EmailAddress"], None)


# --- sending authorization policies (the same ones the v2 API keeps) --------------------
def _policies(backend: Any, name: str) -> dict[str, str]:
    return identity_named(backend, name).__dict__.setdefault("policies", {})


@handles_v1("PutIdentityPolicy")
def put_identity_policy(backend, params):
    try:
        document = policy_document(params["Policy"])
    except SesV2Error as error:
        raise V1Error("InvalidPolicy", error.message) from None
    _policies(backend, params["Identity"])[params["PolicyName"]] = document


@handles_v1("GetIdentityPolicies")
def get_identity_policies(backend, params):
    stored = _policies(backend, params["Identity"])
    return {"Policies": {n: stored[n] for n in params["PolicyNames"] if n in stored}}


@handles_v1("ListIdentityPolicies")
def list_identity_policies(backend, params):
    return {"PolicyNames": sorted(_policies(backend, params["Identity"]))}


@handles_v1("DeleteIdentityPolicy")
def delete_identity_policy(backend, params):
    _policies(backend, params["Identity"]).pop(params["PolicyName"], None)


@handles_v1("GetAccountSendingEnabled")
def get_account_sending_enabled(backend, params):
    return {"Enabled": sending_state(backend.account_id, backend.region_name).sending_enabled}


@handles_v1("UpdateAccountSendingEnabled")
def update_account_sending_enabled(backend, params):
    state = sending_state(backend.account_id, backend.region_name)
    state.sending_enabled = bool(params.get("Enabled", False))
