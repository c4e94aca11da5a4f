"""Reputation entities (one per tenant): SES-managed status from reputation findings,
customer-managed status, and the findings ListRecommendations lists.

AWS does not publish when a reputation policy pauses a tenant. The emulator raises a
finding when, at an evaluation tick (every `evaluation_seconds` of the emulator clock), the
tenant's bounce or complaint rate over the last `window_seconds` (at least `minimum_sends`
recipients) reaches a level: LOW impact at SES's account "under review" rates (bounce 5 %,
complaint 0.1 %), HIGH impact at its account "pause" rates (10 %, 0.5 %). `strict` pauses on
any finding, `standard` on HIGH ones, `none` never; a finding is FIXED at the first tick where
the rate is back under LOW, and the SES-managed pause lifts with it. Why those levels: a
tenant policy exists so one tenant is stopped before it takes the account to SES's own review
or pause. Every number is set through `/_ses/control/reputation-policies`
(docs/emulator-sending.md).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass, field
from typing import Any

from . import clock
from .events import iso
from .exceptions import BadRequestException, NotFoundException, SesV2Error
from .local_api import ROUTES, ApiError
from .models import sesv2_extension_backends
from .registry import handles, paginate
from .tenant_model import StatusRecord, Tenant
from .tenant_status_events import publish_status_change

# The SES-managed policies, and the lowest finding impact each pauses a tenant at.
POLICIES = {"none": None, "standard": "HIGH", "strict": "LOW"}
IMPACTS = ("LOW", "HIGH")
RATE_OF = {"BOUNCE": "bounce_rate", "COMPLAINT": "complaint_rate"}


@dataclass
class Thresholds:
    window_seconds: int = 86_400
    evaluation_seconds: int = 3_600
    minimum_sends: int = 100
    bounce_rate: dict[str, float] = field(default_factory=lambda: {"LOW": 0.05, "HIGH": 0.10})
    complaint_rate: dict[str, float] = field(default_factory=lambda: {"LOW": 0.001, "HIGH": 0.005})


@dataclass
class Finding:
    resource_arn: str
    type: str  # BOUNCE | COMPLAINT
    impact: str
    description: str
    created: dt.datetime
    updated: dt.datetime
    status: str = "OPEN"

    def as_json(self) -> dict[str, Any]:
        return {"ResourceArn": self.resource_arn, "Type": self.type,
                "Description": self.description, "Status": self.status,
                "CreatedTimestamp": self.created, "LastUpdatedTimestamp": self.updated,
                "Impact": self.impact}  # fmt: skip


class TenantSendingPaused(SesV2Error):
    code = "SendingPausedException"


def thresholds(backend: Any) -> Thresholds:
    if backend.reputation_thresholds is None:
        backend.reputation_thresholds = Thresholds()
    return backend.reputation_thresholds


# --- evaluation on the emulator clock -------------------------------------------------
def _next_tick(moment: dt.datetime, period: int) -> dt.datetime:
    """The first evaluation tick strictly after `moment` (ticks are multiples of `period`)."""
    seconds = math.floor(moment.timestamp() / period) * period + period
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc)


def catch_up(backend: Any, tenant: Tenant) -> None:
    """Evaluate every tick between the last evaluation and now at which the window's content
    changed (a send entered or left it): the only ticks where a finding can open or close."""
    limits, now = thresholds(backend), clock.now()
    period, window = limits.evaluation_seconds, dt.timedelta(seconds=limits.window_seconds)
    if _next_tick(tenant.evaluated_through, period) > now:
        return  # no tick since the last evaluation (always so while the clock stands still)
    ticks = {_next_tick(moment, period)
             for when, _ in tenant.outcomes for moment in (when, when + window)}  # fmt: skip
    for tick in sorted(t for t in ticks if tenant.evaluated_through < t <= now):
        _evaluate(tenant, limits, tick)
    tenant.evaluated_through = now
    # An outcome whose leaving tick is evaluated can no longer change anything.
    tenant.outcomes = [(when, kind) for when, kind in tenant.outcomes
                       if _next_tick(when + window, period) > now]  # fmt: skip


def catch_up_everywhere() -> None:
    """Evaluate every tenant of every account and Region up to now: called when the clock
    moves, so a pause reaches EventBridge at its tick even if no one asks about the tenant."""
    for regions in list(sesv2_extension_backends.values()):
        for backend in list(regions.values()):
            for tenant in list(backend.tenants.values()):
                catch_up(backend, tenant)


def _evaluate(tenant: Tenant, limits: Thresholds, tick: dt.datetime) -> None:
    start = tick - dt.timedelta(seconds=limits.window_seconds)
    kinds = [kind for when, kind in tenant.outcomes if start <= when < tick]
    for kind, member in RATE_OF.items():
        rate = kinds.count(kind) / len(kinds) if kinds else 0.0
        levels = getattr(limits, member)
        enough = len(kinds) >= limits.minimum_sends
        reached = [impact for impact in IMPACTS if enough and rate >= levels[impact]]
        impact = reached[-1] if reached else None
        found = next((f for f in tenant.findings if f.type == kind and f.status == "OPEN"), None)
        description = (
            f"{kind.capitalize()} rate {rate:.1%} over the last {len(kinds)} recipients "
            f"({limits.window_seconds // 3600} h window)."
        )
        if impact is None:
            if found is not None:
                found.status, found.updated = "FIXED", tick
        elif found is None:
            tenant.findings.append(Finding(tenant.arn, kind, impact, description, tick, tick))
        elif (found.impact, found.description) != (impact, description):
            found.impact, found.description, found.updated = impact, description, tick
    _apply_policy(tenant, tick)


def _apply_policy(tenant: Tenant, moment: dt.datetime) -> None:
    """The SES-managed status the tenant's policy gives for its open findings."""
    pauses_at = POLICIES[tenant.policy]
    pausing = [
        f for f in tenant.findings
        if f.status == "OPEN" and pauses_at is not None
        and IMPACTS.index(f.impact) >= IMPACTS.index(pauses_at)
    ]  # fmt: skip
    status = "DISABLED" if pausing else "ENABLED"
    cause = (
        f"Paused by the {tenant.policy} reputation policy: {pausing[0].type} finding "
        f"({pausing[0].impact} impact). {pausing[0].description}"
        if pausing else None
    )  # fmt: skip
    if (status, cause) != (tenant.ses_status.status, tenant.ses_status.cause):
        _set_status(tenant, "AWS_MANAGED", StatusRecord(status, moment, cause))


