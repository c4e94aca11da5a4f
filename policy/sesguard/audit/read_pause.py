"""Read the automatic-pause wiring of one account and region: the EventBridge rules on the
default bus that an SES alarm entering ALARM sets off, their targets, and the definitions of
the Step Functions state machines they start. `model/pause_wiring.py` judges the chain.

Calls: ListRules once for the bus (paginated), ListTargetsByRule per enabled rule that matches
an SES alarm's event, DescribeStateMachine per distinct state machine target: the rules that
concern no SES alarm (most of an account's) cost nothing past the list.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from ..model.event_pattern import matches
from ..model.from_account import is_ses_alarm
from ..model.pause_wiring import ENABLED, STATE_MACHINE, alarm_event, rule_pattern
from .reads import declares

# The clients the reads below need; a reader without them (adopt) leaves the wiring unread.
PAUSE_SERVICES = ("events", "stepfunctions")


@declares(
    "pause", "events:ListRules", "events:ListTargetsByRule", "stepfunctions:DescribeStateMachine"
)
def read_pause_wiring(reader, alarms: list | None, workers: int) -> dict | None:
    """{"rules": [ListRules entry + "Targets" (None: not read)], "machines": {ARN:
    DescribeStateMachine answer, {"Missing": True}, or None: not read}}; None when the rules
    (or the alarms they are matched against) could not be read."""
    if alarms is None:
        return None  # the failed alarm read already leaves SES040 unverified
    events = [
        alarm_event(a["AlarmName"], a.get("AlarmArn"), reader.account, reader.region)
        for a in alarms
        if is_ses_alarm(a)
    ]
    listed = reader.pages(
        "pause",
        "ListRules",
        "Rules",
        "the EventBridge rules on the default bus (what an alarm entering ALARM starts)",
    )
    if listed is None:
        return None
    rules = [dict(rule) for rule in listed if any(matches(rule_pattern(rule), e) for e in events)]

    def targets(rule: dict) -> None:
        if rule.get("State") not in ENABLED:
            return  # a disabled rule starts nothing, whatever it targets
        rule["Targets"] = reader.pages(
            "pause",
            "ListTargetsByRule",
            "Targets",
            f"the targets of EventBridge rule {rule.get('Name')!r} (an automatic pause)",
            address=rule.get("Arn"),
            Rule=rule.get("Name"),
        )

    def machine(arn: str) -> tuple[str, dict | None]:
        answer = reader.call(
            "pause",
            "DescribeStateMachine",
            f"the definition of state machine {arn} (an automatic pause)",
            address=arn,
            missing="StateMachineDoesNotExist",
            stateMachineArn=arn,
        )
        if answer is None:
            return arn, None
        if not answer:  # Reader.call's MISSING (an answer always has ResponseMetadata)
            return arn, {"Missing": True}
        return arn, {"definition": answer.get("definition"), "status": answer.get("status")}

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(targets, rules))
        arns = sorted(
            {
                t.get("Arn", "")
                for rule in rules
                for t in rule.get("Targets") or ()
                if STATE_MACHINE.match(t.get("Arn", ""))
            }
        )
        machines = dict(pool.map(machine, arns))
    return {"rules": rules, "machines": machines}
