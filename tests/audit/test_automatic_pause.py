"""The automatic pause read back from a live account: the EventBridge rule on a lane's rate
alarms, its Step Functions target and that state machine's definition, judged by SES040
(marketing and bulk without it: info; transactional with it: warning) and shown per lane."""

from __future__ import annotations

import json

import pytest
from audit_runs import account_arn, keys, run_audit
from fault_proxy import Fault
from live_account import (
    ACCOUNT,
    REGION,
    alarm_arn,
    alarm_pattern,
    pause_definition,
    pause_machine,
    ses_arn,
    wire_pause,
)
from sesguard.rules.ses040_automatic_pause import AutomaticPause

RULE, NO_RULE = "ses-marketing-pause", "no EventBridge rule on the default bus matches alarm"


def _machine_arn(name: str) -> str:
    return f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{name}"


def _audit(emulator: str, tmp_path) -> tuple[int, dict, dict]:
    """(exit code, report, stream → its set's automatic_pause entry)."""
    code, report = run_audit(emulator, "--no-dns", "--no-health", tmp_path=tmp_path)
    pauses = {
        stream: entry["automatic_pause"][stream]
        for stream, entry in report["summary"]["streams"].items()
    }
    return code, report, pauses


def _ses040(report: dict) -> dict[str, tuple[str, str]]:
    """stream → (severity, message) of each SES040 finding."""
    return {f["stream"]: (f["severity"], f["message"]) for f in report["findings"]
            if f["rule"] == "SES040"}  # fmt: skip


def test_the_good_account_pauses_marketing_and_bulk_and_not_transactional(
    clients, zone, emulator, baseline, tmp_path
):
    code, report, pauses = _audit(emulator, tmp_path)
    assert pauses == {
        "marketing": {"would_pause": "yes", "missing": None},
        "bulk-notifications": {"would_pause": "yes", "missing": None},
        "transactional": {
            "would_pause": "no",
            "missing": f"{NO_RULE} 'transactional-bounce-rate' entering ALARM",
        },
    }
    assert keys(report) - baseline == set()  # the notes on DNS and IAM are the baseline's
    assert code == 0


def _rule_disabled(c):
    c["events"].disable_rule(Name=RULE)


def _target_another_machine(c):
    other = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}})
    arn = pause_machine(c, "ses-other", other)
    c["events"].put_targets(Rule=RULE, Targets=[{"Id": "pause-sending", "Arn": arn}])


def _definition_pauses_another_set(c):
    c["stepfunctions"].update_state_machine(
        stateMachineArn=_machine_arn(RULE), definition=pause_definition("bulk-notifications")
    )


def _machine_deleted(c):
    c["stepfunctions"].delete_state_machine(stateMachineArn=_machine_arn(RULE))


def _target_not_a_state_machine(c):
    c["events"].remove_targets(Rule=RULE, Ids=["pause-sending"])
    queue = f"arn:aws:sqs:{REGION}:{ACCOUNT}:marketing-alarms"
    c["events"].put_targets(Rule=RULE, Targets=[{"Id": "queue", "Arn": queue}])


def _bounce_alarm_only(c):
    c["events"].put_rule(Name=RULE, EventPattern=json.dumps(alarm_pattern("marketing-bounce-rate")))


def _on_ok_not_alarm(c):
    pattern = alarm_pattern("marketing-bounce-rate", "marketing-complaint-rate")
    pattern["detail"]["state"]["value"] = ["OK"]
    c["events"].put_rule(Name=RULE, EventPattern=json.dumps(pattern))


MARKETING = ses_arn("configuration-set", "marketing")
KEEPS_SENDING = "marketing configuration set 'marketing' keeps sending when its bounce or "
KEEPS_SENDING += "complaint alarm fires"
BROKEN_PAUSES = {
    "rule disabled": (_rule_disabled, "no", f"EventBridge rule {RULE!r} is disabled"),
    "target another state machine": (
        _target_another_machine,
        "no",
        f"state machine 'ses-other', the target of EventBridge rule {RULE!r}, does not turn "
        "off sending of 'marketing'",
    ),
    "definition pausing another set": (
        _definition_pauses_another_set,
        "no",
        f"state machine {RULE!r}, the target of EventBridge rule {RULE!r}, does not turn off "
        "sending of 'marketing' (it turns off 'bulk-notifications')",
    ),
    "state machine deleted": (
        _machine_deleted,
        "no",
        f"state machine {RULE!r}, the target of EventBridge rule {RULE!r}, does not exist",
    ),
    "target not a state machine": (
        _target_not_a_state_machine,
        "no",
        f"EventBridge rule {RULE!r} starts no Step Functions state machine",
    ),
    "pattern on the bounce alarm only": (
        _bounce_alarm_only,
        "partly",
        f"{NO_RULE} 'marketing-complaint-rate' entering ALARM",
    ),
    "pattern on the alarm going back to OK": (
        _on_ok_not_alarm,
        "no",
        f"{NO_RULE} 'marketing-bounce-rate' entering ALARM",
    ),
}


