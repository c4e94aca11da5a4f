"""SES v2 configuration sets: the sets, their option groups and event destinations.

The objects (config_set_model.py) are kept in moto's SES core backend, where moto's v1 API and the
sending pipeline find them too.
"""

from __future__ import annotations

import functools

from .config_set_model import OPTION_GROUPS
from .exceptions import BadRequestException
from .registry import handles, paginate


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
    names, token = paginate(backend.list_configuration_sets(), params)
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
