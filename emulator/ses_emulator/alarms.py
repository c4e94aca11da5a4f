"""CloudWatch alarms that evaluate: moto stores them, the emulator judges them.

Alarms are evaluated at every period boundary the emulator clock crosses
(`advance`) or on demand (`evaluate_now`). A state change updates the alarm
moto serves to DescribeAlarms, appends to the history served by
DescribeAlarmHistory (`cloudwatch_api`), puts CloudWatch's "CloudWatch Alarm
State Change" event on the default EventBridge bus (`default_bus`: rules, and a
Step Functions target's execution), and publishes CloudWatch's alarm
notification to the SNS topics among the alarm's actions for the new state.
An alarm the emulator cannot evaluate is reported with its reason and left as is.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from moto.cloudwatch.models import cloudwatch_backends
from moto.core.base_backend import BackendDict, BaseBackend
from moto.sns.models import sns_backends

from . import clock, default_bus
from .alarm_evaluation import AlarmConfigError, Verdict, judge, period_of, returns
from .metric_index import MetricIndex, epoch

REGION_NAMES = {
    "us-east-1": "US East (N. Virginia)",
    "us-east-2": "US East (Ohio)",
    "us-west-1": "US West (N. California)",
    "us-west-2": "US West (Oregon)",
    "eu-west-1": "EU (Ireland)",
    "eu-central-1": "EU (Frankfurt)",
}
ACTIONS_OF_STATE = {
    "ALARM": "alarm_actions",
    "OK": "ok_actions",
    "INSUFFICIENT_DATA": "insufficient_data_actions",
}


@dataclass
class Tracked:
    alarm: Any  # the moto Alarm object this bookkeeping belongs to (a re-put replaces it)
    evaluated_at: int | None = None


class AlarmState(BaseBackend):
    """Per account and region: the metric index, per-alarm bookkeeping, the history."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.index = MetricIndex()
        self.tracked: dict[str, Tracked] = {}
        self.history: list[dict[str, Any]] = []


_states = BackendDict(AlarmState, "cloudwatch")


def alarm_state(account_id: str, region: str) -> AlarmState:
    return _states[account_id][region]


@dataclass
class Outcome:
    alarm_name: str
    state: str
    changed: bool = False
    error: str | None = None
    notified: list[str] = field(default_factory=list)
    delivery: default_bus.Delivery | None = None  # the state change event on the default bus

    def as_json(self) -> dict[str, Any]:
        result = {"AlarmName": self.alarm_name, "StateValue": self.state, "Changed": self.changed}
        if self.error:
            result["Error"] = self.error
        if self.notified:
            result["Notified"] = self.notified
        if self.delivery and self.delivery.started:
            result["Executions"] = self.delivery.started
        if self.delivery and self.delivery.failed:
            result["EventErrors"] = self.delivery.failed
        return result


def advance(before: dt.datetime, after: dt.datetime) -> list[Outcome]:
    """Evaluate every alarm at each of its period boundaries in (before, after]."""
    start, end = epoch(before), epoch(after)
    outcomes = []
    for backend, state in _backends():
        work = []
        for alarm in _metric_alarms(backend):
            tracked = _track(state, alarm)
            try:
                period = period_of(alarm)
            except AlarmConfigError as error:
                outcomes.append(Outcome(alarm.name, alarm.state_value, error=str(error)))
                continue
            first = max(start, tracked.evaluated_at or start) // period * period + period
            work += [(t, alarm.name, alarm) for t in range(first, end + 1, period)]
        for at, _, alarm in sorted(work, key=lambda item: item[:2]):
            outcomes.append(_evaluate(backend, state, alarm, at))
    return outcomes


def evaluate_now() -> list[Outcome]:
    """Evaluate every alarm once, at the latest boundary of its period."""
    now = epoch(clock.now())
    outcomes = []
    for backend, state in _backends():
        for alarm in _metric_alarms(backend):
            _track(state, alarm)
            try:
                at = now // period_of(alarm) * period_of(alarm)
            except AlarmConfigError as error:
                outcomes.append(Outcome(alarm.name, alarm.state_value, error=str(error)))
                continue
            outcomes.append(_evaluate(backend, state, alarm, at))
    return outcomes


def restart() -> None:
    """Forget when alarms were last evaluated (the clock was set, not advanced)."""
    for _, state in _backends():
        for tracked in state.tracked.values():
            tracked.evaluated_at = None


def _backends():
    for account_id, regions in list(cloudwatch_backends.items()):
        for region, backend in list(regions.items()):
            if backend.alarms:
                state = alarm_state(account_id, region)
                state.index.catch_up(backend.metric_data)
                yield backend, state


