"""The rule catalogue, found rather than listed: every `sesNNN_*.py` module in this package
defines one rule. They are listed by ID (`sesguard rules`, docs/rules.md, the reports)."""

from __future__ import annotations

import importlib
import pkgutil
import re
from graphlib import TopologicalSorter

from .base import Rule

RULE_MODULE = re.compile(r"ses\d{3}_\w+")


def _rule_classes() -> list[type[Rule]]:
    """The one Rule subclass each rule module defines (pkgutil: installed or editable)."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if not RULE_MODULE.fullmatch(info.name):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        defined = [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, Rule)
            and value.__module__ == module.__name__
            and "id" in vars(value)
        ]
        if len(defined) != 1:
            raise RuntimeError(f"{module.__name__} defines {len(defined)} rules, not one")
        found.append(defined[0])
    return sorted(found, key=lambda cls: cls.id)


def _build(classes: list[type[Rule]]) -> tuple[Rule, ...]:
    """One instance per rule, each given the rules it declares it uses (built before it)."""
    used = {cls.id: [other for other in classes if other is not cls and cls.uses(other)]
            for cls in classes}  # fmt: skip
    by_id = {cls.id: cls for cls in classes}
    order = TopologicalSorter({rid: [o.id for o in others] for rid, others in used.items()})
    built: dict[str, Rule] = {}
    for rule_id in order.static_order():
        built[rule_id] = by_id[rule_id](tuple(built[o.id] for o in used[rule_id]))
    return tuple(built[cls.id] for cls in classes)


RULES: tuple[Rule, ...] = _build(_rule_classes())
RULES_BY_ID = {rule.id: rule for rule in RULES}
# What `sesguard check` (and checkov) run on a plan, what `sesguard audit` runs live.
PLAN_RULES: tuple[Rule, ...] = tuple(r for r in RULES if "plan" in r.applies_to)
LIVE_RULES: tuple[Rule, ...] = tuple(r for r in RULES if "live" in r.applies_to)
CODE_RULES: tuple[Rule, ...] = tuple(r for r in RULES if "code" in r.applies_to)

__all__ = ["CODE_RULES", "LIVE_RULES", "PLAN_RULES", "RULES", "RULES_BY_ID", "Rule"]
