"""Reports are text: a name from a plan, an account or code is shown as its characters in
every format, never run as markup (a PR comment), never breaks the file (JUnit)."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

import pytest
from plan_mutations import config_set
from sesguard import check_plan
from sesguard.findings import Finding, PlanSummary, Report
from sesguard.report import FORMATS, render
from sesguard.report.markdown_report import cell

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "x<!--",
    "[click](https://evil.test)",
    "![pixel](https://evil.test/p.png)",
    "a|b`c*d_e~f\\g",
    "tab\tbell\x07nul\x00esc\x1b",
]


def report_naming(name: str) -> Report:
    findings = [
        Finding(
            "SES004",
            "error",
            name,
            f'module.{name}.aws_sesv2_configuration_set.this["{name}"]',
            f"set {name} suppresses nothing",
            f"set suppressed_reasons on {name}",
        ),
        Finding("SES009", "warning", name, None, "TLS optional", "require TLS"),
    ]
    return Report(findings, PlanSummary())


@pytest.mark.parametrize("name", HOSTILE)
def test_markdown_shows_the_characters_and_no_markup(name):
    markdown = render(report_naming(name), "markdown", name)
    # No raw HTML from the input, and nothing after it hidden: both findings are rows.
    assert "<img" not in markdown and "<!--" not in markdown
    rows = [line for line in markdown.splitlines() if line.startswith(("| ❌", "| ⚠️"))]
    assert len(rows) == 2
    assert "](" not in markdown.replace("\\](", "")
    for row in rows:
        # Six unescaped pipes: five cells' borders and the closing one.
        assert len(re.findall(r"(?<!\\)\|", row)) == 6, row


def test_markdown_cell_round_trips_what_a_reader_sees():
    assert cell("<img src=x>") == "&lt;img src=x&gt;"
    assert cell("x<!--") == "x&lt;!--"
    assert cell("a|b") == "a\\|b"
    assert cell("[x](y)") == "\\[x\\](y)"
    assert cell("one\ntwo") == "one two"
    assert cell("") == "–"


@pytest.mark.parametrize("name", HOSTILE)
def test_junit_stays_well_formed_xml(name):
    root = ET.fromstring(render(report_naming(name), "junit", name))
    names = [case.get("name") for case in root.iter("testcase")]
    assert any(name.replace("\x07", "").split("\t")[0] in (n or "") for n in names)


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "junit"])
@pytest.mark.parametrize("name", HOSTILE)
def test_every_other_format_renders_every_hostile_name(fmt, name):
    text = render(report_naming(name), fmt, "plan.json")
    if fmt in ("json", "sarif"):
        json.loads(text)
    assert text.count("SES004") >= 1


def test_a_hostile_set_name_from_a_real_plan_is_text_in_the_pr_comment(production):
    name = "<img src=x onerror=alert(1)>x<!--"
    config_set(production, "marketing")["change"]["after"]["configuration_set_name"] = name
    config_set(production, "marketing")["change"]["after"]["suppression_options"] = []
    markdown = render(check_plan(production), "markdown", "plan.json")
    assert "<img" not in markdown and "<!--" not in markdown
    assert "&lt;img src=x onerror=alert(1)&gt;x&lt;!--" in markdown
