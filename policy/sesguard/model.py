"""The plan model: one pass over the plan JSON builds typed, indexed SES objects.

Rules read only this model. Everything they look up is a dict access; nothing here
or in a rule loops over every set × every alarm (SPEC §7).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .config import Config
from .errors import InputError
from .values import ABSENT, UNKNOWN, Attrs, is_set, redact, type_name

ACTIONS = frozenset({"no-op", "create", "read", "update", "delete", "forget"})
DEFAULT_POOL = "ses-default-dedicated-pool"
STREAM_MODULE_SOURCE = "ses_stream"
STREAM_INPUTS = ("stream", "stream_name", "name")
CLASS_INPUTS = ("class", "stream_class")
CLASS_TAGS = ("class", "stream_class", "ses:class")
# Words in a name or tag that give a stream its class (SPEC §6).
CLASS_KEYWORDS = {
    "transactional": ("transactional",),
    "marketing": ("marketing",),
    "bulk-notifications": ("bulk", "notification"),
}
# CloudWatch metric (namespace AWS/SES) → the SES event type that produces it.
METRIC_EVENTS = {
    "Send": "SEND",
    "Reject": "REJECT",
    "Bounce": "BOUNCE",
    "Complaint": "COMPLAINT",
    "Delivery": "DELIVERY",
    "Open": "OPEN",
    "Click": "CLICK",
    "Rendering Failures": "RENDERING_FAILURE",
    "RenderingFailure": "RENDERING_FAILURE",
    "DeliveryDelay": "DELIVERY_DELAY",
    "Subscription": "SUBSCRIPTION",
}
# Alarm kind → (the count a rate divides, the rate SES itself publishes).
RATE_METRICS = {
    "bounce": ("Bounce", "Reputation.BounceRate"),
    "complaint": ("Complaint", "Reputation.ComplaintRate"),
}
# A count is a rate only when divided by the volume sent.
VOLUME_METRICS = frozenset({"Send", "Delivery"})
_MODULE_STEP = re.compile(r'module\.([A-Za-z0-9_-]+)((?:\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?)')
_PERCENT = re.compile(r"\*\s*100(?:\.0*)?\b|\b100(?:\.0*)?\s*\*")


@dataclass(eq=False)
class Resource:
    address: str
    type: str
    name: str
    module: str  # module instance address, "" for the root module
    actions: tuple[str, ...]
    before: dict | None
    after: Attrs | None  # None when the change deletes the resource
    data: bool = False  # a data source

    @property
    def config_address(self) -> str:
        """Its address in the `configuration` section: no module, no count/for_each key."""
        return f"{'data.' if self.data else ''}{self.type}.{self.name}"

    @property
    def live(self) -> bool:
        """It exists now (the change has a `before`), so mail may depend on it."""
        return self.before is not None

    @property
    def replaced(self) -> bool:
        return "delete" in self.actions and "create" in self.actions

    @property
    def deleted(self) -> bool:
        return self.actions == ("delete",)


@dataclass(eq=False)
class Entity:
    res: Resource

    @property
    def address(self) -> str:
        return self.res.address


@dataclass(eq=False)
class Pool(Entity):
    name: Any
    scaling_mode: Any


@dataclass(eq=False)
class ConfigurationSet(Entity):
    name: Any
    tags: Any
    pool_name: Any  # str | None | ABSENT | UNKNOWN
    tls_policy: Any
    reputation_metrics: Any
    suppressed_reasons: Any  # tuple | ABSENT (block absent: inherits the account) | UNKNOWN
    suppressed_before: Any
    pool: Pool | None = None  # the pool resource it names (by name or by reference)
    stream: Stream | None = None


@dataclass(frozen=True)
class Dimension:
    name: Any
    source: Any
    default: Any


@dataclass(eq=False)
class Destination(Entity):
    set_name: Any
    enabled: Any
    event_types: Any  # frozenset | UNKNOWN
    cloudwatch: Any  # tuple[Dimension] | None (no CloudWatch block) | UNKNOWN
    sns: bool
    eventbridge: bool
    config_set: ConfigurationSet | None = None


@dataclass(frozen=True)
class Metric:
    namespace: Any
    name: Any
    dimensions: Any  # dict | UNKNOWN


@dataclass(eq=False)
class Alarm(Entity):
    name: Any
    metrics: tuple[Metric, ...]
    expression: Any
    threshold: Any
    comparison: Any
    has_actions: Any  # bool | UNKNOWN
    # The series the alarm evaluates is a raw SES count (return_data on a metric, not on
    # the division): it fires on volume, whatever the other queries compute.
    returns_count: bool = False
    stream: Stream | None = None

    @property
    def percent(self) -> bool:
        """Metric math such as `100 * bounce / send` makes the threshold a percentage."""
        return isinstance(self.expression, str) and bool(_PERCENT.search(self.expression))

    @property
    def metric_dimensions(self) -> Any:
        """UNKNOWN when any metric's dimensions are known only after apply (SES014)."""
        dims = tuple(m.dimensions for m in self.metrics)
        return UNKNOWN if UNKNOWN in dims else dims

    def kinds(self) -> set[str]:
        names = {m.name for m in self.metrics if m.namespace == "AWS/SES"}
        if self.returns_count:
            return set()
        divided = bool(names & VOLUME_METRICS)
        return {
            kind
            for kind, (count, rate) in RATE_METRICS.items()
            if rate in names or (divided and count in names)
        }


