"""Building the model from a plan: one pass over `resource_changes`, one builder per type.

Values unknown at plan time are followed through the configuration section to the resource
they refer to; everything source-neutral (indexes, streams, alarms) happens in `linking`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..config import Config
from ..errors import InputError
from ..values import ABSENT, UNKNOWN, Attrs, redact, type_name
from .addresses import module_steps
from .alarms import alarm_from_plan
from .blocks import DESTINATION_BLOCKS, before_reasons, cloudwatch_dimensions
from .configuration import MAX_MODULE_DEPTH, Configuration
from .entities import (
    ConfigurationSet,
    Destination,
    Identity,
    MailFrom,
    Model,
    Pool,
    Resource,
    SendPolicy,
)
from .iam import as_list, document_statements, policy_statements
from .linking import link
from .v1 import v1_configuration_set, v1_destination

ACTIONS = frozenset({"no-op", "create", "read", "update", "delete", "forget"})
SET_TYPES = frozenset({"aws_sesv2_configuration_set", "aws_ses_configuration_set"})


def _repeated(names) -> set:
    seen, repeated = set(), set()
    for name in names:
        if isinstance(name, str):
            (repeated if name in seen else seen).add(name)
    return repeated


def planned_resources(plan: dict):
    """Every resource of the plan's `planned_values` (what checkov scans), module by module."""
    planned = plan.get("planned_values")
    root = planned.get("root_module") if isinstance(planned, dict) else None
    stack = [(root, 0)]
    while stack:
        module, depth = stack.pop()
        if not isinstance(module, dict):
            raise InputError("planned_values modules must be objects")
        if depth > MAX_MODULE_DEPTH:
            raise InputError(f"planned_values nests modules more than {MAX_MODULE_DEPTH} deep")
        yield from (res for res in as_list(module.get("resources")) if isinstance(res, dict))
        stack.extend((child, depth + 1) for child in as_list(module.get("child_modules")))


def model_from_plan(plan: dict, config: Config | None = None) -> Model:
    """Plan dict (see :func:`sesguard.plan.load_plan`) → Model. InputError on bad input."""
    if not isinstance(plan, dict):
        raise InputError(f"plan must be an object, not {type_name(plan)}")
    return PlanBuilder(plan, config or Config.default()).build()


