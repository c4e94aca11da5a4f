#!/usr/bin/env python3
"""Write docs/rules.md's rule table from the rules' own metadata (`make docs`).

`--check` exits 1 when the page is stale; tests/test_generated_docs.py runs every check.
"""

from __future__ import annotations

import sys
from pathlib import Path

from doc_blocks import regenerate, with_block

RULES_PAGE = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def rules_table() -> str:
    from sesguard.rules import RULES

    lines = [
        "| ID | name | severity | applies to | rule | why it matters | docs |",
        "|---|---|---|---|---|---|---|",
    ]
    for rule in RULES:
        source = "Terraform" if "hashicorp.com" in rule.doc_url else "AWS"
        cells = [
            rule.id,
            f"`{rule.readable_name()}`",
            rule.severity,
            ", ".join(rule.applies_to),
            rule.summary,
            rule.why,
            f"[{source}]({rule.doc_url})",
        ]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def render(page: str) -> str:
    return with_block(page, START, END, rules_table(), "docs/rules.md")


def main(argv: list[str]) -> int:
    return regenerate(RULES_PAGE, render, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
