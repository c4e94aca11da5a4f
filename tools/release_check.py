#!/usr/bin/env python3
"""`make release-check`: one version for the whole repository, written the same everywhere.

The gate's package metadata (pyproject.toml; ``sesguard.__version__`` reads it) is the one
version source; the emulator and the checkov adapter (their own pyproject.toml files) and the
Terraform modules (released by the git tag ``v<version>`` that users put in ``?ref=``) share
it. This checks that every place agrees: the three distributions and the adapter's pin on
the gate, the newest release in CHANGELOG.md, every ``?ref=v…`` / ``@v…`` / ``rev: v…``
shown in the docs (CI examples included), the examples and ``.pre-commit-hooks.yaml``, the
hooks' semgrep pin against the ``scan`` extra, and the tag on HEAD if any.
Prints one line per disagreement and exits 1; exits 0 when all agree. Standard library only.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import tomllib

REPO = Path(__file__).resolve().parent.parent
DISTRIBUTIONS = ("pyproject.toml", "emulator/pyproject.toml", "checkov-sesguard/pyproject.toml")
PRE_COMMIT_HOOKS = ".pre-commit-hooks.yaml"
RELEASE_HEADING = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", re.M)
# `?ref=v1.2.3` (Terraform git sources), `@v1.2.3` (pip git URLs) and pre-commit's `rev: v1.2.3`.
PINNED_REFERENCE = re.compile(r"(?:\?ref=|\.git@|sesguard@|\brev: )v(\d+\.\d+\.\d+)")


def documents(repo: Path) -> list[Path]:
    """Where users copy version pins from: the README, docs/ (the CI examples included) and
    the examples."""
    found = [repo / "README.md", *sorted((repo / "docs").rglob("*.md"))]
    found += sorted((repo / "docs").rglob("*.yml"))
    found += sorted((repo / "examples").rglob("*.md"))
    found.append(repo / PRE_COMMIT_HOOKS)
    return [p for p in found if p.is_file()]


def _pins(requirements: list[str]) -> dict[str, str]:
    """``name==version`` requirements as {name: version}."""
    return dict(re.findall(r"([A-Za-z0-9_.-]+)==([^\s;\"',\]]+)", " ".join(requirements)))


def problems(repo: Path = REPO, head_tags: list[str] | None = None) -> list[str]:
    """Every disagreement, one line each; [] when the repository is consistent."""
    project = tomllib.loads((repo / "pyproject.toml").read_text())["project"]
    version = project["version"]
    found = []
    for name in DISTRIBUTIONS[1:]:
        other = tomllib.loads((repo / name).read_text())["project"]
        if other["version"] != version:
            found.append(f"{name}: version {other['version']}, expected {version}")
        for requirement in other.get("dependencies", []):
            pin = re.fullmatch(r"sesguard==(\S+)", requirement.split(";")[0].strip())
            if pin and pin[1] != version:
                found.append(f"{name}: requires sesguard=={pin[1]}, expected {version}")
    hooks = repo / PRE_COMMIT_HOOKS
    scan_pins = _pins(project.get("optional-dependencies", {}).get("scan", []))
    for line_number, line in enumerate(hooks.read_text().splitlines(), start=1):
        if "additional_dependencies" not in line:
            continue
        for name, pinned in _pins([line]).items():
            if name in scan_pins and pinned != scan_pins[name]:
                found.append(
                    f"{PRE_COMMIT_HOOKS}:{line_number}: pins {name}=={pinned}, "
                    f"expected {scan_pins[name]} (pyproject.toml's scan extra)"
                )
    changelog = repo / "CHANGELOG.md"
    releases = RELEASE_HEADING.findall(changelog.read_text()) if changelog.is_file() else []
    if not releases or releases[0] != version:
        newest = releases[0] if releases else "none"
        found.append(f"CHANGELOG.md: newest release {newest}, expected {version}")
    for document in documents(repo):
        for line_number, line in enumerate(document.read_text().splitlines(), start=1):
            for pinned in PINNED_REFERENCE.findall(line):
                if pinned != version:
                    where = document.relative_to(repo)
                    found.append(f"{where}:{line_number}: pins v{pinned}, expected v{version}")
    for tag in head_tags if head_tags is not None else _head_tags(repo):
        if tag != f"v{version}":
            found.append(f"git tag {tag} on HEAD, expected v{version}")
    return found


def _head_tags(repo: Path) -> list[str]:
    run = subprocess.run(
        ["git", "tag", "--points-at", "HEAD", "--list", "v*"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    return run.stdout.split() if run.returncode == 0 else []


def main() -> int:
    found = problems()
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        return 1
    version = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    print(f"release-check: every version reads {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
