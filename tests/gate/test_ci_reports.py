"""SARIF and JUnit as GitHub code scanning and CI test tabs read them: alerts on the `.tf`
line a reviewer changed, fingerprints that survive rewording, tabs as green as the exit."""

from __future__ import annotations

import dataclasses
import json
from xml.etree import ElementTree as ET

import planted
from gate_runs import SARIF_SCHEMA_FILE
from sesguard import check_plan
from sesguard.cli import main
from sesguard.gate import check_plan_model
from sesguard.report import render
from sesguard.report.source_map import SourceMap
from sesguard.rules import PLAN_RULES
from terraform_runner import REPO

PRODUCTION_ROOT = REPO / "envs" / "production"
SES009_SET = 'module.platform.module.stream["marketing"].aws_sesv2_configuration_set.this'


def declaring_line(path, header: str) -> int:
    """Found independently of the gate's regex: the first line that starts the block."""
    lines = (REPO / path).read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(header))


def sarif_results(plan: dict, source_root=PRODUCTION_ROOT, source="plan.json") -> list[dict]:
    model, report = check_plan_model(plan)
    sources = SourceMap(model.configuration, source_root) if source_root else None
    doc = json.loads(render(report, "sarif", source, sources))
    return doc["runs"][0]["results"]


def result_for(results: list[dict], rule: str, address: str) -> dict:
    (found,) = [r for r in results if r["ruleId"] == rule and r["properties"]["address"] == address]
    return found


def test_sarif_result_lands_on_the_ses_stream_call_with_the_resource_related(production):
    """The caller changes the `module "stream"` block; the resource line inside
    modules/ses_stream is a related location."""
    planted.tls_optional(production)
    result = result_for(sarif_results(production), "SES009", SES009_SET)
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {
        "uri": "modules/ses_platform/main.tf",
        "uriBaseId": "%SRCROOT%",
    }
    expected = declaring_line("modules/ses_platform/main.tf", 'module "stream"')
    assert physical["region"] == {"startLine": expected}
    (related,) = result["relatedLocations"]
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "modules/ses_stream/main.tf"
    assert related["physicalLocation"]["region"] == {
        "startLine": declaring_line(
            "modules/ses_stream/main.tf", 'resource "aws_sesv2_configuration_set" "this"'
        )
    }


def test_indexed_resources_map_to_their_block_in_the_right_file(production):
    planted.dead_reputation_alarm(production)
    alarm = planted.alarm(production, "transactional", "bounce")["address"]
    physical = result_for(sarif_results(production), "SES006", alarm)["relatedLocations"][0][
        "physicalLocation"
    ]
    assert physical["artifactLocation"]["uri"] == "modules/ses_stream/alarms.tf"
    assert physical["region"]["startLine"] == declaring_line(
        "modules/ses_stream/alarms.tf", 'resource "aws_cloudwatch_metric_alarm" "rate"'
    )


def test_cli_source_root_gives_repo_relative_paths_from_any_working_dir(
    production, tmp_path, monkeypatch
):
    planted.tls_optional(production)
    plan, out = tmp_path / "plan.json", tmp_path / "gate.sarif"
    plan.write_text(json.dumps(production))
    monkeypatch.chdir(tmp_path)
    argv = ["check", str(plan), "--format", "sarif", "--output", str(out)]
    assert main([*argv, "--source-root", str(PRODUCTION_ROOT)]) == 0
    results = json.loads(out.read_text())["runs"][0]["results"]
    uri = result_for(results, "SES009", SES009_SET)["locations"][0]["physicalLocation"]
    assert uri["artifactLocation"]["uri"] == "modules/ses_platform/main.tf"


def test_unresolvable_sources_fall_back_to_the_plan_file(production, tmp_path):
    planted.tls_optional(production)
    # A registry source names no directory in this checkout; an empty dir has no .tf files.
    registry = json.loads(json.dumps(production))
    registry["configuration"]["root_module"]["module_calls"]["platform"]["source"] = (
        "example/ses-platform/aws"
    )
    for plan, root in ((production, tmp_path), (registry, PRODUCTION_ROOT), (production, None)):
        result = result_for(sarif_results(plan, root), "SES009", SES009_SET)
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"].endswith("plan.json"), root
        assert physical["region"] == {"startLine": 1}


