"""Violations planted in the real production plan, one or more per rule, and how tests run
the gate on a mutated plan. Each rule's violations live in its fixture folder,
tests/gate/fixtures/SESNNN/violations.py (beside findings.json, the exact findings of each);
the catalogue (`VIOLATIONS`) gathers them and is shared with the checkov tests, so the gate
and checkov are compared on the same list.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from plan_mutations import ROOT_IDENTITY
from sesguard import check_plan
from sesguard.config import config_from_dict

FIXTURES = Path(__file__).parent / "fixtures"

__all__ = ["ROOT_IDENTITY", "VIOLATIONS", "rules_hit", "run"]


def run(plan: dict, config: dict | None = None):
    return check_plan(plan, config_from_dict(config) if config is not None else None)


def rules_hit(report, severity: str | None = None) -> set[str]:
    return {f.rule for f in report.findings if severity is None or f.severity == severity}


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"violations_{path.parent.name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_MODULES = {p.parent.name: _load(p) for p in sorted(FIXTURES.glob("SES[0-9]*/violations.py"))}
# (rule, mutation, where its finding points): a mutation edits the plan in place and may
# return a gate config; `where` is a substring of the finding's address (None: no address).
VIOLATIONS: list[tuple[str, Callable, str | None]] = [
    (rule, mutate, where)
    for rule, module in _MODULES.items()
    for mutate, where in module.VIOLATIONS
]


def __getattr__(name: str):
    """A rule's mutation or helper by name (`planted.tls_optional`), wherever it lives."""
    for module in _MODULES.values():
        if not name.startswith("_") and hasattr(module, name):
            return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
