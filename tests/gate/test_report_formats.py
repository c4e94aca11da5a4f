"""The gate's SARIF and JUnit, checked the way code scanning and CI test tabs read them."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import jsonschema
from gate_runs import SARIF_SCHEMA_FILE

SARIF_SCHEMA = json.loads(SARIF_SCHEMA_FILE.read_text())
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def test_every_format_exits_like_the_verdict(gate_runs):
    for name, run in gate_runs.items():
        verdict = 1 if any(f["severity"] == "error" for f in run.findings) else 0
        assert run.exit_codes == dict.fromkeys(run.exit_codes, verdict), f"{name}: {run.stderr}"
    assert any(run.exit_codes["json"] == 1 for run in gate_runs.values()), (
        "no fixture has an error-severity finding: the report checks would prove nothing"
    )


def test_sarif_of_every_fixture_is_valid_sarif_2_1_0(gate_runs):
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA)
    for name, run in gate_runs.items():
        sarif = json.loads(run.sarif.read_text())
        errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(sarif)]
        assert not errors, f"{name}: " + "\n".join(errors[:5])


def test_sarif_results_are_the_findings_with_resolvable_rules(gate_runs):
    for name, run in gate_runs.items():
        (sarif_run,) = json.loads(run.sarif.read_text())["runs"]
        rules = sarif_run["tool"]["driver"]["rules"]
        got = sorted((r["ruleId"], r["level"], _address(r)) for r in sarif_run["results"])
        expected = sorted(
            (f["rule"], SARIF_LEVEL[f["severity"]], f["address"]) for f in run.findings
        )
        assert got == expected, name
        for result in sarif_run["results"]:
            # code scanning resolves a result's rule through ruleIndex when it is present
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"], name


def _address(result: dict) -> str | None:
    for location in result.get("locations", []):
        for logical in location.get("logicalLocations", []):
            return logical["fullyQualifiedName"]
    return None


def test_junit_counts_and_fails_on_every_error(gate_runs):
    for name, run in gate_runs.items():
        root = ET.parse(run.junit).getroot()
        suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
        assert root.tag in ("testsuites", "testsuite") and suites, name
        for suite in suites:
            # CI test tabs trust these counters instead of counting the cases
            assert int(suite.get("tests")) == len(suite.findall("testcase")), name
            assert int(suite.get("failures")) == len(suite.findall("testcase/failure")), name
        failed = sorted(
            (case.get("classname").rsplit(".", 1)[-1], case.get("name"))
            for suite in suites
            for case in suite.findall("testcase")
            if case.find("failure") is not None
        )
        expected = sorted(
            (f["rule"], f["address"] or f["stream"])
            for f in run.findings
            if f["severity"] == "error"
        )
        assert failed == expected, name
