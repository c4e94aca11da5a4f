"""One source of truth: `sesguard rules`, docs/rules.md and docs/audit.md's tables come from
rule metadata; the catalogue is every rule module, found, not listed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sesguard.rules
from sesguard.audit.coverage import READS
from sesguard.cli import main
from sesguard.rules import RULES, RULES_BY_ID

REPO = Path(__file__).resolve().parents[2]


def test_catalogue_holds_one_rule_per_rule_module_in_id_order():
    package = Path(sesguard.rules.__file__).parent
    modules = sorted(p.name[:6].upper() for p in package.glob("ses[0-9][0-9][0-9]_*.py"))
    ids = [rule.id for rule in RULES]
    assert ids == modules  # unique, sorted, none missed


def test_every_declared_read_is_one_the_audit_makes():
    for rule in RULES:
        assert set(rule.reads) <= READS.keys(), rule.id
    # SES020 reports the reads themselves; the audit reads SES v2 only, so no v1 set (SES008).
    unread = {rule.id for rule in RULES if "live" in rule.applies_to and not rule.reads}
    assert unread == {"SES008", "SES020"}


def test_a_call_its_read_did_not_declare_is_refused_before_it_is_made():
    from sesguard.audit.reader import Reader

    reader = Reader({}, "111111111111", "us-east-1")  # no client: nothing is called
    with pytest.raises(RuntimeError, match="'account' does not declare the call GetDedicatedIps"):
        reader.call("account", "GetDedicatedIps", "which pool each dedicated IP is in")
    with pytest.raises(ValueError, match="no such read: scratch"):
        reader.call("scratch", "GetAccount", "the account")


def test_unknown_at_plan_reports_the_needs_of_every_plan_rule_that_declares_some():
    used = {rule.id for rule in RULES_BY_ID["SES014"].used}
    assert used == {r.id for r in RULES if "plan" in r.applies_to and r.needs and r.id != "SES014"}
    assert used  # built before SES014, whatever the file order


def test_rule_metadata_is_complete():
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
