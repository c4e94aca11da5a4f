"""SES040: a lane pauses itself on its alarms exactly when its class says so, judged from
the state machine its ses_stream call makes."""

from __future__ import annotations

from plan_mutations import after, changes, config_set, one, remove
from planted import run, transactional_pauses_itself

STREAM = 'module.platform.module.stream["{}"]'
SET = STREAM + ".aws_sesv2_configuration_set.this"


def pause_findings(report) -> set[tuple[str, str, str]]:
    return {(f.rule, f.severity, f.address) for f in report.findings if f.rule == "SES040"}


def test_production_pauses_marketing_and_bulk_but_not_transactional(production):
    machines = {rc["module_address"] for rc in changes(production, "aws_sfn_state_machine")}
    assert machines == {STREAM.format("marketing"), STREAM.format("bulk-notifications")}
    assert pause_findings(run(production)) == set()


def test_marketing_lane_without_its_pause_is_info_with_the_module_input(production):
    remove(production, one(production, "aws_sfn_state_machine", "marketing", "pause"))
    report = run(production)
    assert pause_findings(report) == {("SES040", "info", SET.format("marketing"))}
    (finding,) = (f for f in report.findings if f.rule == "SES040")
    assert finding.remediation == (
        'In module.platform.module.stream["marketing"], set pause_on_alarm = true '
        "(the class default)."
    )
    assert report.exit_code == 0


def test_transactional_lane_with_a_pause_is_a_warning(production):
    transactional_pauses_itself(production)
    report = run(production)
    assert pause_findings(report) == {("SES040", "warning", SET.format("transactional"))}
    (finding,) = (f for f in report.findings if f.rule == "SES040")
    assert "it can stop resets" in finding.message
    assert "pause_on_alarm = false" in finding.remediation
    assert report.exit_code == 0


def test_a_pause_the_plan_deletes_no_longer_pauses_the_lane(production):
    machine = one(production, "aws_sfn_state_machine", "bulk-notifications", "pause")
    machine["change"].update(actions=["delete"], before=after(machine), after=None)
    assert pause_findings(run(production)) == {("SES040", "info", SET.format("bulk-notifications"))}


def test_a_class_that_opts_out_of_the_pause_in_the_gate_config_is_not_asked_for_one(production):
    remove(production, one(production, "aws_sfn_state_machine", "marketing", "pause"))
    config = {"classes": {"marketing": {"pause_on_alarm": False}}}
    # The bulk lane keeps its pause; the marketing class now says it should not have one.
    assert pause_findings(run(production, config)) == set()


def test_a_set_outside_the_module_gets_no_pause_finding(production):
    """A plain resource: the gate cannot tell its wiring, so it says nothing."""
    rc = config_set(production, "marketing")
    remove(production, one(production, "aws_sfn_state_machine", "marketing", "pause"))
    rc["module_address"] = ""
    rc["address"] = "aws_sesv2_configuration_set.marketing"
    assert pause_findings(run(production)) == set()
