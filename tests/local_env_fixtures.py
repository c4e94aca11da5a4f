"""envs/local applied once per pytest session, for every test that needs the lanes live.

The end-to-end test (tests/test_e2e_local.py) and the lab test (tests/test_e2e_lab.py)
share this one apply: Terraform's provider takes tens of seconds to apply the stack,
and both only need it applied. Loaded by tests/conftest.py (`pytest_plugins`).
"""

from __future__ import annotations

import contextlib
import shutil
import urllib.request

import pytest
from local_env import BUILD, LocalEnv
from terraform_runner import TerraformError

WORKSPACE = BUILD / "e2e"


@pytest.fixture(scope="session")
def local(emulator: str):
    urllib.request.urlopen(urllib.request.Request(f"{emulator}/moto-api/reset", method="POST"))
    shutil.rmtree(WORKSPACE, ignore_errors=True)  # its state would describe a reset emulator
    env = LocalEnv(emulator, WORKSPACE)
    env.stage()
    env.init()
    yield env
    if (env.root / "terraform.tfstate").is_file() and not getattr(env, "destroyed", False):
        # A failed phase must not leave the next session's emulator populated.
        with contextlib.suppress(TerraformError):
            env.destroy()


@pytest.fixture(scope="session")
def applied(local: LocalEnv) -> dict:
    """The plan JSON of the first apply."""
    plan = local.plan()
    local.apply(saved_plan=True)
    return plan
