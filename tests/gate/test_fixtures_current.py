"""The checked-in fixtures (tests/gate/fixtures) are what tools/refresh_rule_fixtures.py makes
today: the plans are what Terraform plans now, the findings and the report snapshots what
the gate says on them now."""

from __future__ import annotations

import pytest
from refresh_rule_fixtures import fresh_plans, rule_findings, snapshots

FIX = "stale: run tools/refresh_rule_fixtures.py and review the diff"


def assert_current(files) -> None:
    for path, text in files.items():
        assert path.is_file(), f"{path} missing: {FIX}"
        assert path.read_text() == text, f"{path} {FIX}"


@pytest.mark.terraform
def test_plans_are_what_terraform_plans_today():
    assert_current(fresh_plans())


def test_each_rules_findings_are_what_the_gate_finds_today():
    assert_current(rule_findings())


def test_report_snapshots_are_what_the_gate_writes_today():
    assert_current(snapshots())