@dataclass(eq=False)
class Identity(Entity):
    identity: Any
    default_set: Any


@dataclass(eq=False)
class MailFrom(Entity):
    identity: Any
    domain: Any


@dataclass(frozen=True)
class Statement:
    """One IAM statement. `not_actions`/`not_resources` non-empty: Allow grants everything
    *except* what they list."""

    effect: Any
    actions: Any  # tuple | UNKNOWN
    resources: Any  # tuple | UNKNOWN
    not_actions: tuple = ()
    not_resources: tuple = ()


@dataclass(eq=False)
class SendPolicy(Entity):
    statements: Any  # list[Statement] | UNKNOWN


@dataclass(eq=False)
class Stream:
    name: str
    class_name: str | None
    class_source: str
    module: str | None = None  # module instance of a ses_stream call
    declared: bool = False
    shared_pool: bool = False
    sets: list[ConfigurationSet] = field(default_factory=list)
    alarms: list[Alarm] = field(default_factory=list)

    @property
    def address(self) -> str | None:
        if self.sets:
            return self.sets[0].address
        return self.module


@dataclass
class Model:
    config: Config
    resources: dict[str, Resource] = field(default_factory=dict)
    sets: list[ConfigurationSet] = field(default_factory=list)
    pools: list[Pool] = field(default_factory=list)
    destinations: list[Destination] = field(default_factory=list)
    alarms: list[Alarm] = field(default_factory=list)
    identities: list[Identity] = field(default_factory=list)
    mail_froms: list[MailFrom] = field(default_factory=list)
    policies: list[SendPolicy] = field(default_factory=list)
    v1: list[Resource] = field(default_factory=list)
    ip_assignments: list[tuple[Resource, Any]] = field(default_factory=list)
    streams: dict[str, Stream] = field(default_factory=dict)
    # Indexes (built once in link()).
    sets_by_name: dict[str, list[ConfigurationSet]] = field(default_factory=dict)
    pools_by_name: dict[str, Pool] = field(default_factory=dict)
    destinations_by_set: dict[int, list[Destination]] = field(default_factory=dict)
    # (event type, frozenset of (dimension, default value)) → destinations publishing it
    published: dict[tuple, list[Destination]] = field(default_factory=dict)
    set_module_streams: dict[str, Stream] = field(default_factory=dict)
    # Destinations whose set name is unknown and could not be followed to a set: any set
    # might be theirs, so "this set has no destination" cannot be said for certain.
    orphan_destinations: list[Destination] = field(default_factory=list)
    # Streams with a destination whose content is unknown until apply.
    streams_with_unknown_destinations: set[str] = field(default_factory=set)

    def entities(self) -> dict[str, list]:
        return {
            "ConfigurationSet": self.sets,
            "Pool": self.pools,
            "Destination": self.destinations,
            "Alarm": self.alarms,
            "Identity": self.identities,
            "MailFrom": self.mail_froms,
            "SendPolicy": self.policies,
        }

    def destinations_of(self, config_set: ConfigurationSet) -> list[Destination]:
        return self.destinations_by_set.get(id(config_set), [])

    def stream_of_set_name(self, name: Any) -> Stream | None:
        found = self.sets_by_name.get(name) if isinstance(name, str) else None
        return found[0].stream if found else None


