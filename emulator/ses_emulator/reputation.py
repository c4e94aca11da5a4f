"""Reputation: bounce and complaint rates per account and per configuration set, published
as `Reputation.BounceRate` / `Reputation.ComplaintRate` after each sending call.

SES computes them over a "representative volume" of recent mail rather than a fixed period;
the emulator, which has no sending history to size that volume from, takes the last 24
hours of its clock (a `DayWindow`): about one day's mail for an account that sends every
day, and rates that recover once a day of clean sending has passed
(docs/emulator-sending.md#event-publishing).
"""

from __future__ import annotations

from typing import Any

from . import clock, events
from .window import DayWindow


def count(state: Any, set_name: str | None, kind: str) -> None:
    # Simulator and suppression-list bounces never reach here: SES leaves them out.
    now = clock.now()
    for key in (None, set_name) if set_name else (None,):
        window = state.reputation.get(key)
        if window is None:
            window = state.reputation[key] = DayWindow()
        window.add(now, {"sent": 1, kind: 1})


def datapoints(state: Any, backend: Any, touched_sets: set[str]) -> list[dict[str, Any]]:
    """Reputation.* for the account, and per set (of this call) that enables the metrics."""
    moment = clock.now()
    now = events.naive_utc(moment)
    scopes: list[tuple[str | None, list[dict[str, str]]]] = [(None, [])]
    for name in sorted(touched_sets):
        config_set = backend.core.config_sets.get(name)
        options = (getattr(config_set, "options", None) or {}).get("ReputationOptions") or {}
        if options.get("ReputationMetricsEnabled"):
            scopes.append((name, [{"Name": "ses:configuration-set", "Value": name}]))
    datapoints = []
    for key, dimensions in scopes:
        window = state.reputation.get(key)
        counts = window.totals(moment) if window is not None else None
        if not counts or not counts["sent"]:
            continue
        for metric, kind in (("Reputation.BounceRate", "BOUNCE"),
                             ("Reputation.ComplaintRate", "COMPLAINT")):  # fmt: skip
            rate = counts[kind] / counts["sent"]
            datapoints.append({"MetricName": metric, "Value": rate, "Unit": "None",
                               "Timestamp": now, "Dimensions": dimensions})  # fmt: skip
    return datapoints
