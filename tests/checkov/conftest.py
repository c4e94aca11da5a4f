"""Session fixtures for tests/checkov: checkov's own venv (gate runs: tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from checkov_run import CHECKOV


@pytest.fixture(scope="session")
def checkov_venv() -> Path:
    if not CHECKOV.exists():
        pytest.fail(f"{CHECKOV} is missing: `make checkov-venv` creates it (`make test` does)")
    return CHECKOV
