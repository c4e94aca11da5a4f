"""What SES checks of a send before it accepts it, in SES's order, and how it refuses.

The account's sending switch and quotas, the addresses and tags, a verified identity
covering the From, the configuration set and its switch, the tenant, the sandbox. A
refusal (`SendRefused`) carries the v2 error; `REFUSALS` maps it to v1's code and the
bulk status. sending.py runs these checks and then plays out the accepted message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import events, reputation, tenants
from .addresses import check_address, check_message_tags
from .content import Draft
from .exceptions import BadRequestException, SesV2Error
from .mailbox import is_simulator
from .state import sending_state


@dataclass(frozen=True)
class Refusal:
    v2_code: str
    v1_code: str
    bulk_status: str
    v1_bulk: str = ""  # the v1 bulk status, when it is not v1_code without "Exception"

    @property
    def v1_bulk_status(self) -> str:
        return self.v1_bulk or self.v1_code.removesuffix("Exception")


REFUSALS = {
    "unknown_set": Refusal("NotFoundException", "ConfigurationSetDoesNotExist",
                           "CONFIGURATION_SET_NOT_FOUND"),
    "account_paused": Refusal("SendingPausedException", "AccountSendingPausedException",
                              "ACCOUNT_SENDING_PAUSED"),
    "set_paused": Refusal("SendingPausedException", "ConfigurationSetSendingPausedException",
                          "CONFIGURATION_SET_SENDING_PAUSED"),
    "rejected": Refusal("MessageRejected", "MessageRejected", "MESSAGE_REJECTED"),
    # v1 answers the query API's Throttling (400); v2 its 429, TooManyRequestsException.
    "daily_quota": Refusal("TooManyRequestsException", "Throttling",
                           "ACCOUNT_DAILY_QUOTA_EXCEEDED", "AccountDailyQuotaExceeded"),
    "rate": Refusal("TooManyRequestsException", "Throttling", "ACCOUNT_THROTTLED",
                    "AccountThrottled"),
}  # fmt: skip
QUOTA_MESSAGES = {"daily_quota": "Daily message quota exceeded.",
                  "rate": "Maximum sending rate exceeded."}  # fmt: skip


class SendRefused(SesV2Error):
    """SES refuses the send; `code` is the v2 error, `refusal` maps it for v1 and bulk."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.refusal = REFUSALS[reason]
        self.code = self.refusal.v2_code


@dataclass
class Request:
    """One API call: CloudWatch datapoints and reputation go out once per call."""

    backend: Any
    datapoints: list[dict[str, Any]] = field(default_factory=list)
    touched_sets: set[str] = field(default_factory=set)

    @property
    def state(self):
        return sending_state(self.backend.account_id, self.backend.region_name)

    def finish(self) -> None:
        self.datapoints.extend(reputation.datapoints(self.state, self.backend, self.touched_sets))
        events.put_metric_data(self.backend.account_id, self.backend.region_name, self.datapoints)


@dataclass
class Lane:
    name: str | None
    origin: str | None
    config_set: Any  # ConfigurationSetV2 or None
    tenant: Any = None  # the Tenant the send goes through (tenants.py), if it names one


def check_account(request: Request) -> None:
    if not request.state.sending_enabled:
        raise SendRefused("account_paused", "Sending is paused for this account.")


# SES's limit per message, To, CC and BCC together (docs: "quotas", "SendEmail").
MAX_RECIPIENTS = 50


def check_addresses(draft: Draft, *, recipients: bool = True) -> None:
    """Refuse what SES refuses before it looks at identities: bad addresses and tags, too many
    recipients."""
    check_address(draft.source)
    check_message_tags(draft.tags)
    if not recipients:
        return
    every = draft.recipients
    if len(every) > MAX_RECIPIENTS:
        raise BadRequestException(f"Recipient count exceeds {MAX_RECIPIENTS}.")
    for recipient in every:
        check_address(recipient)


def verified_identity(backend: Any, address: str) -> Any | None:
    """The most specific verified identity covering `address` (itself, then its domain)."""
    identities = backend.core.email_identities
    for name in (address, address.rpartition("@")[2].lower()):
        identity = identities.get(name)
        if (
            identity is not None
            and getattr(identity, "verification_status", "SUCCESS") == "SUCCESS"
        ):
            return identity
    return None


def not_verified(backend: Any, *addresses: str) -> str:
    """SES's words for addresses that are no verified identity (nor in a verified domain)."""
    return (
        "Email address is not verified. The following identities failed the check in region "
        f"{backend.region_name.upper()}: {', '.join(addresses)}"
    )


def sending_identity(request: Request, draft: Draft) -> Any:
    """The most specific verified identity covering the From address."""
    address = draft.from_address
    identity = verified_identity(request.backend, address)
    if identity is not None:
        return identity
    raise SendRefused("rejected", not_verified(request.backend, address or draft.source))


def lane_of(request: Request, draft: Draft, identity: Any) -> Lane:
    name, origin = draft.configuration_set, "request"
    if not name and identity.configuration_set_name:
        name, origin = identity.configuration_set_name, f"identity {identity.email_identity}"
    if not name:
        return Lane(None, None, None)
    if name not in request.backend.core.config_sets:
        raise SendRefused("unknown_set", f"Configuration set <{name}> does not exist.")
    config_set = request.backend.get_configuration_set(name)
    sending = config_set.options.get("SendingOptions") or {}
    if sending.get("SendingEnabled") is False:
        raise SendRefused("set_paused", f"Sending is paused for configuration set <{name}>.")
    return Lane(name, origin, config_set)


def tenant_of(request: Request, draft: Draft, identity: Any, lane: Lane) -> Any:
    """The tenant the send names, checked: it must hold the identity, the set and the template."""
    arn = request.backend.arn
    used = [arn("identity", identity.email_identity)]
    used += [arn("configuration-set", lane.name)] if lane.name else []
    used += [arn("template", draft.template)] if draft.template else []
    return tenants.sending_tenant(request.backend, draft.tenant, used)


def check_sandbox(request: Request, draft: Draft) -> None:
    if request.state.production_access_enabled:
        return
    identities = request.backend.core.email_identities
    unverified = [
        r for r in draft.recipients
        if not is_simulator(r)
        and r not in identities and r.rpartition("@")[2].lower() not in identities
    ]  # fmt: skip
    if unverified:
        raise SendRefused("rejected", not_verified(request.backend, *unverified))
