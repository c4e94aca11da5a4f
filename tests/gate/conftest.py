"""Fixtures for the gate: the real, known-good plan of every env and of the gate's test roots
(checked in by tools/refresh_rule_fixtures.py: no Terraform run here) and fresh copies to
mutate."""

from __future__ import annotations

import copy

import pytest
from plan_fixtures import ROOT_NAMES, load_plan
from terraform_runner import env_names


@pytest.fixture(scope="session")
def env_plans() -> dict[str, dict]:
    return {env: load_plan(env) for env in env_names()}


@pytest.fixture
def production(env_plans) -> dict:
    """A private copy of the production plan, free to mutate."""
    return copy.deepcopy(env_plans["production"])


@pytest.fixture(scope="session")
def root_plans() -> dict[str, dict]:
    """The plans of the small roots under tests/gate/roots."""
    return {name: load_plan(name) for name in ROOT_NAMES}
