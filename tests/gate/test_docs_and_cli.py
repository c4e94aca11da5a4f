"""One source of truth: `sesguard rules` and the README table come from rule metadata."""

from __future__ import annotations

import re

import pytest
from gen_rules_table import README, render
from sesguard.cli import main
from sesguard.rules import RULES


def test_readme_rule_table_is_generated_from_rule_metadata():
    current = README.read_text()
    assert current == render(current), "README rule table is stale: run `make docs-rules`"


def test_rule_ids_are_stable_ordered_and_complete():
    assert [rule.id for rule in RULES] == [f"SES{n:03d}" for n in range(1, 15)]
    for rule in RULES:
        assert rule.severity in {"error", "warning", "info"}
        assert rule.summary and rule.why and rule.fix
        assert re.match(
            r"https://(docs\.aws\.amazon\.com|developer\.hashicorp\.com)/", rule.doc_url
        )


def test_rules_command_lists_every_rule(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == [rule.id for rule in RULES]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rules_command_explains_one_rule(rule, capsys):
    assert main(["rules", rule.id.lower()]) == 0
    out = capsys.readouterr().out
    for text in (rule.summary, rule.why, rule.fix, rule.doc_url):
        assert text in out
