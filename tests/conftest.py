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
# Under pytest-xdist, files that use one session fixture's live state run on the worker that
# holds it, one after the other: the lab test and the end-to-end test share envs/local's apply
# (tests/local_env_fixtures.py) on the worker's emulator.
SHARED_STATE = {
    "tests/test_e2e_lab.py": "envs/local applied",
    "tests/test_e2e_local.py": "envs/local applied",
}


def work_unit(nodeid: str) -> str:
    """What one worker runs whole: a test's file, or the group of files sharing its state."""
    path = nodeid.split("::", 1)[0]
    return SHARED_STATE.get(path, path)


def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """`make test` runs `--dist loadfile`: a file's module fixtures run once, on one worker;
    with SHARED_STATE's files kept together too."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class FilesAndSharedState(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    return FilesAndSharedState(config, log)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist, the work units holding long-running tests are handed out first:
    started last, one of them would leave the other worker idle while it runs alone."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    long_units = {
        work_unit(item.nodeid)
        for item in items
        if any(item.get_closest_marker(marker) for marker in LONG_RUNNING)
    }
    items.sort(key=lambda item: work_unit(item.nodeid) not in long_units)  # stable: order kept


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
