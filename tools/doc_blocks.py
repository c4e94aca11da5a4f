"""Generated blocks inside hand-written docs: the text between two HTML-comment markers.

Generators (rule table, benchmark tables) rewrite only their block, so the prose around it
stays hand-written and a stale block is a plain string comparison.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

PERFORMANCE_PAGE = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def with_block(text: str, start: str, end: str, body: str, where: str) -> str:
    """``text`` with the lines between ``start`` and ``end`` replaced by ``body``."""
    if start not in text or end not in text.split(start, 1)[1]:
        raise SystemExit(f"{where} lacks the {start} … {end} markers")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body.rstrip()}\n{end}{tail}"


def write_block(page: Path, start: str, end: str, body: str) -> None:
    """Rewrite the block of ``page`` between the markers."""
    page.write_text(with_block(page.read_text(), start, end, body, page.name))


def regenerate(page: Path, render: Callable[[str], str], argv: list[str]) -> int:
    """A generator's command line: rewrite ``page`` with ``render``, or with ``--check``
    write nothing and exit 1 naming the page when it is stale."""
    current = page.read_text()
    wanted = render(current)
    if "--check" not in argv:
        page.write_text(wanted)
    elif current != wanted:
        print(f"stale: docs/{page.name} (run `make docs`)", file=sys.stderr)
        return 1
    return 0