def _metric_alarms(backend: Any) -> list[Any]:
    return [alarm for alarm in backend.alarms.values() if not alarm.rule]  # composites: not yet


def _track(state: AlarmState, alarm: Any) -> Tracked:
    tracked = state.tracked.get(alarm.name)
    if tracked is None or tracked.alarm is not alarm:
        verb = "created" if tracked is None else "updated"
        tracked = state.tracked[alarm.name] = Tracked(alarm)
        _record(state, alarm, "ConfigurationUpdate", f'Alarm "{alarm.name}" {verb}',
                {"version": "1.0", "type": "Create" if verb == "created" else "Update"},
                clock.now())  # fmt: skip
    return tracked


def _evaluate(backend: Any, state: AlarmState, alarm: Any, at: int) -> Outcome:
    tracked = state.tracked[alarm.name]
    tracked.evaluated_at = max(at, tracked.evaluated_at or at)
    try:
        verdict = judge(alarm, state.index, at)
    except AlarmConfigError as error:
        return Outcome(alarm.name, alarm.state_value, error=f"{alarm.name}: {error}")
    if verdict.state is None or verdict.state == alarm.state_value:
        return Outcome(alarm.name, alarm.state_value)
    when = dt.datetime.fromtimestamp(at, dt.timezone.utc)
    previous = _state_json(alarm.state_value, alarm.state_reason, alarm.state_reason_data,
                           alarm.state_updated_timestamp)  # fmt: skip
    old_state, old_reason = alarm.state_value, alarm.state_reason
    alarm.state_value, alarm.state_reason = verdict.state, verdict.reason
    alarm.state_reason_data = json.dumps(verdict.reason_data)
    alarm.state_updated_timestamp = when.replace(tzinfo=None)  # moto serves naive UTC
    _record(state, alarm, "StateUpdate", f"Alarm updated from {old_state} to {verdict.state}",
            {"version": "1.0",
             "oldState": {"stateValue": old_state, "stateReason": old_reason},
             "newState": {"stateValue": verdict.state, "stateReason": verdict.reason,
                          "stateReasonData": verdict.reason_data}},
            when)  # fmt: skip
    outcome = Outcome(alarm.name, verdict.state, changed=True)
    # EventBridge gets every state change, whether or not the alarm's actions are enabled.
    outcome.delivery = default_bus.publish(state_change_event(alarm, state, previous, when))
    if alarm.actions_enabled:
        outcome.notified = _notify(state, alarm, old_state, verdict, when)
    return outcome


def _record(state, alarm, kind: str, headline: str, data: dict[str, Any], when) -> None:
    """One alarm history item: `headline` is the one line CloudWatch shows as HistorySummary."""
    state.history.append({
        "AlarmName": alarm.name,
        "AlarmType": "MetricAlarm",
        "Timestamp": when,
        "HistoryItemType": kind,
        "HistorySummary": headline,
        "HistoryData": json.dumps(data),
    })  # fmt: skip


def _notify(state: AlarmState, alarm: Any, old_state: str, verdict: Verdict, when) -> list[str]:
    """Publish to the SNS topics among the new state's actions; returns those that took it."""
    message = json.dumps(notification(alarm, state, old_state, verdict, when))
    region = REGION_NAMES.get(state.region_name, state.region_name)
    subject = f'{verdict.state}: "{alarm.name}" in {region}'
    if len(subject) > 100:  # SNS refuses longer subjects; CloudWatch shortens them
        subject = subject[:97] + "..."
    notified = []
    for action in getattr(alarm, ACTIONS_OF_STATE[verdict.state]) or []:
        parts = action.split(":", 5)
        if len(parts) != 6 or parts[2] != "sns":
            continue  # Auto Scaling, EC2 and Systems Manager actions are not emulated
        try:
            sns_backends[parts[4]][parts[3]].publish(message, arn=action, subject=subject)
        except Exception as error:  # the topic is gone: CloudWatch records the failure too
            _record(state, alarm, "Action", f"Failed to execute action {action}",
                    {"actionState": "Failed", "error": str(error)}, when)  # fmt: skip
            continue
        _record(state, alarm, "Action", f"Successfully executed action {action}",
                {"actionState": "Succeeded", "notificationResource": action}, when)  # fmt: skip
        notified.append(action)
    return notified