# --------------------------------------------------------------------------- parsing


@lru_cache(maxsize=4096)
def _module_steps(module: str) -> tuple[tuple[str, str], ...]:
    """`module.a["x"].module.b[0]` → [("a", '["x"]'), ("b", "[0]")]."""
    steps, pos = [], 0
    while pos < len(module):
        match = _MODULE_STEP.match(module, pos)
        if not match:
            raise InputError(f"resource module address {module!r} is malformed")
        steps.append((match.group(1), match.group(2)))
        pos = match.end() + (1 if module[match.end() : match.end() + 1] == "." else 0)
    return tuple(steps)


def _instance_key(index: str) -> str | None:
    if index.startswith('["'):
        return index[2:-2].replace('\\"', '"')
    return None


class _Configuration:
    """The `configuration` section, indexed by module path (call names, no instance keys)."""

    def __init__(self, doc: Any) -> None:
        self.resources: dict[tuple, dict] = {}
        self.calls: dict[tuple, dict] = {}
        root = doc.get("root_module") if isinstance(doc, dict) else None
        if isinstance(root, dict):
            self._walk(root, (), 0)

    def _walk(self, module: dict, path: tuple, depth: int) -> None:
        if depth > 32:
            raise InputError("plan configuration nests modules more than 32 deep")
        resources = module.get("resources")
        if resources is not None and not isinstance(resources, list):
            raise InputError("configuration resources must be an array")
        for res in resources or []:
            if isinstance(res, dict) and isinstance(res.get("address"), str):
                exprs = res.get("expressions")
                self.resources[path + (res["address"],)] = exprs if isinstance(exprs, dict) else {}
        calls = module.get("module_calls")
        calls = {} if calls is None else calls
        if not isinstance(calls, dict):
            raise InputError("configuration module_calls must be an object")
        for name, call in calls.items():
            if not isinstance(call, dict):
                raise InputError(f"configuration module_calls.{name} must be an object")
            self.calls[path + (name,)] = call
            child = call.get("module")
            if isinstance(child, dict):
                self._walk(child, path + (name,), depth + 1)

    def expression(self, module: str, local_address: str, path: tuple) -> Any:
        steps = tuple(name for name, _ in _module_steps(module))
        node: Any = self.resources.get(steps + (local_address,))
        for key in path:
            if isinstance(key, int):
                node = node[key] if isinstance(node, list) and key < len(node) else None
            else:
                node = node.get(key) if isinstance(node, dict) else None
        return node if isinstance(node, dict) else None

    def call(self, module: str) -> dict | None:
        steps = tuple(name for name, _ in _module_steps(module))
        return self.calls.get(steps) if steps else None


_REF = re.compile(r"^((?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)((?:\[[^\]]+\])?)")


