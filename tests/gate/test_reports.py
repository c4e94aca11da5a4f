"""Every output format parses and carries every finding."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import planted
import pytest
from sesguard import check_plan
from sesguard.cli import main
from sesguard.model import model_from_plan
from sesguard.report import FORMATS, render
from sesguard.rules import PLAN_RULES
from sesguard.summary import render_summary


@pytest.fixture
def report(production):
    """Findings of all three severities on several streams and none."""
    for mutate in (
        planted.transactional_suppresses_complaint,
        planted.dead_reputation_alarm,
        planted.tls_optional,
        planted.identity_without_default_set,
        planted.pool_name_unknown_until_apply,
        planted.send_on_any_configuration_set,
    ):
        mutate(production)
    report = check_plan(production)
    assert {f.severity for f in report.findings} == {"error", "warning", "info"}
    return report


def keys(findings):
    return sorted((f.rule, f.address or "", f.message) for f in findings)


def test_json_matches_the_spec_shape(report):
    doc = json.loads(render(report, "json"))
    assert set(doc) == {"version", "findings", "summary"}
    for item in doc["findings"]:
        assert set(item) == {"rule", "severity", "stream", "address", "message", "remediation"}
    assert sorted((f["rule"], f["address"] or "", f["message"]) for f in doc["findings"]) == keys(
        report.findings
    )
    assert doc["summary"]["errors"] == len(report.errors)


def test_junit_has_one_case_per_finding_and_per_quiet_rule(report):
    root = ET.fromstring(render(report, "junit"))
    cases = root.findall(".//testcase")
    quiet = [rule.id for rule in PLAN_RULES if rule.id not in {f.rule for f in report.findings}]
    assert sorted(c.get("classname") for c in cases) == sorted(
        [f"sesguard.{f.rule}" for f in report.findings] + [f"sesguard.{r}" for r in quiet]
    )


def test_sarif_is_2_1_0_with_every_result(report):
    doc = json.loads(render(report, "sarif"))
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    results = run["results"]
    assert len(results) == len(report.findings)
    for result, finding in zip(results, report.findings, strict=True):
        assert result["ruleId"] == finding.rule
        assert rule_ids[result["ruleIndex"]] == finding.rule
        assert (
            result["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[finding.severity]
        )


def test_markdown_and_text_name_every_finding(report):
    from sesguard.report.markdown_report import cell

    for fmt, shown in (("markdown", cell), ("text", str)):
        rendered = render(report, fmt)
        for finding in report.findings:
            assert finding.rule in rendered and shown(finding.address or "") in rendered


def test_text_report_groups_by_stream_and_says_unknown_class(production):
    rc = planted.config_set(production, "marketing")
    for key in ("tags", "tags_all"):
        rc["change"]["after"][key] = {}
    rc["change"]["after"]["configuration_set_name"] = "lane-7"
    text = render(check_plan(production), "text")
    headers = [line for line in text.splitlines() if not line.startswith(" ")]
    assert any(h.startswith("lane-7 (class unknown") for h in headers), headers
    assert any(h.startswith("transactional (class transactional)") for h in headers), headers


def test_output_file_and_exit_code(production, tmp_path, capsys):
    planted.default_pool(production)
    plan, out = tmp_path / "plan.json", tmp_path / "report.sarif"
    plan.write_text(json.dumps(production))
    assert main(["check", str(plan), "--format", "sarif", "--output", str(out)]) == 1
    # The report goes to the file; the console gets the verdict and the counts only.
    assert capsys.readouterr().out == (
        f"sesguard: FAIL (1 error, 0 warning, 0 info): report written to {out}\n"
    )
    assert any(r["ruleId"] == "SES002" for r in json.loads(out.read_text())["runs"][0]["results"])


def test_sensitive_values_never_reach_any_output(production):
    """`terraform show -json` writes sensitive values in clear; reports must not."""
    secret = "top-secret-lane"
    rc = planted.config_set(production, "marketing")
    values = rc["change"]["after"]
    values["configuration_set_name"] = values["tags"]["stream"] = secret
    values["delivery_options"][0]["tls_policy"] = "OPTIONAL"  # SES009 names the set
    rc["change"]["after_sensitive"].update(configuration_set_name=True, tags={"stream": True})
    planted.make_live(rc, ["delete", "create"])  # SES013 names the old set from `before`
    rc["change"]["before_sensitive"] = {"configuration_set_name": True}
    report = check_plan(production)
    assert {"SES009", "SES013"} <= {f.rule for f in report.findings}
    for fmt in FORMATS:
        assert secret not in render(report, fmt), fmt
    assert secret not in render_summary(model_from_plan(production), "plan")


@pytest.mark.parametrize("checked", ["plan", "live", "code"])
def test_junit_and_sarif_list_the_rules_that_apply_to_what_was_checked(checked):
    from sesguard.findings import Finding, Report
    from sesguard.rules import RULES

    # A finding of a rule outside the checked kind (a tool that adds one) is still listed.
    stray = next(rule for rule in RULES if checked not in rule.applies_to)
    finding = Finding(stray.id, stray.severity, "lane", "aws_x.y", "message", "fix")
    report = Report([finding], applies_to=checked)
    expected = [r.id for r in RULES if checked in r.applies_to or r.id == stray.id]
    sarif = json.loads(render(report, "sarif"))["runs"][0]
    assert [rule["id"] for rule in sarif["tool"]["driver"]["rules"]] == expected
    assert sarif["results"][0]["ruleIndex"] == expected.index(stray.id)
    cases = ET.fromstring(render(report, "junit")).iter("testcase")
    assert sorted(c.get("classname") for c in cases) == sorted(f"sesguard.{r}" for r in expected)


def test_the_summary_is_typed_and_settling_counts_anew():
    import datetime as dt

    from sesguard.findings import Counts, Finding, PlanSummary, Report, Waiver
    from sesguard.suppress import settle

    findings = [
        Finding("SES004", "error", "a", "aws_x.a", "m", "f"),
        Finding("SES009", "warning", "a", "aws_x.b", "m", "f"),
    ]
    report = Report(findings, PlanSummary(streams={"a": {"class": None}}, resources=2))
    assert report.counts == Counts(
        errors=1, warnings=1, info=0, suppressed=0, waived=0, baselined=0
    )
    assert list(report.to_dict()["summary"]) == [
        "errors",
        "warnings",
        "info",
        "streams",
        "resources",
    ]
    waiver = Waiver("SES004", "aws_x.a", "moving lanes", dt.date.today() + dt.timedelta(days=9))
    settled = settle(report, (waiver,))
    assert settled is not report and report.counts.errors == 1  # the first report is unchanged
    assert settled.counts == Counts(
        errors=0, warnings=1, info=0, suppressed=0, waived=1, baselined=0
    )
    assert settled.to_dict()["summary"] == {
        "errors": 0, "warnings": 1, "info": 0, "streams": {"a": {"class": None}}, "resources": 2,
        "waived": 1, "baselined": 0, "expired_waivers": 0,
    }  # fmt: skip
    assert settled.verdict_line() == "sesguard: PASS (0 error, 1 warning, 0 info, 1 waived)"
