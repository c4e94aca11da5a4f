from __future__ import annotations

from ..config import SES_PAUSE_LEVELS, SES_REVIEW_LEVELS
from ..model import Alarm, Model, Stream
from ..model.ses_metrics import (
    METRIC_EVENTS,
    NAMESPACE,
    PUBLISHED,
    REPUTATION_DIMENSION,
    REPUTATION_METRICS,
    alarm_kind,
    closest_published,
    published_instead,
)
from ..values import UNKNOWN
from .base import Rule, module_fix

KINDS = {"bounce": "bounce-rate", "complaint": "complaint-rate"}


class Alarms(Rule):
    id = "SES006"
    name = "live-rate-alarms"
    severity = "error"
    summary = (
        "Every stream has live bounce-rate and complaint-rate alarms, at or below its class "
        "thresholds and below SES review levels, with at least one action."
    )
    why = (
        f"SES reviews an account at {SES_REVIEW_LEVELS.describe()} and may pause it at "
        f"{SES_PAUSE_LEVELS.describe()}. An alarm on a metric nobody publishes "
        "(Reputation.BounceRate with a `stream` dimension is the classic copy-paste) never "
        "fires, so the first signal is the pause."
    )
    fix = (
        "Alarm on metric math over the stream's CloudWatch counts, e.g. "
        "IF(send >= min_volume, bounce / send, 0), or on Reputation.* with the "
        "ses:configuration-set dimension; set the class threshold and an alarm action."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/reputationdashboard-cloudwatch-alarm.html"
    reads = ("configuration_set", "event_destinations", "alarms")
    v1_migration = (
        "migration does not fix alarms (separate resources): keep their metrics and "
        "dimensions on what the v2 set publishes."
    )
    needs = {
        "Alarm": ("threshold", "has_actions", "comparison", "metric_dimensions"),
        "Destination": ("set_name", "enabled", "event_types", "cloudwatch"),
        "ConfigurationSet": ("reputation_metrics",),
    }

    def check(self, model: Model):
        live_kinds: dict[Stream, set[str]] = {}
        # Kinds whose only alarms could not be judged: SES014 lists them, so "missing" would
        # be a fail caused by an unknown value.
        unsure_kinds: dict[Stream, set[str]] = {}
        dead_names: dict[Stream, dict[str, list[str]]] = {}
        for alarm in model.alarms:
            if not any(m.namespace == NAMESPACE for m in alarm.metrics):
                continue
            kinds = alarm.kinds()
            stream = alarm.stream
            dead = _dead_reason(alarm, model)
            if dead is UNKNOWN:
                if stream is not None:
                    unsure_kinds.setdefault(stream, set()).update(kinds)
                continue
            if dead:
                problem, fix = dead
                yield self.finding(
                    stream, alarm.address, f"alarm {alarm.name!r} is dead: {problem}", fix
                )
                kind = alarm_kind({m.name for m in alarm.metrics})
                if stream is not None and kind is not None:
                    dead_names.setdefault(stream, {}).setdefault(kind, []).append(str(alarm.name))
                continue
            for problem, fix in self._problems(alarm, kinds, model):
                yield self.finding(stream, alarm.address, f"alarm {alarm.name!r} {problem}", fix)
            if stream is not None and _per_stream(alarm):
                live_kinds.setdefault(stream, set()).update(kinds)
        for stream in model.streams.values():
            if not stream.sets:
                continue  # SES001 reports the missing set
            covered = live_kinds.get(stream, set()) | unsure_kinds.get(stream, set())
            for kind in sorted(set(KINDS) - covered):
                dead = dead_names.get(stream, {}).get(kind)
                shown = f" (dead: {', '.join(sorted(dead))})" if dead else ""
                yield self.finding(
                    stream,
                    stream.address,
                    f"stream {stream.name!r} has no live {KINDS[kind]} alarm{shown}",
                    _instead(kind, stream, model),
                    fact=f"no {kind} alarm",
                )

    def _problems(self, alarm: Alarm, kinds: set[str], model: Model):
        config = model.config
        stream = alarm.stream
        policy = config.classes.get(stream.class_name) if stream else None
        if isinstance(alarm.comparison, str) and not alarm.comparison.startswith("GreaterThan"):
            yield f"uses {alarm.comparison}: it never fires on a rising rate", None
        scopes = _count_scopes(alarm)
        if len(scopes) > 1:
            shown = " vs ".join(
                "{" + ", ".join(f"{k}={v}" for k, v in sorted(scope)) + "}" for scope in scopes
            )
            yield (
                (
                    f"divides SES counts with different dimensions ({shown}): a stream's events "
                    "over the account's volume understates the rate"
                ),
                None,
            )
        if alarm.has_actions is False:
            yield (
                (
                    "has no enabled alarm action (alarm_actions empty or actions_enabled = false): "
                    "nobody is told when it fires"
                ),
                module_fix(stream, "alarm_actions to at least one SNS topic ARN"),
            )
        if not isinstance(alarm.threshold, (int, float)):
            return
        rate = alarm.threshold / 100 if alarm.percent else alarm.threshold
        for kind in sorted(kinds):
            review = config.review_bounce_rate if kind == "bounce" else config.review_complaint_rate
            limit = None
            if policy is not None:
                limit = policy.max_bounce_rate if kind == "bounce" else policy.max_complaint_rate
            threshold = f"alarms.{kind}_rate_threshold"
            if rate >= review:
                yield (
                    (
                        f"fires at {rate:.4%} {kind} rate, not below the SES review level "
                        f"{review:.2%}"
                    ),
                    module_fix(stream, f"{threshold} < {review:g}"),
                )
            elif limit is not None and rate > limit:
                yield (
                    (f"fires at {rate:.4%} {kind} rate, above the {policy.name} limit {limit:.4%}"),
                    module_fix(
                        stream,
                        f"{threshold} <= {limit:g} (or drop it: the class default)",
                        f"[classes.{policy.name}] max_{kind}_rate",
                    ),
                )


def _instead(kind: str | None, stream: Stream | None, model: Model) -> str:
    set_name = stream.sets[0].name if stream is not None and stream.sets else "<set>"
    return published_instead(
        kind, stream.name if stream else "<stream>", str(set_name), model.config.dimension
    )


def _dead_reason(alarm: Alarm, model: Model):
    """(why the alarm can never receive data, what to alarm on instead); None when it can;
    UNKNOWN when unreadable. A metric that is certainly dead wins over one that cannot be
    read."""
    unsure = False
    kind = alarm_kind({m.name for m in alarm.metrics})
    instead = _instead(kind, alarm.stream, model)
    for metric in alarm.metrics:
        if metric.namespace != NAMESPACE or not isinstance(metric.name, str):
            continue
        if metric.name not in PUBLISHED:
            meant = closest_published(metric.name)
            hint = f" (the published name is {meant!r})" if meant else ""
            return f"SES never publishes a metric named {metric.name!r}{hint}", instead
        if metric.dimensions is UNKNOWN:
            unsure = True
            continue
        dims = metric.dimensions if isinstance(metric.dimensions, dict) else {}
        if not dims:
            continue  # account-level metric: published, though not per stream
        if metric.name in REPUTATION_METRICS:
            if set(dims) != {REPUTATION_DIMENSION}:
                shown = ", ".join(f"{k}={v}" for k, v in dims.items())
                return (
                    f"{metric.name} is only published account-wide or per "
                    f"{REPUTATION_DIMENSION}, never with {shown}"
                ), instead
            sets = model.sets_by_name.get(dims[REPUTATION_DIMENSION], [])
            if any(s.reputation_metrics is UNKNOWN for s in sets):
                unsure = True
                continue
            if sets and not any(s.reputation_metrics is True for s in sets):
                return (
                    f"{metric.name} for set {dims[REPUTATION_DIMENSION]!r} needs "
                    "reputation_metrics_enabled on that set"
                ), instead
            continue
        event = METRIC_EVENTS[metric.name]
        if (event, frozenset(dims.items())) not in model.published:
            if model.orphan_destinations or (
                alarm.stream is not None and alarm.stream in model.streams_with_unknown_destinations
            ):
                unsure = True  # a destination known only after apply may publish it
                continue
            never = sorted(set(dims) - model.published_dimensions)
            if never:
                emitted = ", ".join(sorted(model.published_dimensions)) or "none"
                return (
                    f"SES never publishes {metric.name} with a {never[0]!r} dimension: no "
                    f"enabled CloudWatch destination in the plan configures it (they "
                    f"publish: {emitted})"
                ), instead
            shown = ", ".join(f"{k}={v}" for k, v in dims.items())
            return (
                f"no enabled CloudWatch destination publishes {metric.name} ({event}) with {shown}"
            ), instead
    return UNKNOWN if unsure else None


def _count_scopes(alarm: Alarm) -> list[frozenset]:
    """The distinct dimension sets of the alarm's SES count metrics (Send, Bounce, …)."""
    scopes = []
    for metric in alarm.metrics:
        if metric.namespace != NAMESPACE or metric.name not in METRIC_EVENTS:
            continue
        if metric.dimensions is UNKNOWN:
            return []  # SES014 lists it
        dims = metric.dimensions if isinstance(metric.dimensions, dict) else {}
        scope = frozenset((str(k), str(v)) for k, v in dims.items())
        if scope not in scopes:
            scopes.append(scope)
    return scopes


def _per_stream(alarm: Alarm) -> bool:
    """Account-level metrics (no dimension) cannot tell one stream from another."""
    return any(m.namespace == NAMESPACE and m.dimensions for m in alarm.metrics)
