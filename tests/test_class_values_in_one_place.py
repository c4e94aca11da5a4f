"""modules/ses_stream/classes.json is the one place a class's values and the SES review levels
are written: everything else reads it, or is generated from it (docs/stream-classes.md).
This searches the repository for a restatement: a review level on a line that speaks of
SES review, a class threshold on a line that names the class, every class name in a row."""

from __future__ import annotations

import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CLASS_FILE = REPO / "modules" / "ses_stream" / "classes.json"
DATA = json.loads(CLASS_FILE.read_text())
SEARCHED = ("modules", "envs", "examples", "policy", "lab", "tools", "docs", "checkov-sesguard")
SUFFIXES = {".tf", ".py", ".md", ".toml", ".yml", ".yaml", ".hcl"}
# The emulator stands in for SES itself (its reputation policy is SES's, settable per test);
# lab/catch_all is the deliberately naive account the lab compares with: a standalone root
# that alarms at the review level on purpose; the package copy is checked byte for byte.
NOT_RESTATEMENTS = {
    REPO / "lab" / "catch_all" / "main.tf",
    REPO / "policy" / "sesguard" / "classes.json",
}
# Blocks a generator writes from the data (`make docs`) and checks.
GENERATED = re.compile(
    r"<!-- (\w+):start -->.*?<!-- \1:end -->|<!-- BEGIN_TF_DOCS -->.*?<!-- END_TF_DOCS -->", re.S
)


def _renderings(fraction: float) -> str:
    """The ways prose and code write a rate: 0.05, 5%, 5 %."""
    percent = re.escape(f"{fraction * 100:.3g}")
    return rf"(?<![\d.]){re.escape(repr(fraction))}(?!\d)|(?<![\d.]){percent} ?%"


def _searched_lines():
    for top in SEARCHED:
        for path in sorted((REPO / top).rglob("*")):
            if (
                path.suffix not in SUFFIXES
                or path in NOT_RESTATEMENTS
                or ".terraform" in path.parts
            ):
                continue
            text = GENERATED.sub("", path.read_text(errors="replace"))
            for number, line in enumerate(text.splitlines(), 1):
                yield f"{path.relative_to(REPO)}:{number}", line
    readme = REPO / "README.md"
    for number, line in enumerate(readme.read_text().splitlines(), 1):
        yield f"README.md:{number}", line


def _restatements() -> list[str]:
    review = DATA["ses_review_levels"]
    review_value = re.compile(
        "|".join(_renderings(review[key]) for key in ("bounce_rate", "complaint_rate"))
    )
    class_values = {
        name: re.compile(
            "|".join(_renderings(cls[key]) for key in ("max_bounce_rate", "max_complaint_rate"))
        )
        for name, cls in DATA["classes"].items()
    }
    every_class = re.compile(r"[ ,|/]+(?:or |and )?".join(map(re.escape, DATA["classes"])))
    found = []
    for where, line in _searched_lines():
        if re.search(r"\breview", line, re.I) and review_value.search(line):
            found.append(f"{where}: SES review level: {line.strip()}")
        for name, values in class_values.items():
            if re.search(rf"\b{re.escape(name)}\b", line) and values.search(line):
                found.append(f"{where}: {name} threshold: {line.strip()}")
        if every_class.search(line):
            found.append(f"{where}: the list of classes: {line.strip()}")
    return found


def test_no_file_restates_a_class_value_or_the_review_levels():
    assert _restatements() == []


def test_the_search_finds_a_planted_restatement(tmp_path, monkeypatch):
    """The search is not vacuous: each kind of restatement is caught."""
    planted = tmp_path / "docs" / "planted.md"
    planted.parent.mkdir()
    planted.write_text(
        "SES reviews the account at 5 % bounces.\n"
        "transactional alarms at 1 % / 0.05 %\n"
        f"class must be one of: {', '.join(DATA['classes'])}.\n"
    )
    (tmp_path / "README.md").write_text("")
    monkeypatch.setattr(__import__(__name__), "REPO", tmp_path)
    kinds = [entry.split(": ", 2)[1] for entry in _restatements()]
    assert kinds == ["SES review level", "transactional threshold", "the list of classes"]