def notification(alarm: Any, state: AlarmState, old_state: str, verdict: Verdict, when) -> dict:
    """The JSON document CloudWatch publishes to an alarm's SNS topic."""
    trigger: dict[str, Any] = {
        "Period": period_of(alarm),
        "EvaluationPeriods": int(alarm.evaluation_periods),
        "DatapointsToAlarm": int(alarm.datapoints_to_alarm or alarm.evaluation_periods),
        "ComparisonOperator": alarm.comparison_operator,
        "Threshold": float(alarm.threshold),
        "TreatMissingData": alarm.treat_missing_data or "missing",
        "EvaluateLowSampleCountPercentile": alarm.evaluate_low_sample_count_percentile or "",
    }
    if alarm.metric_data_queries:
        trigger["Metrics"] = [_query_json(q) for q in alarm.metric_data_queries]
    else:
        trigger.update({
            "MetricName": alarm.metric_name,
            "Namespace": alarm.namespace,
            "StatisticType": "Statistic",
            "Statistic": (alarm.statistic or "").upper(),
            "Unit": alarm.unit,
            "Dimensions": [{"value": d.value, "name": d.name} for d in alarm.dimensions],
        })  # fmt: skip
    return {
        "AlarmName": alarm.name,
        "AlarmDescription": alarm.description,
        "AWSAccountId": state.account_id,
        "AlarmConfigurationUpdatedTimestamp": _iso(alarm.configuration_updated_timestamp),
        "NewStateValue": verdict.state,
        "NewStateReason": verdict.reason,
        "StateChangeTime": _iso(when),
        "Region": REGION_NAMES.get(state.region_name, state.region_name),
        "AlarmArn": alarm.alarm_arn,
        "OldStateValue": old_state,
        "OKActions": list(alarm.ok_actions or []),
        "AlarmActions": list(alarm.alarm_actions or []),
        "InsufficientDataActions": list(alarm.insufficient_data_actions or []),
        "Trigger": trigger,
    }


def state_change_event(alarm: Any, state: AlarmState, previous: dict, when) -> dict[str, Any]:
    """CloudWatch's "CloudWatch Alarm State Change" event for the alarm's new state."""
    if alarm.metric_data_queries:
        metrics = [_query_event_json(q) for q in alarm.metric_data_queries]
    else:
        metrics = [{
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, alarm.alarm_arn)),
            "metricStat": {"metric": {"namespace": alarm.namespace, "name": alarm.metric_name,
                                      "dimensions": {d.name: d.value for d in alarm.dimensions}},
                           "period": period_of(alarm), "stat": alarm.statistic},
            "returnData": True,
        }]  # fmt: skip
    configuration: dict[str, Any] = {"metrics": metrics}
    if alarm.description:
        configuration["description"] = alarm.description
    detail = {
        "alarmName": alarm.name,
        "state": _state_json(alarm.state_value, alarm.state_reason, alarm.state_reason_data, when),
        "previousState": previous,
        "configuration": configuration,
    }
    kind = "CloudWatch Alarm State Change"
    return default_bus.event(state.account_id, state.region_name, "aws.cloudwatch", kind,
                             [alarm.alarm_arn], detail)  # fmt: skip


def _state_json(value: str, reason: str, reason_data: str | None, when) -> dict[str, Any]:
    result = {"value": value, "reason": reason or "", "timestamp": _iso(when)}
    if reason_data:
        result["reasonData"] = reason_data
    return result


def _query_event_json(query: Any) -> dict[str, Any]:
    """A metric math query as the state change event writes it (notification's, camelCase)."""
    written = _query_json(query)
    result = {key[0].lower() + key[1:]: value for key, value in written.items()
              if key not in ("MetricStat", "ReturnData")}  # fmt: skip
    if "MetricStat" in written:
        stat, metric = written["MetricStat"], written["MetricStat"]["Metric"]
        result["metricStat"] = {
            "metric": {"namespace": metric["Namespace"], "name": metric["MetricName"],
                       "dimensions": {d["name"]: d["value"] for d in metric["Dimensions"]}},
            "period": stat["Period"],
            "stat": stat["Stat"],
        }  # fmt: skip
    result["returnData"] = returns(query)
    return result


def _query_json(query: Any) -> dict[str, Any]:
    result: dict[str, Any] = {"Id": query.id}
    if query.expression:
        result["Expression"] = query.expression
    if query.label:
        result["Label"] = query.label
    if query.metric_stat is not None:
        metric = query.metric_stat.metric
        result["MetricStat"] = {
            "Metric": {
                "Dimensions": [{"value": d.value, "name": d.name} for d in metric.dimensions],
                "MetricName": metric.metric_name,
                "Namespace": metric.namespace,
            },
            "Period": int(query.metric_stat.period),
            "Stat": query.metric_stat.stat,
        }
    result["ReturnData"] = str(query.return_data).lower() == "true"
    return result


def _iso(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "+0000"
