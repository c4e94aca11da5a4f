"""Our own environments are the reference architecture: the gate must pass them."""

from __future__ import annotations

import pytest
from sesguard import check_plan
from terraform_runner import env_names


@pytest.mark.parametrize("env", env_names())
def test_env_plan_has_no_error_findings(env_plans, env):
    report = check_plan(env_plans[env])
    assert report.errors == [], [f"{f.rule} {f.address}: {f.message}" for f in report.errors]
    assert report.exit_code == 0


@pytest.mark.parametrize("env", env_names())
def test_env_plan_streams_are_recognised_with_their_class(env_plans, env):
    streams = check_plan(env_plans[env]).summary.streams
    classes = sorted(info["class"] for info in streams.values())
    assert classes == ["bulk-notifications", "marketing", "transactional"], streams
    assert all(info["configuration_sets"] for info in streams.values())
