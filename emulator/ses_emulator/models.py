"""SES v2 state moto 5.2 lacks, kept beside moto's own SES objects.

Configuration sets, identities, pools and tags live in moto's SES core backend
(`moto.ses.models.ses_backends`), the same objects moto's v1 API and its v2
`SendEmail` read, so the two stay consistent. What moto does not model (event
destinations, MAIL FROM on v2 identities, account suppression, pool scaling
changes, option groups that were never set) is added here. Attribute names
follow the SES v2 API members they back.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from moto.core.base_backend import BackendDict, BaseBackend
from moto.ses.models import (
    ConfigurationSet,
    DedicatedIpPool,
    EmailIdentity,
    SESBackend,
    ses_backends,
)
from moto.ses.utils import get_arn

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
_RESOURCE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class ConfigurationSetV2(ConfigurationSet):
    """moto's configuration set plus the v2 option groups and event destinations."""

    def __init__(self, name: str, options: dict[str, dict[str, Any] | None]) -> None:
        super().__init__(configuration_set_name=name)
        self.options: dict[str, dict[str, Any] | None] = dict.fromkeys(OPTION_GROUPS)
        self.options.update({k: v for k, v in options.items() if v is not None})
        self.event_destinations: dict[str, dict[str, Any]] = {}


DEFAULT_KEY_LENGTH = "RSA_2048_BIT"
DEFAULT_POOL = "ses-default-dedicated-pool"
MAX_TAGS = 50  # SES: "You can associate as many as 50 tags with a resource."


class EmailIdentityV2(EmailIdentity):
    """moto's identity plus verification, DKIM signing, MAIL FROM and feedback forwarding."""

    def __init__(self, name: str, dkim: dict[str, Any] | None, configuration_set: str | None):
        super().__init__(name, None, dkim, configuration_set)
        self.verified = self.verified_for_sending_status = False  # see verification.py
        self.signing_enabled = True
        self.feedback_forwarding = True
        self.mail_from_domain: str | None = None
        self.mail_from_status = "PENDING"
        self.behavior_on_mx_failure = "USE_DEFAULT_VALUE"
        # Easy DKIM makes the first key at creation with the requested length; a later
        # NextSigningKeyLength applies only from the next rotation.
        self.current_key_length = (dkim or {}).get("NextSigningKeyLength") or DEFAULT_KEY_LENGTH


