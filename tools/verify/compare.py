"""Plan vs live: every planned SES/alarm setting the live configuration lacks.

The plan is read by the gate's model (`model_from_plan`), the account by the audit's
(`read_live`), so a value unknown until apply is skipped the way the rules skip it.
"""

from __future__ import annotations

from typing import Any

from sesguard.model import Model, model_from_plan
from sesguard.model.entities import Entity, Resource
from sesguard.values import ABSENT, UNKNOWN

from .live import Identity, LiveConfiguration


def differences(plan: dict[str, Any], live: LiveConfiguration) -> list[str]:
    """Every planned SES/alarm setting (known at plan time) that the live configuration lacks.

    `plan` is `terraform show -json` of the plan that was applied; an empty list means
    the live configuration is exactly what the reviewer saw in the plan.
    """
    model = model_from_plan(plan)
    planned = _entities_by_address(model)
    found: list[str] = []
    for res in _checked(model):
        check = _CHECKS[res.type]
        try:
            found += [f"{res.address}: {p}" for p in check(planned.get(res.address, res), live)]
        except KeyError as missing:
            found.append(f"{res.address}: {missing.args[0]} is missing from the emulator")
    return found


def checked_changes(plan: dict[str, Any]) -> list[Resource]:
    """The planned resources `differences` compares with the live configuration."""
    return _checked(model_from_plan(plan))


def _checked(model: Model) -> list[Resource]:
    return [
        res
        for res in model.resources.values()
        if not res.data
        and res.type in _CHECKS
        and res.after is not None
        and {"create", "update", "no-op"} & set(res.actions)
    ]


def _entities_by_address(model: Model) -> dict[str, Entity]:
    return {entity.address: entity for entities in model.entities().values() for entity in entities}


def _known(value: Any) -> Any:
    """A planned value, None when the plan leaves it unset or Terraform learns it at apply."""
    return None if value is UNKNOWN or value is ABSENT else value


def _compare(label: str, planned: Any, actual: Any) -> list[str]:
    if planned is None or planned == actual:
        return []
    return [f"{label}: planned {planned!r}, live {actual!r}"]


def _check_set(config_set, live: LiveConfiguration) -> list[str]:
    stream = live.stream(config_set.name)
    reasons = config_set.suppressed_reasons
    return [
        *_compare("tls_policy", _known(config_set.tls_policy), stream.tls_policy),
        # The provider records an unset pool as "" and an unset limit as 0.
        *_compare("sending_pool_name", _known(config_set.pool_name) or None, stream.pool),
        *_compare(
            "max_delivery_seconds",
            _known(config_set.max_delivery_seconds) or None,
            stream.max_delivery_seconds,
        ),
        *_compare(
            "reputation_metrics_enabled",
            _known(config_set.reputation_metrics),
            stream.reputation_metrics,
        ),
        *_compare("sending_enabled", _known(config_set.sending_enabled), stream.sending_enabled),
        # Reasons known only at apply cannot be compared; ABSENT (inherit) can.
        *([] if reasons is UNKNOWN else _suppression(_known(reasons), stream.suppressed_reasons)),
    ]


def _suppression(planned, live: list[str] | None) -> list[str]:
    # None (block absent: inherits the account) and [] (suppression off) differ.
    planned_sorted = None if planned is None else sorted(planned)
    live_sorted = None if live is None else sorted(live)
    if planned_sorted == live_sorted:
        return []
    return [f"suppressed_reasons: planned {planned_sorted!r}, live {live_sorted!r}"]


def _check_destination(destination, live: LiveConfiguration) -> list[str]:
    stream = live.stream(destination.set_name)
    name = destination.name
    matches = [d for d in stream.destinations if d.name == name]
    if not matches:
        raise KeyError(f"event destination {name}")
    actual = matches[0]
    types = destination.event_types
    problems = [
        *_compare("type", destination.kind, actual.kind),
        *_compare("enabled", bool(destination.enabled), actual.enabled),
        *_compare(
            "matching_event_types",
            sorted(types) if isinstance(types, frozenset) else [],
            sorted(actual.event_types),
        ),
    ]
    dimensions = destination.cloudwatch if isinstance(destination.cloudwatch, tuple) else ()
    if dimensions:
        planned_dimensions = {d.name: d.default for d in dimensions}
        problems += _compare("dimensions", planned_dimensions, actual.dimensions)
        sources = {d.name: _known(d.source) for d in dimensions}
        problems += _compare("dimension_value_source", sources, actual.dimension_sources)
    # Usually unknown at plan time (the topic is created in the same apply); then skipped.
    problems += _compare("sns topic_arn", _known(destination.topic_arn), actual.topic_arn)
    return problems


