"""Every live rule finds exactly what its account fixtures list (tests/audit/fixtures/SESNNN:
each violation's snapshot of the account, and findings.json), judged as the audit judges
a target, from the snapshot alone: no emulator, no Terraform. Every live rule has one."""

from __future__ import annotations

import json

import pytest
from live_fixtures import FIXTURES, WITHOUT_FIXTURE, case_file, findings_of, violations
from sesguard.rules import LIVE_RULES

CASES = [(rule, violate) for rule, found in violations().items() for violate in found]
ADD_ONE = (
    "live rule {rule} has no account fixture: give it tests/audit/fixtures/{rule}/violations.py "
    "(VIOLATIONS: functions that break the good account in the emulator) and run "
    "`make fixtures-live`"
)


@pytest.mark.parametrize(
    ("rule", "violate"), CASES, ids=[f"{rule}-{v.__name__}" for rule, v in CASES]
)
def test_live_violation_gives_exactly_its_findings_from_the_account_snapshot(rule, violate):
    snapshot = case_file(rule, violate)
    assert snapshot.is_file(), f"{snapshot} missing: run `make fixtures-live`"
    expected = json.loads((FIXTURES / rule / "findings.json").read_text())[violate.__name__]
    assert findings_of(json.loads(snapshot.read_text())) == expected
    assert rule in {row[0] for row in expected}, f"{rule} does not find its own violation"


def test_every_live_rule_has_an_account_fixture():
    live = {rule.id for rule in LIVE_RULES}
    missing = sorted(live - set(violations()) - set(WITHOUT_FIXTURE))
    assert not missing, "; ".join(ADD_ONE.format(rule=rule) for rule in missing)
    assert set(violations()) <= live, "a fixture folder names a rule that is not live"
    assert set(WITHOUT_FIXTURE) <= live - set(violations()), "WITHOUT_FIXTURE is out of date"
