"""Read the live SES configuration back through boto3, per stream.

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
