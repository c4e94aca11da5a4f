#!/usr/bin/env python3
"""Write the README's rule table from the rules' own metadata (`make docs-rules`).

`--check` exits 1 when the README is stale; tests/gate/test_docs_and_cli.py runs the same check.
"""

from __future__ import annotations

import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
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


def render(readme: str) -> str:
    if START not in readme or END not in readme:
        raise SystemExit(f"README.md lacks the {START} … {END} markers")
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{rules_table()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    current = README.read_text()
    wanted = render(current)
    if "--check" in argv:
        if current != wanted:
            print("README.md rule table is stale: run `make docs-rules`", file=sys.stderr)
            return 1
        return 0
    README.write_text(wanted)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
