"""The docs fit and hold together: a README that fits on a few screens, links that resolve."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = [
    REPO / "README.md",
    REPO / "CHANGELOG.md",
    *sorted((REPO / "docs").rglob("*.md")),
    *sorted((REPO / "examples").rglob("*.md")),
    *sorted((REPO / "modules").glob("*/README.md")),
]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_readme_fits_in_150_lines():
    assert len((REPO / "README.md").read_text().splitlines()) <= 150


def test_every_relative_link_resolves():
    broken = [
        f"{page.relative_to(REPO)} -> {target}"
        for page in PAGES
        for target in LINK.findall(page.read_text())
        if "://" not in target and not (page.parent / target).exists()
    ]
    assert broken == []