@pytest.mark.parametrize("breakage", BROKEN_PAUSES, ids=list(BROKEN_PAUSES))
def test_a_broken_link_of_marketings_pause_is_an_info_naming_it(
    breakage, clients, zone, emulator, baseline, tmp_path
):
    break_it, verdict, missing = BROKEN_PAUSES[breakage]
    break_it(clients)
    code, report, pauses = _audit(emulator, tmp_path)
    assert keys(report) - baseline == {("SES040", MARKETING)}
    assert _ses040(report) == {"marketing": ("info", f"{KEEPS_SENDING} ({missing})")}
    (finding,) = (f for f in report["findings"] if f["rule"] == "SES040")
    assert finding["remediation"] == AutomaticPause.fix  # in the module's input terms
    assert pauses["marketing"] == {"would_pause": verdict, "missing": missing}
    assert pauses["bulk-notifications"]["would_pause"] == "yes"
    assert code == 0


TRANSACTIONAL_ALARMS = ("transactional-bounce-rate", "transactional-complaint-rate")
PAUSING_PATTERNS = {
    "as the module writes it": alarm_pattern(*TRANSACTIONAL_ALARMS),
    # Hand-written equivalents: on the alarms' ARNs, a state other than OK, a name prefix.
    "on the alarm ARNs": {
        "source": ["aws.cloudwatch"],
        "resources": [alarm_arn(name) for name in TRANSACTIONAL_ALARMS],
        "detail": {"state": {"value": [{"anything-but": ["OK", "INSUFFICIENT_DATA"]}]}},
    },
    "on a name prefix, in $or": {
        "detail-type": ["CloudWatch Alarm State Change"],
        "$or": [
            {"detail": {"alarmName": [{"prefix": "transactional-"}]}},
            {"detail": {"alarmName": [{"wildcard": "*-transactional"}]}},
        ],
    },
}


@pytest.mark.parametrize("pattern", PAUSING_PATTERNS, ids=list(PAUSING_PATTERNS))
def test_a_transactional_lane_that_pauses_itself_is_a_warning(
    pattern, clients, zone, emulator, baseline, tmp_path
):
    wire_pause(clients, "transactional", PAUSING_PATTERNS[pattern])
    code, report, pauses = _audit(emulator, tmp_path)
    transactional = ses_arn("configuration-set", "transactional")
    assert keys(report) - baseline == {("SES040", transactional)}
    assert _ses040(report) == {
        "transactional": (
            "warning",
            "transactional configuration set 'transactional' pauses itself when its bounce "
            "or complaint alarm fires: it can stop resets",
        )
    }
    assert pauses["transactional"] == {"would_pause": "yes", "missing": None}
    assert code == 0


def test_a_lane_wired_through_another_lanes_machine_pauses_only_if_that_machine_names_it(
    clients, zone, emulator, baseline, tmp_path
):
    """Transactional's alarms start marketing's state machine: it pauses marketing, not
    transactional, so transactional would not pause (and gets no warning)."""
    wire_pause(clients, "transactional", machine=_machine_arn(RULE))
    code, report, pauses = _audit(emulator, tmp_path)
    assert pauses["transactional"] == {
        "would_pause": "no",
        "missing": f"state machine {RULE!r}, the target of EventBridge rule "
        "'ses-transactional-pause', does not turn off sending of 'transactional' "
        "(it turns off 'marketing')",
    }
    assert keys(report) - baseline == set()  # the notes on DNS and IAM are the baseline's
    assert code == 0


def _not_checked(report: dict) -> list[tuple]:
    return sorted((n["read"], n["stream"] or "", tuple(n["rules"]))
                  for n in report["summary"]["not_checked"] if "SES040" in n["rules"])  # fmt: skip


def test_rules_that_cannot_be_listed_leave_every_lanes_pause_not_checked(
    clients, zone, proxy, baseline, tmp_path
):
    _rule_disabled(clients)  # a gap the audit must not report from what it did not read
    proxy.faults.append(Fault(400, "AccessDeniedException", "not allowed", service="events"))
    code, report, pauses = _audit(proxy.url, tmp_path)
    assert pauses == dict.fromkeys(pauses, {"would_pause": "unknown", "missing": None})
    assert len(pauses) == 3
    assert _not_checked(report) == [("events:ListRules", "", ("SES040",))]
    unread = [f for f in report["findings"] if f["message"].startswith("events:ListRules:")]
    assert [(f["rule"], f["severity"], f["address"]) for f in unread] == [
        ("SES020", "info", account_arn())
    ]
    assert _ses040(report) == {}
    assert code == 0  # the lanes themselves were read: the report is complete


def test_a_state_machine_that_cannot_be_read_leaves_only_its_lanes_not_checked(
    clients, zone, proxy, baseline, tmp_path
):
    _rule_disabled(clients)  # marketing's gap is read in full: still reported
    proxy.faults.append(Fault(400, "AccessDeniedException", "not allowed", service="states"))
    code, report, pauses = _audit(proxy.url, tmp_path)
    assert pauses["bulk-notifications"] == {"would_pause": "unknown", "missing": None}
    assert pauses["marketing"]["would_pause"] == "no"
    assert pauses["transactional"]["would_pause"] == "no"
    assert _not_checked(report) == [
        ("states:DescribeStateMachine", "bulk-notifications", ("SES040",))
    ]
    assert set(_ses040(report)) == {"marketing"}
    assert code == 0
