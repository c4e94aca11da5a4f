#!/usr/bin/env python3
"""Write docs/audit.md's tables of the live rules and of what each read feeds, from the
rules' own metadata and declared `reads` (`make docs`).

`--check` exits 1 when the page is stale; tests/gate/test_docs_and_cli.py runs the same check.
"""

from __future__ import annotations

import sys
from pathlib import Path

from doc_blocks import regenerate, with_block

AUDIT_PAGE = Path(__file__).resolve().parent.parent / "docs" / "audit.md"
RULES_BLOCK = ("<!-- live-rules:start -->", "<!-- live-rules:end -->")
READS_BLOCK = ("<!-- reads:start -->", "<!-- reads:end -->")


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def live_rules_table() -> str:
    """The rules only a live account shows, and what each must read."""
    from sesguard.rules import RULES

    rows = [
        [rule.id, rule.severity, rule.summary, ", ".join(f"`{r}`" for r in rule.reads) or "—"]
        for rule in RULES
        if rule.applies_to == ("live",)
    ]
    return _table(["rule", "severity", "finds", "reads"], rows)


def reads_table() -> str:
    """Each read, its API calls, and the rules its failure leaves unverified."""
    from sesguard.audit.coverage import READS, unverified_by

    rows = [
        [f"`{read}`", api, ", ".join(unverified_by(read)) or "—"] for read, api in READS.items()
    ]
    return _table(["read", "API calls", "rules not verified when it fails"], rows)


def render(page: str) -> str:
    page = with_block(page, *RULES_BLOCK, live_rules_table(), "docs/audit.md")
    return with_block(page, *READS_BLOCK, reads_table(), "docs/audit.md")


def main(argv: list[str]) -> int:
    return regenerate(AUDIT_PAGE, render, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
