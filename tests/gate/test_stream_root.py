"""Callers of modules/ses_stream (tests/gate/roots/streams, planned by Terraform): a call
copy-pasted without changing `name`, and fixes spoken in module inputs and module lines."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from gate_runs import ROOTS
from sesguard import check_plan
from sesguard.cli import main
from sesguard.gate import check_plan_model
from sesguard.report import render
from sesguard.report.source_map import SourceMap

SET = "aws_sesv2_configuration_set.this"


@pytest.fixture(scope="module")
def report(root_plans):
    return check_plan(root_plans["streams"])


def test_exact_findings(report):
    assert Counter((f.rule, f.address) for f in report.findings) == Counter(
        {
            ("SES001", f"module.newsletter.{SET}"): 1,
            ("SES004", f"module.digest.{SET}"): 1,
            ("SES006", 'module.digest.aws_cloudwatch_metric_alarm.rate["bounce_rate"]'): 1,
            ("SES009", f"module.digest.{SET}"): 1,
        }
    )


def test_copy_pasted_call_is_its_own_stream_with_its_own_class(report):
    """Nothing of module.transactional (class, destination, alarms) is mixed into the copy,
    although the plan lists the copy first."""
    streams = report.summary.streams
    assert streams["transactional"]["class"] == "transactional"
    assert streams["transactional (module.newsletter)"]["class"] == "marketing"
    (finding,) = [f for f in report.findings if f.rule == "SES001"]
    assert finding.stream == "transactional (module.newsletter)"
    assert f"already declared by module.transactional.{SET}" in finding.message
    assert finding.remediation == (
        f"Give module.newsletter its own `name` input (it repeats module.transactional.{SET})."
    )


def test_text_report_puts_the_duplicate_under_the_call_that_repeats_the_name(report):
    text = render(report, "text", "plan.json")
    blocks = [line for line in text.splitlines() if not line.startswith(" ")]
    assert blocks[:3] == [
        "digest (class bulk-notifications): 3 finding(s)",
        "transactional (class transactional): ok",
        "transactional (module.newsletter) (class marketing): 1 finding(s)",
    ]
    assert f"  ERROR   SES001 module.newsletter.{SET}" in text


def test_fixes_name_the_module_input_and_the_config_key(report):
    fixes = {
        f.rule: f.remediation for f in report.findings if f.address.startswith("module.digest")
    }
    assert fixes["SES004"].startswith(
        'In module.digest, set suppressed_reasons = ["BOUNCE", "COMPLAINT"]'
    )
    assert "[classes.bulk-notifications] suppressed_reasons" in fixes["SES004"]
    assert fixes["SES009"] == 'In module.digest, set tls_policy = "REQUIRE" (the default).'
    assert fixes["SES006"] == (
        "In module.digest, set alarms.bounce_rate_threshold <= 0.02 (or drop it: the class "
        "default). To make the limit itself your choice, set [classes.bulk-notifications] "
        "max_bounce_rate in the gate config."
    )


def test_sarif_points_at_the_module_call_with_the_resource_as_related(root_plans, tmp_path, capsys):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(root_plans["streams"]))
    out = tmp_path / "report.sarif"
    code = main(
        [
            "check",
            str(plan),
            "--format",
            "sarif",
            "--output",
            str(out),
            "--source-root",
            str(ROOTS / "streams"),
        ]
    )
    assert code == 1
    # The report went to the file; the console still says the verdict and the counts.
    assert capsys.readouterr().out == (
        f"sesguard: FAIL (3 error, 1 warning, 0 info): report written to {out}\n"
    )
    run = json.loads(out.read_text())["runs"][0]
    names = {rule["id"]: rule["name"] for rule in run["tool"]["driver"]["rules"]}
    assert names["SES001"] == "catch-all-configuration-set"
    caller = (ROOTS / "streams" / "main.tf").read_text().splitlines()
    module_main = (ROOTS.parents[2] / "modules" / "ses_stream" / "main.tf").read_text()
    resource_line = (
        module_main.splitlines().index('resource "aws_sesv2_configuration_set" "this" {') + 1
    )
    alarms = (ROOTS.parents[2] / "modules" / "ses_stream" / "alarms.tf").read_text()
    alarm_line = alarms.splitlines().index('resource "aws_cloudwatch_metric_alarm" "rate" {') + 1
    located = {}
    for result in run["results"]:
        (primary,) = result["locations"]
        (related,) = result["relatedLocations"]
        located[result["ruleId"]] = (
            primary["physicalLocation"]["artifactLocation"]["uri"],
            caller[primary["physicalLocation"]["region"]["startLine"] - 1],
            related["physicalLocation"]["artifactLocation"]["uri"],
            related["physicalLocation"]["region"]["startLine"],
        )
    related_uri = "modules/ses_stream/main.tf"
    assert located == {
        "SES001": (
            "tests/gate/roots/streams/main.tf",
            'module "newsletter" {',
            related_uri,
            resource_line,
        ),
        "SES004": (
            "tests/gate/roots/streams/main.tf",
            'module "digest" {',
            related_uri,
            resource_line,
        ),
        "SES009": (
            "tests/gate/roots/streams/main.tf",
            'module "digest" {',
            related_uri,
            resource_line,
        ),
        "SES006": (
            "tests/gate/roots/streams/main.tf",
            'module "digest" {',
            "modules/ses_stream/alarms.tf",
            alarm_line,
        ),
    }


def test_git_sourced_module_call_still_gets_module_fixes_and_its_call_line(root_plans):
    """A module from git has no directory here: the fix still names the input, and SARIF
    still points at the caller's `module` block (only the resource line is unknown)."""
    plan = json.loads(json.dumps(root_plans["streams"]))
    call = plan["configuration"]["root_module"]["module_calls"]["digest"]
    call["source"] = "git::https://example.com/acme/sesguard.git//modules/ses_stream?ref=v1.2.0"
    model, report = check_plan_model(plan)
    (tls,) = [f for f in report.findings if f.rule == "SES009"]
    assert tls.remediation == 'In module.digest, set tls_policy = "REQUIRE" (the default).'
    sources = SourceMap(model.configuration, ROOTS / "streams")
    doc = json.loads(render(report, "sarif", "plan.json", sources))
    (result,) = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "SES009"]
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "tests/gate/roots/streams/main.tf"
    assert "relatedLocations" not in result
