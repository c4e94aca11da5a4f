"""Read the live SES configuration back through boto3 and show it per stream.

Used by `make demo` (the table) and by the end-to-end test (the values), so
what the demo prints is exactly what the test checks. Works against any SES v2
endpoint, the emulator or a real account.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import boto3
from botocore.config import Config

DESTINATION_KINDS = {
    "CloudWatchDestination": "cloudwatch",
    "SnsDestination": "sns",
    "KinesisFirehoseDestination": "firehose",
    "EventBridgeDestination": "eventbridge",
    "PinpointDestination": "pinpoint",
}


@dataclass(frozen=True)
class Destination:
    name: str
    kind: str  # cloudwatch | sns | firehose | eventbridge | pinpoint
    enabled: bool
    event_types: tuple[str, ...]
    target: dict[str, Any]  # the API's destination object (dimensions, topic ARN, ...)

    @property
    def dimensions(self) -> dict[str, str]:
        """CloudWatch only: dimension name -> default value."""
        return {
            d["DimensionName"]: d["DefaultDimensionValue"]
            for d in self.target.get("DimensionConfigurations", [])
        }

    @property
    def dimension_sources(self) -> dict[str, str]:
        """CloudWatch only: dimension name -> where SES reads its value (MESSAGE_TAG, ...)."""
        return {
            d["DimensionName"]: d["DimensionValueSource"]
            for d in self.target.get("DimensionConfigurations", [])
        }


@dataclass(frozen=True)
class Alarm:
    name: str
    threshold: float
    comparison: str
    expression: str | None  # the returned (ReturnData) expression of a metric-math alarm
    metrics: dict[str, str]  # query id -> metric name
    actions: tuple[str, ...]
    # query id ("" for a single-metric alarm) -> namespace, metric_name, dimensions, period, stat
    metric_stats: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class Stream:
    configuration_set: str
    tags: dict[str, str]
    pool: str | None
    scaling_mode: str | None
    tls_policy: str | None
    max_delivery_seconds: int | None
    reputation_metrics: bool | None
    sending_enabled: bool | None
    suppressed_reasons: list[str] | None  # None: inherits the account list
    destinations: list[Destination] = field(default_factory=list)
    alarms: list[Alarm] = field(default_factory=list)


@dataclass(frozen=True)
class Identity:
    name: str
    default_configuration_set: str | None
    mail_from_domain: str | None
    behavior_on_mx_failure: str | None


@dataclass
class LiveConfiguration:
    streams: list[Stream]
    identities: list[Identity]
    account_suppressed_reasons: list[str]
    pools: dict[str, str]  # every named pool -> scaling mode
    alarms: dict[str, Alarm]  # every alarm by name (stream and account alarms)

    def stream(self, configuration_set: str) -> Stream:
        for stream in self.streams:
            if stream.configuration_set == configuration_set:
                return stream
        raise KeyError(configuration_set)


def clients(endpoint: str | None, region: str = "us-east-1") -> dict[str, Any]:
    options: dict[str, Any] = {"region_name": region, "config": Config(retries={"max_attempts": 2})}
    if endpoint:
        options.update(endpoint_url=endpoint, aws_access_key_id="t", aws_secret_access_key="t")
    return {name: boto3.client(name, **options) for name in ("sesv2", "cloudwatch")}


def read_live(endpoint: str | None, region: str = "us-east-1") -> LiveConfiguration:
    api = clients(endpoint, region)
    ses, cloudwatch = api["sesv2"], api["cloudwatch"]
    pools = {
        name: ses.get_dedicated_ip_pool(PoolName=name)["DedicatedIpPool"]["ScalingMode"]
        for name in _all(ses.list_dedicated_ip_pools, "DedicatedIpPools")
    }
    alarms = [
        a
        for page in cloudwatch.get_paginator("describe_alarms").paginate()
        for a in page["MetricAlarms"]
    ]
    streams = []
    for name in _all(ses.list_configuration_sets, "ConfigurationSets"):
        got = ses.get_configuration_set(ConfigurationSetName=name)
        delivery = got.get("DeliveryOptions", {})
        pool = delivery.get("SendingPoolName")
        stream = Stream(
            configuration_set=name,
            tags={t["Key"]: t["Value"] for t in got.get("Tags", [])},
            pool=pool,
            scaling_mode=pools.get(pool) if pool else None,
            tls_policy=delivery.get("TlsPolicy"),
            max_delivery_seconds=delivery.get("MaxDeliverySeconds"),
            reputation_metrics=got.get("ReputationOptions", {}).get("ReputationMetricsEnabled"),
            sending_enabled=got.get("SendingOptions", {}).get("SendingEnabled"),
            suppressed_reasons=got["SuppressionOptions"].get("SuppressedReasons", [])
            if "SuppressionOptions" in got
            else None,
        )
        for destination in ses.get_configuration_set_event_destinations(ConfigurationSetName=name)[
            "EventDestinations"
        ]:
            kind = next(k for k in DESTINATION_KINDS if k in destination)
            stream.destinations.append(
                Destination(
                    name=destination["Name"],
                    kind=DESTINATION_KINDS[kind],
                    enabled=destination.get("Enabled", False),
                    event_types=tuple(sorted(destination["MatchingEventTypes"])),
                    target=destination[kind],
                )
            )
        stream.destinations.sort(key=lambda d: d.name)
        stream.alarms = sorted(
            (_alarm(a) for a in alarms if _watches(a, name)), key=lambda alarm: alarm.name
        )
        streams.append(stream)
    identities = []
    for listed in _all(ses.list_email_identities, "EmailIdentities"):
        got = ses.get_email_identity(EmailIdentity=listed["IdentityName"])
        mail_from = got.get("MailFromAttributes", {})
        identities.append(
            Identity(
                name=listed["IdentityName"],
                default_configuration_set=got.get("ConfigurationSetName"),
                mail_from_domain=mail_from.get("MailFromDomain"),
                behavior_on_mx_failure=mail_from.get("BehaviorOnMxFailure"),
            )
        )
    account = ses.get_account()["SuppressionAttributes"].get("SuppressedReasons", [])
    by_name = {a["AlarmName"]: _alarm(a) for a in alarms}
    return LiveConfiguration(streams, identities, list(account), pools, by_name)


def _all(list_call, key: str) -> list[Any]:
    items, token = [], None
    while True:
        page = list_call(**({"NextToken": token} if token else {}))
        items += page[key]
        token = page.get("NextToken")
        if not token:
            return items


def _metrics(alarm: dict[str, Any]) -> list[dict[str, Any]]:
    single = {"MetricName": alarm.get("MetricName"), "Dimensions": alarm.get("Dimensions", [])}
    queried = [q["MetricStat"]["Metric"] for q in alarm.get("Metrics", []) if "MetricStat" in q]
    return queried or ([single] if single["MetricName"] else [])


def _watches(alarm: dict[str, Any], configuration_set: str) -> bool:
    """Whether an alarm reads a metric of this set (custom `stream` or SES's own dimension)."""
    return any(
        d["Name"] in ("stream", "ses:configuration-set") and d["Value"] == configuration_set
        for metric in _metrics(alarm)
        for d in metric.get("Dimensions", [])
    )


def _alarm(alarm: dict[str, Any]) -> Alarm:
    returned = [q for q in alarm.get("Metrics", []) if q.get("ReturnData")]
    return Alarm(
        name=alarm["AlarmName"],
        threshold=alarm["Threshold"],
        comparison=alarm["ComparisonOperator"],
        expression=returned[0].get("Expression") if returned else None,
        metrics={
            q["Id"]: q["MetricStat"]["Metric"]["MetricName"]
            for q in alarm.get("Metrics", [])
            if "MetricStat" in q
        },
        actions=tuple(alarm.get("AlarmActions", [])),
        metric_stats=_live_metric_stats(alarm),
    )


def _live_metric_stats(alarm: dict[str, Any]) -> dict[str, dict[str, Any]]:
    def stat(metric: dict[str, Any], period: Any, statistic: Any) -> dict[str, Any]:
        return {
            "namespace": metric.get("Namespace"),
            "metric_name": metric.get("MetricName"),
            "dimensions": {d["Name"]: d["Value"] for d in metric.get("Dimensions", [])},
            "period": period,
            "stat": statistic,
        }

    stats = {
        q["Id"]: stat(q["MetricStat"]["Metric"], q["MetricStat"].get("Period"),
                      q["MetricStat"].get("Stat"))
        for q in alarm.get("Metrics", [])
        if "MetricStat" in q
    }  # fmt: skip
    if not alarm.get("Metrics") and alarm.get("MetricName"):
        statistic = alarm.get("Statistic") or alarm.get("ExtendedStatistic")
        stats[""] = stat(alarm, alarm.get("Period"), statistic)
    return stats


def render_table(live: LiveConfiguration) -> str:
    """A per-stream table of what isolates each stream, then identities and the account."""
    header = ("configuration set", "pool", "suppression", "tls", "destinations", "alarms")
    rows = [header]
    for stream in live.streams:
        rows.append(
            (
                stream.configuration_set,
                f"{stream.pool} ({stream.scaling_mode})" if stream.pool else "(shared)",
                "(account)" if stream.suppressed_reasons is None
                else "+".join(stream.suppressed_reasons) or "none",
                stream.tls_policy or "-",
                " ".join(_destination_cell(d) for d in stream.destinations) or "NONE",
                " ".join(_alarm_cell(a, stream.configuration_set) for a in stream.alarms) or "NONE",
            )
        )  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    in_streams = {alarm.name for stream in live.streams for alarm in stream.alarms}
    account_alarms = [a for name, a in sorted(live.alarms.items()) if name not in in_streams]
    if account_alarms:
        cells = (f"{a.name}{_comparison(a.comparison)}{a.threshold:g}" for a in account_alarms)
        lines.append(f"other alarms: {' '.join(cells)}")
    for identity in live.identities:
        lines.append(
            f"identity {identity.name}: default set {identity.default_configuration_set}, "
            f"MAIL FROM {identity.mail_from_domain} ({identity.behavior_on_mx_failure})"
        )
    lines.append(f"account suppression list: {'+'.join(live.account_suppressed_reasons) or 'off'}")
    return "\n".join(lines)


def _destination_cell(destination: Destination) -> str:
    where = ",".join(f"{k}={v}" for k, v in destination.dimensions.items())
    state = "" if destination.enabled else "(OFF)"
    events = len(destination.event_types)
    detail = f"{events} events" if events > 3 else "+".join(destination.event_types)
    return f"{destination.kind}{state}[{detail}{'; ' + where if where else ''}]"


def _alarm_cell(alarm: Alarm, configuration_set: str) -> str:
    # "ses-marketing-bounce-rate" -> "bounce-rate"
    short = alarm.name.split(configuration_set, 1)[-1].strip("-_") or alarm.name
    return f"{short}{_comparison(alarm.comparison)}{alarm.threshold:g}"


def _comparison(operator: str) -> str:
    return {"GreaterThanThreshold": ">", "GreaterThanOrEqualToThreshold": ">="}.get(
        operator, operator
    )


# --- plan vs live ---------------------------------------------------------------------------
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
