"""Fixtures for `sesguard scan`: the fixture trees, semgrep from the repository's own
virtualenv (`make semgrep-venv`), and the production env's real plan for known set names."""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_fixtures import plan_file
from scan_paths import FIXTURES, SEMGREP


def pytest_collection_modifyitems(items):
    """Every test that runs semgrep is marked `semgrep` (make test-fast leaves them out)."""
    for item in items:
        if "semgrep" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.semgrep)


@pytest.fixture(scope="session")
def semgrep() -> str:
    if not SEMGREP.exists():
        pytest.fail(f"{SEMGREP} missing: run `make semgrep-venv` (make test does)")
    return str(SEMGREP)


@pytest.fixture(scope="session")
def production_plan() -> Path:
    """The production env's plan JSON on disk (sets: transactional, marketing,
    bulk-notifications), as checked in (tests/gate/fixtures/plans)."""
    return plan_file("production")


@pytest.fixture(scope="session")
def fixtures_report(semgrep, production_plan):
    """One scan of all four fixture trees (a semgrep run costs seconds), with the
    production plan's sets known; files are relative to tests/scan/fixtures."""
    from sesguard.plan import load_plan
    from sesguard.scan import scan
    from sesguard.scan.known_sets import from_plan

    known = from_plan(load_plan(str(production_plan)), None, "production.json")
    return scan([str(FIXTURES)], known, semgrep)
