"""One version everywhere: `make release-check` passes here and names each disagreement."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import sesguard
import tomllib
from release_check import DISTRIBUTIONS, PRE_COMMIT_HOOKS, problems

REPO = Path(__file__).resolve().parent.parent


def test_make_release_check_passes_on_this_repository():
    run = subprocess.run(["make", "-s", "release-check"], cwd=REPO, capture_output=True, text=True)
    assert (run.returncode, run.stderr) == (0, "")


def copy_of_versioned_files(tmp_path: Path) -> Path:
    for name in [*DISTRIBUTIONS, PRE_COMMIT_HOOKS, "CHANGELOG.md", "README.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, tmp_path / name)
    for folder in ("docs", "examples"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def test_each_disagreement_is_named_with_its_place(tmp_path):
    repo = copy_of_versioned_files(tmp_path)
    assert problems(repo, head_tags=[]) == []
    version = tomllib.loads((repo / "pyproject.toml").read_text())["project"]["version"]
    replace(repo / "emulator/pyproject.toml", f'version = "{version}"', 'version = "9.9.9"')
    replace(repo / "checkov-sesguard/pyproject.toml", f"sesguard=={version}", "sesguard==0.0.1")
    replace(repo / "CHANGELOG.md", f"## [{version}]", "## [9.9.9]")
    example = repo / "examples/two-streams/README.md"
    lines = example.read_text().splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if f"?ref=v{version}" in text)
    replace(example, f"?ref=v{version}", "?ref=v0.0.1")
    assert problems(repo, head_tags=["v1.0.0"]) == [
        f"emulator/pyproject.toml: version 9.9.9, expected {version}",
        f"checkov-sesguard/pyproject.toml: requires sesguard==0.0.1, expected {version}",
        f"CHANGELOG.md: newest release 9.9.9, expected {version}",
        f"examples/two-streams/README.md:{line}: pins v0.0.1, expected v{version}",
        f"git tag v1.0.0 on HEAD, expected v{version}",
    ]


def test_the_ci_examples_and_pre_commit_rev_are_checked_too(tmp_path):
    repo = copy_of_versioned_files(tmp_path)
    version = tomllib.loads((repo / "pyproject.toml").read_text())["project"]["version"]
    replace(repo / "docs/ci/gitlab-ci.yml", f"sesguard.git@v{version}", "sesguard.git@v0.0.1")
    replace(repo / "docs/ci/README.md", f"rev: v{version}", "rev: v0.0.2")

    def line_of(path: Path, text: str) -> int:
        return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)

    assert problems(repo, head_tags=[]) == [
        f"docs/ci/README.md:{line_of(repo / 'docs/ci/README.md', 'rev: v0.0.2')}: "
        f"pins v0.0.2, expected v{version}",
        f"docs/ci/gitlab-ci.yml:{line_of(repo / 'docs/ci/gitlab-ci.yml', '@v0.0.1')}: "
        f"pins v0.0.1, expected v{version}",
    ]


def test_the_package_version_is_the_metadata_one():
    """sesguard.__version__ is read from the installed metadata, never written twice."""
    version = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    assert sesguard.__version__ == version
    assert f'"{version}"' not in (REPO / "policy/sesguard/__init__.py").read_text()


def test_the_pre_commit_hooks_pins_are_checked(tmp_path):
    repo = copy_of_versioned_files(tmp_path)
    hooks = repo / PRE_COMMIT_HOOKS
    scan = tomllib.loads((repo / "pyproject.toml").read_text())["project"]
    semgrep = scan["optional-dependencies"]["scan"][0].split("==")[1]
    version = scan["version"]
    replace(hooks, f"semgrep=={semgrep}", "semgrep==0.0.3")
    replace(hooks, "rev: <a tag>", "rev: v0.0.4")

    def line_of(text: str) -> int:
        return next(n for n, line in enumerate(hooks.read_text().splitlines(), 1) if text in line)

    assert problems(repo, head_tags=[]) == [
        f"{PRE_COMMIT_HOOKS}:{line_of('semgrep==0.0.3')}: pins semgrep==0.0.3, "
        f"expected {semgrep} (pyproject.toml's scan extra)",
        f"{PRE_COMMIT_HOOKS}:{line_of('rev: v0.0.4')}: pins v0.0.4, expected v{version}",
    ]
