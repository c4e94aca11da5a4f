"""Health per stream: sends, bounces and complaints over the last 24 h and 7 days.

Counts come from the stream's CloudWatch event destination (namespace AWS/SES, the stream
dimension); `Reputation.*` per configuration set where reputation metrics are enabled.
One GetMetricData call per window carries up to 500 queries, so the calls grow with the
number of streams / 100, never one call per stream and metric.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from ..model import Model
from ..model.entities import Stream
from ..model.pause_wiring import pause_verdict
from .reads import declares

WINDOWS = {"24h": dt.timedelta(hours=24), "7d": dt.timedelta(days=7)}
COUNTS = ("Send", "Bounce", "Complaint")
REPUTATION = ("Reputation.BounceRate", "Reputation.ComplaintRate")
MAX_QUERIES = 500  # GetMetricData's limit per call
# Below this many sends a window's rate is noise (one complaint in one send is 100 %): it
# is shown but does not count towards closeness, like the module's `send >= min_volume`.
MIN_VOLUME = 100
PERIOD = 3600  # hourly points: a window's sum and its worst hour of reputation


@dataclass
class Window:
    sends: float = 0.0
    bounces: float = 0.0
    complaints: float = 0.0
    reputation_bounce_rate: float | None = None
    reputation_complaint_rate: float | None = None

    @property
    def bounce_rate(self) -> float | None:
        return self.bounces / self.sends if self.sends else None

    @property
    def complaint_rate(self) -> float | None:
        return self.complaints / self.sends if self.sends else None


@dataclass
class StreamHealth:
    stream: str
    class_name: str | None
    max_bounce_rate: float | None  # the class threshold (fraction)
    max_complaint_rate: float | None
    review_bounce_rate: float
    review_complaint_rate: float
    windows: dict[str, Window] = field(default_factory=dict)
    # Whether its alarms turn its sending off: yes, no, partly, unknown (pause_verdict).
    automatic_pause: str = "unknown"

    def closeness(self) -> float:
        """The highest rate as a fraction of its limit (the class's, else SES's review
        level), over both windows: 1.0 = at the limit."""
        return self._worst(
            self.max_bounce_rate or self.review_bounce_rate,
            self.max_complaint_rate or self.review_complaint_rate,
        )

    def review_closeness(self) -> float:
        """The highest rate as a fraction of the level at which SES reviews the account."""
        return self._worst(self.review_bounce_rate, self.review_complaint_rate)

    def _worst(self, bounce_limit: float, complaint_limit: float) -> float:
        worst = 0.0
        for window in self.windows.values():
            enough = window.sends >= MIN_VOLUME
            for rate, limit in (
                (window.bounce_rate if enough else None, bounce_limit),
                (window.complaint_rate if enough else None, complaint_limit),
                (window.reputation_bounce_rate, self.review_bounce_rate),
                (window.reputation_complaint_rate, self.review_complaint_rate),
            ):
                if rate is not None and limit:
                    worst = max(worst, rate / limit)
        return worst

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for name, window in self.windows.items():
            out["windows"][name].update(
                bounce_rate=window.bounce_rate, complaint_rate=window.complaint_rate
            )
        out["closeness_to_limit"] = round(self.closeness(), 6)
        out["closeness_to_review"] = round(self.review_closeness(), 6)
        return out


def stream_dimension_value(model: Model, stream: Stream) -> str:
    """The value the stream's CloudWatch destination gives the stream dimension."""
    for config_set in stream.sets:
        for dest in model.destinations_of(config_set):
            for dim in dest.cloudwatch if isinstance(dest.cloudwatch, tuple) else ():
                if dim.name == model.config.dimension and isinstance(dim.default, str):
                    return dim.default
    return stream.name


def queries(model: Model) -> tuple[list[dict], dict[str, tuple[str, str]]]:
    """The GetMetricData queries of every stream, and query id → (stream, field)."""
    out: list[dict] = []
    index: dict[str, tuple[str, str]] = {}
    dimension = model.config.dimension
    for n, stream in enumerate(sorted(model.streams.values(), key=lambda s: s.name)):
        if not stream.sets:
            continue
        value = stream_dimension_value(model, stream)
        for metric in COUNTS:
            qid = f"s{n}_{metric.lower()}"
            index[qid] = (stream.name, metric)
            out.append(_query(qid, metric, [{"Name": dimension, "Value": value}], "Sum"))
        for k, config_set in enumerate(stream.sets):
            if config_set.reputation_metrics is not True:
                continue
            for metric in REPUTATION:
                qid = f"s{n}_{k}_{metric.split('.')[1].lower()}"
                index[qid] = (stream.name, metric)
                dims = [{"Name": "ses:configuration-set", "Value": str(config_set.name)}]
                out.append(_query(qid, metric, dims, "Maximum"))
    return out, index


