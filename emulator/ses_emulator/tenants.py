"""SES tenants: a named group of identities, configuration sets and templates that SES
tracks and pauses on its own (reputation: `reputation_entities`).

A resource may belong to several tenants. A send that names a tenant (`TenantName`, or the
`X-SES-TENANT` header of a raw message) goes through only when the tenant holds every
resource the send uses, the sending identity, the configuration set and a stored template;
otherwise SES answers 403 AccessDeniedException. Deleting a tenant drops its associations;
deleting a resource a tenant still holds is refused (models.refuse_if_in_tenant).
"""

from __future__ import annotations

import uuid
from typing import Any

from . import clock, reputation_entities
from .config_set_model import RESOURCE_NAME
from .exceptions import (
    AccessDeniedException,
    AlreadyExistsException,
    BadRequestException,
    existing,
)
from .registry import handles, paginate
from .suppression_list import SuppressionList
from .tenant_model import Tenant, tenant

# ARN resource kind -> the ResourceType SES lists it as.
RESOURCE_TYPES = {
    "identity": "EMAIL_IDENTITY",
    "configuration-set": "CONFIGURATION_SET",
    "template": "EMAIL_TEMPLATE",
}


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


# --- tenants ------------------------------------------------------------------------
@handles("CreateTenant")
def create_tenant(backend, params):
    name = params["TenantName"]
    if not RESOURCE_NAME.match(name):
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
    reputation_entities.catch_up(backend, found)
    return {"Tenant": _details(backend, found)}


@handles("ListTenants")
def list_tenants(backend, params):
    filters = params.get("Filter") or {}
    chosen = []
    for name in sorted(backend.tenants):
        found = backend.tenants[name]
        reputation_entities.catch_up(backend, found)
        if filters.get("SENDING_STATUS", found.sending_status) != found.sending_status:
            continue
        if filters.get("TENANT_NAME_CONTAINS", "") not in name:
            continue
        chosen.append(found.info())
    page, token = paginate(chosen, params)
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
    page, token = paginate(chosen, params)
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
    page, token = paginate(holders, params)
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
    reputation_entities.check_sending(backend, found)
    return found
