"""SES tenants: a named group of identities, configuration sets and templates that SES
tracks and pauses on its own (reputation: `reputation_entities`).

A resource may belong to several tenants. A send that names a tenant (`TenantName`, or the
`X-SES-TENANT` header of a raw message) goes through only when the tenant holds every
resource the send uses, the sending identity, the configuration set and a stored template;
otherwise SES answers 403 AccessDeniedException. Deleting a tenant drops its associations;
deleting a resource a tenant still holds is refused (models.refuse_if_in_tenant).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from . import clock
from .exceptions import (
    AccessDeniedException,
    AlreadyExistsException,
    BadRequestException,
    existing,
)
from .models import _RESOURCE_NAME
from .responses import _page, handles
from .suppression import SuppressionList

# ARN resource kind -> the ResourceType SES lists it as.
RESOURCE_TYPES = {
    "identity": "EMAIL_IDENTITY",
    "configuration-set": "CONFIGURATION_SET",
    "template": "EMAIL_TEMPLATE",
}
# A new tenant gets SES's `standard` reputation policy (reputation_entities.POLICIES).
DEFAULT_POLICY = "standard"


@dataclass
class StatusRecord:
    status: str
    updated: dt.datetime
    cause: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"Status": self.status, "LastUpdatedTimestamp": self.updated,
                **({"Cause": self.cause} if self.cause else {})}  # fmt: skip


@dataclass
class Tenant:
    name: str
    tenant_id: str
    arn: str
    created: dt.datetime
    suppression_attributes: dict[str, Any] | None = None
    resources: dict[str, dt.datetime] = field(default_factory=dict)  # ARN -> associated at
    # Reputation entity (reputation_entities.py): policy, both statuses, findings and the
    # outcomes of the tenant's sends over the evaluation window.
    policy: str = DEFAULT_POLICY
    customer_status: StatusRecord | None = None
    ses_status: StatusRecord | None = None
    findings: list[Any] = field(default_factory=list)
    outcomes: list[tuple[dt.datetime, str]] = field(default_factory=list)
    evaluated_through: dt.datetime | None = None
    counts: Counter[str] = field(default_factory=Counter)  # every send since creation
    suppression: SuppressionList = field(default_factory=SuppressionList)

    def __post_init__(self) -> None:
        self.customer_status = StatusRecord("ENABLED", self.created)
        self.ses_status = StatusRecord("ENABLED", self.created)
        self.evaluated_through = self.created

    @property
    def sending_status(self) -> str:
        """SES's aggregate: DISABLED if either status is, REINSTATED if either is, else ENABLED."""
        statuses = {self.customer_status.status, self.ses_status.status}
        for status in ("DISABLED", "REINSTATED"):
            if status in statuses:
                return status
        return "ENABLED"

    def record(self, now: dt.datetime, kind: str) -> None:
        """One recipient's outcome (DELIVERY, BOUNCE or COMPLAINT) of a send through the tenant."""
        self.outcomes.append((now, kind))
        self.counts["sent"] += 1
        self.counts[kind] += 1

    def info(self) -> dict[str, Any]:
        return {"TenantName": self.name, "TenantId": self.tenant_id, "TenantArn": self.arn,
                "CreatedTimestamp": self.created, "SendingStatus": self.sending_status}  # fmt: skip


def tenant(backend: Any, name: str) -> Tenant:
    return existing(backend.tenants, name, "Tenant")


def _resource(backend: Any, arn: str) -> str:
    """The ResourceType of an identity, set or template ARN of this account and Region."""
    kind, _, name = arn.split(":", 5)[-1].partition("/")
    if kind not in RESOURCE_TYPES:
        raise BadRequestException(
            f"Resource <{arn}> cannot join a tenant: only email identities, configuration sets"
            " and email templates can."
        )
    backend.check_resource(arn)
    if arn != backend.arn(kind, name):
        raise BadRequestException(f"Resource <{arn}> is not in this account and Region.")
    return RESOURCE_TYPES[kind]


def _reputation_entities():
    # Imported late: reputation_entities imports this module for Tenant and tenant().
    from . import reputation_entities

    return reputation_entities


# --- tenants ------------------------------------------------------------------------
@handles("CreateTenant")
def create_tenant(backend, params):
    name = params["TenantName"]
    if not _RESOURCE_NAME.match(name):
        raise BadRequestException(
            f"Invalid tenant name <{name}>: use 1-64 letters, digits, '-' or '_'."
        )
    if name in backend.tenants:
        raise AlreadyExistsException(f"Tenant <{name}> already exists.")
    tenant_id = f"tn-{uuid.uuid4().hex[:30]}"
    created = backend.tenants[name] = Tenant(
        name=name,
        tenant_id=tenant_id,
        arn=backend.arn("tenant", f"{name}/{tenant_id}"),
        created=clock.now(),
        suppression_attributes=_suppression_attributes(params.get("SuppressionAttributes")),
    )
    backend._tag(created.arn, params.get("Tags"))
    return {**_details(backend, created), "SendingStatus": created.sending_status}


