"""v1 configuration sets, kept in the same objects as the v2 ones.

A set, option or event destination made through either API is seen by the other and
by the sending pipeline (a v1 destination publishes v1 sends' events like a v2 one).
Errors are v1's codes, with the messages SES answers (recorded against SES: "Configuration
set <x> does not exist.", "No EventDestination found for x", "SNS topic <arn> not found.").
"""

from __future__ import annotations

import re
from typing import Any

from .config_set_model import ConfigurationSetV2
from .events import topic_exists
from .exceptions import AlreadyExistsException, NotFoundException, SesV2Error
from .v1_protocol import V1Error, handles_v1

# v1 lower camel case <-> v2 upper snake case (event types, dimension value sources).
_SNAKE = re.compile(r"(?<!^)(?=[A-Z])")


def _upper_snake(name: str) -> str:
    return _SNAKE.sub("_", name).upper()


def _lower_camel(name: str) -> str:
    head, *rest = name.lower().split("_")
    return head + "".join(part.title() for part in rest)


def config_set(backend: Any, name: str) -> ConfigurationSetV2:
    try:
        return backend.get_configuration_set(name)
    except NotFoundException:
        raise V1Error(
            "ConfigurationSetDoesNotExist", f"Configuration set <{name}> does not exist."
        ) from None


@handles_v1("CreateConfigurationSet")
def create_configuration_set(backend, params):
    name = params["ConfigurationSet"]["Name"]
    try:
        backend.create_configuration_set(name, {}, None)
    except AlreadyExistsException as error:
        raise V1Error("ConfigurationSetAlreadyExists", error.message) from None
    except SesV2Error as error:
        raise V1Error("InvalidConfigurationSet", error.message) from None


@handles_v1("DeleteConfigurationSet")
def delete_configuration_set(backend, params):
    config_set(backend, params["ConfigurationSetName"])
    backend.delete_configuration_set(params["ConfigurationSetName"])


@handles_v1("DescribeConfigurationSet")
def describe_configuration_set(backend, params):
    found = config_set(backend, params["ConfigurationSetName"])
    wanted = set(params.get("ConfigurationSetAttributeNames") or [])
    options = found.options
    answer: dict[str, Any] = {"ConfigurationSet": {"Name": found.configuration_set_name}}
    if "eventDestinations" in wanted:
        answer["EventDestinations"] = [_v1_destination(d)
                                       for d in found.event_destinations.values()]  # fmt: skip
    if "trackingOptions" in wanted and options["TrackingOptions"]:
        answer["TrackingOptions"] = dict(options["TrackingOptions"])
    if "deliveryOptions" in wanted and options["DeliveryOptions"]:
        policy = options["DeliveryOptions"].get("TlsPolicy")
        answer["DeliveryOptions"] = {"TlsPolicy": policy.title()} if policy else {}
    if "reputationOptions" in wanted:
        reputation = options["ReputationOptions"] or {}
        answer["ReputationOptions"] = {
            "SendingEnabled": (options["SendingOptions"] or {}).get("SendingEnabled", True),
            "ReputationMetricsEnabled": reputation.get("ReputationMetricsEnabled", False),
            **({"LastFreshStart": reputation["LastFreshStart"]}
               if reputation.get("LastFreshStart") else {}),
        }  # fmt: skip
    return answer


def _put_option(backend: Any, name: str, group: str, values: dict[str, Any] | None) -> None:
    config_set(backend, name)
    backend.put_configuration_set_options(name, group, values)


@handles_v1("UpdateConfigurationSetSendingEnabled")
def update_sending_enabled(backend, params):
    _put_option(backend, params["ConfigurationSetName"], "SendingOptions",
                {"SendingEnabled": params["Enabled"]})  # fmt: skip


@handles_v1("UpdateConfigurationSetReputationMetricsEnabled")
def update_reputation_metrics_enabled(backend, params):
    _put_option(backend, params["ConfigurationSetName"], "ReputationOptions",
                {"ReputationMetricsEnabled": params["Enabled"]})  # fmt: skip


@handles_v1("PutConfigurationSetDeliveryOptions")
def put_delivery_options(backend, params):
    policy = (params.get("DeliveryOptions") or {}).get("TlsPolicy")
    if policy not in (None, "Require", "Optional"):
        raise V1Error("InvalidDeliveryOptions", f"Invalid TlsPolicy <{policy}>.")
    name = params["ConfigurationSetName"]
    current = config_set(backend, name).options["DeliveryOptions"] or {}
    values = {**current, "TlsPolicy": policy.upper()} if policy else None
    _put_option(backend, name, "DeliveryOptions", values)


