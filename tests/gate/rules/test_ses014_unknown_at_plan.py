"""SES014 unknown at plan time: the fix fits the field (a name, or a setting)."""

from __future__ import annotations

from plan_mutations import config_set, set_unknown
from planted import run

SET = 'module.platform.module.stream["marketing"].aws_sesv2_configuration_set.this'


def ses014_fixes(report) -> dict[str, str]:
    return {
        f.message.split(" is unknown")[0]: f.remediation
        for f in report.findings
        if f.rule == "SES014" and f.address == SET
    }


def test_unknown_setting_is_not_told_to_pass_names(production):
    set_unknown(
        config_set(production, "marketing"), ["reputation_options", 0, "reputation_metrics_enabled"]
    )
    assert ses014_fixes(run(production)) == {
        "reputation_metrics": (
            f"Give {SET} a literal or variable reputation_metrics, not one computed from "
            "another resource, so the plan shows it; or check it by hand before apply."
        )
    }


def test_unknown_name_is_told_to_pass_a_name_not_an_id(production):
    set_unknown(config_set(production, "marketing"), ["delivery_options", 0, "sending_pool_name"])
    fixes = ses014_fixes(run(production))
    assert fixes["pool_name"] == (
        f"Pass a name, not an ID: give {SET} a literal or variable pool_name so the plan "
        "shows it, or check it by hand before apply."
    )