def _check_pool(pool, live: LiveConfiguration) -> list[str]:
    if pool.name not in live.pools:
        raise KeyError(f"dedicated IP pool {pool.name}")
    return _compare("scaling_mode", _known(pool.scaling_mode), live.pools[pool.name])


def _check_alarm(alarm, live: LiveConfiguration) -> list[str]:
    actual = live.alarms[alarm.name]
    metrics = {m.query_id: _known(m.name) for m in alarm.metrics if m.query_id}
    actions = alarm.actions
    return [
        *_compare("threshold", _known(alarm.threshold), actual.threshold),
        *_compare("comparison_operator", _known(alarm.comparison), actual.comparison),
        *_compare("expression", _known(alarm.expression), actual.expression),
        *_compare("metrics", metrics or None, actual.metrics),
        *_compare(
            "alarm_actions",
            sorted(actions) or None if isinstance(actions, tuple) else None,
            sorted(actual.actions),
        ),
        *_compare_metric_stats(_planned_metric_stats(alarm), actual.metric_stats),
    ]


def _planned_metric_stats(alarm) -> dict[str, dict[str, Any]]:
    """The plan's side of `Alarm.metric_stats`: each metric the alarm reads, by query id."""
    return {
        m.query_id: {
            "namespace": _known(m.namespace),
            "metric_name": _known(m.name),
            "dimensions": m.dimensions if isinstance(m.dimensions, dict) else {},
            "period": _known(m.period),
            "stat": _known(m.stat),
        }
        for m in alarm.metrics
    }


def _compare_metric_stats(
    planned: dict[str, dict[str, Any]], live: dict[str, dict[str, Any]]
) -> list[str]:
    problems = []
    for query_id, fields in planned.items():
        actual = live.get(query_id, {})
        label = f"metric {query_id}" if query_id else "metric"
        for name, value in fields.items():
            problems += _compare(f"{label} {name}", value, actual.get(name))
    return problems


def _identity(live: LiveConfiguration, name: str) -> Identity:
    for identity in live.identities:
        if identity.name == name:
            return identity
    raise KeyError(f"identity {name}")


def _check_identity(identity, live: LiveConfiguration) -> list[str]:
    actual = _identity(live, identity.identity)
    return _compare(
        "configuration_set_name", _known(identity.default_set), actual.default_configuration_set
    )


def _check_mail_from(mail_from, live: LiveConfiguration) -> list[str]:
    actual = _identity(live, mail_from.identity)
    return [
        *_compare("mail_from_domain", _known(mail_from.domain), actual.mail_from_domain),
        *_compare(
            "behavior_on_mx_failure",
            _known(mail_from.behavior_on_mx_failure),
            actual.behavior_on_mx_failure,
        ),
    ]


def _check_account(res: Resource, live: LiveConfiguration) -> list[str]:
    # The account's settings are no entity of the model: read from the resource's values.
    reasons = res.after.strings("suppressed_reasons")
    return _compare(
        "suppressed_reasons",
        sorted(reasons) if isinstance(reasons, tuple) else [],
        sorted(live.account_suppressed_reasons),
    )


_CHECKS = {
    "aws_sesv2_configuration_set": _check_set,
    "aws_sesv2_configuration_set_event_destination": _check_destination,
    "aws_sesv2_dedicated_ip_pool": _check_pool,
    "aws_cloudwatch_metric_alarm": _check_alarm,
    "aws_sesv2_email_identity": _check_identity,
    "aws_sesv2_email_identity_mail_from_attributes": _check_mail_from,
    "aws_sesv2_account_suppression_attributes": _check_account,
}
