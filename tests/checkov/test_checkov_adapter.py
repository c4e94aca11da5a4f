"""checkov with the SES adapter reports what `sesguard check` reports, and fails alike.

checkov is slow to start (~2 s), so it runs once per distinct gate config over every
fixture, not once per test.
"""

from __future__ import annotations

import json
import subprocess
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from checkov_run import CHECKOV_PYTHON, checks, environment, ses_rule_ids, ses_scan_argv
from gate_runs import ENV_NAMES, VIOLATION_NAMES, Fixture
from sesguard.rules import PLAN_RULES as RULES  # checkov sees plans only

# Runs checkov from its own virtualenv: `make test-fast` leaves it out.
pytestmark = pytest.mark.checkov

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


@dataclass
class PlanResults:
    """checkov + adapter's verdicts on one plan file."""

    failed: list[dict] = field(default_factory=list)
    passed: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Scans:
    by_plan: dict[Path, PlanResults]
    # (plans of one checkov run, its exit code), every run made
    exit_codes: list[tuple[list[Path], int]]


@pytest.fixture(scope="session")
def checkov_scans(checkov_venv, gate_fixtures, gate_runs, unusable_plan) -> Scans:
    """checkov + adapter over every fixture, one run per gate config; then once more over
    the fixtures the gate passes, so checkov's exit code is tested on plans with only
    warnings and info too (a mixed run exits 1 whatever the warnings do)."""
    groups: dict[tuple[Path | None, bool], list[Path]] = defaultdict(list)
    for name, fixture in gate_fixtures.items():
        groups[fixture.config, False].append(fixture.plan)
        if gate_runs[name].exit_codes["json"] == 0:
            groups[fixture.config, True].append(fixture.plan)
    groups[None, False].append(unusable_plan)
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
        runs = list(pool.map(lambda key: scan(key[0], groups[key]), groups))
    by_plan: dict[Path, PlanResults] = defaultdict(PlanResults)
    exit_codes = []
    for (_, passing_only), plans, run in zip(groups, groups.values(), runs, strict=True):
        # checkov exits 1 when a check failed; anything else is checkov itself failing
        assert run.returncode in (0, 1), run.stderr[-2000:]
        exit_codes.append((plans, run.returncode))
        if passing_only:
            continue  # the same plans are in the full run: count their results once
        for failed in checks(run.stdout, "failed_checks"):
            by_plan[Path(failed["file_abs_path"])].failed.append(failed)
        for passed in checks(run.stdout, "passed_checks"):
            by_plan[Path(passed["file_abs_path"])].passed.append(passed)
    return Scans(by_plan, exit_codes)


def anchored_to(finding: dict) -> str:
    """How the adapter's details name a finding it had to report on another resource."""
    return f"{finding['address'] or finding['stream']} (not in planned_values): "


@pytest.mark.parametrize("name", ENV_NAMES + VIOLATION_NAMES)
def test_checkov_and_sesguard_report_the_same_rules_at_the_same_addresses(
    name, gate_fixtures, gate_runs, checkov_scans
):
    fixture: Fixture = gate_fixtures[name]
    scanned = scanned_addresses(json.loads(fixture.plan.read_text()))
    findings = gate_runs[name].findings
    failed = checkov_scans.by_plan[fixture.plan].failed
    by_checkov = {(f["check_id"], f["resource"]) for f in failed}
    direct = {(f["rule"], f["address"]) for f in findings if f["address"] in scanned}
    assert direct <= by_checkov
    # A finding without a resource checkov scans (deleted set or pool, a stream module
    # without a set, a declared stream missing) is reported on another SES resource.
    orphans = [f for f in findings if f["address"] not in scanned]
    for orphan in orphans:
        assert any(
            f["check_id"] == orphan["rule"]
            and any(d.startswith(anchored_to(orphan)) for d in f["details"])
            for f in failed
        ), orphan
    for f in failed:
        assert (f["check_id"], f["resource"]) in direct or any(
            f["check_id"] == o["rule"] and d.startswith(anchored_to(o))
            for o in orphans
            for d in f["details"]
        ), f


def fails_checkov(results: PlanResults) -> bool:
    """Would this plan alone fail checkov run with --soft-fail-on MEDIUM?"""
    return any(f["severity"] not in ("MEDIUM", "LOW", "INFO") for f in results.failed)


@pytest.mark.parametrize("name", ENV_NAMES + VIOLATION_NAMES)
def test_checkov_fails_a_plan_iff_sesguard_check_exits_1(
    name, gate_fixtures, gate_runs, checkov_scans
):
    gate_exit = gate_runs[name].exit_codes["json"]
    assert gate_exit in (0, 1), gate_runs[name].stderr
    assert fails_checkov(checkov_scans.by_plan[gate_fixtures[name].plan]) == (gate_exit == 1)


def test_checkov_exit_codes_are_the_gates(gate_fixtures, gate_runs, checkov_scans):
    """Each checkov run exits 1 iff one of its plans fails the gate (exit 1, or 2)."""
    gate_exit = {
        fixture.plan: gate_runs[name].exit_codes["json"] for name, fixture in gate_fixtures.items()
    }
    passing_only_runs = 0
    for plans, code in checkov_scans.exit_codes:
        expected = int(any(gate_exit.get(plan, 2) != 0 for plan in plans))
        assert code == expected, [plan.name for plan in plans]
        passing_only_runs += not expected
    assert passing_only_runs  # the warnings-only plans were really run on their own
    warned = [n for n, run in gate_runs.items() if run.exit_codes["json"] == 0 and run.findings]
    assert warned, "no fixture with only warnings/info: the soft-fail setting is untested"


def test_every_rule_reaches_checkov_on_some_violation(gate_fixtures, checkov_scans):
    reported = {
        failed["check_id"]
        for name in VIOLATION_NAMES
        for failed in checkov_scans.by_plan[gate_fixtures[name].plan].failed
    }
    assert reported == {rule.id for rule in RULES}


def test_clean_env_plans_pass_every_ses_check_in_checkov(gate_fixtures, checkov_scans):
    """checkov really scanned each env plan: every SES check PASSED on every set in it."""
    for name in ENV_NAMES:
        plan = gate_fixtures[name].plan
        results = checkov_scans.by_plan[plan]
        assert results.failed == [], name
        sets = {
            address
            for address in scanned_addresses(json.loads(plan.read_text()))
            if ".aws_sesv2_configuration_set." in f".{address}"
        }
        assert sets, f"{name}: no configuration set in planned_values"
        passed = {(p["check_id"], p["resource"]) for p in results.passed}
        missing = {(rule.id, address) for rule in RULES for address in sets} - passed
        assert not missing, (name, sorted(missing))


def test_plan_the_gate_refuses_fails_ses_checks_in_checkov(unusable_plan, checkov_scans):
    failed = checkov_scans.by_plan[unusable_plan].failed
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