class Builder:
    """Builds a :class:`Model` from a plan dict in one pass over `resource_changes`."""

    def __init__(self, plan: dict, config: Config) -> None:
        self.plan = plan
        self.model = Model(config=config)
        self.configuration = _Configuration(plan.get("configuration"))
        self.by_module_type: dict[tuple[str, str], list[Resource]] = defaultdict(list)
        # Reference lookups wait until every resource is registered (a set may come
        # before the pool it refers to in resource_changes).
        self.pending: list = []

    # -- pass over the raw JSON ------------------------------------------------
    def build(self) -> Model:
        changes = self.plan.get("resource_changes")
        if changes is None:
            changes = list(self._planned_values())
        if not isinstance(changes, list):
            raise InputError(f"plan resource_changes must be an array, not {type_name(changes)}")
        builders = {
            "aws_sesv2_configuration_set": self._set,
            "aws_sesv2_dedicated_ip_pool": self._pool,
            "aws_sesv2_configuration_set_event_destination": self._destination,
            "aws_cloudwatch_metric_alarm": self._alarm,
            "aws_sesv2_email_identity": self._identity,
            "aws_sesv2_email_identity_mail_from_attributes": self._mail_from,
            "aws_iam_policy": self._policy,
            "aws_iam_role_policy": self._policy,
            "aws_iam_user_policy": self._policy,
            "aws_iam_group_policy": self._policy,
            "aws_iam_role": self._role_inline_policies,
            "aws_iam_policy_document": self._policy_document,
            "aws_ses_configuration_set": self._v1,
            "aws_ses_event_destination": self._v1,
            "aws_sesv2_dedicated_ip_assignment": self._ip_assignment,
        }
        for i, change in enumerate(changes):
            res = self._resource(change, i)
            self.model.resources[res.address] = res
            self.by_module_type[(res.module, res.type)].append(res)
            build = builders.get(res.type)
            # A deleted resource has no `after`: only SES013 cares, and it reads `resources`.
            if build is not None and res.after is not None:
                build(res)
        self._link()
        return self.model

    def _planned_values(self):
        """Plans without resource_changes (rare): treat every planned resource as no-op."""
        planned = self.plan.get("planned_values")
        root = planned.get("root_module") if isinstance(planned, dict) else None
        stack = [(root, 0)]
        while stack:
            module, depth = stack.pop()
            if not isinstance(module, dict):
                raise InputError("planned_values modules must be objects")
            if depth > 32:
                raise InputError("planned_values nests modules more than 32 deep")
            for res in _as_list(module.get("resources")):
                if isinstance(res, dict):
                    yield {
                        **res,
                        "change": {
                            "actions": ["no-op"],
                            "before": None,
                            "after": res.get("values"),
                        },
                    }
            stack.extend((child, depth + 1) for child in _as_list(module.get("child_modules")))

    def _resource(self, change: Any, i: int) -> Resource:
        where = f"resource_changes[{i}]"
        if not isinstance(change, dict):
            raise InputError(f"{where} must be an object, not {type_name(change)}")
        address, rtype, name = change.get("address"), change.get("type"), change.get("name")
        for key, value in (("address", address), ("type", rtype), ("name", name)):
            if not isinstance(value, str) or not value:
                raise InputError(f"{where}.{key} must be a non-empty string")
        module = change.get("module_address", "")
        if not isinstance(module, str):
            raise InputError(f"{where}.module_address must be a string")
        _module_steps(module)  # validates it
        body = change.get("change")
        if not isinstance(body, dict):
            raise InputError(f"{address}: change must be an object")
        actions = body.get("actions")
        if (
            not isinstance(actions, list)
            or not actions
            or not all(isinstance(a, str) and a in ACTIONS for a in actions)
        ):
            raise InputError(f"{address}: change.actions must list actions from {sorted(ACTIONS)}")
        before, after = body.get("before"), body.get("after")
        if before is not None and not isinstance(before, dict):
            raise InputError(f"{address}: change.before must be an object or null")
        if after is not None and not isinstance(after, dict):
            raise InputError(f"{address}: change.after must be an object or null")
        unknown = body.get("after_unknown")
        if unknown is not None and not isinstance(unknown, (dict, bool)):
            raise InputError(f"{address}: change.after_unknown must be an object")
        marks = body.get("before_sensitive")
        if isinstance(before, dict) and isinstance(marks, dict):
            before = {k: redact(v, marks.get(k)) for k, v in before.items()}
        view = (
            Attrs(after, unknown, address, body.get("after_sensitive"))
            if after is not None
            else None
        )
        return Resource(
            address, rtype, name, module, tuple(actions), before, view, change.get("mode") == "data"
        )

    # -- reference resolution ------------------------------------------------------
    def referenced(self, res: Resource, path: tuple, depth: int = 0) -> Resource | None:
        """The resource an attribute's expression refers to (for values unknown at plan)."""
        expr = self.configuration.expression(res.module, res.config_address, path)
        return self._follow(expr, res.module, depth)

    def _follow(self, expr: Any, module: str, depth: int) -> Resource | None:
        if not isinstance(expr, dict) or depth > 8:
            return None
        for ref in expr.get("references") or []:
            if not isinstance(ref, str):
                continue
            if ref.startswith("var."):
                return self._follow_variable(ref[4:].split(".")[0], module, depth)
            match = _REF.match(ref)
            if not match or ref.split(".")[0] in {"each", "count", "local", "path", "module"}:
                continue
            local = match.group(1) + match.group(2)
            full = f"{module}.{local}" if module else local
            found = self.model.resources.get(full)
            if found is None and not match.group(2):
                kind = match.group(1).removeprefix("data.").split(".")[0]
                candidates = [
                    r
                    for r in self.by_module_type.get((module, kind), [])
                    if r.address.startswith(full)
                ]
                found = candidates[0] if len(candidates) == 1 else None
            if found is not None:
                return found
        return None

    def _follow_variable(self, variable: str, module: str, depth: int) -> Resource | None:
        if not module:
            return None
        call = self.configuration.call(module)
        exprs = call.get("expressions") if call else None
        parent = module[: module.rfind(".module.")] if ".module." in module else ""
        expr = exprs.get(variable) if isinstance(exprs, dict) else None
        return self._follow(expr, parent, depth + 1)

    # -- one builder per resource type ----------------------------------------------
    def _set(self, res: Resource) -> None:
        a = res.after
        delivery, reputation, suppression = (
            a.block("delivery_options"),
            a.block("reputation_options"),
            a.block("suppression_options"),
        )
        pool_name = delivery.text("sending_pool_name") if isinstance(delivery, Attrs) else delivery
        reasons = suppression
        if isinstance(suppression, Attrs):
            reasons = suppression.strings("suppressed_reasons")
            if reasons is None:
                reasons = ABSENT  # a block with null reasons behaves like no block
        config_set = ConfigurationSet(
            res,
            name=a.text("configuration_set_name"),
            tags=a.mapping("tags"),
            pool_name=pool_name,
            tls_policy=delivery.text("tls_policy") if isinstance(delivery, Attrs) else delivery,
            reputation_metrics=(
                reputation.flag("reputation_metrics_enabled")
                if isinstance(reputation, Attrs)
                else reputation
            ),
            suppressed_reasons=reasons,
            suppressed_before=_before_reasons(res.before),
        )
        if pool_name is UNKNOWN:

            def resolve_pool() -> None:
                target = self.referenced(res, ("delivery_options", 0, "sending_pool_name"))
                if target is not None and target.type == "aws_sesv2_dedicated_ip_pool":
                    config_set.pool = target  # replaced by the Pool entity in _link

            self.pending.append(resolve_pool)
        self.model.sets.append(config_set)

    def _pool(self, res: Resource) -> None:
        a = res.after
        self.model.pools.append(Pool(res, a.text("pool_name"), a.text("scaling_mode")))

    def _destination(self, res: Resource) -> None:
        a = res.after
        dest = a.block("event_destination")
        if not isinstance(dest, Attrs):
            enabled = types = cloudwatch = UNKNOWN if dest is UNKNOWN else None
            types = types if types is UNKNOWN else frozenset()
            sns = eventbridge = False
        else:
            enabled = dest.flag("enabled")
            raw_types = dest.strings("matching_event_types")
            types = raw_types if raw_types is UNKNOWN else frozenset(raw_types or ())
            cloudwatch = _cloudwatch_dimensions(dest.block("cloud_watch_destination"))
            sns = dest.blocks("sns_destination") is not ABSENT
            eventbridge = dest.blocks("event_bridge_destination") is not ABSENT
        destination = Destination(
            res,
            set_name=a.text("configuration_set_name"),
            enabled=enabled,
            event_types=types,
            cloudwatch=cloudwatch,
            sns=sns,
            eventbridge=eventbridge,
        )
        if destination.set_name is UNKNOWN:

            def resolve_set() -> None:
                target = self.referenced(res, ("configuration_set_name",))
                if target is not None and target.type == "aws_sesv2_configuration_set":
                    destination.config_set = target  # replaced by the entity in _link

            self.pending.append(resolve_set)
        self.model.destinations.append(destination)

    def _alarm(self, res: Resource) -> None:
        a = res.after
        metrics, expression, returns_count = [], None, False
        if is_set(a.text("metric_name")):
            metrics.append(
                Metric(a.text("namespace"), a.text("metric_name"), a.mapping("dimensions"))
            )
        queries = a.blocks("metric_query")
        for query in queries if isinstance(queries, list) else []:
            if query.flag("return_data") is True and is_set(query.text("expression")):
                expression = query.text("expression")
            metric = query.block("metric")
            if isinstance(metric, Attrs):
                metrics.append(
                    Metric(
                        metric.text("namespace"),
                        metric.text("metric_name"),
                        metric.mapping("dimensions"),
                    )
                )
                if query.flag("return_data") is True and metrics[-1].name in METRIC_EVENTS:
                    returns_count = True
        actions = a.strings("alarm_actions")
        if actions is UNKNOWN:
            # `alarm_actions = [aws_sns_topic.x.arn]` is unknown until apply, but the
            # configuration shows it names a resource: the alarm will have an action.
            expr = self.configuration.expression(res.module, res.config_address, ("alarm_actions",))
            has_actions = True if expr and expr.get("references") else UNKNOWN
        else:
            has_actions = bool(actions) if is_set(actions) else False
        if a.flag("actions_enabled") is False:
            has_actions = False  # CloudWatch keeps the actions but never runs them
        self.model.alarms.append(
            Alarm(
                res,
                name=a.text("alarm_name"),
                metrics=tuple(metrics),
                expression=expression,
                threshold=a.number("threshold"),
                comparison=a.text("comparison_operator"),
                has_actions=has_actions,
                returns_count=returns_count,
            )
        )

    def _identity(self, res: Resource) -> None:
        a = res.after
        identity = Identity(res, a.text("email_identity"), a.text("configuration_set_name"))
        self.model.identities.append(identity)

    def _mail_from(self, res: Resource) -> None:
        a = res.after
        self.model.mail_froms.append(
            MailFrom(res, a.text("email_identity"), a.text("mail_from_domain"))
        )

    def _policy(self, res: Resource) -> None:
        document = res.after.text("policy")
        if document is ABSENT or document is None:
            return
        if isinstance(document, str):
            statements = _policy_statements(document)
            if statements is not None:
                self.model.policies.append(SendPolicy(res, statements))
            return

        def resolve_document() -> None:
            source = self.referenced(res, ("policy",))
            if source is None or source.type != "aws_iam_policy_document":
                self.model.policies.append(SendPolicy(res, UNKNOWN))
            # else: that document is its own SendPolicy, checked statement by statement

        self.pending.append(resolve_document)

    def _role_inline_policies(self, res: Resource) -> None:
        blocks = res.after.blocks("inline_policy")
        if blocks is UNKNOWN:
            # Computed (unknown) whenever the role does not set it: only a configured
            # inline_policy is something the gate could not read.
            if self.configuration.expression(res.module, res.config_address, ("inline_policy",)):
                self.model.policies.append(SendPolicy(res, UNKNOWN))
            return
        for block in blocks if isinstance(blocks, list) else []:
            document = block.text("policy")
            statements = _policy_statements(document) if isinstance(document, str) else None
            if statements is not None:
                self.model.policies.append(SendPolicy(res, statements))

    def _policy_document(self, res: Resource) -> None:
        blocks = res.after.blocks("statement")
        statements = []
        for block in blocks if isinstance(blocks, list) else []:
            effect = block.text("effect")
            actions, resources = block.strings("actions"), block.strings("resources")
            if resources is UNKNOWN:
                # Unknown resources come from references to concrete ARNs, never a literal
                # "*"; keep only the known elements.
                raw = block.values.get("resources") or []
                resources = tuple(r for r in raw if isinstance(r, str))
            not_actions, not_resources = (
                block.strings("not_actions"),
                block.strings("not_resources"),
            )
            statements.append(
                Statement(
                    effect if is_set(effect) else "Allow",
                    actions,
                    resources,
                    not_actions if isinstance(not_actions, tuple) else (),
                    not_resources if isinstance(not_resources, tuple) else (),
                )
            )
        self.model.policies.append(SendPolicy(res, statements))

    def _v1(self, res: Resource) -> None:
        self.model.v1.append(res)

    def _ip_assignment(self, res: Resource) -> None:
        self.model.ip_assignments.append((res, res.after.text("destination_pool_name")))

    # -- linking: indexes and streams ----------------------------------------------
    def _link(self) -> None:
        m = self.model
        for resolve in self.pending:
            resolve()
        for pool in m.pools:
            if isinstance(pool.name, str):
                m.pools_by_name[pool.name] = pool
        pools_by_address = {p.address: p for p in m.pools}
        sets_by_address = {}
        for config_set in m.sets:
            sets_by_address[config_set.address] = config_set
            if isinstance(config_set.name, str):
                m.sets_by_name.setdefault(config_set.name, []).append(config_set)
            if isinstance(config_set.pool, Resource):
                config_set.pool = pools_by_address.get(config_set.pool.address)
            elif isinstance(config_set.pool_name, str):
                config_set.pool = m.pools_by_name.get(config_set.pool_name)
        for dest in m.destinations:
            if isinstance(dest.config_set, Resource):
                dest.config_set = sets_by_address.get(dest.config_set.address)
            elif isinstance(dest.set_name, str):
                found = m.sets_by_name.get(dest.set_name)
                dest.config_set = found[0] if found else None
            if dest.config_set is not None:
                m.destinations_by_set.setdefault(id(dest.config_set), []).append(dest)
            elif dest.set_name is UNKNOWN:
                m.orphan_destinations.append(dest)
            if dest.enabled is True and isinstance(dest.cloudwatch, tuple):
                dims = frozenset((d.name, d.default) for d in dest.cloudwatch)
                for event in dest.event_types if isinstance(dest.event_types, frozenset) else ():
                    m.published.setdefault((event, dims), []).append(dest)
        self._streams()
        for dest in m.destinations:
            stream = dest.config_set.stream if dest.config_set is not None else None
            if stream is not None and UNKNOWN in (dest.enabled, dest.event_types, dest.cloudwatch):
                m.streams_with_unknown_destinations.add(stream.name)

    def _module_stream(self, module: str) -> tuple[str | None, str, str] | None:
        """For a resource inside a ses_stream module call: (stream name from the module's
        input when the plan shows it, module instance, a fallback name from its address)."""
        if not module:
            return None
        steps = _module_steps(module)
        prefix_ends = [m.end() for m in _MODULE_STEP.finditer(module)]
        for depth in range(len(steps), 0, -1):
            call = self.configuration.calls.get(tuple(name for name, _ in steps[:depth]))
            source = call.get("source") if call else None
            if not isinstance(source, str) or STREAM_MODULE_SOURCE not in source:
                continue
            call_name, index = steps[depth - 1]
            fallback = _instance_key(index) or call_name
            return (
                _module_input(call, STREAM_INPUTS, index),
                module[: prefix_ends[depth - 1]],
                fallback,
            )
        return None

    def _streams(self) -> None:
        m, config = self.model, self.model.config
        declared_by_set = {
            d.configuration_set: d for d in config.streams.values() if d.configuration_set
        }
        module_cache: dict[str, tuple[str | None, str, str] | None] = {}

        def stream_named(name: str, tag_class: str | None = None) -> Stream:
            stream = m.streams.get(name)
            if stream is None:
                stream = m.streams[name] = Stream(name, *_classify(name, tag_class, config))
            elif tag_class and stream.class_source in ("name", "unknown"):
                # Created before its set was seen (declared, or an earlier set had no tag):
                # a class tag outranks the name (SPEC §6).
                stream.class_name, stream.class_source = _classify(name, tag_class, config)
            return stream

        def module_stream(res: Resource) -> tuple[str | None, str, str] | None:
            if res.module not in module_cache:
                module_cache[res.module] = self._module_stream(res.module)
            return module_cache[res.module]

        for decl in config.streams.values():
            stream = stream_named(decl.name)
            stream.declared, stream.shared_pool = True, decl.shared_pool
        for config_set in m.sets:
            tags = config_set.tags if isinstance(config_set.tags, dict) else {}
            found = module_stream(config_set.res)
            decl = declared_by_set.get(config_set.name)
            if decl is not None:
                name = decl.name
            elif found and found[0]:
                name = found[0]
            elif tags.get("stream"):
                name = tags["stream"]
            elif isinstance(config_set.name, str):
                name = config_set.name
            else:
                name = config_set.address
            tag_class = next((tags[t] for t in CLASS_TAGS if tags.get(t)), None)
            if tag_class is None and found:
                call = self.configuration.call(found[1])
                tag_class = _module_input(call, CLASS_INPUTS, "")
            stream = stream_named(name, tag_class)
            if found:
                stream.module = found[1]
                m.set_module_streams[found[1]] = stream
            stream.sets.append(config_set)
            config_set.stream = stream
        # Stream modules whose configuration set is missing from the plan still count.
        for res in m.resources.values():
            found = module_stream(res) if res.module else None
            if found and found[1] not in m.set_module_streams and res.after is not None:
                stream = stream_named(found[0] or found[2])
                stream.module = found[1]
                m.set_module_streams[found[1]] = stream
        self._attach_alarms()

    def _attach_alarms(self) -> None:
        """Give each stream the alarms whose metrics name it (by dimension, set or module)."""
        m = self.model
        by_dimension_value: dict[str, Stream] = {}
        for stream in m.streams.values():
            by_dimension_value.setdefault(stream.name, stream)
            for config_set in stream.sets:
                for dest in m.destinations_of(config_set):
                    for dim in dest.cloudwatch if isinstance(dest.cloudwatch, tuple) else ():
                        if dim.name == m.config.dimension and isinstance(dim.default, str):
                            by_dimension_value.setdefault(dim.default, stream)
        for alarm in m.alarms:
            stream = None
            for metric in alarm.metrics:
                dims = metric.dimensions if isinstance(metric.dimensions, dict) else {}
                if dims.get(m.config.dimension) in by_dimension_value:
                    stream = by_dimension_value[dims[m.config.dimension]]
                elif "ses:configuration-set" in dims:
                    stream = m.stream_of_set_name(dims["ses:configuration-set"])
                if stream is not None:
                    break
            if stream is None and alarm.res.module:
                stream = m.set_module_streams.get(alarm.res.module)
            if stream is not None:
                stream.alarms.append(alarm)
                alarm.stream = stream


