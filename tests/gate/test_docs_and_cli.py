"""One source of truth: `sesguard rules` and docs/rules.md come from rule metadata."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sesguard.cli import main
from sesguard.rules import RULES

REPO = Path(__file__).resolve().parents[2]


def test_rule_ids_are_stable_ordered_and_complete():
    ids = [rule.id for rule in RULES]
    assert ids == sorted(set(ids))  # unique, in catalogue order
    # The plan gate's rules, then what only a live account shows (`sesguard audit`).
    assert {f"SES{n:03d}" for n in [*range(1, 15), *range(20, 32)]} <= set(ids)
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


def test_gate_page_config_example_is_valid_and_applied(env_plans, tmp_path, capsys):
    """The TOML example in docs/gate.md is a working config, not prose."""
    section = (REPO / "docs" / "gate.md").read_text().split("## Configuration", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    config, plan = tmp_path / "sesguard.toml", tmp_path / "plan.json"
    config.write_text(example)
    plan.write_text(json.dumps(env_plans["production"]))
    code = main(["check", str(plan), "--config", str(config), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    # It declares a stream the production plan does not have, and unpooled IPs.
    assert code == 1
    assert any(f["rule"] == "SES001" and f["stream"] == "password-resets" for f in findings)
    assert any(f["rule"] == "SES002" for f in findings)
