"""Nested blocks of SES v2 resources read into entity fields (the plan builder's helpers)."""

from __future__ import annotations

from typing import Any

from ..values import ABSENT, UNKNOWN
from .entities import Dimension

# An event destination's kind, by its block in a plan and by its member in SES's answers.
DESTINATION_BLOCKS = {
    "cloud_watch_destination": "cloudwatch",
    "sns_destination": "sns",
    "kinesis_firehose_destination": "firehose",
    "event_bridge_destination": "eventbridge",
    "pinpoint_destination": "pinpoint",
}
DESTINATION_MEMBERS = {
    "CloudWatchDestination": "cloudwatch",
    "SnsDestination": "sns",
    "KinesisFirehoseDestination": "firehose",
    "EventBridgeDestination": "eventbridge",
    "PinpointDestination": "pinpoint",
}


def before_reasons(before: dict | None) -> Any:
    if not isinstance(before, dict):
        return ABSENT
    blocks = before.get("suppression_options")
    if not isinstance(blocks, list) or not blocks or not isinstance(blocks[0], dict):
        return ABSENT
    reasons = blocks[0].get("suppressed_reasons")
    return tuple(reasons) if isinstance(reasons, list) else ABSENT


def cloudwatch_dimensions(block: Any) -> Any:
    if block is ABSENT:
        return None
    if block is UNKNOWN or block is None:
        return UNKNOWN if block is UNKNOWN else None
    dims = block.blocks("dimension_configuration")
    if dims is UNKNOWN:
        return UNKNOWN
    out = []
    for dim in dims if isinstance(dims, list) else []:
        out.append(
            Dimension(
                dim.text("dimension_name"),
                dim.text("dimension_value_source"),
                dim.text("default_dimension_value"),
            )
        )
    if any(d.name is UNKNOWN or d.default is UNKNOWN for d in out):
        return UNKNOWN
    return tuple(out)