def _module_input(call: dict | None, names: tuple[str, ...], index: str) -> str | None:
    exprs = call.get("expressions") if call else None
    if not isinstance(exprs, dict):
        return None
    for key in names:
        expr = exprs.get(key)
        if not isinstance(expr, dict):
            continue
        if isinstance(expr.get("constant_value"), str):
            return expr["constant_value"]
        if expr.get("references") == ["each.key"]:
            return _instance_key(index)
    return None


def _class_in(text: str, config: Config) -> str | None:
    lowered = text.lower()
    if lowered in config.classes:
        return lowered
    for class_name in config.classes:
        keywords = CLASS_KEYWORDS.get(class_name, (class_name,))
        if any(word in lowered for word in keywords):
            return class_name
    return None


def _classify(name: str, tag_class: str | None, config: Config) -> tuple[str | None, str]:
    """SPEC §6: the gate config, else a class tag (or module input), else the name."""
    decl = config.streams.get(name)
    if decl is not None and decl.class_name:
        return decl.class_name, "config"
    if tag_class and _class_in(tag_class, config):
        return _class_in(tag_class, config), "tag"
    found = _class_in(name, config)
    return (found, "name") if found else (None, "unknown")


def _before_reasons(before: dict | None) -> Any:
    if not isinstance(before, dict):
        return ABSENT
    blocks = before.get("suppression_options")
    if not isinstance(blocks, list) or not blocks or not isinstance(blocks[0], dict):
        return ABSENT
    reasons = blocks[0].get("suppressed_reasons")
    return tuple(reasons) if isinstance(reasons, list) else ABSENT


