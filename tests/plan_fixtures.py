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
    """A plan as checked in: its timestamp fixed, one resource change per line for diffs."""
    plan = {**plan, "timestamp": TIMESTAMP} if "timestamp" in plan else plan
    head = {k: v for k, v in plan.items() if k != "resource_changes"}
    changes = ",\n".join(json.dumps(rc, separators=(",", ":")) for rc in plan["resource_changes"])
    body = json.dumps(head, separators=(",", ":"))[:-1]
    return f'{body},"resource_changes":[\n{changes}\n]}}\n'


def log_text(log: str) -> str:
    return LOG_TIMESTAMP.sub(f'"@timestamp":"{TIMESTAMP}"', log)
