"""pytest fixtures (registered through the `pytest11` entry point in pyproject.toml).

`emulator`: the base URL of one emulator for the whole session, started and
stopped through `lifecycle`, exactly as `make emulator-start/stop` do.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from . import lifecycle


@pytest.fixture(scope="session")
def emulator(request: pytest.FixtureRequest) -> Iterator[str]:
    # Its own state directory, so a `make emulator-start` one is never touched.
    state_dir = request.config.rootpath / "build" / "emulator-pytest"
    try:
        running = lifecycle.start(state_dir)
    except lifecycle.EmulatorError as error:
        pytest.fail(f"SES emulator: {error}", pytrace=False)
    yield running.url
    lifecycle.stop(state_dir)
