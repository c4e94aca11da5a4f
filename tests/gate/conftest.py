"""Fixtures for the gate: the real, known-good plan of every env (planned once per session
by the module's runner, cached under build/plans) and fresh copies to mutate."""

from __future__ import annotations

import copy

import pytest
from terraform_runner import env_names, plan_env


@pytest.fixture(scope="session")
def env_plans() -> dict[str, dict]:
    return {env: plan_env(env) for env in env_names()}


@pytest.fixture
def production(env_plans) -> dict:
    """A private copy of the production plan, free to mutate."""
    return copy.deepcopy(env_plans["production"])
