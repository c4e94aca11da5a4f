from __future__ import annotations

from ..model import Model
from ..values import UNKNOWN
from .base import Rule

REQUIRED_EVENTS = frozenset({"SEND", "BOUNCE", "COMPLAINT"})


class CloudWatchDestination(Rule):
    id = "SES005"
    name = "cloudwatch-event-destination"
    severity = "error"
    summary = (
        "Every set has an enabled CloudWatch destination for SEND, BOUNCE and COMPLAINT with "
        "a stream dimension whose default value is the stream's name."
    )
    why = (
        "Per-stream bounce and complaint rates exist only as metric math over the counts a "
        "CloudWatch destination publishes. A missing or disabled destination (`enabled` "
        "defaults to false) leaves every per-stream alarm without data."
    )
    fix = (
        "Add aws_sesv2_configuration_set_event_destination with enabled = true, "
        "matching_event_types including SEND, BOUNCE, COMPLAINT and a cloud_watch_destination "
        "dimension (default `stream`) whose default_dimension_value is the stream name."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/event-publishing-add-event-destination-cloudwatch.html"
    reads = ("configuration_set", "event_destinations")
    v1_migration = (
        "migration does not move aws_ses_event_destination: give the v2 set an "
        "aws_sesv2_configuration_set_event_destination with a cloud_watch_destination."
    )
    needs = {"Destination": ("set_name", "enabled", "event_types", "cloudwatch")}

    def check(self, model: Model):
        dimension = model.config.dimension
        for config_set in model.sets:
            stream = config_set.stream
            candidates = [d for d in model.destinations_of(config_set) if d.cloudwatch is not None]
            if any(_unknown(d) for d in candidates):
                continue  # SES014 lists what could not be read
            problems = []
            for dest in candidates:
                missing = REQUIRED_EVENTS - dest.event_types
                dims = {d.name: d.default for d in dest.cloudwatch}
                if dest.enabled is not True:
                    problems.append(f"{dest.address} is disabled (enabled defaults to false)")
                elif missing:
                    problems.append(f"{dest.address} does not match {', '.join(sorted(missing))}")
                elif dimension not in dims:
                    problems.append(f"{dest.address} has no {dimension!r} dimension")
                elif stream is not None and dims[dimension] != stream.name:
                    problems.append(
                        f"{dest.address} publishes {dimension}={dims[dimension]!r}, not "
                        f"{stream.name!r}"
                    )
                else:
                    break
            else:
                if not candidates and model.orphan_destinations:
                    continue  # one of those may be this set's: SES014 lists them
                detail = "; ".join(problems) if problems else "it has none"
                yield self.finding(
                    stream,
                    config_set.address,
                    f"configuration set {config_set.name!r} has no usable CloudWatch "
                    f"destination: {detail}",
                )


def _unknown(dest) -> bool:
    return UNKNOWN in (dest.enabled, dest.event_types, dest.cloudwatch)
