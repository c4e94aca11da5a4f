"""SES v2 operations: request members in, response members out.

Each handler takes the backend and the request members (already routed,
collected and checked against the model by `service_model`) and returns the
response members; `service_model.render_output` checks those against the
output shape before they go on the wire. Operations not registered here fall
through to moto (if moto serves them) or get a JSON NotImplementedException.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from . import clock
from .exceptions import BadRequestException
from .models import OPTION_GROUPS, SesV2ExtensionBackend
from .service_model import sesv2
from .state import sending_state

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
    switches = sending_state(backend.account_id, backend.region_name)
    return {
        "EnforcementStatus": "HEALTHY",
        "ProductionAccessEnabled": switches.production_access_enabled,
        "SendingEnabled": switches.sending_enabled,
        "SendQuota": switches.quota.answer(clock.now()),
        "SuppressionAttributes": {"SuppressedReasons": list(backend.suppressed_reasons)},
        **({"VdmAttributes": backend.vdm_attributes} if backend.vdm_attributes else {}),
        "DedicatedIpAutoWarmupEnabled": backend.dedicated_ip_auto_warmup,
    }


@handles("PutAccountSuppressionAttributes")
def put_account_suppression_attributes(backend, params):
    backend.put_account_suppression_attributes(params.get("SuppressedReasons"))
    return {}
