"""Configuration sets as the emulator keeps them: moto's set plus the v2 option groups and
event destinations, and the backend's operations on them (`ConfigurationSetStore`, a part
of `models.SesV2ExtensionBackend`)."""

from __future__ import annotations

import copy
import re
from typing import Any

from moto.ses.models import ConfigurationSet

from .events import topic_exists
from .exceptions import AlreadyExistsException, BadRequestException, NotFoundException

# Option groups of a configuration set, as named in CreateConfigurationSet. An
# option group is None until set: GetConfigurationSet omits it, as SES does,
# because the provider turns an empty object into a block that never converges.
OPTION_GROUPS = (
    "TrackingOptions",
    "DeliveryOptions",
    "ReputationOptions",
    "SendingOptions",
    "SuppressionOptions",
    "VdmOptions",
    "ArchivingOptions",
)
DESTINATION_TYPES = (
    "CloudWatchDestination",
    "SnsDestination",
    "KinesisFirehoseDestination",
    "EventBridgeDestination",
    "PinpointDestination",
)
# SES: "The name can contain up to 64 alphanumeric characters, including letters,
# numbers, hyphens (-) and underscores (_) only."
RESOURCE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


# SES's own pool of unpooled dedicated IPs: any set may name it, no one creates or deletes it.
DEFAULT_POOL = "ses-default-dedicated-pool"


class ConfigurationSetV2(ConfigurationSet):
    """moto's configuration set plus the v2 option groups and event destinations."""

    def __init__(self, name: str, options: dict[str, dict[str, Any] | None]) -> None:
        super().__init__(configuration_set_name=name)
        self.options: dict[str, dict[str, Any] | None] = dict.fromkeys(OPTION_GROUPS)
        self.options.update({k: v for k, v in options.items() if v is not None})
        self.event_destinations: dict[str, dict[str, Any]] = {}


class ConfigurationSetStore:
    """The configuration-set and event-destination operations of the backend (models.py)."""

    # --- configuration sets ---------------------------------------------------
    def create_configuration_set(
        self, name: str, options: dict[str, Any], tags: list[dict[str, str]] | None
    ) -> None:
        if not RESOURCE_NAME.match(name):
            raise BadRequestException(
                f"Invalid configuration set name <{name}>: use 1-64 letters, digits, '-' or '_'."
            )
        if name in self.core.config_sets:
            raise AlreadyExistsException(f"Configuration set <{name}> already exists.")
        self._check_sending_pool(options.get("DeliveryOptions"))
        self.core.config_sets[name] = ConfigurationSetV2(name, copy.deepcopy(options))
        self._tag(self.arn("configuration-set", name), tags)

    def get_configuration_set(self, name: str) -> ConfigurationSetV2:
        config_set = self.core.config_sets.get(name)
        if config_set is None:
            raise NotFoundException(f"Configuration set <{name}> does not exist.")
        if not isinstance(config_set, ConfigurationSetV2):
            # Created through moto's v1 API: adopt it with no option groups set.
            config_set = self.core.config_sets[name] = ConfigurationSetV2(name, {})
        return config_set

    def list_configuration_sets(self) -> list[str]:
        return sorted(self.core.config_sets)

    def delete_configuration_set(self, name: str) -> None:
        self.get_configuration_set(name)
        self.refuse_if_in_tenant(self.arn("configuration-set", name))
        # SES deletes a set that is still an identity's default (the provider's own
        # acceptance tests rely on it); the identity is left without a default set.
        for identity in self.core.email_identities.values():
            if identity.configuration_set_name == name:
                identity.configuration_set_name = None
        del self.core.config_sets[name]
        self.core.tagger.delete_all_tags_for_resource(self.arn("configuration-set", name))

    def put_configuration_set_options(
        self, name: str, group: str, options: dict[str, Any] | None
    ) -> None:
        """Replace one option group; None removes it (back to the account default)."""
        config_set = self.get_configuration_set(name)
        if group == "DeliveryOptions":
            self._check_sending_pool(options)
        if group == "ReputationOptions" and options is not None:
            previous = config_set.options[group] or {}
            if "LastFreshStart" in previous:
                options["LastFreshStart"] = previous["LastFreshStart"]
        config_set.options[group] = options

    def _check_sending_pool(self, delivery: dict[str, Any] | None) -> None:
        pool = (delivery or {}).get("SendingPoolName")
        # SES's own pool of unpooled dedicated IPs can be named like any other.
        if pool and pool != DEFAULT_POOL and pool not in self.core.dedicated_ip_pools:
            raise NotFoundException(f"Dedicated IP pool <{pool}> does not exist.")

    # --- event destinations ---------------------------------------------------
    def create_event_destination(
        self, config_set_name: str, name: str, definition: dict[str, Any]
    ) -> None:
        config_set = self.get_configuration_set(config_set_name)
        if not RESOURCE_NAME.match(name):
            raise BadRequestException(
                f"Invalid event destination name <{name}>: use 1-64 letters, digits, '-' or '_'."
            )
        if name in config_set.event_destinations:
            raise AlreadyExistsException(
                f"Event destination <{name}> already exists in configuration set "
                f"<{config_set_name}>."
            )
        config_set.event_destinations[name] = event_destination(name, definition)

    def get_event_destinations(self, config_set_name: str) -> list[dict[str, Any]]:
        return list(self.get_configuration_set(config_set_name).event_destinations.values())

    def update_event_destination(
        self, config_set_name: str, name: str, definition: dict[str, Any]
    ) -> None:
        config_set = self.get_configuration_set(config_set_name)
        self._existing_destination(config_set, name)
        config_set.event_destinations[name] = event_destination(name, definition)

    def delete_event_destination(self, config_set_name: str, name: str) -> None:
        config_set = self.get_configuration_set(config_set_name)
        self._existing_destination(config_set, name)
        del config_set.event_destinations[name]

    @staticmethod
    def _existing_destination(config_set: ConfigurationSetV2, name: str) -> None:
        if name not in config_set.event_destinations:
            raise NotFoundException(
                f"Event destination <{name}> does not exist in configuration set "
                f"<{config_set.configuration_set_name}>."
            )


def event_destination(name: str, definition: dict[str, Any]) -> dict[str, Any]:
    """An EventDestination from an EventDestinationDefinition, checked as SES checks it."""
    chosen = [kind for kind in DESTINATION_TYPES if definition.get(kind)]
    if len(chosen) != 1:
        raise BadRequestException(
            f"Event destination <{name}> needs exactly one of {', '.join(DESTINATION_TYPES)}"
            f" (got {len(chosen)})."
        )
    if not definition.get("MatchingEventTypes"):
        raise BadRequestException(f"Event destination <{name}> needs MatchingEventTypes.")
    cloudwatch = definition.get("CloudWatchDestination")
    if cloudwatch is not None and not cloudwatch.get("DimensionConfigurations"):
        raise BadRequestException(
            f"CloudWatch destination <{name}> needs at least one DimensionConfiguration."
        )
    # SES checks the topic when the destination is set (v1 names it InvalidSNSDestination; v2
    # has no such shape and answers its 400, BadRequestException, with the same words).
    topic = (definition.get("SnsDestination") or {}).get("TopicArn")
    if topic is not None and not topic_exists(topic):
        raise BadRequestException(f"SNS topic <{topic}> not found.")
    return {
        "Name": name,
        # The API default when Enabled is omitted is false (the provider relies on it).
        "Enabled": bool(definition.get("Enabled", False)),
        "MatchingEventTypes": list(dict.fromkeys(definition["MatchingEventTypes"])),
        chosen[0]: copy.deepcopy(definition[chosen[0]]),
    }
