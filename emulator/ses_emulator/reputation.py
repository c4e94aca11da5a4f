"""Reputation: bounce and complaint rates per account and per configuration set, published
as `Reputation.BounceRate` / `Reputation.ComplaintRate` after each sending call."""

from __future__ import annotations

from collections import Counter
from typing import Any

from . import clock, events


def count(state: Any, set_name: str | None, kind: str) -> None:
    # Simulator and suppression-list bounces never reach here: SES leaves them out.
    for key in (None, set_name) if set_name else (None,):
        counts = state.reputation.setdefault(key, Counter())
        counts["sent"] += 1
        counts[kind] += 1


def datapoints(state: Any, backend: Any, touched_sets: set[str]) -> list[dict[str, Any]]:
    """Reputation.* for the account, and per set (of this call) that enables the metrics."""
    now = events.naive_utc(clock.now())
    scopes: list[tuple[str | None, list[dict[str, str]]]] = [(None, [])]
    for name in sorted(touched_sets):
        config_set = backend.core.config_sets.get(name)
        options = (getattr(config_set, "options", None) or {}).get("ReputationOptions") or {}
        if options.get("ReputationMetricsEnabled"):
            scopes.append((name, [{"Name": "ses:configuration-set", "Value": name}]))
    datapoints = []
    for key, dimensions in scopes:
        counts = state.reputation.get(key)
        if not counts or not counts["sent"]:
            continue
        for metric, kind in (("Reputation.BounceRate", "BOUNCE"),
                             ("Reputation.ComplaintRate", "COMPLAINT")):  # fmt: skip
            rate = counts[kind] / counts["sent"]
            datapoints.append({"MetricName": metric, "Value": rate, "Unit": "None",
                               "Timestamp": now, "Dimensions": dimensions})  # fmt: skip
    return datapoints
