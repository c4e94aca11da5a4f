"""Plan vs live: every planned SES/alarm setting the live configuration lacks."""

from __future__ import annotations

from typing import Any

from .live import Identity, LiveConfiguration


def differences(plan: dict[str, Any], live: LiveConfiguration) -> list[str]:
    """Every planned SES/alarm setting (known at plan time) that the live configuration lacks.

    `plan` is `terraform show -json` of the plan that was applied; an empty list means
    the live configuration is exactly what the reviewer saw in the plan.
    """
    found: list[str] = []
    for change in checked_changes(plan):
        check = _CHECKS[change["type"]]
        after = _known(change["change"].get("after") or {}, change["change"].get("after_unknown"))
        try:
            found += [f"{change['address']}: {p}" for p in check(after, live)]
        except KeyError as missing:
            found.append(f"{change['address']}: {missing.args[0]} is missing from the emulator")
    return found


def checked_changes(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """The resource changes `differences` compares with the live configuration."""
    return [
        change
        for change in plan.get("resource_changes", [])
        if change.get("mode") == "managed"
        and change["type"] in _CHECKS
        and {"create", "update", "no-op"} & set(change.get("change", {}).get("actions", []))
    ]


def _known(after: Any, unknown: Any) -> Any:
    """`after` without the values Terraform only learns at apply time."""
    if unknown is True:
        return None
    if isinstance(after, dict):
        unknown = unknown if isinstance(unknown, dict) else {}
        return {
            k: _known(v, unknown.get(k)) for k, v in after.items() if unknown.get(k) is not True
        }
    if isinstance(after, list):
        unknown = unknown if isinstance(unknown, list) else []
        return [_known(v, unknown[i] if i < len(unknown) else None) for i, v in enumerate(after)]
    return after


def _first(block: Any) -> dict[str, Any]:
    return block[0] if isinstance(block, list) and block else {}


def _compare(label: str, planned: Any, actual: Any) -> list[str]:
    if planned is None or planned == actual:
        return []
    return [f"{label}: planned {planned!r}, live {actual!r}"]


def _check_set(after: dict[str, Any], live: LiveConfiguration) -> list[str]:
    stream = live.stream(after["configuration_set_name"])
    delivery = _first(after.get("delivery_options"))
    suppression = after.get("suppression_options")
    planned_reasons = _first(suppression).get("suppressed_reasons", []) if suppression else None
    return [
        *_compare("tls_policy", delivery.get("tls_policy"), stream.tls_policy),
        # The provider records an unset pool as "" and an unset limit as 0.
        *_compare("sending_pool_name", delivery.get("sending_pool_name") or None, stream.pool),
        *_compare(
            "max_delivery_seconds",
            delivery.get("max_delivery_seconds") or None,
            stream.max_delivery_seconds,
        ),
        *_compare(
            "reputation_metrics_enabled",
            _first(after.get("reputation_options")).get("reputation_metrics_enabled"),
            stream.reputation_metrics,
        ),
        *_compare(
            "sending_enabled",
            _first(after.get("sending_options")).get("sending_enabled"),
            stream.sending_enabled,
        ),
        *_suppression(planned_reasons, stream.suppressed_reasons),
    ]


def _suppression(planned: list[str] | None, live: list[str] | None) -> list[str]:
    # None (block absent: inherits the account) and [] (suppression off) differ.
    planned_sorted = None if planned is None else sorted(planned)
    live_sorted = None if live is None else sorted(live)
    if planned_sorted == live_sorted:
        return []
    return [f"suppressed_reasons: planned {planned_sorted!r}, live {live_sorted!r}"]


def _check_destination(after: dict[str, Any], live: LiveConfiguration) -> list[str]:
    stream = live.stream(after["configuration_set_name"])
    name = after["event_destination_name"]
    matches = [d for d in stream.destinations if d.name == name]
    if not matches:
        raise KeyError(f"event destination {name}")
    destination, planned = matches[0], _first(after.get("event_destination"))
    kinds = {
        "cloud_watch_destination": "cloudwatch",
        "sns_destination": "sns",
        "kinesis_firehose_destination": "firehose",
        "event_bridge_destination": "eventbridge",
        "pinpoint_destination": "pinpoint",
    }
    planned_kind = next((kind for block, kind in kinds.items() if planned.get(block)), None)
    problems = [
        *_compare("type", planned_kind, destination.kind),
        *_compare("enabled", bool(planned.get("enabled")), destination.enabled),
        *_compare(
            "matching_event_types",
            sorted(planned.get("matching_event_types") or []),
            sorted(destination.event_types),
        ),
    ]
    dimensions = _first(planned.get("cloud_watch_destination")).get("dimension_configuration")
    if dimensions:
        planned_dimensions = {d["dimension_name"]: d["default_dimension_value"] for d in dimensions}
        problems += _compare("dimensions", planned_dimensions, destination.dimensions)
        sources = {d["dimension_name"]: d.get("dimension_value_source") for d in dimensions}
        problems += _compare("dimension_value_source", sources, destination.dimension_sources)
    # Usually unknown at plan time (the topic is created in the same apply); then skipped.
    topic = _first(planned.get("sns_destination")).get("topic_arn")
    problems += _compare("sns topic_arn", topic, destination.target.get("TopicArn"))
    return problems


def _check_pool(after: dict[str, Any], live: LiveConfiguration) -> list[str]:
    name = after["pool_name"]
    if name not in live.pools:
        raise KeyError(f"dedicated IP pool {name}")
    return _compare("scaling_mode", after.get("scaling_mode"), live.pools[name])


def _check_alarm(after: dict[str, Any], live: LiveConfiguration) -> list[str]:
    alarm = live.alarms[after["alarm_name"]]
    queries = after.get("metric_query") or []
    returned = [q for q in queries if q.get("return_data")]
    metrics = {
        q["id"]: _first(q.get("metric")).get("metric_name") for q in queries if q.get("metric")
    }
    return [
        *_compare("threshold", after.get("threshold"), alarm.threshold),
        *_compare("comparison_operator", after.get("comparison_operator"), alarm.comparison),
        *_compare(
            "expression", returned[0].get("expression") if returned else None, alarm.expression
        ),
        *_compare("metrics", metrics or None, alarm.metrics),
        *_compare(
            "alarm_actions", sorted(after.get("alarm_actions") or []) or None, sorted(alarm.actions)
        ),
        *_compare_metric_stats(_planned_metric_stats(after), alarm.metric_stats),
    ]


def _planned_metric_stats(after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The plan's side of `Alarm.metric_stats`, from metric_query blocks or a single metric."""
    stats = {}
    for query in after.get("metric_query") or []:
        metric = _first(query.get("metric"))
        if metric:
            stats[query["id"]] = {
                "namespace": metric.get("namespace"),
                "metric_name": metric.get("metric_name"),
                "dimensions": metric.get("dimensions") or {},
                "period": metric.get("period"),
                "stat": metric.get("stat"),
            }
    if not after.get("metric_query") and after.get("metric_name"):
        stats[""] = {
            "namespace": after.get("namespace"),
            "metric_name": after.get("metric_name"),
            "dimensions": after.get("dimensions") or {},
            "period": after.get("period"),
            "stat": after.get("statistic") or after.get("extended_statistic"),
        }
    return stats


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


def _check_identity(after: dict[str, Any], live: LiveConfiguration) -> list[str]:
    identity = _identity(live, after["email_identity"])
    return _compare(
        "configuration_set_name",
        after.get("configuration_set_name"),
        identity.default_configuration_set,
    )


def _check_mail_from(after: dict[str, Any], live: LiveConfiguration) -> list[str]:
    identity = _identity(live, after["email_identity"])
    return [
        *_compare("mail_from_domain", after.get("mail_from_domain"), identity.mail_from_domain),
        *_compare(
            "behavior_on_mx_failure",
            after.get("behavior_on_mx_failure"),
            identity.behavior_on_mx_failure,
        ),
    ]


def _check_account(after: dict[str, Any], live: LiveConfiguration) -> list[str]:
    return _compare(
        "suppressed_reasons",
        sorted(after.get("suppressed_reasons") or []),
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
