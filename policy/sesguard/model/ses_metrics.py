"""What SES publishes to CloudWatch (namespace AWS/SES): the one catalogue the gate reads.

An alarm on a name or dimension outside this catalogue never receives data and stays in
INSUFFICIENT_DATA: the team believes it is covered. Source:
https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-cloudwatch.html and
https://docs.aws.amazon.com/ses/latest/dg/reputationdashboard-cloudwatch-alarm.html
"""

from __future__ import annotations

NAMESPACE = "AWS/SES"
DOC_URL = "https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-cloudwatch.html"

# Event counts: published account-wide (no dimension) and, per CloudWatch event destination,
# with that destination's dimensions. Metric name → the SES event type that produces it.
METRIC_EVENTS = {
    "Send": "SEND",
    "Reject": "REJECT",
    "Bounce": "BOUNCE",
    "Complaint": "COMPLAINT",
    "Delivery": "DELIVERY",
    "Open": "OPEN",
    "Click": "CLICK",
    "Rendering Failures": "RENDERING_FAILURE",
    "RenderingFailure": "RENDERING_FAILURE",
    "DeliveryDelay": "DELIVERY_DELAY",
    "Subscription": "SUBSCRIPTION",
}
# Reputation rates: account-wide (no dimension), or per configuration set with this one
# dimension when the set enables reputation metrics. Never with a custom dimension.
REPUTATION_METRICS = frozenset({"Reputation.BounceRate", "Reputation.ComplaintRate"})
REPUTATION_DIMENSION = "ses:configuration-set"
PUBLISHED = frozenset(METRIC_EVENTS) | REPUTATION_METRICS

# Alarm kind → (the count a rate divides, the rate SES itself publishes).
RATE_METRICS = {
    "bounce": ("Bounce", "Reputation.BounceRate"),
    "complaint": ("Complaint", "Reputation.ComplaintRate"),
}
# A count is a rate only when divided by the volume sent.
VOLUME_METRICS = frozenset({"Send", "Delivery"})


def alarm_kind(metric_names: set) -> str | None:
    """What an alarm over these metric names is meant to watch, published or not: "bounce",
    "complaint", or None. A dead `BounceRate` alarm is still a bounce alarm to its team."""
    lowered = " ".join(str(name).lower() for name in metric_names)
    for kind in RATE_METRICS:
        if kind in lowered:
            return kind
    return None


def published_instead(kind: str | None, stream: str, config_set: str, dimension: str) -> str:
    """What to alarm on instead, in the alarm's own kind (a complaint fix never says bounce)."""
    if kind is None:
        return (
            f"Alarm on a metric SES publishes in {NAMESPACE}: {', '.join(sorted(PUBLISHED))} "
            f"({DOC_URL})"
        )
    count, rate = RATE_METRICS[kind]
    return (
        f"Alarm on metric math over the stream's counts, "
        f"IF(send >= min_volume, {count.lower()} / send, 0) with Send and {count} "
        f"dimensioned {dimension}={stream}, or on {rate} with "
        f"{REPUTATION_DIMENSION}={config_set} (reputation metrics enabled on that set)"
    )


def closest_published(name: str) -> str | None:
    """The published metric a dead name most likely meant (`Bounces` → `Bounce`)."""
    for candidate in (name.rstrip("s"), f"Reputation.{name}", name.replace(" ", "")):
        if candidate in PUBLISHED and candidate != name:
            return candidate
    return None
