"""A configuration set's event destinations → ses_stream's three destination inputs.

The module has one destination of each kind (CloudWatch, SNS, EventBridge). The first
existing one of each kind is adopted under its own name (a destination's name forces a
new one); the others, and kinds the module does not hold (Firehose, Pinpoint), stay
outside it.
"""

from __future__ import annotations

import re
from typing import Any

from ..model.from_account import destination_path
from .plan import Note

KINDS = {  # API block → (module input, resource name, count index)
    "CloudWatchDestination": ("cloudwatch_destination", "cloudwatch", ""),
    "SnsDestination": ("sns_destination", "sns", "[0]"),
    "EventBridgeDestination": ("eventbridge_destination", "eventbridge", "[0]"),
}
# ses_stream's CloudWatch destination: every count the rate alarms and dashboard read.
DEFAULT_CLOUDWATCH_EVENTS = [
    "SEND", "DELIVERY", "BOUNCE", "COMPLAINT", "REJECT", "DELIVERY_DELAY", "RENDERING_FAILURE",
]  # fmt: skip
RATE_EVENTS = ("SEND", "BOUNCE", "COMPLAINT")
DIMENSION = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def map_destinations(raw: dict, set_name: str, call: str, policy, ctx) -> dict[str, Any]:
    subject = f"`{set_name}`"
    destinations = raw.get("EventDestinations") or []
    names = {d.get("Name") for d in destinations}
    chosen: dict[str, dict] = {}
    for kind in KINDS:
        of_kind = [d for d in destinations if kind in d]
        # The CloudWatch one already counting this stream is the one to keep.
        of_kind.sort(key=lambda d: (not d.get("Enabled"), not _counts_stream(d, set_name)))
        if of_kind:
            chosen[kind] = of_kind[0]
    inputs: dict[str, Any] = {}
    for dest in destinations:
        kind = next((k for k in KINDS if k in dest), None)
        if kind is None or chosen.get(kind) is not dest:
            what = kind or next((k for k in dest if k.endswith("Destination")), "an unknown kind")
            ctx.out.outside.append(
                Note(f"event destination `{set_name}|{dest.get('Name')}`",
                     f"{what}: the module holds one destination of each of CloudWatch, SNS and "
                     "EventBridge; this one stays as it is, outside the module",
                     address=ctx.arn("configuration-set", destination_path(set_name, dest)))
            )  # fmt: skip
    for kind, dest in chosen.items():
        field, resource, index = KINDS[kind]
        address = f"module.{call}.aws_sesv2_configuration_set_event_destination.{resource}{index}"
        ctx.add_import(address, f"{set_name}|{dest['Name']}",
                       f"event destination {dest['Name']} of {set_name}")  # fmt: skip
        if not dest.get("Enabled"):
            ctx.out.changes.append(
                Note(subject, f"event destination {dest['Name']}: disabled → enabled", "SES005")
            )
        inputs[field] = _INPUTS[kind](dest, set_name, subject, ctx)
        if dest["Name"] != resource:
            inputs[field] = {"name": dest["Name"], **inputs[field]}
    if "CloudWatchDestination" not in chosen:
        name = _free("cloudwatch", names)
        ctx.out.changes.append(
            Note(subject, f"created: CloudWatch event destination {name} (stream = {set_name})",
                 "SES005")
        )  # fmt: skip
        if name != "cloudwatch":
            inputs["cloudwatch_destination"] = {"name": name}
    if "SnsDestination" not in chosen:
        free = _free("sns", names)
        inputs["sns_destination"] = {"name": free} if free != "sns" else {}
        # The class default decides whether an SNS topic is created; say so if it is.
        if policy and policy.realtime_events:
            ctx.out.changes.append(
                Note(subject, f"created: an encrypted SNS topic ses-{set_name}-events and "
                     f"destination {free} for {', '.join(sorted(policy.realtime_events))}",
                     "SES010")
            )  # fmt: skip
        if not inputs["sns_destination"]:
            del inputs["sns_destination"]
    return inputs


def _counts_stream(dest: dict, set_name: str) -> bool:
    dims = (dest.get("CloudWatchDestination") or {}).get("DimensionConfigurations") or ()
    return any(d.get("DefaultDimensionValue") == set_name for d in dims)


def _free(name: str, taken: set) -> str:
    found, n = name, 2
    while found in taken:
        found, n = f"{name}-{n}", n + 1
    return found


def _cloudwatch(dest: dict, set_name: str, subject: str, ctx) -> dict:
    events = list(dest.get("MatchingEventTypes") or ())
    missing = [e for e in RATE_EVENTS if e not in events]
    if missing:
        ctx.out.changes.append(
            Note(subject, f"CloudWatch destination {dest['Name']} also counts "
                 f"{', '.join(missing)} (the rate alarms divide them)", "SES005")
        )  # fmt: skip
    events += missing
    dims = dest["CloudWatchDestination"].get("DimensionConfigurations") or []
    # ses_stream takes dimension names of letters, digits, '_' and '-' (CloudWatch takes more).
    own = [d for d in dims if d.get("DefaultDimensionValue") == set_name
           and DIMENSION.match(d.get("DimensionName") or "")]  # fmt: skip
    dimension = own[0]["DimensionName"] if own else "stream"
    wanted = (dimension, "MESSAGE_TAG", set_name)
    found = [(d.get("DimensionName"), d.get("DimensionValueSource"), d.get("DefaultDimensionValue"))
             for d in dims]  # fmt: skip
    if found != [wanted]:
        shown = ", ".join(f"{n}={v} ({s})" for n, s, v in found) or "none"
        ctx.out.changes.append(
            Note(subject, f"CloudWatch dimensions: {shown} → {dimension}={set_name} "
                 "(MESSAGE_TAG); alarms on the old series stop receiving data", "SES005")
        )  # fmt: skip
    inputs: dict[str, Any] = {}
    if sorted(events) != sorted(DEFAULT_CLOUDWATCH_EVENTS):
        inputs["event_types"] = events
    if dimension != "stream":
        inputs["dimension_name"] = dimension
    return inputs


def _sns(dest: dict, set_name: str, subject: str, ctx) -> dict:
    return {
        "event_types": list(dest.get("MatchingEventTypes") or ()),
        # The topic exists already: the module neither creates nor encrypts one.
        "create_topic": False,
        "topic_arn": dest["SnsDestination"]["TopicArn"],
        "create_kms_key": False,
    }


def _eventbridge(dest: dict, set_name: str, subject: str, ctx) -> dict:
    return {
        "event_types": list(dest.get("MatchingEventTypes") or ()),
        "event_bus_arn": dest["EventBridgeDestination"]["EventBusArn"],
    }


_INPUTS = {
    "CloudWatchDestination": _cloudwatch,
    "SnsDestination": _sns,
    "EventBridgeDestination": _eventbridge,
}
