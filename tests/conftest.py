"""Shared pytest wiring, and the gate runs that tests/gate and tests/checkov both read."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from gate_runs import Fixture, GateRun, run_gate, write_fixtures
from hypothesis import settings
from plan_fixtures import env_plan_files as checked_in_env_plans

# Loaded here rather than as a pytest11 entry point, so installing sesguard never
# adds fixtures to someone else's test run.
pytest_plugins = ["ses_emulator.pytest_plugin", "local_env_fixtures", "module_plan_fixtures"]

# CI replays the same examples on every run (derandomize): a red CI is a regression, not an
# unlucky draw. Local runs keep drawing fresh random examples, which is how new bugs are found.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def env_plan_files() -> dict[str, Path]:
    """The checked-in plan JSON of every env (tests/gate/fixtures/plans)."""
    return checked_in_env_plans()


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
