"""How the audit reads a pause it cannot run: an EventBridge pattern against an alarm's state
change event (EventBridge's matching rules), and a state machine definition for the SES v2
task that turns a set's sending off. The account-level behaviour is in
test_automatic_pause.py; these pin the shapes a hand-written rule or machine takes."""

from __future__ import annotations

import json

import pytest
from live_account import ACCOUNT, REGION, pause_definition
from sesguard.model.event_pattern import matches
from sesguard.model.pause_wiring import alarm_event, sets_paused_by

EVENT = alarm_event("marketing-bounce-rate", None, ACCOUNT, REGION)
STATE_CHANGE = {"source": ["aws.cloudwatch"], "detail-type": ["CloudWatch Alarm State Change"]}

ALARM_ARN = f"arn:aws:cloudwatch:{REGION}:{ACCOUNT}:alarm:marketing-bounce-rate"


def _name(*matchers) -> dict:
    return {"detail": {"alarmName": list(matchers)}}


def _state(*matchers) -> dict:
    return {"detail": {"state": {"value": list(matchers)}}}


MATCHING = {
    "names and state": {"detail": {"alarmName": ["x", "marketing-bounce-rate"],
                                   "state": {"value": ["ALARM"]}}},
    "resource ARN": {"resources": [ALARM_ARN]},
    "prefix": _name({"prefix": "marketing-"}),
    "prefix ignoring case": _name({"prefix": {"equals-ignore-case": "MARKETING-"}}),
    "suffix": _name({"suffix": "-rate"}),
    "equals-ignore-case": _name({"equals-ignore-case": "Marketing-Bounce-Rate"}),
    "wildcard": _name({"wildcard": "marketing-*-rate"}),
    "anything-but a list": _state({"anything-but": ["OK", "INSUFFICIENT_DATA"]}),
    "anything-but a prefix": _name({"anything-but": {"prefix": "transactional-"}}),
    "exists": {"detail": {"alarmName": [{"exists": True}],
                          "actionsSuppressedBy": [{"exists": False}]}},
    "$or, one branch": {"$or": [_name("other"), {"source": ["aws.cloudwatch"]}]},
    "only the state change": {},
}  # fmt: skip
NOT_MATCHING = {
    "another alarm": _name("marketing-complaint-rate"),
    "back to OK": _state("OK"),
    "from ALARM": {"detail": {"previousState": {"value": ["ALARM"]}}},
    "anything-but its name": _name({"anything-but": "marketing-bounce-rate"}),
    "exists where absent": {"detail": {"configuration": [{"exists": True}]}},
    "a case-sensitive name": _name("Marketing-Bounce-Rate"),
    "another source": {"source": ["aws.ses"]},
    "$or, no branch": {"$or": [_name("a"), _name("b")]},
    "a filter it does not know": _name({"cidr": "10.0.0.0/24"}),
    "numeric on a string": _name({"numeric": [">", 0]}),
}


@pytest.mark.parametrize("name", MATCHING)
def test_a_pattern_eventbridge_would_match_matches_the_alarm_event(name):
    assert matches({**STATE_CHANGE, **MATCHING[name]}, EVENT)


@pytest.mark.parametrize("name", NOT_MATCHING)
def test_a_pattern_eventbridge_would_not_match_does_not(name):
    assert not matches({**STATE_CHANGE, **NOT_MATCHING[name]}, EVENT)


def test_numbers_match_by_value_and_range():
    event = {"detail": {"count": 5}}
    assert matches({"detail": {"count": [5.0]}}, event)
    assert matches({"detail": {"count": [{"numeric": [">", 0, "<=", 5]}]}}, event)
    assert not matches({"detail": {"count": [{"numeric": [">", 5]}]}}, event)
    assert not matches({"detail": {"count": ["5"]}}, event)


def _machine(states: dict, start: str = "Start") -> str:
    return json.dumps({"StartAt": start, "States": states})


PAUSE = json.loads(pause_definition("marketing"))["States"]["PauseSending"]
NO_PARAMETERS = {key: value for key, value in PAUSE.items() if key != "Parameters"}
PASS = {"Type": "Pass", "Next": "Pause"}
OTHER_API = "arn:aws:states:::aws-sdk:sesv2:putAccountSendingAttributes"


@pytest.mark.parametrize(
    ("definition", "paused"),
    [
        (pause_definition("marketing"), {"marketing"}),
        # Reached through a Choice's default, a Catch, a Parallel branch, a Map's processor.
        (_machine({"Start": {"Type": "Choice", "Choices": [], "Default": "Pause"}, "Pause": PAUSE}),
         {"marketing"}),
        (_machine({"Start": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                             "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Pause"}],
                             "End": True}, "Pause": PAUSE}), {"marketing"}),
        (_machine({"Start": {"Type": "Parallel", "End": True, "Branches": [
            json.loads(pause_definition("bulk"))]}}), {"bulk"}),
        (_machine({"Start": {"Type": "Map", "End": True,
                             "ItemProcessor": json.loads(pause_definition("bulk"))}}), {"bulk"}),
        # JSONata states carry Arguments; another partition's ARN.
        (_machine({"Start": {**NO_PARAMETERS, "QueryLanguage": "JSONata", "Arguments": {
            "ConfigurationSetName": "marketing", "SendingEnabled": False},
            "Resource": "arn:aws-cn:states:::aws-sdk:sesv2:putConfigurationSetSendingOptions"}}),
         {"marketing"}),
        # Not a pause: unreachable, resumes, a name from the input, another API, not JSON.
        (_machine({"Start": {"Type": "Succeed"}, "Pause": PAUSE}), set()),
        (_machine({"Start": {**PAUSE, "Parameters": {"ConfigurationSetName": "marketing",
                                                     "SendingEnabled": True}}}), set()),
        (_machine({"Start": {**PAUSE, "Parameters": {"ConfigurationSetName.$": "$.set",
                                                     "SendingEnabled": False}}}), set()),
        (_machine({"Start": {**PAUSE, "Resource": OTHER_API}}), set()),
        ("not json", set()),
        (_machine({"Start": PASS, "Pause": {**PAUSE, "Next": "Start", "End": None}}),
         {"marketing"}),  # a loop ends
    ],
    ids=["module", "choice", "catch", "parallel", "map", "jsonata", "unreachable", "resume",
         "from-input", "other-api", "not-json", "loop"],
)  # fmt: skip
def test_a_definition_pauses_the_sets_its_reachable_ses_task_names(definition, paused):
    assert sets_paused_by(definition) == paused
