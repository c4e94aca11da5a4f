"""`sesguard summary PLAN`: what a reviewer reads before the findings, built from the model.

One row per configuration set: its stream's class, pool, suppression, TLS, event
destinations, bounce and complaint thresholds and where the alarms go; then identities and
resource counts. The same model the rules read, so the table and the verdict agree.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .model import Alarm, ConfigurationSet, Model
from .values import ABSENT, UNKNOWN


def threshold_text(threshold: Any, percent: bool) -> str:
    """A rate alarm's threshold as a person reads it: `2 %`.

    SES rates are fractions (0.02); metric math that multiplies by 100 already gives percent.
    """
    if isinstance(threshold, bool) or not isinstance(threshold, int | float):
        return "(unknown)"
    return f"{threshold if percent else threshold * 100:g} %"


def render_summary(model: Model, title: str) -> str:
    managed = [r for r in model.resources.values() if not r.data]
    actions = Counter("/".join(r.actions) for r in managed)
    counts_by_action = ", ".join(f"{n} {a}" for a, n in sorted(actions.items()))
    lines = [f"{title}: {counts_by_action or 'no changes'}", ""]

    header = (
        "stream",
        "class",
        "ip pool",
        "suppression",
        "tls",
        "destinations",
        "bounce>",
        "compl>",
        "alarms to",
    )
    rows = [header]
    for config_set in sorted(model.sets, key=lambda s: _text(s.name)):
        alarms = config_set.stream.alarms if config_set.stream else []
        rows.append(
            (
                _text(config_set.name),
                _text(config_set.stream.class_name if config_set.stream else None, "?"),
                _pool(config_set),
                # A v1 set cannot override suppression: the account setting applies.
                "(v1: account)" if config_set.v1 else _suppression(config_set.suppressed_reasons),
                _text(config_set.tls_policy, "OPTIONAL"),  # what SES does when none is set
                ",".join(sorted(_destination(d) for d in model.destinations_of(config_set))),
                _thresholds(alarms, "bounce"),
                _thresholds(alarms, "complaint"),
                _routes(alarms),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines += [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    identities = [
        f"identity {_text(i.identity)}: default configuration set {_text(i.default_set)}"
        for i in model.identities
    ]
    if identities:
        lines += ["", *sorted(identities)]
    counts = Counter(r.type for r in managed)
    lines += ["", "resources: " + ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))]
    return "\n".join(lines) + "\n"


def _text(value: Any, missing: str = "None") -> str:
    """A model value for a table cell; sensitive values print as `(sensitive)`."""
    if value is UNKNOWN:
        return "(unknown)"
    if value is ABSENT or value is None:
        return missing
    return str(value)


def _pool(config_set: ConfigurationSet) -> str:
    pool = config_set.pool
    if pool is not None:
        return f"{_text(pool.name)} ({_text(pool.scaling_mode)})"
    if config_set.pool_name is UNKNOWN:
        return "(unknown)"
    return _text(config_set.pool_name, "(shared)")


def _suppression(reasons: Any) -> str:
    if reasons is UNKNOWN:
        return "(unknown)"
    if reasons is ABSENT or reasons is None:
        return "(inherits)"
    return "+".join(map(str, reasons)) or "none"


def _destination(destination: Any) -> str:
    name = _text(destination.name, "?")
    return name if destination.enabled is True else f"{name}(OFF)"


def _thresholds(alarms: list[Alarm], kind: str) -> str:
    found = [threshold_text(a.threshold, a.percent) for a in alarms if kind in a.kinds()]
    return ",".join(found) or "(none)"


def _routes(alarms: list[Alarm]) -> str:
    """Where the rate alarms notify: the last part of each action ARN (an SNS topic name)."""
    routes = set()
    for alarm in alarms:
        if not alarm.kinds():
            continue
        if alarm.actions is UNKNOWN:
            routes.add("(unknown)")
        for action in alarm.actions if isinstance(alarm.actions, tuple) else ():
            routes.add(str(action).rsplit(":", 1)[-1])
    return ",".join(sorted(routes)) or "(none)"
