"""Where the scan tests find things (a module of its own: `conftest` is a name every test
folder has, so importing from it picks whichever was loaded first)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEMGREP = REPO / ".venv-semgrep" / "bin" / "semgrep"
TENANT_FIXTURES = Path(__file__).resolve().parent / "tenant_fixtures"
SUPPRESSION_FIXTURES = Path(__file__).resolve().parent / "suppression_fixtures"
