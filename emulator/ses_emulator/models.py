"""SES v2 state moto 5.2 lacks, kept beside moto's own SES objects.

Configuration sets, identities, pools and tags live in moto's SES core backend
(`moto.ses.models.ses_backends`), the same objects moto's v1 API and its v2
`SendEmail` read, so the two stay consistent. What moto does not model (event
destinations, MAIL FROM on v2 identities, account suppression, pool scaling
changes, option groups that were never set) is added here. Attribute names
follow the SES v2 API members they back.
"""

from __future__ import annotations

from typing import Any

from moto.core.base_backend import BackendDict, BaseBackend
from moto.ses.models import (
    DedicatedIpPool,
    EmailIdentity,
    SESBackend,
    ses_backends,
)
from moto.ses.utils import get_arn

from .config_set_model import DEFAULT_POOL, RESOURCE_NAME, ConfigurationSetStore
from .exceptions import AlreadyExistsException, BadRequestException, NotFoundException

DEFAULT_KEY_LENGTH = "RSA_2048_BIT"
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


class SesV2ExtensionBackend(ConfigurationSetStore, BaseBackend):
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

    # --- dedicated IP pools ---------------------------------------------------
    def create_dedicated_ip_pool(
        self, name: str, scaling_mode: str, tags: list[dict[str, str]] | None
    ) -> None:
        if not RESOURCE_NAME.match(name):
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


sesv2_extension_backends = BackendDict(SesV2ExtensionBackend, "sesv2")


def _sending_pool(config_set: Any) -> str | None:
    # A set made through moto's v1 API has no option groups until the v2 API adopts it.
    delivery = (getattr(config_set, "options", None) or {}).get("DeliveryOptions") or {}
    return delivery.get("SendingPoolName")
