"""Generated blocks inside hand-written docs: the text between two HTML-comment markers.

Generators (rule table, benchmark tables) rewrite only their block, so the prose around it
stays hand-written and a stale block is a plain string comparison.
"""

from __future__ import annotations

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
