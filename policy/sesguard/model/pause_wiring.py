"""Would a lane pause itself? The automatic pause, read back from a live account.

The chain for each of a lane's own bounce and complaint alarms: an EventBridge rule on the
default bus whose pattern matches the alarm's "CloudWatch Alarm State Change" event into
ALARM, enabled, with a Step Functions state machine as target, whose definition reaches a
Task calling SES v2 PutConfigurationSetSendingOptions for this configuration set with
SendingEnabled false. A rate (bounce, complaint) is covered when one of the lane's alarms
on it has the whole chain. `ConfigurationSet.pause_wired` says whether a rate is covered,
`pause_gap` which link is missing for a rate that is not; pause_wired stays None when a
read the verdict needs failed (SES040 is then not checked for that lane).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from .entities import Alarm, ConfigurationSet, Model
from .event_pattern import matches

# The module's task names the partition (arn:aws:…, arn:aws-cn:…, arn:aws-us-gov:…).
PAUSE_TASK = re.compile(r"arn:aws[a-z-]*:states:::aws-sdk:sesv2:putConfigurationSetSendingOptions")
STATE_MACHINE = re.compile(r"arn:aws[a-z-]*:states:[^:]*:[^:]*:stateMachine:")
ENABLED = ("ENABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")
# The reads of the chain past ListRules: a failure there is narrowed to the lanes it leaves
# without a verdict.
CHAIN_READS = ("events:ListTargetsByRule", "states:DescribeStateMachine")


def alarm_event(name: str, arn: str | None, account: str, region: str) -> dict:
    """The event CloudWatch puts on the default bus when alarm ``name`` goes from OK to ALARM
    (only the fields a pattern on an alarm's state change names)."""
    return {
        "version": "0",
        "detail-type": "CloudWatch Alarm State Change",
        "source": "aws.cloudwatch",
        "account": account,
        "region": region,
        "resources": [arn or f"arn:aws:cloudwatch:{region}:{account}:alarm:{name}"],
        "detail": {
            "alarmName": name,
            "state": {"value": "ALARM"},
            "previousState": {"value": "OK"},
        },
    }


def rule_pattern(rule: dict) -> Any:
    """A ListRules entry's event pattern, decoded; None for a scheduled rule or bad JSON."""
    try:
        return json.loads(rule.get("EventPattern") or "null")
    except ValueError:
        return None


def sets_paused_by(definition: Any) -> frozenset[str]:
    """The configuration sets a state machine definition (ASL text) turns sending off for:
    reachable Task states (Parallel branches and Map item processors too) calling the SES v2
    integration with a literal ConfigurationSetName and SendingEnabled false."""
    try:
        document = json.loads(definition) if isinstance(definition, str) else None
    except ValueError:
        return frozenset()
    return frozenset(_paused(document))


def _paused(machine: Any) -> Iterator[str]:
    states = machine.get("States") if isinstance(machine, dict) else None
    if not isinstance(states, dict):
        return
    seen: set[str] = set()
    todo = [machine.get("StartAt")]
    while todo:
        name = todo.pop()
        state = states.get(name) if isinstance(name, str) and name not in seen else None
        if not isinstance(state, dict):
            continue
        seen.add(name)
        choices = [c for c in [*(state.get("Choices") or ()), *(state.get("Catch") or ())]
                   if isinstance(c, dict)]  # fmt: skip
        todo += [state.get("Next"), state.get("Default"), *(c.get("Next") for c in choices)]
        # JSONata states pass their arguments as Arguments, JSONPath ones as Parameters.
        args = state.get("Parameters") or state.get("Arguments")
        if (
            state.get("Type") == "Task"
            and PAUSE_TASK.fullmatch(str(state.get("Resource")))
            and isinstance(args, dict)
            and args.get("SendingEnabled") is False
            and isinstance(args.get("ConfigurationSetName"), str)
        ):
            yield args["ConfigurationSetName"]
        for inner in [*(state.get("Branches") or ()), state.get("ItemProcessor"),
                      state.get("Iterator")]:  # fmt: skip
            yield from _paused(inner)


@dataclass(frozen=True)
class Link:
    """How one alarm's chain ends for one set: whole (``missing`` None), broken at a link,
    or stopped at a read that failed (``unread``: the address of what was not read)."""

    progress: int
    missing: str | None = None
    unread: str | None = None


def judge_pause_wiring(model: Model, wiring: dict | None) -> None:
    """Set each live set's pause_wired / pause_gap from the wiring the audit read (see
    `sesguard.audit.read_pause`); None: not read, the failure says so."""
    live = model.live
    if wiring is None or live is None:
        return
    rules = [(r, rule_pattern(r)) for r in wiring.get("rules") or ()]
    machines = wiring.get("machines") or {}
    needed_by: dict[str, list[str]] = {}  # unread address → the lanes left without a verdict
    for config_set in model.sets:
        if config_set.stream is None or config_set.v1:
            continue
        links = _kind_links(config_set, rules, machines, live.account, live.region)
        unread = [link.unread for link in links if link.unread]
        if unread:
            for address in unread:
                needed_by.setdefault(address, []).append(config_set.stream.key)
            continue
        if not links:
            config_set.pause_wired = False
            config_set.pause_gap = "it has no bounce or complaint alarm to pause on"
            continue
        broken = [link.missing for link in links if link.missing]
        config_set.pause_wired = len(broken) < len(links)
        config_set.pause_gap = broken[0] if broken else None
    live.failures = list(_narrowed(live.failures, needed_by))


def _kind_links(config_set, rules: list, machines: dict, account: str, region: str) -> list:
    """One chain per rate the lane's alarms watch (bounce, complaint): the best of that
    rate's alarms, so an extra alarm beside the paused ones does not make a gap."""
    by_kind: dict[str, list[Link]] = {}
    for alarm in sorted(config_set.stream.alarms, key=lambda a: str(a.name)):
        if alarm.kinds():
            event = alarm_event(str(alarm.name), _arn(alarm), account, region)
            link = _alarm_link(str(alarm.name), event, config_set.name, rules, machines)
            for kind in alarm.kinds():
                by_kind.setdefault(kind, []).append(link)
    return [_best(links) for _, links in sorted(by_kind.items())]


def _arn(alarm: Alarm) -> str | None:
    return alarm.address if alarm.address.startswith("arn:") else None


def _alarm_link(name: str, event: dict, set_name: Any, rules: list, machines: dict) -> Link:
    chains = [_chain(rule, set_name, machines) for rule, pattern in rules
              if matches(pattern, event)]  # fmt: skip
    if not chains:
        return Link(0, f"no EventBridge rule on the default bus matches alarm {name!r} "
                       "entering ALARM")  # fmt: skip
    return _best(chains)


def _chain(rule: dict, set_name: Any, machines: dict) -> Link:
    name = rule.get("Name")
    if rule.get("State") not in ENABLED:
        return Link(1, f"EventBridge rule {name!r} is {str(rule.get('State')).lower()}")
    targets = rule.get("Targets")
    if targets is None:
        return Link(2, f"not read: the targets of EventBridge rule {name!r}", rule.get("Arn"))
    arns = [t.get("Arn", "") for t in targets if STATE_MACHINE.match(t.get("Arn", ""))]
    if not arns:
        return Link(2, f"EventBridge rule {name!r} starts no Step Functions state machine")
    return _best([_machine_link(arn, name, set_name, machines.get(arn)) for arn in arns])


def _best(links: list[Link]) -> Link:
    """A whole chain; else one stopped at a read that failed (it may be whole); else the
    one that goes furthest."""
    return (
        next((link for link in links if link.missing is None), None)
        or next((link for link in links if link.unread), None)
        or max(links, key=lambda link: link.progress)
    )


def _machine_link(arn: str, rule: str, set_name: Any, machine: dict | None) -> Link:
    short = arn.rpartition(":")[2]
    if machine is None:
        return Link(3, f"not read: state machine {short!r}", arn)
    if machine.get("Missing"):
        return Link(3, f"state machine {short!r}, the target of EventBridge rule {rule!r}, "
                       "does not exist")  # fmt: skip
    paused = sets_paused_by(machine.get("definition"))
    if set_name in paused:
        return Link(5)
    others = f" (it turns off {', '.join(map(repr, sorted(paused)))})" if paused else ""
    return Link(4, f"state machine {short!r}, the target of EventBridge rule {rule!r}, does "
                   f"not turn off sending of {set_name!r}{others}")  # fmt: skip


def _narrowed(failures: list, needed_by: dict[str, list[str]]) -> Iterator:
    """A failed read of a rule's targets or a state machine leaves SES040 unverified for the
    lanes whose verdict needed it, and for no other lane."""
    for failure in failures:
        if failure.api not in CHAIN_READS or failure.stream is not None:
            yield failure
        elif failure.address in needed_by:
            lanes = dict.fromkeys(needed_by[failure.address])  # both rates may need it
            yield from (replace(failure, stream=lane) for lane in lanes)
        else:  # another chain decided every lane it could have concerned
            yield replace(failure, unverified=())


def pause_verdict(config_set: ConfigurationSet) -> str:
    """What the reports say of a set: yes, no, partly, or unknown (a read it needs failed)."""
    if config_set.pause_wired is None:
        return "unknown"
    if not config_set.pause_wired:
        return "no"
    return "partly" if config_set.pause_gap else "yes"
