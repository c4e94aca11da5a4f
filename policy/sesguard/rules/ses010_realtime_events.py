from __future__ import annotations

from ..config import by_class
from ..model import Model
from ..values import UNKNOWN
from .base import Rule, module_fix


class RealtimeEvents(Rule):
    id = "SES010"
    name = "realtime-bounce-complaint-events"
    severity = "warning"
    summary = (
        "Real-time path: each class publishes its events to SNS or EventBridge "
        f"({by_class(lambda policy: ' and '.join(sorted(policy.realtime_events)))})."
    )
    why = (
        "CloudWatch counts tell you a rate went up; only per-message events let the "
        "application stop mailing the address that bounced or complained before the rate "
        "reaches SES review levels."
    )
    fix = (
        "Add an enabled SNS or EventBridge event destination matching the class's events "
        "(classes.<name>.realtime_events in the gate config)."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/monitor-using-event-publishing.html"
    reads = ("configuration_set", "event_destinations")
    v1_migration = (
        "migration does not move the SNS destination: add an SNS or EventBridge destination "
        "to the v2 set."
    )
    needs = {"Destination": ("set_name", "enabled", "event_types")}

    def check(self, model: Model):
        for stream in model.streams.values():
            policy = model.config.classes.get(stream.class_name)
            if policy is None or not policy.realtime_events or not stream.sets:
                continue
            covered: set[str] = set()
            # An orphan destination (set unknown until apply) may be this stream's.
            unreadable = bool(model.orphan_destinations)
            for config_set in stream.sets:
                for dest in model.destinations_of(config_set):
                    if UNKNOWN in (dest.enabled, dest.event_types):
                        unreadable = True
                    elif dest.enabled is True and (dest.sns or dest.eventbridge):
                        covered.update(dest.event_types)
            missing = policy.realtime_events - covered
            if missing and not unreadable:
                yield self.finding(
                    stream,
                    stream.address,
                    f"{policy.name} stream {stream.name!r} publishes no "
                    f"{', '.join(sorted(missing))} events to SNS or EventBridge",
                    module_fix(
                        stream,
                        "sns_destination.event_types to include "
                        f"{', '.join(sorted(policy.realtime_events))} (or drop it: it defaults "
                        "to the class's events)",
                        f"[classes.{policy.name}] realtime_events",
                    ),
                )
