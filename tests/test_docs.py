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


AWS_RANGE = re.compile(r">= ?\d+\.\d+, ?< ?\d+\.\d+")


def test_every_page_and_example_states_the_modules_provider_range():
    module_ranges = {
        re.search(r'source = "hashicorp/aws"\s*(?:#.*\n\s*)*version = "([^"]+)"', path.read_text())[
            1
        ]
        for path in (REPO / "modules").glob("*/versions.tf")
    }
    assert len(module_ranges) == 1, module_ranges
    stated = {
        f"{path.relative_to(REPO)}: {found}"
        for path in [*PAGES, *sorted((REPO / "examples").glob("*/main.tf"))]
        if path.name != "CHANGELOG.md"  # history keeps the ranges of past releases
        for found in AWS_RANGE.findall(path.read_text())
        if found not in module_ranges
    }
    assert stated == set()