class SesV2ExtensionBackend(BaseBackend):
    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.suppressed_reasons: list[str] = ["BOUNCE", "COMPLAINT"]  # SES default since 2019
        # State moto lacks or gets the shape of wrong; served by the modules named.
        self.vdm_attributes: dict[str, Any] | None = None  # account_settings.py
        self.dedicated_ip_auto_warmup = False  # account_settings.py
        self.dedicated_ips: dict[str, dict[str, Any]] = {}  # dedicated_ips.py
        self.contact_lists: dict[str, Any] = {}  # contacts.py
        self.custom_verification_templates: dict[str, Any] = {}  # custom_verification.py
        self.receipt_filters: dict[str, dict[str, Any]] = {}  # v1_receiving.py
        self.tenants: dict[str, Any] = {}  # tenants.py (name -> Tenant)
        self.reputation_thresholds: Any = None  # reputation_entities.py (None: the defaults)

    @property
    def core(self) -> SESBackend:
        return ses_backends[self.account_id][self.region_name]

    def arn(self, kind: str, name: str) -> str:
        return get_arn(self, "ses", f"{kind}/{name}")

    def _tag(self, arn: str, tags: list[dict[str, str]] | None) -> None:
        if tags:
            current = {t["Key"] for t in self.core.tagger.list_tags_for_resource(arn)["Tags"]}
            if len(current | {t["Key"] for t in tags}) > MAX_TAGS:
                raise BadRequestException(f"A resource can have at most {MAX_TAGS} tags.")
            self.core.tagger.tag_resource(arn, tags)

    # --- configuration sets ---------------------------------------------------
    def create_configuration_set(
        self, name: str, options: dict[str, Any], tags: list[dict[str, str]] | None
    ) -> None:
        if not _RESOURCE_NAME.match(name):
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
        if not _RESOURCE_NAME.match(name):
            raise BadRequestException(
                f"Invalid event destination name <{name}>: use 1-64 letters, digits, '-' or '_'."
            )
        if name in config_set.event_destinations:
            raise AlreadyExistsException(
                f"Event destination <{name}> already exists in configuration set "
                f"<{config_set_name}>."
            )
        config_set.event_destinations[name] = _event_destination(name, definition)

    def get_event_destinations(self, config_set_name: str) -> list[dict[str, Any]]:
        return list(self.get_configuration_set(config_set_name).event_destinations.values())

    def update_event_destination(
        self, config_set_name: str, name: str, definition: dict[str, Any]
    ) -> None:
        config_set = self.get_configuration_set(config_set_name)
        self._existing_destination(config_set, name)
        config_set.event_destinations[name] = _event_destination(name, definition)

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

    # --- dedicated IP pools ---------------------------------------------------
    def create_dedicated_ip_pool(
        self, name: str, scaling_mode: str, tags: list[dict[str, str]] | None
    ) -> None:
        if not _RESOURCE_NAME.match(name):
            raise BadRequestException(
                f"Invalid pool name <{name}>: use 1-64 letters, digits, '-' or '_'."
            )
        if name == DEFAULT_POOL or name in self.core.dedicated_ip_pools:
            raise AlreadyExistsException(f"Dedicated IP pool <{name}> already exists.")
        self.core.dedicated_ip_pools[name] = DedicatedIpPool(name, scaling_mode, tags or [])
        self._tag(self.arn("dedicated-ip-pool", name), tags)

    def get_dedicated_ip_pool(self, name: str) -> DedicatedIpPool:
        pool = self.core.dedicated_ip_pools.get(name)
        if pool is None:
            raise NotFoundException(f"Dedicated IP pool <{name}> does not exist.")
        return pool

    def list_dedicated_ip_pools(self) -> list[str]:
        return sorted(self.core.dedicated_ip_pools)

    def delete_dedicated_ip_pool(self, name: str) -> None:
        self.get_dedicated_ip_pool(name)
        # Undocumented in SES; refused for the same reason as a set in use: a set's
        # sending pool must always exist (README, "Deliberate behaviour").
        users = sorted(
            set_name
            for set_name, config_set in self.core.config_sets.items()
            if _sending_pool(config_set) == name
        )
        if users:
            raise BadRequestException(
                f"Dedicated IP pool <{name}> is the sending pool of configuration set(s) "
                f"{', '.join(f'<{u}>' for u in users)}; change or delete those sets first."
            )
        del self.core.dedicated_ip_pools[name]
        for leased in self.dedicated_ips.values():  # its IPs go back to the default pool
            if leased["PoolName"] == name:
                leased["PoolName"] = DEFAULT_POOL
        self.core.tagger.delete_all_tags_for_resource(self.arn("dedicated-ip-pool", name))

    def put_dedicated_ip_pool_scaling_attributes(self, name: str, scaling_mode: str) -> None:
        pool = self.get_dedicated_ip_pool(name)
        # SES converts STANDARD -> MANAGED only; SES-managed IPs cannot be handed back.
        if pool.scaling_mode == "MANAGED" and scaling_mode == "STANDARD":
            raise BadRequestException(
                f"Dedicated IP pool <{name}> is MANAGED; changing it to STANDARD is not supported."
            )
        pool.scaling_mode = scaling_mode

    # --- identities -----------------------------------------------------------
    def create_email_identity(
        self,
        name: str,
        dkim: dict[str, Any] | None,
        configuration_set: str | None,
        tags: list[dict[str, str]] | None,
    ) -> EmailIdentityV2:
        if name in self.core.email_identities:
            raise AlreadyExistsException(f"Email identity <{name}> already exists.")
        if configuration_set:
            self.get_configuration_set(configuration_set)
        identity = EmailIdentityV2(name, dkim, configuration_set)
        self.core.email_identities[name] = identity
        self._tag(self.arn("identity", name), tags)
        return identity

    def get_email_identity(self, name: str) -> EmailIdentityV2:
        identity = self.core.email_identities.get(name)
        if identity is None:
            raise NotFoundException(f"Email identity <{name}> does not exist.")
        return identity

    def list_email_identities(self) -> list[EmailIdentity]:
        return [self.core.email_identities[k] for k in sorted(self.core.email_identities)]

    def delete_email_identity(self, name: str) -> None:
        self.get_email_identity(name)
        self.refuse_if_in_tenant(self.arn("identity", name))
        del self.core.email_identities[name]
        self.core.tagger.delete_all_tags_for_resource(self.arn("identity", name))

    def put_email_identity_configuration_set(self, name: str, configuration_set: str | None):
        identity = self.get_email_identity(name)
        if configuration_set:
            self.get_configuration_set(configuration_set)
        identity.configuration_set_name = configuration_set

    def put_email_identity_dkim_signing(
        self, name: str, origin: str, attributes: dict[str, Any] | None
    ) -> EmailIdentityV2:
        identity = self.get_email_identity(name)
        attributes = attributes or {}
        if identity.identity_type == "EMAIL_ADDRESS":
            raise BadRequestException(f"<{name}> is an email address; DKIM signing needs a domain.")
        if origin == "EXTERNAL":
            if not (attributes.get("DomainSigningSelector") and
                    attributes.get("DomainSigningPrivateKey")):  # fmt: skip
                raise BadRequestException(
                    "EXTERNAL DKIM signing needs DomainSigningSelector and DomainSigningPrivateKey."
                )
            identity.dkim_signing_attributes = {
                "DomainSigningSelector": attributes["DomainSigningSelector"]
            }
            return identity
        previous = identity.dkim_signing_attributes or {}
        if previous.get("DomainSigningSelector"):  # back to Easy DKIM: a new key is made now
            identity.current_key_length = attributes.get("NextSigningKeyLength") or (
                DEFAULT_KEY_LENGTH
            )
        next_length = attributes.get("NextSigningKeyLength") or previous.get("NextSigningKeyLength")
        identity.dkim_signing_attributes = (
            {"NextSigningKeyLength": next_length} if next_length else {}
        )
        return identity

    def put_email_identity_mail_from(
        self, name: str, mail_from_domain: str | None, behavior_on_mx_failure: str | None
    ) -> EmailIdentityV2:
        """Replace the MAIL FROM settings; members left out go back to SES's defaults."""
        identity = self.get_email_identity(name)
        parent = name.split("@", 1)[-1].lower()
        if mail_from_domain and not mail_from_domain.lower().endswith("." + parent):
            raise BadRequestException(
                f"MAIL FROM domain <{mail_from_domain}> must be a subdomain of <{parent}>."
            )
        identity.mail_from_domain = mail_from_domain or None
        identity.behavior_on_mx_failure = behavior_on_mx_failure or "USE_DEFAULT_VALUE"
        return identity

    def refuse_if_in_tenant(self, arn: str) -> None:
        # SES refuses to delete a resource a tenant still holds (the association would dangle).
        if any(arn in tenant.resources for tenant in self.tenants.values()):
            raise BadRequestException(
                f"Cannot delete <{arn}> because it has tenant associations."
                " Remove all tenant associations and try again."
            )

    # --- tags -----------------------------------------------------------------
    def check_resource(self, arn: str) -> None:
        """NotFound unless `arn` names a configuration set, pool, identity or contact list."""
        kind, _, name = arn.split(":", 5)[-1].partition("/")
        stores = {
            "configuration-set": self.core.config_sets,
            "dedicated-ip-pool": self.core.dedicated_ip_pools,
            "identity": self.core.email_identities,
            "contact-list": self.contact_lists,
            "template": self.core.templates,
            "tenant": {f"{t.name}/{t.tenant_id}" for t in self.tenants.values()},
        }
        if arn.count(":") < 5 or kind not in stores:
            raise BadRequestException(f"Resource ARN <{arn}> is not an SES v2 resource ARN.")
        if name not in stores[kind]:
            raise NotFoundException(f"Resource <{arn}> does not exist.")

    def list_tags(self, arn: str) -> list[dict[str, str]]:
        self.check_resource(arn)
        return self.core.tagger.list_tags_for_resource(arn)["Tags"]

    def tag_resource(self, arn: str, tags: list[dict[str, str]]) -> None:
        self.check_resource(arn)
        self._tag(arn, tags)

    def untag_resource(self, arn: str, keys: list[str]) -> None:
        self.check_resource(arn)
        self.core.tagger.untag_resource_using_names(arn, keys)

    # --- account --------------------------------------------------------------
    def put_account_suppression_attributes(self, reasons: list[str] | None) -> None:
        self.suppressed_reasons = list(dict.fromkeys(reasons or []))


def _event_destination(name: str, definition: dict[str, Any]) -> dict[str, Any]:
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


sesv2_extension_backends = BackendDict(SesV2ExtensionBackend, "sesv2")


def _sending_pool(config_set: Any) -> str | None:
    # A set made through moto's v1 API has no option groups until the v2 API adopts it.
    delivery = (getattr(config_set, "options", None) or {}).get("DeliveryOptions") or {}
    return delivery.get("SendingPoolName")
