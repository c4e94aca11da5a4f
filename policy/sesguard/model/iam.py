"""IAM JSON policy documents (as `aws_iam_*_policy` resources hold them) → Statements."""

from __future__ import annotations

import json
from typing import Any

from .entities import Statement


def as_list(value: Any) -> list:
    """IAM (and plan JSON) write one item or a list of them; null is none."""
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def policy_statements(document: str) -> list | None:
    """The statements of an IAM JSON policy; None if the text is not a policy."""
    try:
        doc = json.loads(document)
    except (ValueError, RecursionError):
        return None
    if not isinstance(doc, dict):
        return None
    out = []
    for stmt in as_list(doc.get("Statement")):
        if not isinstance(stmt, dict):
            continue

        def strings(key: str, stmt: dict = stmt) -> tuple:
            return tuple(v for v in as_list(stmt.get(key)) if isinstance(v, str))

        out.append(
            Statement(
                stmt.get("Effect", "Allow"),
                strings("Action"),
                strings("Resource"),
                strings("NotAction"),
                strings("NotResource"),
            )
        )
    return out
