"""Fixtures for the gate: the real, known-good plan of every env (planned once per session
by the module's runner, cached under build/plans) and fresh copies to mutate."""

from __future__ import annotations

import copy
from concurrent.futures import ThreadPoolExecutor

import pytest
from gate_runs import ROOTS
from terraform_runner import env_names, plan_env, plan_root


@pytest.fixture(scope="session")
def env_plans() -> dict[str, dict]:
    return {env: plan_env(env) for env in env_names()}


@pytest.fixture
def production(env_plans) -> dict:
    """A private copy of the production plan, free to mutate."""
    return copy.deepcopy(env_plans["production"])


# Small roots under tests/gate/roots, planned offline once per session (cached under
# build/plans like the envs). `foreign` also keeps its plan's log stream and text output.


@pytest.fixture(scope="session")
def root_plans() -> dict[str, dict]:
    # Two at a time: most of each run is the provider starting up.
    with ThreadPoolExecutor(max_workers=2) as pool:
        foreign = pool.submit(plan_root, ROOTS / "foreign", "test-foreign", text=True)
        streams = pool.submit(plan_root, ROOTS / "streams", "test-streams")
        return {"foreign": foreign.result(), "streams": streams.result()}
