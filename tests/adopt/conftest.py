"""An emulator of the adopt tests' own: they reset it for each hand-built account, which
must not pull the state from under the session's shared emulator."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from ses_emulator import lifecycle

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def adopt_emulator(request: pytest.FixtureRequest):
    state_dir = request.config.rootpath / "build" / "emulator-adopt" / str(id(request))
    try:
        running = lifecycle.start(state_dir)
    except lifecycle.EmulatorError as error:
        pytest.fail(f"SES emulator: {error}", pytrace=False)
    yield running.url
    lifecycle.stop(state_dir)
    shutil.rmtree(state_dir, ignore_errors=True)