def _details(backend, found: Tenant) -> dict[str, Any]:
    info = found.info()
    info["Tags"] = backend.core.tagger.list_tags_for_resource(found.arn)["Tags"]
    if found.suppression_attributes is not None:
        info["SuppressionAttributes"] = found.suppression_attributes
    return info


@handles("GetTenant")
def get_tenant(backend, params):
    found = tenant(backend, params["TenantName"])
    _reputation_entities().catch_up(backend, found)
    return {"Tenant": _details(backend, found)}


@handles("ListTenants")
def list_tenants(backend, params):
    filters = params.get("Filter") or {}
    chosen = []
    for name in sorted(backend.tenants):
        found = backend.tenants[name]
        _reputation_entities().catch_up(backend, found)
        if filters.get("SENDING_STATUS", found.sending_status) != found.sending_status:
            continue
        if filters.get("TENANT_NAME_CONTAINS", "") not in name:
            continue
        chosen.append(found.info())
    page, token = _page(chosen, params)
    return {"Tenants": page, **token}


@handles("DeleteTenant")
def delete_tenant(backend, params):
    found = tenant(backend, params["TenantName"])
    del backend.tenants[found.name]  # its associations and its reputation entity go with it
    backend.core.tagger.delete_all_tags_for_resource(found.arn)
    return {}


# --- associations -------------------------------------------------------------------
@handles("CreateTenantResourceAssociation")
def create_tenant_resource_association(backend, params):
    found, arn = tenant(backend, params["TenantName"]), params["ResourceArn"]
    _resource(backend, arn)
    if arn in found.resources:
        raise AlreadyExistsException(f"Resource <{arn}> is already associated with tenant "
                                     f"<{found.name}>.")  # fmt: skip
    found.resources[arn] = clock.now()
    return {}


@handles("DeleteTenantResourceAssociation")
def delete_tenant_resource_association(backend, params):
    found, arn = tenant(backend, params["TenantName"]), params["ResourceArn"]
    existing(found.resources, arn, f"Association with tenant <{found.name}> of resource")
    del found.resources[arn]
    return {}


@handles("ListTenantResources")
def list_tenant_resources(backend, params):
    found = tenant(backend, params["TenantName"])
    wanted = (params.get("Filter") or {}).get("RESOURCE_TYPE")
    if wanted is not None and wanted not in RESOURCE_TYPES.values():
        raise BadRequestException(
            f"RESOURCE_TYPE must be one of {', '.join(RESOURCE_TYPES.values())}."
        )
    resources = [
        {"ResourceType": RESOURCE_TYPES[arn.split(":", 5)[-1].partition("/")[0]],
         "ResourceArn": arn}
        for arn in sorted(found.resources)
    ]  # fmt: skip
    chosen = [r for r in resources if wanted in (None, r["ResourceType"])]
    page, token = _page(chosen, params)
    return {"TenantResources": page, **token}


@handles("ListResourceTenants")
def list_resource_tenants(backend, params):
    arn = params["ResourceArn"]
    _resource(backend, arn)
    holders = [
        {"TenantName": t.name, "TenantId": t.tenant_id, "ResourceArn": arn,
         "AssociatedTimestamp": t.resources[arn]}
        for t in sorted(backend.tenants.values(), key=lambda t: t.name)
        if arn in t.resources
    ]  # fmt: skip
    page, token = _page(holders, params)
    return {"ResourceTenants": page, **token}


# --- suppression ----------------------------------------------------------------------
def _suppression_attributes(attributes: dict[str, Any] | None) -> dict[str, Any] | None:
    if attributes is None:
        return None
    reasons = attributes.get("SuppressedReasons")
    return {
        **({"SuppressedReasons": list(dict.fromkeys(reasons))} if reasons is not None else {}),
        "SuppressionScope": attributes.get("SuppressionScope") or "ACCOUNT",
    }


@handles("PutTenantSuppressionAttributes")
def put_tenant_suppression_attributes(backend, params):
    found = tenant(backend, params["TenantName"])
    found.suppression_attributes = _suppression_attributes(
        {k: params.get(k) for k in ("SuppressedReasons", "SuppressionScope")}
    )
    return {}


def own_list(found: Tenant | None) -> SuppressionList | None:
    """The tenant's own suppression list, when its scope is TENANT (else the account's rules)."""
    attributes = (found.suppression_attributes if found else None) or {}
    return found.suppression if attributes.get("SuppressionScope") == "TENANT" else None


def suppressed_reasons(found: Tenant | None) -> list[str] | None:
    """The reasons a tenant-scoped list honours (None: decided as without a tenant)."""
    if own_list(found) is None:
        return None
    return found.suppression_attributes.get("SuppressedReasons", ["BOUNCE", "COMPLAINT"])


# --- sending --------------------------------------------------------------------------
def sending_tenant(backend: Any, name: str | None, resources: list[str]) -> Tenant | None:
    """The tenant a send goes through, after SES's checks: it exists, holds every resource
    of the send, and may send (its aggregate status is not DISABLED)."""
    if not name:
        return None
    found = tenant(backend, name)
    missing = [arn for arn in resources if arn not in found.resources]
    if missing:
        raise AccessDeniedException(f"Tenant not associated with resources [{', '.join(missing)}]")
    _reputation_entities().check_sending(backend, found)
    return found