def _cloudwatch_dimensions(block: Any) -> Any:
    if block is ABSENT:
        return None
    if block is UNKNOWN or block is None:
        return UNKNOWN if block is UNKNOWN else None
    dims = block.blocks("dimension_configuration")
    if dims is UNKNOWN:
        return UNKNOWN
    out = []
    for dim in dims if isinstance(dims, list) else []:
        out.append(
            Dimension(
                dim.text("dimension_name"),
                dim.text("dimension_value_source"),
                dim.text("default_dimension_value"),
            )
        )
    if any(d.name is UNKNOWN or d.default is UNKNOWN for d in out):
        return UNKNOWN
    return tuple(out)


def _as_list(value: Any) -> list:
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def _policy_statements(document: str) -> list | None:
    """The statements of an IAM JSON policy; None if the text is not a policy."""
    import json

    try:
        doc = json.loads(document)
    except (ValueError, RecursionError):
        return None
    if not isinstance(doc, dict):
        return None
    out = []
    for stmt in _as_list(doc.get("Statement")):
        if not isinstance(stmt, dict):
            continue

        def strings(key: str, stmt: dict = stmt) -> tuple:
            return tuple(v for v in _as_list(stmt.get(key)) if isinstance(v, str))

        out.append(
            Statement(
                stmt.get("Effect", "Allow"),
                strings("Action"),
                strings("Resource"),
                strings("NotAction"),
                strings("NotResource"),
            )
        )
    return out


def build_model(plan: dict, config: Config | None = None) -> Model:
    """The one entry point: plan dict (see :func:`sesguard.plan.load_plan`) → Model."""
    if not isinstance(plan, dict):
        raise InputError(f"plan must be an object, not {type_name(plan)}")
    return Builder(plan, config or Config.default()).build()
