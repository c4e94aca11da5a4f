"""IAM policies → Statements: JSON documents (as `aws_iam_*_policy` resources hold them) and
`aws_iam_policy_document` data sources."""

from __future__ import annotations

import json
from typing import Any

from ..values import UNKNOWN, Attrs, is_set
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


def document_statements(document: Attrs) -> list[Statement]:
    """The statements of an `aws_iam_policy_document` data source's planned values."""
    blocks = document.blocks("statement")
    statements = []
    for block in blocks if isinstance(blocks, list) else []:
        effect = block.text("effect")
        actions, resources = block.strings("actions"), block.strings("resources")
        if resources is UNKNOWN:
            # Unknown resources come from references to concrete ARNs, never a literal
            # "*"; keep only the known elements.
            raw = block.values.get("resources") or []
            resources = tuple(r for r in raw if isinstance(r, str))
        not_actions, not_resources = (
            block.strings("not_actions"),
            block.strings("not_resources"),
        )
        statements.append(
            Statement(
                effect if is_set(effect) else "Allow",
                actions,
                resources,
                not_actions if isinstance(not_actions, tuple) else (),
                not_resources if isinstance(not_resources, tuple) else (),
            )
        )
    return statements
