"""The live configuration as a per-stream table, thresholds read the way the plan's are."""

from __future__ import annotations

from sesguard.model.entities import is_percent_expression, rate_kinds
from sesguard.model.ses_metrics import METRIC_EVENTS
from sesguard.summary import threshold_text

from .live import Alarm, Destination, LiveConfiguration


def render_table(live: LiveConfiguration) -> str:
    """A per-stream table of what isolates each stream, then identities and the account."""
    header = ("configuration set", "pool", "suppression", "tls", "destinations", "alarms")
    rows = [header]
    for stream in live.streams:
        rows.append(
            (
                stream.configuration_set,
                f"{stream.pool} ({stream.scaling_mode})" if stream.pool else "(shared)",
                "(account)" if stream.suppressed_reasons is None
                else "+".join(stream.suppressed_reasons) or "none",
                stream.tls_policy or "-",
                " ".join(_destination_cell(d) for d in stream.destinations) or "NONE",
                " ".join(_alarm_cell(a, stream.configuration_set) for a in stream.alarms) or "NONE",
            )
        )  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    in_streams = {alarm.name for stream in live.streams for alarm in stream.alarms}
    account_alarms = [a for name, a in sorted(live.alarms.items()) if name not in in_streams]
    if account_alarms:
        cells = (f"{a.name}{_comparison(a.comparison)}{_threshold(a)}" for a in account_alarms)
        lines.append(f"other alarms: {' '.join(cells)}")
    for identity in live.identities:
        lines.append(
            f"identity {identity.name}: default set {identity.default_configuration_set}, "
            f"MAIL FROM {identity.mail_from_domain} ({identity.behavior_on_mx_failure})"
        )
    lines.append(f"account suppression list: {'+'.join(live.account_suppressed_reasons) or 'off'}")
    return "\n".join(lines)


def _destination_cell(destination: Destination) -> str:
    where = ",".join(f"{k}={v}" for k, v in destination.dimensions.items())
    state = "" if destination.enabled else "(OFF)"
    events = len(destination.event_types)
    detail = f"{events} events" if events > 3 else "+".join(destination.event_types)
    return f"{destination.kind}{state}[{detail}{'; ' + where if where else ''}]"


def _alarm_cell(alarm: Alarm, configuration_set: str) -> str:
    # "ses-marketing-bounce-rate" -> "bounce-rate"
    short = alarm.name.split(configuration_set, 1)[-1].strip("-_") or alarm.name
    return f"{short}{_comparison(alarm.comparison)}{_threshold(alarm)}"


def _threshold(alarm: Alarm) -> str:
    """A rate alarm's threshold in percent (`2 %`, as `sesguard summary` shows the plan's)."""
    names = {s["metric_name"] for s in alarm.metric_stats.values() if s["namespace"] == "AWS/SES"}
    # No returned expression: the alarm evaluates a metric itself, a raw count if it is one.
    returns_count = alarm.expression is None and bool(names & METRIC_EVENTS.keys())
    if rate_kinds(names, returns_count):
        return threshold_text(alarm.threshold, is_percent_expression(alarm.expression))
    return f"{alarm.threshold:g}"


def _comparison(operator: str) -> str:
    return {"GreaterThanThreshold": ">", "GreaterThanOrEqualToThreshold": ">="}.get(
        operator, operator
    )
