"""SES v2 operations: request members in, response members out.

Each handler takes the backend and the request members (already routed,
collected and checked against the model by `service_model`) and returns the
response members; `service_model.render_output` checks those against the
output shape before they go on the wire. Operations not registered here fall
through to moto (if moto serves them) or get a JSON NotImplementedException.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Sequence
from typing import Any

from moto.ses.models import EmailIdentity

from .exceptions import BadRequestException
from .models import DEFAULT_KEY_LENGTH, OPTION_GROUPS, SesV2ExtensionBackend
from .service_model import sesv2

Handler = Callable[[SesV2ExtensionBackend, dict[str, Any]], dict[str, Any]]
HANDLERS: dict[str, Handler] = {}


def handles(*operations: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        for name in operations:
            assert name in sesv2().operations, f"{name} is not an SES v2 operation"
            HANDLERS[name] = handler
        return handler

    return register


def _page(items: Sequence[Any], params: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    """One page of `items` and the NextToken member, if any (token = next offset)."""
    try:
        start = int(params.get("NextToken") or 0)
    except ValueError:
        raise BadRequestException("NextToken is invalid.") from None
    size = params.get("PageSize") or 100
    end = start + size
    return list(items[start:end]), ({"NextToken": str(end)} if end < len(items) else {})


# --- configuration sets -----------------------------------------------------
@handles("CreateConfigurationSet")
def create_configuration_set(backend, params):
    options = {group: params.get(group) for group in OPTION_GROUPS}
    backend.create_configuration_set(params["ConfigurationSetName"], options, params.get("Tags"))
    return {}


@handles("GetConfigurationSet")
def get_configuration_set(backend, params):
    name = params["ConfigurationSetName"]
    config_set = backend.get_configuration_set(name)
    groups = {group: value for group, value in config_set.options.items() if value is not None}
    tags = backend.list_tags(backend.arn("configuration-set", name))
    return {"ConfigurationSetName": name, **groups, "Tags": tags}


@handles("ListConfigurationSets")
def list_configuration_sets(backend, params):
    names, token = _page(backend.list_configuration_sets(), params)
    return {"ConfigurationSets": names, **token}


@handles("DeleteConfigurationSet")
def delete_configuration_set(backend, params):
    backend.delete_configuration_set(params["ConfigurationSetName"])
    return {}


# Put<Group> -> (option group, the member whose absence removes the group). The
# other members of each request shape are copied into the group as they are.
_PUT_OPTIONS = {
    "PutConfigurationSetDeliveryOptions": ("DeliveryOptions", None),
    "PutConfigurationSetReputationOptions": ("ReputationOptions", None),
    "PutConfigurationSetSendingOptions": ("SendingOptions", None),
    "PutConfigurationSetSuppressionOptions": ("SuppressionOptions", "SuppressedReasons"),
    "PutConfigurationSetTrackingOptions": ("TrackingOptions", "CustomRedirectDomain"),
    "PutConfigurationSetVdmOptions": ("VdmOptions", "VdmOptions"),
    "PutConfigurationSetArchivingOptions": ("ArchivingOptions", "ArchiveArn"),
}


def put_configuration_set_options(backend, params, *, operation: str):
    group, defining_member = _PUT_OPTIONS[operation]
    values = {k: v for k, v in params.items() if k != "ConfigurationSetName" and v is not None}
    if defining_member is not None and defining_member not in values:
        if values:
            raise BadRequestException(f"{', '.join(values)} needs {defining_member}.")
        options = None
    elif group == "VdmOptions":
        options = values["VdmOptions"]
    else:
        options = values
    backend.put_configuration_set_options(params["ConfigurationSetName"], group, options)
    return {}


for _operation in _PUT_OPTIONS:
    handles(_operation)(functools.partial(put_configuration_set_options, operation=_operation))


# --- event destinations -----------------------------------------------------
@handles("CreateConfigurationSetEventDestination")
def create_event_destination(backend, params):
    backend.create_event_destination(
        params["ConfigurationSetName"], params["EventDestinationName"], params["EventDestination"]
    )
    return {}


@handles("GetConfigurationSetEventDestinations")
def get_event_destinations(backend, params):
    return {"EventDestinations": backend.get_event_destinations(params["ConfigurationSetName"])}


@handles("UpdateConfigurationSetEventDestination")
def update_event_destination(backend, params):
    backend.update_event_destination(
        params["ConfigurationSetName"], params["EventDestinationName"], params["EventDestination"]
    )
    return {}


@handles("DeleteConfigurationSetEventDestination")
def delete_event_destination(backend, params):
    backend.delete_event_destination(params["ConfigurationSetName"], params["EventDestinationName"])
    return {}


# --- dedicated IP pools -----------------------------------------------------
@handles("CreateDedicatedIpPool")
def create_dedicated_ip_pool(backend, params):
    backend.create_dedicated_ip_pool(
        params["PoolName"], params.get("ScalingMode") or "STANDARD", params.get("Tags")
    )
    return {}


@handles("GetDedicatedIpPool")
def get_dedicated_ip_pool(backend, params):
    pool = backend.get_dedicated_ip_pool(params["PoolName"])
    return {"DedicatedIpPool": {"PoolName": pool.pool_name, "ScalingMode": pool.scaling_mode}}


@handles("ListDedicatedIpPools")
def list_dedicated_ip_pools(backend, params):
    names, token = _page(backend.list_dedicated_ip_pools(), params)
    return {"DedicatedIpPools": names, **token}


@handles("DeleteDedicatedIpPool")
def delete_dedicated_ip_pool(backend, params):
    backend.delete_dedicated_ip_pool(params["PoolName"])
    return {}


@handles("PutDedicatedIpPoolScalingAttributes")
def put_dedicated_ip_pool_scaling_attributes(backend, params):
    backend.put_dedicated_ip_pool_scaling_attributes(params["PoolName"], params["ScalingMode"])
    return {}


# --- identities ---------------------------------------------------------------
def _dkim_attributes(identity: EmailIdentity) -> dict[str, Any]:
    """Easy DKIM as SES reports it once verified (identities verify instantly here)."""
    if identity.identity_type == "EMAIL_ADDRESS":
        return {"SigningEnabled": False, "Status": "NOT_STARTED"}
    external = bool((identity.dkim_signing_attributes or {}).get("DomainSigningSelector"))
    attributes: dict[str, Any] = {
        "SigningEnabled": True,
        "Status": "SUCCESS",
        "SigningAttributesOrigin": "EXTERNAL" if external else "AWS_SES",
    }
    if not external:
        # Stable per domain, so a re-plan sees the same DNS records it created.
        digest = hashlib.sha256(identity.email_identity.encode()).hexdigest()
        attributes["Tokens"] = [digest[i : i + 32] for i in (0, 16, 32)]
        current = getattr(identity, "current_key_length", DEFAULT_KEY_LENGTH)
        requested = (identity.dkim_signing_attributes or {}).get("NextSigningKeyLength")
        attributes["CurrentSigningKeyLength"] = current
        attributes["NextSigningKeyLength"] = requested or current
        attributes["LastKeyGenerationTimestamp"] = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    return attributes


@handles("CreateEmailIdentity")
def create_email_identity(backend, params):
    identity = backend.create_email_identity(
        params["EmailIdentity"],
        params.get("DkimSigningAttributes"),
        params.get("ConfigurationSetName"),
        params.get("Tags"),
    )
    return {
        "IdentityType": identity.identity_type,
        "VerifiedForSendingStatus": identity.verified_for_sending_status,
        "DkimAttributes": _dkim_attributes(identity),
    }


@handles("GetEmailIdentity")
def get_email_identity(backend, params):
    name = params["EmailIdentity"]
    identity = backend.get_email_identity(name)
    result = {
        "IdentityType": identity.identity_type,
        "FeedbackForwardingStatus": True,
        "VerifiedForSendingStatus": True,
        "DkimAttributes": _dkim_attributes(identity),
        "Policies": dict(identity.policies),
        "Tags": backend.list_tags(backend.arn("identity", name)),
        "VerificationStatus": "SUCCESS",
    }
    mail_from = getattr(identity, "mail_from", None)
    if mail_from:
        result["MailFromAttributes"] = dict(mail_from)
    if identity.configuration_set_name:
        result["ConfigurationSetName"] = identity.configuration_set_name
    return result


@handles("ListEmailIdentities")
def list_email_identities(backend, params):
    identities, token = _page(backend.list_email_identities(), params)
    listed = [
        {
            "IdentityType": identity.identity_type,
            "IdentityName": identity.email_identity,
            "SendingEnabled": True,
            "VerificationStatus": "SUCCESS",
        }
        for identity in identities
    ]
    return {"EmailIdentities": listed, **token}


@handles("DeleteEmailIdentity")
def delete_email_identity(backend, params):
    backend.delete_email_identity(params["EmailIdentity"])
    return {}


@handles("PutEmailIdentityConfigurationSetAttributes")
def put_email_identity_configuration_set_attributes(backend, params):
    backend.put_email_identity_configuration_set(
        params["EmailIdentity"], params.get("ConfigurationSetName")
    )
    return {}


@handles("PutEmailIdentityDkimSigningAttributes")
def put_email_identity_dkim_signing_attributes(backend, params):
    identity = backend.put_email_identity_dkim_signing(
        params["EmailIdentity"], params["SigningAttributesOrigin"], params.get("SigningAttributes")
    )
    dkim = _dkim_attributes(identity)
    return {
        "DkimStatus": dkim["Status"],
        **({"DkimTokens": dkim["Tokens"]} if "Tokens" in dkim else {}),
    }


@handles("PutEmailIdentityMailFromAttributes")
def put_email_identity_mail_from_attributes(backend, params):
    backend.put_email_identity_mail_from(
        params["EmailIdentity"], params.get("MailFromDomain"), params.get("BehaviorOnMxFailure")
    )
    return {}


# --- tags -------------------------------------------------------------------
@handles("ListTagsForResource")
def list_tags_for_resource(backend, params):
    return {"Tags": backend.list_tags(params["ResourceArn"])}


@handles("TagResource")
def tag_resource(backend, params):
    backend.tag_resource(params["ResourceArn"], params["Tags"])
    return {}


@handles("UntagResource")
def untag_resource(backend, params):
    backend.untag_resource(params["ResourceArn"], params["TagKeys"])
    return {}


# --- account ------------------------------------------------------------------
@handles("GetAccount")
def get_account(backend, params):
    return {
        "DedicatedIpAutoWarmupEnabled": False,
        "EnforcementStatus": "HEALTHY",
        "ProductionAccessEnabled": True,
        "SendingEnabled": True,
        "SendQuota": {
            "Max24HourSend": 50000.0,
            "MaxSendRate": 14.0,
            "SentLast24Hours": float(backend.core.sent_message_count),
        },
        "SuppressionAttributes": {"SuppressedReasons": list(backend.suppressed_reasons)},
    }


@handles("PutAccountSuppressionAttributes")
def put_account_suppression_attributes(backend, params):
    backend.put_account_suppression_attributes(params.get("SuppressedReasons"))
    return {}
