"""An emulator of the adopt tests' own: they reset it for each hand-built account, which
must not pull the state from under the session's shared emulator."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from ses_emulator.pytest_plugin import own_emulator

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def adopt_emulator(request: pytest.FixtureRequest):
    with own_emulator(
        request.config.rootpath / "build" / "emulator-adopt" / str(os.getpid())
    ) as url:
        yield url
