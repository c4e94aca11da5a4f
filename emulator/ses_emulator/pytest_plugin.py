"""pytest fixtures for the emulator, loaded by tests/conftest.py (`pytest_plugins`).

`emulator`: the base URL of one emulator for the whole session, started and
stopped through `lifecycle`, exactly as `make emulator-start/stop` do.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from . import lifecycle


@pytest.fixture(scope="session")
def emulator(request: pytest.FixtureRequest) -> Iterator[str]:
    # One per pytest session (per worker under pytest-xdist): a `make emulator-start`
    # emulator or a concurrent session's is never reused, reset or stopped by this one.
    sessions = request.config.rootpath / "build" / "emulator-pytest"
    lifecycle.reap_orphans(sessions)  # left by pytest sessions that were killed outright
    with own_emulator(sessions / session_owner()) as url:
        yield url


def session_owner() -> str:
    """The state folder's name: the pid of the pytest process, which `reap_orphans` checks.
    An xdist worker's own command line does not name pytest; its parent, the controlling
    pytest process, does, so a worker's folder is `<that pid>-<worker id>`."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return f"{os.getppid()}-{worker}" if worker else str(os.getpid())


@contextmanager
def own_emulator(state_dir: Path) -> Iterator[str]:
    """An emulator recorded in ``state_dir`` for as long as the block runs (its URL); a
    fixture whose tests reset the emulator uses one of its own."""
    try:
        running = lifecycle.start(state_dir)
    except lifecycle.EmulatorError as error:
        pytest.fail(f"SES emulator: {error}", pytrace=False)
    try:
        yield running.url
    finally:
        lifecycle.stop(state_dir)
        shutil.rmtree(state_dir, ignore_errors=True)
