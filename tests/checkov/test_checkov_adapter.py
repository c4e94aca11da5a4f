"""checkov with the SES adapter reports what `sesguard check` reports, where it can.

checkov is slow to start (~2 s), so it runs once per distinct gate config over every
fixture, not once per test.
"""

from __future__ import annotations

import json
import subprocess
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from checkov_plans import ENV_NAMES, VIOLATION_NAMES, Fixture
from checkov_run import CHECKOV_PYTHON, environment, failed_checks, ses_rule_ids, ses_scan_argv
from sesguard.rules import RULES

UNUSABLE = "format-version-2"  # a plan checkov reads and the gate refuses (exit 2)


def scanned_addresses(plan: dict) -> set[str]:
    """Resources checkov scans: it reads `planned_values`, not `resource_changes`."""
    addresses, modules = set(), [plan.get("planned_values", {}).get("root_module", {})]
    while modules:
        module = modules.pop()
        addresses.update(r["address"] for r in module.get("resources", []))
        modules.extend(module.get("child_modules", []))
    return addresses


@pytest.fixture(scope="session")
def unusable_plan(env_plan_files, tmp_path_factory) -> Path:
    plan = json.loads(env_plan_files["production"].read_text())
    plan["format_version"] = "2.0"
    path = tmp_path_factory.mktemp("unusable") / f"{UNUSABLE}.json"
    path.write_text(json.dumps(plan))
    return path


@pytest.fixture(scope="session")
def checkov_failures(checkov_venv, gate_fixtures, unusable_plan) -> dict[Path, list[dict]]:
    """checkov + adapter over every fixture: failed checks per plan file."""
    groups: dict[Path | None, list[Path]] = defaultdict(list)
    for fixture in gate_fixtures.values():
        groups[fixture.config].append(fixture.plan)
    groups[None].append(unusable_plan)
    rule_ids = ses_rule_ids()

    def scan(config: Path | None, plans: list[Path]) -> subprocess.CompletedProcess:
        extra = {"SESGUARD_CONFIG": str(config)} if config else {}
        return subprocess.run(
            ses_scan_argv(plans, rule_ids),
            capture_output=True,
            text=True,
            env=environment(extra),
            timeout=300,
        )

    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda group: scan(*group), groups.items()))
    failures: dict[Path, list[dict]] = defaultdict(list)
    for run in runs:
        # checkov exits 1 when a check failed; anything else is checkov itself failing
        assert run.returncode in (0, 1), run.stderr[-2000:]
        for failed in failed_checks(run.stdout):
            failures[Path(failed["file_abs_path"])].append(failed)
    return failures


@pytest.mark.parametrize("name", ENV_NAMES + VIOLATION_NAMES)
def test_checkov_and_sesguard_report_the_same_rules_at_the_same_addresses(
    name, gate_fixtures, gate_runs, checkov_failures
):
    fixture: Fixture = gate_fixtures[name]
    plan = json.loads(fixture.plan.read_text())
    scanned = scanned_addresses(plan)
    findings = gate_runs[name].findings
    by_checkov = {(f["check_id"], f["resource"]) for f in checkov_failures[fixture.plan]}
    assert by_checkov == {(f["rule"], f["address"]) for f in findings if f["address"] in scanned}
    # checkov has no resource for the rest; that must be because there is none to show:
    # no address (a stream the config declares), a module with no set in it, or a
    # resource the plan deletes (Terraform plans no values for it).
    planned = {rc["address"]: rc["change"]["actions"] for rc in plan["resource_changes"]}
    for finding in findings:
        address = finding["address"]
        if address not in scanned:
            assert address is None or planned.get(address, ["delete"]) == ["delete"], finding


def test_every_rule_reaches_checkov_on_some_violation(gate_fixtures, checkov_failures):
    reported = {
        failed["check_id"]
        for name in VIOLATION_NAMES
        for failed in checkov_failures[gate_fixtures[name].plan]
    }
    assert reported == {rule.id for rule in RULES}


def test_clean_env_plans_pass_every_ses_check_in_checkov(gate_fixtures, checkov_failures):
    for name in ENV_NAMES:
        assert checkov_failures[gate_fixtures[name].plan] == [], name


def test_plan_the_gate_refuses_fails_ses_checks_in_checkov(unusable_plan, checkov_failures):
    failed = checkov_failures[unusable_plan]
    assert failed, "checkov passed a plan the gate cannot read"
    assert {f["check_id"] for f in failed} == {rule.id for rule in RULES}
    assert all("format_version '2.0' is not supported" in " ".join(f["details"]) for f in failed)


def test_checkov_lists_every_ses_rule(checkov_venv):
    listing = subprocess.run(
        [str(CHECKOV_PYTHON), "-m", "checkov_sesguard", "-l", "--framework", "terraform"],
        capture_output=True,
        text=True,
        env=environment(),
        timeout=120,
        check=True,
    ).stdout
    rows = {
        tuple(cell.strip() for cell in line.split("|")[2:4])
        for line in listing.splitlines()
        if line.startswith("|")
    }
    for rule in RULES:
        assert (rule.id, "resource") in rows and (rule.id, "data") in rows, rule.id