def _set_status(tenant: Tenant, origin: str, record: StatusRecord) -> None:
    """Record one of the tenant's two statuses; a new status (not a new cause) goes to
    EventBridge as SES announces it."""
    member = "ses_status" if origin == "AWS_MANAGED" else "customer_status"
    changed = getattr(tenant, member).status != record.status
    setattr(tenant, member, record)
    if changed:
        publish_status_change(tenant, origin, record)


def check_sending(backend: Any, tenant: Tenant) -> None:
    catch_up(backend, tenant)
    if tenant.sending_status == "DISABLED":
        cause = (
            tenant.ses_status.cause or tenant.customer_status.cause or "disabled by the customer"
        )
        raise TenantSendingPaused(f"Sending is paused for tenant <{tenant.name}>: {cause}")


# --- SES v2 operations ----------------------------------------------------------------
def policy_arn(backend: Any, policy: str) -> str:
    return f"arn:aws:ses:{backend.region_name}:aws:reputation-policy/{policy}"


def _entity(backend: Any, reference: str, error=NotFoundException) -> Tenant:
    for tenant in backend.tenants.values():
        if tenant.arn == reference:
            catch_up(backend, tenant)
            return tenant
    raise error(f"Reputation entity <{reference}> does not exist.")


def _entity_json(backend: Any, tenant: Tenant) -> dict[str, Any]:
    impacts = [f.impact for f in tenant.findings if f.status == "OPEN"]
    return {
        "ReputationEntityReference": tenant.arn,
        "ReputationEntityType": "RESOURCE",
        "ReputationManagementPolicy": policy_arn(backend, tenant.policy),
        "CustomerManagedStatus": tenant.customer_status.as_json(),
        "AwsSesManagedStatus": tenant.ses_status.as_json(),
        "SendingStatusAggregate": tenant.sending_status,
        **({"ReputationImpact": max(impacts, key=IMPACTS.index)} if impacts else {}),
    }


@handles("GetReputationEntity")
def get_reputation_entity(backend, params):
    tenant = _entity(backend, params["ReputationEntityReference"])
    return {"ReputationEntity": _entity_json(backend, tenant)}


@handles("ListReputationEntities")
def list_reputation_entities(backend, params):
    filters = params.get("Filter") or {}
    entities = [_entity_json(backend, _entity(backend, t.arn))
                for t in sorted(backend.tenants.values(), key=lambda t: t.name)]  # fmt: skip
    member_of = {"ENTITY_TYPE": "ReputationEntityType", "REPUTATION_IMPACT": "ReputationImpact",
                 "SENDING_STATUS": "SendingStatusAggregate"}  # fmt: skip
    chosen = [
        e for e in entities
        if all(e.get(member_of[k]) == v for k, v in filters.items() if k in member_of)
        and e["ReputationEntityReference"].startswith(filters.get("ENTITY_REFERENCE_PREFIX", ""))
    ]  # fmt: skip
    page, token = paginate(chosen, params)
    return {"ReputationEntities": page, **token}


