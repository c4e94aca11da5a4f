"""The plans tests read without running Terraform: the real `terraform plan` JSON of every env
and of the gate's test roots, checked in under tests/gate/fixtures/plans.

tools/refresh_rule_fixtures.py writes them (and the findings and report snapshots made from
them); tests/gate/test_fixtures_current.py runs Terraform and fails when one is stale.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from terraform_runner import env_names

FIXTURES = Path(__file__).parent / "gate" / "fixtures"
PLANS = FIXTURES / "plans"
# The gate's test roots (tests/gate/roots/<name>); `foreign` also keeps the other files its
# plan run yields (the `terraform plan -json` log stream and `terraform show`'s text).
ROOT_NAMES = ("foreign", "streams")
TEXT_ROOTS = ("foreign",)
# What changes on every run of the same plan: the time it was made.
TIMESTAMP = "2026-01-01T00:00:00Z"
LOG_TIMESTAMP = re.compile(r'"@timestamp":"[^"]*"')


def plan_file(name: str) -> Path:
    return PLANS / f"{name}.json"


def load_plan(name: str) -> dict:
    return json.loads(plan_file(name).read_text())


def env_plan_files() -> dict[str, Path]:
    return {env: plan_file(env) for env in env_names()}


def plan_text(plan: dict) -> str:
    """A plan as checked in: its timestamp fixed, keys and the walk-ordered lists sorted (two
    plans of the same root differ in their order only), one resource change per line."""
    plan = {**plan, "timestamp": TIMESTAMP} if "timestamp" in plan else plan
    plan = _in_stable_order(plan)
    head = {k: v for k, v in plan.items() if k != "resource_changes"}
    changes = ",\n".join(_compact(rc) for rc in plan["resource_changes"])
    return f'{_compact(head)[:-1]},"resource_changes":[\n{changes}\n]}}\n'


# Lists Terraform writes in its parallel walk's order, which changes from run to run.
_WALK_ORDERED = {"child_modules", "resources", "relevant_attributes", "checks", "instances"}


def _in_stable_order(value, key: str | None = None):
    if isinstance(value, dict):
        return {k: _in_stable_order(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_in_stable_order(v) for v in value]
        return sorted(items, key=_compact) if key in _WALK_ORDERED else items
    return value


def _compact(value) -> str:
    return json.dumps(value, separators=(",", ":"), sort_keys=True)


def log_text(log: str) -> str:
    """A `terraform plan -json` log as checked in: timestamps fixed, and the lines after the
    version line sorted (Terraform logs each planned change as its parallel walk reaches it)."""
    first, *rest = LOG_TIMESTAMP.sub(f'"@timestamp":"{TIMESTAMP}"', log).splitlines()
    return "\n".join([first, *sorted(rest)]) + "\n"
