"""`sesguard scan`'s report formats (rendered from the one shared scan: each semgrep run
costs seconds) and known sets from a config. The CLI's JSON, --plan and --output are
test_scan_bad_input's damaged-tree run; its SARIF and JUnit lines, test_ci_and_hooks'."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest
from scan_paths import FIXTURES, REPO
from sesguard.config import load_config
from sesguard.report import render
from sesguard.rules import CODE_RULES
from sesguard.scan.findings import CodeLocations
from sesguard.scan.known_sets import from_config


def test_config_streams_name_the_known_sets(tmp_path):
    config = tmp_path / "sesguard.toml"
    config.write_text(
        '[streams.transactional]\nclass = "transactional"\n'
        '[streams.campaigns]\nclass = "marketing"\nconfiguration_set = "marketing"\n'
    )
    known = from_config(load_config(str(config)), "sesguard.toml")
    # A stream without configuration_set sends through a set of its own name.
    assert known.streams == {"transactional": "transactional", "marketing": "campaigns"}
    assert known.closest("transactionl") == "transactional"
    assert known.closest("newsletters") is None


def test_sarif_results_sit_on_the_source_lines_and_validate(fixtures_report):
    import jsonschema

    sarif = render(fixtures_report, "sarif", str(FIXTURES), CodeLocations(fixtures_report))
    doc = json.loads(sarif)
    schema = json.loads((REPO / "tests/gate/data/sarif-schema-2.1.0.json").read_text())
    assert not [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(doc)]
    results = doc["runs"][0]["results"]
    listed = [r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]]
    assert listed == [r.id for r in CODE_RULES]  # not the plan's or the account's rules
    places = {
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in results
    }
    assert places == {
        (f.rule, f"tests/scan/fixtures/{f.file}", f.line) for f in fixtures_report.findings
    }
    assert ("SES015", "tests/scan/fixtures/python/app/mailer.py", 25) in places
    assert len(places) == len(results) == 133
    assert not [r for r in results if "partialFingerprints" in r]  # upload-sarif hashes lines


def test_junit_fails_on_errors_only(fixtures_report):
    root = ET.fromstring(render(fixtures_report, "junit", "fixtures"))
    failures = {c.get("name") for c in root.iter("testcase") if c.find("failure") is not None}
    errors = {f.address for f in fixtures_report.findings if f.severity == "error"}
    assert failures == errors and len(errors) == 91
    assert "go/internal/mail/mailer.go:43" in failures
    # The passing "quiet rule" cases are the code rules that found nothing: every fixture
    # file is analysed in full, so SES041 (a file not analysed) stays quiet; so do the
    # tenant rules, the scan being given no tenants, and SES042 (every suppression has its
    # reason). Plan and account rules are not listed.
    quiet = {c.get("classname") for c in root.iter("testcase") if c.get("name").startswith("SES")}
    assert quiet == {"sesguard.SES037", "sesguard.SES038", "sesguard.SES041", "sesguard.SES042"}


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_human_formats_name_file_and_line(fixtures_report, fmt):
    out = render(fixtures_report, fmt, "fixtures")
    assert "go/internal/mail/mailer.go:43" in out
    assert "91 error(s), 6 warning(s), 36 info" in out
