"""Session fixtures for tests/checkov: plans, gate runs and checkov's own venv."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from checkov_plans import Fixture, GateRun, run_gate, write_fixtures
from checkov_run import CHECKOV
from terraform_runner import PLANS, env_names, plan_env


@pytest.fixture(scope="session")
def env_plan_files() -> dict[str, Path]:
    """build/plans/<env>.json of every env, planned (or taken from the cache) once."""
    for env in env_names():
        plan_env(env)
    return {env: PLANS / f"{env}.json" for env in env_names()}


@pytest.fixture(scope="session")
def gate_fixtures(env_plan_files, tmp_path_factory) -> dict[str, Fixture]:
    return write_fixtures(env_plan_files, tmp_path_factory.mktemp("plans"))


@pytest.fixture(scope="session")
def gate_runs(gate_fixtures, tmp_path_factory) -> dict[str, GateRun]:
    """Every fixture through the gate's CLI once (short processes, run 4 at a time)."""
    out_dir = tmp_path_factory.mktemp("gate-reports")
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = list(pool.map(lambda fixture: run_gate(fixture, out_dir), gate_fixtures.values()))
    return dict(zip(gate_fixtures, runs, strict=True))


@pytest.fixture(scope="session")
def checkov_venv() -> Path:
    if not CHECKOV.exists():
        pytest.fail(f"{CHECKOV} is missing: `make checkov-venv` creates it (`make test` does)")
    return CHECKOV
