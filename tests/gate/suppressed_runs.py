"""The gate's CLI run in every report format with waivers or a baseline (shared by the
waiver and baseline tests)."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
from gate_runs import SARIF_SCHEMA_FILE
from sesguard.cli import main
from sesguard.report import FORMATS

TRANSACTIONAL = 'module.platform.module.stream["transactional"].aws_sesv2_configuration_set.this'
MARKETING = 'module.platform.module.stream["marketing"].aws_sesv2_configuration_set.this'


def write_plan(plan: dict, tmp_path: Path, name: str = "plan.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(plan))
    return path


def run_every_format(plan: Path, tmp_path: Path, *options: str) -> dict[str, tuple[int, str]]:
    """Format → (exit code, report text)."""
    runs = {}
    for fmt in FORMATS:
        output = tmp_path / f"report.{fmt}"
        code = main(["check", str(plan), *options, "--format", fmt, "--output", str(output)])
        runs[fmt] = (code, output.read_text(encoding="utf-8"))
    return runs


def sarif_run(text: str) -> dict:
    doc = json.loads(text)
    validator = jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA_FILE.read_text()))
    assert not [e.message for e in validator.iter_errors(doc)]
    (run,) = doc["runs"]
    return run


def sarif_suppressions(text: str) -> dict[tuple[str, str], list | None]:
    """(rule, address) → the result's suppressions (None when not suppressed)."""
    return {
        (r["ruleId"], r["properties"]["address"]): r.get("suppressions")
        for r in sarif_run(text)["results"]
    }


def junit_cases(text: str) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(rule, case name) → (outcome, message) for the finding and waiver cases."""
    cases = {}
    for suite in ET.fromstring(text).findall("testsuite"):
        if suite.get("name") == "sesguard rules":
            continue
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
        assert int(suite.get("skipped")) == len(suite.findall("testcase/skipped"))
        for case in suite.findall("testcase"):
            rule = case.get("classname").removeprefix("sesguard.")
            outcome = next((child for child in case if child.tag in ("failure", "skipped")), None)
            cases[(rule, case.get("name"))] = (
                ("passed", None) if outcome is None else (outcome.tag, outcome.get("message"))
            )
    return cases


def json_marks(text: str) -> dict[tuple[str, str], dict]:
    """(rule, address) → the finding's waived/baseline marks."""
    return {
        (f["rule"], f["address"]): {k: f[k] for k in ("waived", "baseline") if k in f}
        for f in json.loads(text)["findings"]
    }
