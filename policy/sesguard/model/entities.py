"""The plan model's entities: typed SES objects, indexed once, read by every rule.

Source-neutral: the plan builder (`from_plan`) and the live builder (`from_account`) fill
the same types. Rules look everything up by dict access, never by
looping over every set × every alarm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..config import Config
from ..values import ABSENT, UNKNOWN, Attrs
from .ses_metrics import NAMESPACE, RATE_METRICS, VOLUME_METRICS

DEFAULT_POOL = "ses-default-dedicated-pool"
_PERCENT = re.compile(r"\*\s*100(?:\.0*)?\b|\b100(?:\.0*)?\s*\*")


def rate_kinds(ses_metric_names: set, returns_count: bool) -> set[str]:
    """The rates ("bounce", "complaint") an alarm over these AWS/SES metrics watches.

    An alarm whose returned series is a raw count fires on volume: it watches no rate.
    """
    if returns_count:
        return set()
    divided = bool(ses_metric_names & VOLUME_METRICS)
    return {
        kind
        for kind, (count, rate) in RATE_METRICS.items()
        if rate in ses_metric_names or (divided and count in ses_metric_names)
    }


def is_percent_expression(expression: Any) -> bool:
    """Metric math such as `100 * bounce / send` makes an alarm's threshold a percentage."""
    return isinstance(expression, str) and bool(_PERCENT.search(expression))


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
    # An SES v1 set (aws_ses_configuration_set): judged as a stream on its v1 equivalents;
    # it has no suppression options and cannot name a pool.
    v1: bool = False
    max_delivery_seconds: Any = ABSENT
    sending_enabled: Any = ABSENT
    # Whether the ses_stream call that made it holds the automatic pause (its
    # `aws_sfn_state_machine.pause`), or in a live account whether one of its bounce and
    # complaint alarms turns its sending off (model/pause_wiring.py); None: not known.
    pause_wired: bool | None = None
    # Live: the link of the automatic pause that is missing for its other alarms, in words.
    pause_gap: str | None = None


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
    name: Any = None  # event_destination_name
    config_set: ConfigurationSet | None = None
    kind: Any = None  # cloudwatch | sns | firehose | eventbridge | pinpoint
    topic_arn: Any = None  # an SNS destination's topic


@dataclass(frozen=True)
class Metric:
    namespace: Any
    name: Any
    dimensions: Any  # dict | UNKNOWN
    query_id: Any = ""  # its metric query's id; "" for a single-metric alarm
    period: Any = None
    stat: Any = None  # the statistic (Sum, Average, p99, ...)


@dataclass(eq=False)
class Alarm(Entity):
    name: Any
    metrics: tuple[Metric, ...]
    expression: Any
    threshold: Any
    comparison: Any
    has_actions: Any  # bool | UNKNOWN
    actions: Any = ()  # the alarm_actions ARNs: tuple | UNKNOWN
    # The series the alarm evaluates is a raw SES count (return_data on a metric, not on
    # the division): it fires on volume, whatever the other queries compute.
    returns_count: bool = False
    stream: Stream | None = None

    @property
    def percent(self) -> bool:
        return is_percent_expression(self.expression)

    @property
    def metric_dimensions(self) -> Any:
        """UNKNOWN when any metric's dimensions are known only after apply (SES014)."""
        dims = tuple(m.dimensions for m in self.metrics)
        return UNKNOWN if UNKNOWN in dims else dims

    def kinds(self) -> set[str]:
        names = {m.name for m in self.metrics if m.namespace == NAMESPACE}
        return rate_kinds(names, self.returns_count)


@dataclass(eq=False)
class Identity(Entity):
    identity: Any
    default_set: Any


@dataclass(eq=False)
class MailFrom(Entity):
    identity: Any
    domain: Any
    behavior_on_mx_failure: Any = ABSENT


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
    # What findings and reports call it: the name, or for a set that repeats another's
    # name, that name and the call (or resource) that repeats it.
    key: str = ""

    def __post_init__(self) -> None:
        self.key = self.key or self.name

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
    # Every dimension name an enabled CloudWatch destination publishes.
    published_dimensions: set[str] = field(default_factory=set)
    set_module_streams: dict[str, Stream] = field(default_factory=dict)
    # Destinations whose set name is unknown and could not be followed to a set: any set
    # might be theirs, so "this set has no destination" cannot be said for certain.
    orphan_destinations: list[Destination] = field(default_factory=list)
    # Streams with a destination whose content is unknown until apply.
    streams_with_unknown_destinations: set[Stream] = field(default_factory=set)
    # A set or pool whose name an earlier resource already declares → that resource: apply
    # would fail with AlreadyExists, and the model keeps the two apart.
    duplicate_of: dict[str, Entity] = field(default_factory=dict)
    # What only a live account shows (model/live.py); None for a plan.
    live: Any = None
    # The plan's `configuration` section (model/configuration.py); None for an account.
    configuration: Any = None

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
