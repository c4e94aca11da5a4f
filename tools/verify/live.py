"""Read the live SES configuration back, per stream: the audit's reader and account model.

Used by `make demo` (the table) and by the end-to-end test (the values), so
what the demo prints is exactly what the test checks. Works against any SES v2
endpoint, the emulator or a real account. The account is read by `sesguard audit`'s
reader into its model; this module only arranges that model per stream.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import boto3
from botocore.config import Config
from sesguard.audit.reader import Reader
from sesguard.model import Model, model_from_account
from sesguard.model.entities import Alarm as ModelAlarm
from sesguard.values import ABSENT, UNKNOWN

# The reads the read-back needs: a failure of any other (tenants, SNS topics) is no concern.
NEEDED_READS = frozenset(
    f"ses:{operation}"
    for operation in (
        "ListConfigurationSets",
        "GetConfigurationSet",
        "GetConfigurationSetEventDestinations",
        "ListDedicatedIpPools",
        "GetDedicatedIpPool",
        "ListEmailIdentities",
        "GetEmailIdentity",
        "GetAccount",
    )
) | {"cloudwatch:DescribeAlarms"}
# The dimensions that tie an alarm to a set: the module's own, or SES's.
SET_DIMENSIONS = ("stream", "ses:configuration-set")


class ReadBackError(Exception):
    """A read the comparison needs failed: what is live cannot be told."""


@dataclass(frozen=True)
class Destination:
    name: str
    kind: str  # cloudwatch | sns | firehose | eventbridge | pinpoint
    enabled: bool
    event_types: tuple[str, ...]
    dimensions: dict[str, str]  # CloudWatch only: dimension name -> default value
    # CloudWatch only: dimension name -> where SES reads its value (MESSAGE_TAG, ...)
    dimension_sources: dict[str, str]
    topic_arn: str | None  # SNS only


@dataclass(frozen=True)
class Alarm:
    name: str
    threshold: float
    comparison: str
    expression: str | None  # the returned expression of a metric-math alarm
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
    return {name: boto3.client(name, **options) for name in ("sesv2", "cloudwatch", "sns", "sts")}


def read_live(endpoint: str | None, region: str = "us-east-1") -> LiveConfiguration:
    """The account at `endpoint` per stream; ReadBackError when a needed read fails."""
    return live_configuration(model_from_account(read_account(endpoint, region)))


def read_account(endpoint: str | None, region: str = "us-east-1") -> dict:
    """The audit's snapshot of the account (what `model_from_account` builds on)."""
    api = clients(endpoint, region)
    reader = Reader(api, api["sts"].get_caller_identity()["Account"], region)
    snapshot = reader.snapshot()
    failed = [f"{f.api}: {f.reason}" for f in reader.failures if f.api in NEEDED_READS]
    if failed:
        raise ReadBackError("; ".join(failed))
    return snapshot


def live_configuration(model: Model) -> LiveConfiguration:
    """The account model arranged per configuration set, as the table and tests read it."""
    pools = {pool.name: pool.scaling_mode for pool in model.pools}
    alarms = [_alarm(alarm) for alarm in (*model.alarms, *model.live.other_alarms)]
    streams = []
    for config_set in model.sets:
        pool = config_set.pool_name
        reasons = config_set.suppressed_reasons
        streams.append(
            Stream(
                configuration_set=config_set.name,
                tags=config_set.tags,
                pool=pool,
                scaling_mode=pools.get(pool) if pool else None,
                tls_policy=config_set.tls_policy,
                max_delivery_seconds=config_set.max_delivery_seconds,
                reputation_metrics=config_set.reputation_metrics,
                sending_enabled=config_set.sending_enabled,
                suppressed_reasons=None if reasons is ABSENT else list(reasons),
                destinations=sorted(
                    (_destination(d) for d in model.destinations_of(config_set)),
                    key=lambda d: d.name,
                ),
                alarms=sorted(
                    (a for a in alarms if _watches(a, config_set.name)), key=lambda a: a.name
                ),
            )
        )
    identities = []
    for identity in model.identities:
        facts = model.live.identities.get(identity.identity)
        identities.append(
            Identity(
                identity.identity,
                identity.default_set,
                facts.mail_from_domain if facts else None,
                facts.mail_from_mx_failure if facts else None,
            )
        )
    account = model.live.account_suppression
    return LiveConfiguration(
        streams,
        identities,
        [] if account is UNKNOWN else list(account),
        pools,
        {alarm.name: alarm for alarm in alarms},
    )


def _destination(destination) -> Destination:
    dimensions = destination.cloudwatch or ()
    return Destination(
        name=destination.name,
        kind=destination.kind,
        enabled=destination.enabled,
        event_types=tuple(sorted(destination.event_types)),
        dimensions={d.name: d.default for d in dimensions},
        dimension_sources={d.name: d.source for d in dimensions},
        topic_arn=destination.topic_arn,
    )


def _alarm(alarm: ModelAlarm) -> Alarm:
    return Alarm(
        name=alarm.name,
        threshold=alarm.threshold,
        comparison=alarm.comparison,
        expression=alarm.expression,
        metrics={m.query_id: m.name for m in alarm.metrics if m.query_id},
        actions=tuple(alarm.actions),
        metric_stats={
            m.query_id: {
                "namespace": m.namespace,
                "metric_name": m.name,
                "dimensions": m.dimensions,
                "period": m.period,
                "stat": m.stat,
            }
            for m in alarm.metrics
        },
    )


def _watches(alarm: Alarm, configuration_set: str) -> bool:
    """Whether an alarm reads a metric of this set (custom `stream` or SES's own dimension)."""
    return any(
        stat["dimensions"].get(name) == configuration_set
        for stat in alarm.metric_stats.values()
        for name in SET_DIMENSIONS
    )