def test_missing_source_root_is_one_line_and_exit_2(production, tmp_path, capsys):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(production))
    missing = tmp_path / "no-such-dir"
    assert main(["check", str(plan), "--format", "sarif", "--source-root", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--source-root" in err


def test_fingerprint_ignores_the_message_and_separates_resources(production):
    planted.tls_optional(production)
    (finding,) = [f for f in check_plan(production).findings if f.rule == "SES009"]
    reworded = dataclasses.replace(finding, message="reworded", remediation="other fix")
    assert reworded.fingerprint() == finding.fingerprint()
    elsewhere = dataclasses.replace(finding, address=finding.address.replace("marketing", "x"))
    assert elsewhere.fingerprint() != finding.fingerprint()


def test_fingerprint_survives_unrelated_plan_changes(production):
    planted.tls_optional(production)
    before = result_for(sarif_results(production), "SES009", SES009_SET)
    planted.default_pool(production)  # another stream breaks too: the plan line changes
    after = result_for(sarif_results(production), "SES009", SES009_SET)
    assert before["partialFingerprints"] == after["partialFingerprints"]
    assert set(before["partialFingerprints"]) == {"primaryLocationLineHash"}


def test_sarif_rules_carry_security_severity_and_their_doc_link(env_plans):
    doc = json.loads(render(check_plan(env_plans["production"]), "sarif"))
    driver = doc["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver  # no invented project URL
    for rule, sarif_rule in zip(PLAN_RULES, driver["rules"], strict=True):
        assert sarif_rule["helpUri"] == rule.doc_url
        severity = float(sarif_rule["properties"]["security-severity"])
        assert {"error": 7.0 <= severity < 9.0, "warning": 4.0 <= severity < 7.0}.get(
            rule.severity, 0.0 < severity < 4.0
        ), rule.id


def junit(report) -> ET.Element:
    return ET.fromstring(render(report, "junit"))


def test_junit_fails_only_on_errors_and_keeps_warnings_visible(production):
    for mutate in (planted.tls_optional, planted.pool_name_unknown_until_apply):
        mutate(production)  # a warning and info findings, no error: the gate passes
    report = check_plan(production)
    assert report.exit_code == 0 and {f.severity for f in report.findings} == {"warning", "info"}
    root = junit(report)
    assert root.findall(".//failure") == []
    outputs = [case.findtext("system-out") for case in root.iter("testcase")]
    assert any(text and text.startswith("SES009 warning:") for text in outputs)

    planted.default_pool(production)
    report = check_plan(production)
    root = junit(report)
    failed = [c.get("classname") for c in root.iter("testcase") if c.find("failure") is not None]
    assert failed == [f"sesguard.{f.rule}" for f in report.errors] == ["sesguard.SES002"]
    suites = list(root.iter("testsuite"))
    assert suites
    for suite in suites:
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))


def test_junit_of_a_clean_plan_lists_every_plan_rule_as_a_passing_case(env_plans):
    """Only the rules that judge a plan: the scan's and the audit's rules did not run."""
    root = junit(check_plan(env_plans["production"]))
    cases = list(root.iter("testcase"))
    assert [c.get("classname") for c in cases] == [f"sesguard.{rule.id}" for rule in PLAN_RULES]
    assert {"sesguard.SES015", "sesguard.SES031"}.isdisjoint(c.get("classname") for c in cases)
    assert all(len(case) == 0 for case in cases)  # no failure, skipped or output
    assert sum(int(s.get("tests")) for s in root.iter("testsuite")) == len(PLAN_RULES)


def test_sarif_of_a_plan_lists_the_plan_rules_only(env_plans):
    doc = json.loads(render(check_plan(env_plans["production"]), "sarif"))
    listed = [rule["id"] for rule in doc["runs"][0]["tool"]["driver"]["rules"]]
    assert listed == [rule.id for rule in PLAN_RULES]


def test_sarif_with_source_locations_is_valid_sarif_2_1_0(production):
    """tests/checkov validates the CLI's default SARIF; this covers the `.tf` locations."""
    import jsonschema

    schema = json.loads(SARIF_SCHEMA_FILE.read_text())
    for mutate in (planted.tls_optional, planted.dead_reputation_alarm, planted.default_pool):
        mutate(production)
    model, report = check_plan_model(production)
    doc = json.loads(
        render(report, "sarif", "plan.json", SourceMap(model.configuration, PRODUCTION_ROOT))
    )
    results = doc["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    related = {
        r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in results
        if "relatedLocations" in r
    }
    assert "modules/ses_platform/main.tf" in uris and "modules/ses_stream/main.tf" in related
    errors = [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(doc)]
    assert not errors, errors[:5]
