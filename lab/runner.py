"""Play a scenario against one emulator whose configuration is already applied.

The runner discovers the lanes the way an operator would (configuration sets,
identities, alarms and their SNS topics, read back through boto3), subscribes an
SQS queue to every alarm topic (and, where lanes are SES tenants, to SES's tenant
status events), pins the emulator clock at the scenario start and then, step by
step: sends the step's traffic (SendBulkEmail, 50 recipients a call, through the
lane's tenant if it has one), advances the clock (the emulator evaluates the
alarms and the tenants, and runs the pause a lane's alarm starts) and drains the
queues. The runner pauses nothing: it records who paused what, from the messages
an operator would get. Everything is observed through the AWS APIs and the
emulator's /_ses/ API, never inside the emulator.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import ClientError
from emulator_clients import Aws, clients
from verify.live import read_live

from . import tenants as tenancy
from .scenario import Population, Scenario, Traffic
from .series import Guard, guard_of

REPUTATION_WINDOW = dt.timedelta(hours=24)  # the emulator's (ses_emulator/reputation.py)

BATCH = 50  # SendBulkEmail's limit of destinations per call
COUNTERS = ("sends", "deliveries", "bounces", "suppressed", "complaints")
Progress = Callable[[str], None]
TENANT_STATUS = "tenant-status"  # the queue of SES's tenant status events


@dataclass(frozen=True)
class AlarmInfo:
    name: str
    configuration_set: str | None  # None: an account-level alarm
    kind: str  # "bounce" | "complaint"
    threshold: float
    routes: tuple[str, ...]  # names of the SNS topics it notifies
    period: dt.timedelta | None = None
    guard: Guard | None = None  # the least sends and events before its rate counts


@dataclass(frozen=True)
class Transition:
    time: dt.datetime
    alarm: str
    old: str
    new: str


@dataclass(frozen=True)
class Notification:
    time: dt.datetime
    route: str
    alarm: str
    old: str
    new: str


@dataclass(frozen=True)
class Pause:
    time: dt.datetime
    configuration_set: str  # the set whose sends were refused from then on
    by: str  # what paused it: its alarm's state machine, or its tenant's reputation policy


@dataclass(frozen=True)
class Protected:
    """One step's resets to users on the account suppression list, and what became of them."""

    time: dt.datetime
    delivered: int
    suppressed: int  # by the suppression list
    refused: int  # SES refused the send: the set or its tenant was paused


@dataclass
class RunResult:
    kind: str  # "lanes" | "catch-all" | "catch-all-pause" | "tenants" (lab/environments.py)
    scenario: Scenario
    lane_sets: dict[str, str]  # scenario lane -> configuration set it was sent through
    alarms: dict[str, AlarmInfo]
    times: list[dt.datetime] = field(default_factory=list)  # start of each step
    counts: list[dict[str, Counter[str]]] = field(default_factory=list)  # per step, per set
    transitions: list[Transition] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    tenants: dict[str, tenancy.TenantInfo] = field(default_factory=dict)  # by configuration set
    paused: list[Pause] = field(default_factory=list)
    refused: Counter[str] = field(default_factory=Counter)  # traffic name -> sends refused
    refused_after: list[Counter[str]] = field(default_factory=list)  # `refused` after each step
    # per step: the reset traffic to users on the suppression list
    protected: list[Protected] = field(default_factory=list)
    sent: int = 0
    seconds: float = 0.0

    @property
    def end(self) -> dt.datetime:
        return self.times[-1] + self.scenario.step

    def account_rates(self) -> list[tuple[dt.datetime, float, float]]:
        """(time, bounce rate, complaint rate) of the account after each step, as the emulator
        publishes Reputation.*: the bounces and complaints of the last 24 hours of its clock,
        over every message SES tried to deliver then (suppressed recipients excluded)."""
        totals: Counter[str] = Counter()
        window: deque[tuple[dt.datetime, Counter[str]]] = deque()
        rates = []
        for moment, per_set in zip(self.times, self.counts, strict=True):
            step: Counter[str] = Counter()
            for counts in per_set.values():
                step.update(counts)
            window.append((moment, step))
            totals.update(step)
            while window[0][0] <= moment - REPUTATION_WINDOW:  # sent at `moment`, clock pinned
                totals.subtract(window.popleft()[1])
            attempted = totals["deliveries"] + totals["bounces"]
            rates.append((moment + self.scenario.step,
                          totals["bounces"] / attempted if attempted else 0.0,
                          totals["complaints"] / attempted if attempted else 0.0))  # fmt: skip
        return rates


