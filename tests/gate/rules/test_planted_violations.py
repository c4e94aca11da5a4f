"""Every rule catches the violations planted for it, with exactly the findings its fixture
(tests/gate/fixtures/SESNNN/findings.json) lists, and passes the known-good plan."""

from __future__ import annotations

import json

import pytest
from gate_runs import violation_name
from plan_fixtures import FIXTURES
from planted import VIOLATIONS, rules_hit, run
from refresh_rule_fixtures import finding_rows
from sesguard.rules import PLAN_RULES as RULES  # live-only rules have no plan violation


def expected_findings(rule: str, mutate) -> list[list]:
    cases = json.loads((FIXTURES / rule / "findings.json").read_text())
    return cases[violation_name(rule, mutate)]


@pytest.mark.parametrize(
    ("rule", "mutate", "where"), VIOLATIONS, ids=[f"{r}-{m.__name__}" for r, m, _ in VIOLATIONS]
)
def test_planted_violation_is_caught_with_its_rule_id(production, rule, mutate, where):
    report = run(production, mutate(production))
    assert finding_rows(report.findings) == expected_findings(rule, mutate)
    hits = [f for f in report.findings if f.rule == rule]
    assert hits, f"{rule} missed; got {[(f.rule, f.message) for f in report.findings]}"
    if where is not None:
        assert any(where in (f.address or "") for f in hits), [f.address for f in hits]
    severity = next(r.severity for r in RULES if r.id == rule)
    assert all(f.severity == severity for f in hits)
    # Exit 1 exactly when some finding is an error: a warning rule alone must not fail the plan.
    errors = [f for f in report.findings if f.severity == "error"]
    assert report.exit_code == (1 if errors else 0), [(f.rule, f.severity) for f in errors]


def test_every_rule_has_a_planted_violation():
    assert {rule for rule, _, _ in VIOLATIONS} == {rule.id for rule in RULES}


@pytest.mark.parametrize("rule", [r.id for r in RULES])
def test_known_good_production_plan_passes_each_rule(production, rule):
    assert rule not in rules_hit(run(production))
