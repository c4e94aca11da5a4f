"""The reader's snapshot of one account and region as JSON, and back.

`Reader.snapshot` (with `run.finish_reads`) is plain data but for three kinds of value JSON
cannot hold: the failed reads (`ReadFailure`), the DNS answers (keyed by (name, type)) and
the IAM documents (address, document) pairs. `to_json` turns them into lists and objects and
drops what no builder reads (each answer's ResponseMetadata, timestamps); `from_json` gives
back a snapshot `model_from_account` builds the same model from. tests/audit/fixtures keep
snapshots of violating accounts in this form.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from ..model.live import DnsAnswer, ReadFailure


def to_json(snapshot: dict) -> dict:
    """A snapshot as JSON-ready data (lists, objects, strings, numbers, booleans, null)."""
    data = {key: _plain(value) for key, value in snapshot.items()}
    if snapshot.get("failures") is not None:
        data["failures"] = [_plain(asdict(f)) for f in snapshot["failures"]]
    if snapshot.get("dns") is not None:
        data["dns"] = sorted(
            (_plain(asdict(answer)) for answer in snapshot["dns"].values()),
            key=lambda a: (a["name"], a["rdtype"]),
        )
    return data


def from_json(data: dict) -> dict:
    """The snapshot `to_json` made, as the reader gave it."""
    snapshot = dict(data)
    snapshot["failures"] = [
        ReadFailure(**dict(f, unverified=tuple(f["unverified"]))) for f in data.get("failures", ())
    ]
    if data.get("dns") is not None:
        snapshot["dns"] = {
            (a["name"], a["rdtype"]): DnsAnswer(**dict(a, records=tuple(a["records"])))
            for a in data["dns"]
        }
    if data.get("iam_policies") is not None:
        snapshot["iam_policies"] = [tuple(pair) for pair in data["iam_policies"]]
    return snapshot


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            str(k): _plain(v)
            for k, v in value.items()
            if k != "ResponseMetadata" and not isinstance(v, datetime)
        }
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value if not isinstance(v, datetime)]
    return value