class PlanBuilder:
    """Builds a :class:`Model` from a plan dict in one pass over `resource_changes`."""

    def __init__(self, plan: dict, config: Config) -> None:
        self.plan = plan
        self.configuration = Configuration(plan.get("configuration"))
        self.model = Model(config=config, configuration=self.configuration)
        self.by_module_type: dict[tuple[str, str], list[Resource]] = defaultdict(list)
        # Reference lookups wait until every resource is registered (a set may come
        # before the pool it refers to in resource_changes).
        self.pending: list = []

    # -- pass over the raw JSON ------------------------------------------------
    def build(self) -> Model:
        changes = self.plan.get("resource_changes")
        if changes is None:
            # Plans without resource_changes (rare): every planned resource is a no-op.
            no_op = {"actions": ["no-op"], "before": None}
            changes = [
                {**res, "change": {**no_op, "after": res.get("values")}}
                for res in planned_resources(self.plan)
            ]
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
            "aws_ses_configuration_set": self._v1_set,
            "aws_ses_event_destination": self._v1_destination,
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
        # Two resources may declare one name (a copy-pasted block): then only the
        # configuration's references tell which set a destination or pool belongs to.
        self.shared_names = _repeated(s.name for s in self.model.sets) | _repeated(
            p.name for p in self.model.pools
        )
        for resolve in self.pending:
            resolve()
        link(self.model, self.configuration)
        return self.model

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
        module_steps(module)  # validates it
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

    def referenced(self, res: Resource, path: tuple) -> Resource | None:
        """The resource an attribute's expression refers to (for values unknown at plan)."""
        return self.configuration.referenced(res.module, res.config_address, path, self._find)

    # -- one builder per resource type ----------------------------------------------
    def _set(self, res: Resource) -> None:
        a = res.after
        delivery, reputation, suppression = (
            a.block("delivery_options"),
            a.block("reputation_options"),
            a.block("suppression_options"),
        )
        pool_name = delivery.text("sending_pool_name") if isinstance(delivery, Attrs) else delivery
        if pool_name == "":
            # What the provider reads back for a set without a pool (an imported one keeps it).
            pool_name = None
        reasons = suppression
        if isinstance(suppression, Attrs):
            reasons = suppression.strings("suppressed_reasons")
            if reasons is None:
                reasons = ABSENT  # a block with null reasons behaves like no block
        sending = a.block("sending_options")
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
            suppressed_before=before_reasons(res.before),
            max_delivery_seconds=(
                delivery.number("max_delivery_seconds") if isinstance(delivery, Attrs) else delivery
            ),
            sending_enabled=(
                sending.flag("sending_enabled") if isinstance(sending, Attrs) else sending
            ),
        )

        def resolve_pool() -> None:
            if pool_name is not UNKNOWN and pool_name not in self.shared_names:
                return
            target = self.referenced(res, ("delivery_options", 0, "sending_pool_name"))
            if target is not None and target.type == "aws_sesv2_dedicated_ip_pool":
                config_set.pool = target  # replaced by the Pool entity in linking

        if pool_name is not None and pool_name is not ABSENT:
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
            kind = topic_arn = None
        else:
            enabled = dest.flag("enabled")
            raw_types = dest.strings("matching_event_types")
            types = raw_types if raw_types is UNKNOWN else frozenset(raw_types or ())
            cloudwatch = cloudwatch_dimensions(dest.block("cloud_watch_destination"))
            sns = dest.blocks("sns_destination") is not ABSENT
            eventbridge = dest.blocks("event_bridge_destination") is not ABSENT
            present = (k for b, k in DESTINATION_BLOCKS.items() if isinstance(dest.blocks(b), list))
            kind = next(present, None)
            topic = dest.block("sns_destination")
            topic_arn = topic.text("topic_arn") if isinstance(topic, Attrs) else None
        destination = Destination(
            res,
            set_name=a.text("configuration_set_name"),
            enabled=enabled,
            event_types=types,
            cloudwatch=cloudwatch,
            sns=sns,
            eventbridge=eventbridge,
            name=a.text("event_destination_name"),
            kind=kind,
            topic_arn=topic_arn,
        )
        self._follow_set_reference(destination)
        self.model.destinations.append(destination)

    def _follow_set_reference(self, destination: Destination) -> None:
        """A destination whose set name is unknown, or shared by two sets, belongs to the
        set its configuration refers to."""
        res = destination.res

        def resolve_set() -> None:
            if destination.set_name is not UNKNOWN and destination.set_name not in (
                self.shared_names
            ):
                return
            target = self.referenced(res, ("configuration_set_name",))
            if target is not None and target.type in SET_TYPES:
                destination.config_set = target  # replaced by the entity in linking

        self.pending.append(resolve_set)

    def _alarm(self, res: Resource) -> None:
        self.model.alarms.append(alarm_from_plan(res, self.configuration))

    def _identity(self, res: Resource) -> None:
        a = res.after
        identity = Identity(res, a.text("email_identity"), a.text("configuration_set_name"))
        self.model.identities.append(identity)

    def _mail_from(self, res: Resource) -> None:
        a = res.after
        self.model.mail_froms.append(
            MailFrom(
                res,
                a.text("email_identity"),
                a.text("mail_from_domain"),
                a.text("behavior_on_mx_failure"),
            )
        )

    def _policy(self, res: Resource) -> None:
        document = res.after.text("policy")
        if document is ABSENT or document is None:
            return
        if isinstance(document, str):
            statements = policy_statements(document)
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
            statements = policy_statements(document) if isinstance(document, str) else None
            if statements is not None:
                self.model.policies.append(SendPolicy(res, statements))

    def _policy_document(self, res: Resource) -> None:
        self.model.policies.append(SendPolicy(res, document_statements(res.after)))

    def _v1_set(self, res: Resource) -> None:
        self.model.v1.append(res)
        self.model.sets.append(v1_configuration_set(res))

    def _v1_destination(self, res: Resource) -> None:
        self.model.v1.append(res)
        destination = v1_destination(res)
        self._follow_set_reference(destination)
        self.model.destinations.append(destination)

    def _ip_assignment(self, res: Resource) -> None:
        self.model.ip_assignments.append((res, res.after.text("destination_pool_name")))

    def _find(self, module: str, local: str, index: str) -> Resource | None:
        """The resource a reference in `module` names (the configuration's lookup)."""
        full = f"{module}.{local}{index}" if module else f"{local}{index}"
        found = self.model.resources.get(full)
        if found is None and not index:
            # `aws_x.y` in a for_each/count module names the one instance, if only one exists.
            kind = local.removeprefix("data.").split(".")[0]
            candidates = [
                r for r in self.by_module_type.get((module, kind), []) if r.address.startswith(full)
            ]
            found = candidates[0] if len(candidates) == 1 else None
        return found