def _query(qid: str, metric: str, dims: list[dict], stat: str) -> dict:
    return {
        "Id": qid,
        "MetricStat": {
            "Metric": {"Namespace": "AWS/SES", "MetricName": metric, "Dimensions": dims},
            "Period": PERIOD,
            "Stat": stat,
        },
        "ReturnData": True,
    }


# No rule reads the health table: a failure here leaves no rule unverified.
@declares("health", "cloudwatch:GetMetricData", condition="without --no-health")
def read_health(model: Model, reader, now: dt.datetime | None = None) -> list[StreamHealth]:
    """Every stream's windows, sorted closest to its limit first (reader: audit.reader)."""
    now = now or dt.datetime.now(dt.timezone.utc)
    config = model.config
    rows: dict[str, StreamHealth] = {}
    for stream in model.streams.values():
        if not stream.sets:
            continue
        policy = config.classes.get(stream.class_name) if stream.class_name else None
        rows[stream.name] = StreamHealth(
            stream.name,
            stream.class_name,
            policy.max_bounce_rate if policy else None,
            policy.max_complaint_rate if policy else None,
            config.review_bounce_rate,
            config.review_complaint_rate,
            {name: Window() for name in WINDOWS},
            "/".join(dict.fromkeys(pause_verdict(s) for s in stream.sets)),
        )
    all_queries, index = queries(model)
    for window_name, span in WINDOWS.items():
        for start in range(0, len(all_queries), MAX_QUERIES):
            batch = all_queries[start : start + MAX_QUERIES]
            results = reader.pages(
                "health",
                "GetMetricData",
                "MetricDataResults",
                f"per-stream sends, bounces and complaints ({window_name})",
                MetricDataQueries=batch,
                StartTime=now - span,
                EndTime=now,
            )
            for result in results or ():
                stream_name, metric = index[result["Id"]]
                _add(rows[stream_name].windows[window_name], metric, result.get("Values") or ())
    return sorted(rows.values(), key=lambda row: (-row.closeness(), row.stream))


def _add(window: Window, metric: str, values) -> None:
    if metric == "Send":
        window.sends += sum(values)
    elif metric == "Bounce":
        window.bounces += sum(values)
    elif metric == "Complaint":
        window.complaints += sum(values)
    elif values:
        attr = (
            "reputation_bounce_rate"
            if metric == "Reputation.BounceRate"
            else "reputation_complaint_rate"
        )
        current = getattr(window, attr)
        setattr(window, attr, max(values) if current is None else max(current, *values))


def render_table(rows: list[StreamHealth], label: str = "") -> str:
    """Plain-text table, closest to its limit first."""
    if not rows:
        return ""
    head = (
        f"{'stream':24} {'class':18} {'24h sent':>9} {'bounce':>7} {'compl.':>7} "
        f"{'7d sent':>9} {'bounce':>7} {'compl.':>7} {'of limit':>8} {'of review':>9} "
        "pauses"
    )
    lines = [
        f"Health per stream{label}: rates as a share of the class limit and of the SES "
        "review level, closest first; whether its alarms pause it",
        head,
    ]
    few = False
    for row in rows:
        day, week = row.windows["24h"], row.windows["7d"]
        few = few or any(0 < w.sends < MIN_VOLUME for w in (day, week))
        lines.append(
            f"{row.stream[:24]:24} {(row.class_name or 'unknown')[:18]:18} "
            f"{day.sends:>9.0f} {_pct(day, day.bounce_rate):>7} "
            f"{_pct(day, day.complaint_rate):>7} {week.sends:>9.0f} "
            f"{_pct(week, week.bounce_rate):>7} {_pct(week, week.complaint_rate):>7} "
            f"{row.closeness() * 100:>7.0f}% {row.review_closeness() * 100:>8.0f}% "
            f"{row.automatic_pause}"
        )
    if few:
        lines.append(
            f"(n%): fewer than {MIN_VOLUME} sends in the window, too few to judge (one "
            "complaint in one send is 100%): not counted in 'of limit' and 'of review'"
        )
    return "\n".join(lines) + "\n"


def _pct(window: Window, rate: float | None) -> str:
    """A rate; in parentheses when the window has too few sends for it to count."""
    if rate is None:
        return "-"
    return f"{rate * 100:.2f}%" if window.sends >= MIN_VOLUME else f"({rate * 100:.0f}%)"