def _tracking(action: str):
    def handler(backend, params):
        name = params["ConfigurationSetName"]
        current = config_set(backend, name).options["TrackingOptions"]
        if action.startswith("Create") and current:
            message = f"Tracking options already exist for configuration set <{name}>."
            raise V1Error("TrackingOptionsAlreadyExistsException", message)
        if not action.startswith("Create") and not current:
            message = f"No tracking options found for configuration set <{name}>."
            raise V1Error("TrackingOptionsDoesNotExistException", message)
        domain = (params.get("TrackingOptions") or {}).get("CustomRedirectDomain")
        values = {"CustomRedirectDomain": domain} if domain else None
        if action.startswith("Delete"):
            values = None
        _put_option(backend, name, "TrackingOptions", values)

    return handler


for _action in (
    "CreateConfigurationSetTrackingOptions",
    "UpdateConfigurationSetTrackingOptions",
    "DeleteConfigurationSetTrackingOptions",
):
    handles_v1(_action)(_tracking(_action))


# --- event destinations ----------------------------------------------------------------
# v1 destination kind -> (v2 kind, {v1 member: v2 member}); v2's EventBridge and Pinpoint
# destinations have no v1 form and are left out of v1 answers.
_KINDS = {
    "SNSDestination": ("SnsDestination", {"TopicARN": "TopicArn"}),
    "CloudWatchDestination": (
        "CloudWatchDestination", {"DimensionConfigurations": "DimensionConfigurations"}),
    "KinesisFirehoseDestination": ("KinesisFirehoseDestination",
        {"IAMRoleARN": "IamRoleArn", "DeliveryStreamARN": "DeliveryStreamArn"}),
}  # fmt: skip


def _converted(destination: dict[str, Any], *, to_v2: bool) -> dict[str, Any]:
    """A v1 EventDestination as a v2 definition, or a stored v2 destination as v1's."""
    case = _upper_snake if to_v2 else _lower_camel
    events = [case(t) for t in destination.get("MatchingEventTypes", [])]
    out: dict[str, Any] = {
        "Enabled": destination.get("Enabled", False),
        "MatchingEventTypes": events if to_v2 else sorted(events),
    }
    for v1_kind, (v2_kind, members) in _KINDS.items():
        source, target = (v1_kind, v2_kind) if to_v2 else (v2_kind, v1_kind)
        names = members if to_v2 else {v2: v1 for v1, v2 in members.items()}
        if destination.get(source) is None:
            continue
        inner = {names[k]: v for k, v in destination[source].items() if k in names}
        if "DimensionConfigurations" in inner:
            inner["DimensionConfigurations"] = [
                {**d, "DimensionValueSource": case(d["DimensionValueSource"])}
                for d in inner["DimensionConfigurations"]
            ]
        out[target] = inner
    return out


def _v2_definition(destination: dict[str, Any]) -> dict[str, Any]:
    topic = (destination.get("SNSDestination") or {}).get("TopicARN")
    if topic is not None and not topic_exists(topic):
        raise V1Error("InvalidSNSDestination", f"SNS topic <{topic}> not found.")
    return _converted(destination, to_v2=True)


def _v1_destination(stored: dict[str, Any]) -> dict[str, Any]:
    return {"Name": stored["Name"], **_converted(stored, to_v2=False)}


def _put_destination(update: bool):
    def handler(backend, params):
        set_name = params["ConfigurationSetName"]
        destination = params["EventDestination"]
        name = destination["Name"]
        exists = name in config_set(backend, set_name).event_destinations
        if update and not exists:
            raise _no_destination(set_name)
        if exists and not update:
            raise V1Error("EventDestinationAlreadyExists",
                          f"Duplicate EventDestination name {name} for {set_name}")  # fmt: skip
        definition = _v2_definition(destination)
        put = backend.update_event_destination if update else backend.create_event_destination
        try:
            put(set_name, name, definition)
        except SesV2Error as error:
            raise V1Error("InvalidParameterValue", error.message) from None

    return handler


handles_v1("CreateConfigurationSetEventDestination")(_put_destination(update=False))
handles_v1("UpdateConfigurationSetEventDestination")(_put_destination(update=True))


def _no_destination(set_name: str) -> V1Error:
    return V1Error("EventDestinationDoesNotExist", f"No EventDestination found for {set_name}")


@handles_v1("DeleteConfigurationSetEventDestination")
def delete_event_destination(backend, params):
    set_name = params["ConfigurationSetName"]
    if params["EventDestinationName"] not in config_set(backend, set_name).event_destinations:
        raise _no_destination(set_name)
    backend.delete_event_destination(set_name, params["EventDestinationName"])