def run(url: str, scenario: Scenario, kind: str, progress: Progress, cleanup: bool = False):
    """Play `scenario` on the emulator at `url`; `cleanup` leaves it as it was found
    (but for alarm states and metrics) for whoever uses it next."""
    began = time.monotonic()
    aws = clients(url)
    live = read_live(url)
    result = RunResult(kind, scenario, lane_sets(scenario, live), _alarms(live),
                       tenants=tenancy.discover(aws))  # fmt: skip
    sending_domains = senders(result.lane_sets, live)
    queues = {route: aws.queue(f"lab-{route}", arn)
              for route, arn in _topics(live).items()}  # fmt: skip
    if result.tenants:
        queues[TENANT_STATUS] = aws.queue("lab-tenant-status")
        tenancy.status_rule(aws, queues[TENANT_STATUS])
    _prepare(aws, scenario)
    numbers: Counter[str] = Counter()  # per population: the next recipient
    before = _lane_counts(aws)
    try:
        _clock(aws, "POST", {"time": scenario.start.isoformat()})
        for step in range(scenario.steps):
            moment = scenario.start + step * scenario.step
            for traffic in scenario.traffic:
                for population, count in scenario.volume(traffic, step):
                    addresses = [population.address(numbers[population.name] + i)
                                 for i in range(count)]  # fmt: skip
                    numbers[population.name] += count
                    _send(aws, result, traffic, population, addresses, sending_domains, moment)
            after = _lane_counts(aws)
            result.times.append(moment)
            result.counts.append({name: after[name] - before.get(name, Counter())
                                  for name in after})  # fmt: skip
            before = after
            result.refused_after.append(Counter(result.refused))
            _clock(aws, "POST", {"advance_seconds": scenario.step_minutes * 60})
            _respond(aws, result, queues, moment + scenario.step)
            if (step + 1) % (60 // scenario.step_minutes) == 0:
                progress(_hour_line(result, step))
        result.transitions = _history(aws, result.alarms)
    finally:
        if cleanup:
            _clean(aws, scenario, result, queues)
    result.seconds = time.monotonic() - began
    return result


# --- discovery --------------------------------------------------------------------
def lane_sets(scenario: Scenario, live: Any) -> dict[str, str]:
    """Scenario lane -> the configuration set its traffic goes through."""
    names = [s.configuration_set for s in live.streams]
    lanes = {t.lane for t in scenario.traffic}
    if all(lane in names for lane in lanes):
        return {lane: lane for lane in lanes}
    if len(names) == 1:  # one set for everything: the catch-all
        return dict.fromkeys(lanes, names[0])
    missing = sorted(lane for lane in lanes if lane not in names)
    raise RuntimeError(f"no configuration set for lane(s) {', '.join(missing)} "
                       f"(sets: {', '.join(names) or 'none'})")  # fmt: skip


def _alarms(live: Any) -> dict[str, AlarmInfo]:
    owner = {a.name: s.configuration_set for s in live.streams for a in s.alarms}
    result = {}
    for name, alarm in live.alarms.items():
        # a single-metric alarm has no queries: its one metric is under the id ""
        metrics = " ".join(s["metric_name"] or "" for s in alarm.metric_stats.values())
        periods = {s["period"] for s in alarm.metric_stats.values() if s.get("period")}
        result[name] = AlarmInfo(
            name=name,
            configuration_set=owner.get(name),
            kind="bounce" if "Bounce" in metrics else "complaint",
            threshold=alarm.threshold,
            routes=tuple(arn.rsplit(":", 1)[-1] for arn in alarm.actions if ":sns:" in arn),
            period=dt.timedelta(seconds=max(periods)) if periods else None,
            guard=guard_of(name, alarm.expression, alarm.metrics),
        )
    return result


def _topics(live: Any) -> dict[str, str]:
    arns = {arn for alarm in live.alarms.values() for arn in alarm.actions if ":sns:" in arn}
    return {arn.rsplit(":", 1)[-1]: arn for arn in sorted(arns)}


def senders(lane_sets: dict[str, str], live: Any) -> dict[str, str]:
    """Configuration set -> the domain of the identity whose default it is (else the first)."""
    domains = {i.default_configuration_set: i.name for i in live.identities
               if "@" not in i.name and i.default_configuration_set}  # fmt: skip
    fallback = next((i.name for i in live.identities if "@" not in i.name), None)
    result = {}
    for name in set(lane_sets.values()):
        domain = domains.get(name, fallback)
        if domain is None:
            raise RuntimeError("no verified domain identity to send from")
        result[name] = domain
    return result


# --- the scenario's world ---------------------------------------------------------
def _prepare(aws: Aws, scenario: Scenario) -> None:
    for population in scenario.populations.values():
        if population.bounce_rate or population.complaint_rate:
            status, body = aws.local("PUT", "/control/mailboxes", {
                "domain": population.domain, "bounce_rate": population.bounce_rate,
                "complaint_rate": population.complaint_rate})  # fmt: skip
            if status != 200:
                raise RuntimeError(f"mailbox rule for {population.domain}: {body}")
        if population.suppressed:
            for number in range(population.size):
                aws.sesv2.put_suppressed_destination(
                    EmailAddress=population.address(number), Reason=population.suppressed
                )


def _send(aws, result, traffic: Traffic, population: Population, addresses, senders, moment):
    configuration_set = result.lane_sets[traffic.lane]
    tenant = result.tenants.get(configuration_set)
    through = {"TenantName": tenant.name} if tenant else {}
    tracked = traffic.name == result.scenario.resets and population.suppressed is not None
    delivered = suppressed = refused = 0
    for first in range(0, len(addresses), BATCH):
        batch = addresses[first : first + BATCH]
        try:
            # sesguard: ignore[SES019] the lane's set, read from the live account at run time
            aws.sesv2.send_bulk_email(
                FromEmailAddress=f"{traffic.sender}@{senders[configuration_set]}",
                ConfigurationSetName=configuration_set,
                DefaultContent={"Template": {
                    "TemplateContent": {"Subject": traffic.name, "Text": f"{traffic.name}."},
                    "TemplateData": "{}"}},
                BulkEmailEntries=[{"Destination": {"ToAddresses": [a]}} for a in batch],
                DefaultEmailTags=[{"Name": "traffic", "Value": traffic.name.replace(" ", "-")}],
                **through,
            )  # fmt: skip
        except ClientError as error:
            if error.response["Error"]["Code"] != "SendingPausedException":
                raise
            result.refused[traffic.name] += len(batch)
            refused += len(batch)
            continue
        result.sent += len(batch)
        if tracked:
            for message in aws.messages(f"?limit={len(batch)}"):
                if message["Suppressed"]:
                    suppressed += 1
                elif any(e["Type"] == "DELIVERY" for e in message["Events"]):
                    delivered += 1
    if tracked:
        result.protected.append(Protected(moment, delivered, suppressed, refused))


def _lane_counts(aws: Aws) -> dict[str, Counter[str]]:
    status, body = aws.local("GET", "/lanes")
    if status != 200:
        raise RuntimeError(f"emulator /_ses/lanes: {body}")
    return {lane["ConfigurationSet"]: Counter({k: lane["Counts"].get(k, 0) for k in COUNTERS})
            for lane in body["Lanes"]}  # fmt: skip


def _clock(aws: Aws, method: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    status, answer = aws.local(method, "/clock", body)
    if status != 200:
        raise RuntimeError(f"emulator clock: {answer}")
    errors = [a["Error"] for a in answer.get("Alarms", []) if "Error" in a]
    if errors:
        raise RuntimeError(f"the emulator cannot evaluate an alarm: {errors[0]}")
    return answer


def _respond(aws: Aws, result: RunResult, queues: dict[str, str], now: dt.datetime) -> None:
    """Read the queues: alarm notifications, the module's pause messages, tenant status."""
    for route, url in queues.items():
        for body in aws.drain(url):
            if route == TENANT_STATUS:
                _tenant_status(result, body)
            elif body.get("SendingEnabled") is False and "ConfigurationSet" in body:
                # the lane's own pause (module pause_on_alarm) told its alarm topic
                alarm = result.alarms.get(body["AlarmName"])
                by = f"its {alarm.kind} alarm" if alarm else f"alarm {body['AlarmName']}"
                _record_pause(result, Pause(now, body["ConfigurationSet"], by))
            elif "AlarmName" in body:  # else a real-time SES event on the same topic
                result.notifications.append(Notification(
                    _parse_time(body["StateChangeTime"]), route, body["AlarmName"],
                    body["OldStateValue"], body["NewStateValue"]))  # fmt: skip


def _tenant_status(result: RunResult, event: dict[str, Any]) -> None:
    """SES paused a tenant (its reputation policy): every set it holds stops sending."""
    record = event["detail"]["data"]["record"]
    if record["status"] != "DISABLED":
        return
    moment = dt.datetime.fromisoformat(event["time"].replace("Z", "+00:00"))
    for tenant in result.tenants.values():
        if tenant.arn in event["resources"]:
            cause = f"SES, tenant policy {tenant.policy}"
            _record_pause(result, Pause(moment, tenant.configuration_set, cause))


def _record_pause(result: RunResult, pause: Pause) -> None:
    if pause.configuration_set not in {p.configuration_set for p in result.paused}:
        result.paused.append(pause)


def _history(aws: Aws, alarms: dict[str, AlarmInfo]) -> list[Transition]:
    transitions = []
    for name in alarms:
        token: dict[str, str] = {}
        while True:
            page = aws.cloudwatch.describe_alarm_history(
                AlarmName=name, HistoryItemType="StateUpdate", ScanBy="TimestampAscending",
                MaxRecords=100, **token)  # fmt: skip
            for item in page["AlarmHistoryItems"]:
                data = json.loads(item["HistoryData"])
                transitions.append(Transition(item["Timestamp"].astimezone(dt.timezone.utc), name,
                                              data["oldState"]["stateValue"],
                                              data["newState"]["stateValue"]))  # fmt: skip
            if "NextToken" not in page:
                break
            token = {"NextToken": page["NextToken"]}
    return sorted(transitions, key=lambda t: (t.time, t.alarm))


def _clean(aws: Aws, scenario: Scenario, result: RunResult, queues: dict[str, str]) -> None:
    for pause in result.paused:
        aws.sesv2.put_configuration_set_sending_options(
            ConfigurationSetName=pause.configuration_set, SendingEnabled=True)  # fmt: skip
    queue_arns = {aws.queue_arn(url) for url in queues.values()}
    for subscription in aws.sns.list_subscriptions()["Subscriptions"]:
        if subscription["Endpoint"] in queue_arns:
            aws.sns.unsubscribe(SubscriptionArn=subscription["SubscriptionArn"])
    for url in queues.values():
        aws.sqs.delete_queue(QueueUrl=url)
    domains = {p.domain for p in scenario.populations.values()}
    token: dict[str, str] = {}
    ours = []
    while True:
        page = aws.sesv2.list_suppressed_destinations(PageSize=1000, **token)
        ours += [e["EmailAddress"] for e in page["SuppressedDestinationSummaries"]
                 if e["EmailAddress"].rpartition("@")[2] in domains]  # fmt: skip
        if not page.get("NextToken"):
            break
        token = {"NextToken": page["NextToken"]}
    for address in ours:
        aws.sesv2.delete_suppressed_destination(EmailAddress=address)
    for method, path in (("DELETE", "/control/mailboxes"), ("DELETE", "/messages"),
                         ("DELETE", "/clock")):  # fmt: skip
        aws.local(method, path)


def _hour_line(result: RunResult, step: int) -> str:
    per_hour = 60 // result.scenario.step_minutes
    hour = step // per_hour
    end = result.times[step] + result.scenario.step
    bounce, complaint = result.account_rates()[step][1:]
    changes = [f"{n.alarm} {n.new}" for n in result.notifications
               if end - dt.timedelta(hours=1) < n.time <= end]  # fmt: skip
    return (f"{result.kind:<15} hour {hour:>2} ({end:%H:%M})  sent {result.sent:>7,}  "
            f"account bounce {bounce:6.2%} complaint {complaint:6.3%}"
            + (f"  | {', '.join(changes)}" if changes else ""))  # fmt: skip


def _parse_time(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%f%z").astimezone(dt.timezone.utc)
