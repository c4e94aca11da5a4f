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


# Files whose tests run Terraform, checkov or an apply: the long ones.
LONG_RUNNING = ("terraform", "checkov", "e2e")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist (`make test`: --dist loadgroup), a test file goes to one worker
    whole, so its module fixtures run once; files that share state name a group of their
    own. The groups holding long-running tests are handed out first: started last, one of
    them would leave the other workers idle while it runs alone."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    for item in items:
        if not item.get_closest_marker("xdist_group"):
            item.add_marker(
                pytest.mark.xdist_group(item.path.relative_to(config.rootpath).as_posix())
            )
    long_groups = {
        _group(item) for item in items if any(item.get_closest_marker(m) for m in LONG_RUNNING)
    }
    items.sort(key=lambda item: _group(item) not in long_groups)  # stable: file order kept


def _group(item: pytest.Item) -> str:
    return item.get_closest_marker("xdist_group").args[0]


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