@handles("UpdateReputationEntityPolicy")
def update_reputation_entity_policy(backend, params):
    tenant = _entity(backend, params["ReputationEntityReference"], BadRequestException)
    wanted = params["ReputationEntityPolicy"]
    chosen = [p for p in POLICIES if policy_arn(backend, p) == wanted]
    if not chosen:
        raise BadRequestException(
            f"Reputation policy <{wanted}> does not exist: use "
            f"{', '.join(policy_arn(backend, p) for p in POLICIES)}."
        )
    tenant.policy = chosen[0]
    _apply_policy(tenant, clock.now())
    return {}


@handles("UpdateReputationEntityCustomerManagedStatus")
def update_customer_managed_status(backend, params):
    tenant = _entity(backend, params["ReputationEntityReference"], BadRequestException)
    status = params["SendingStatus"]
    if status != tenant.customer_status.status:
        _set_status(tenant, "CUSTOMER_MANAGED",
                    StatusRecord(status, clock.now(), "Status manually updated."))  # fmt: skip
    return {}


@handles("ListRecommendations")
def list_recommendations(backend, params):
    filters = params.get("Filter") or {}
    member_of = {"TYPE": "Type", "IMPACT": "Impact", "STATUS": "Status",
                 "RESOURCE_ARN": "ResourceArn"}  # fmt: skip
    findings = []
    for tenant in sorted(backend.tenants.values(), key=lambda t: t.name):
        catch_up(backend, tenant)
        findings += [f.as_json() for f in tenant.findings]
    chosen = [f for f in findings if all(f[member_of[k]] == v for k, v in filters.items())]
    page, token = paginate(chosen, params)
    return {"Recommendations": page, **token}


# --- emulator API ---------------------------------------------------------------------
def _backend(state: Any) -> Any:
    return sesv2_extension_backends[state.account_id][state.region_name]


def _get_thresholds(state, _query, _body) -> dict[str, Any]:
    return {**asdict(thresholds(_backend(state))), "policies": POLICIES}


def _put_thresholds(state, query, body) -> dict[str, Any]:
    current = asdict(thresholds(_backend(state)))
    unknown = sorted(set(body) - set(current))
    if unknown:
        raise ApiError(400, f"unknown setting(s) {', '.join(unknown)}: give {', '.join(current)}")
    for name, value in body.items():
        if name.endswith("_rate"):
            levels = {**current[name], **(value if isinstance(value, dict) else {})}
            rates_ok = (
                isinstance(value, dict)
                and set(value) <= set(IMPACTS)
                and all(
                    isinstance(r, (int, float)) and not isinstance(r, bool) and 0 < r <= 1
                    for r in levels.values()
                )
            )
            if not rates_ok or levels["LOW"] > levels["HIGH"]:
                raise ApiError(
                    400, f"{name} must map LOW and/or HIGH to rates in (0, 1], LOW <= HIGH"
                )
            current[name] = levels
        elif isinstance(value, int) and not isinstance(value, bool) and value > 0:
            current[name] = value
        else:
            raise ApiError(400, f"{name} must be a whole number above 0")
    _backend(state).reputation_thresholds = Thresholds(**current)
    return _get_thresholds(state, query, body)


def _tenants(state, _query, _body) -> dict[str, Any]:
    """Per-tenant counters beside the per-set ones of /_ses/lanes."""
    backend = _backend(state)
    rows = []
    for tenant in sorted(backend.tenants.values(), key=lambda t: t.name):
        catch_up(backend, tenant)
        findings = [
            {**f.as_json(), "CreatedTimestamp": iso(f.created),
             "LastUpdatedTimestamp": iso(f.updated)}
            for f in tenant.findings if f.status == "OPEN"
        ]  # fmt: skip
        rows.append({
            "TenantName": tenant.name,
            "Policy": tenant.policy,
            "SendingStatus": tenant.sending_status,
            "Counts": {k: tenant.counts[k] for k in ("sent", "DELIVERY", "BOUNCE", "COMPLAINT")},
            "OpenFindings": findings,
        })  # fmt: skip
    return {"Tenants": rows}


ROUTES.update({
    ("GET", "/tenants"): _tenants,
    ("GET", "/control/reputation-policies"): _get_thresholds,
    ("PUT", "/control/reputation-policies"): _put_thresholds,
})  # fmt: skip
