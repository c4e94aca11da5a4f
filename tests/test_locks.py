"""Every environment `make test` builds holds exactly what its lock lists, so a fresh clone next
month runs on the versions this one ran on; and every exact pin in a pyproject.toml is the
version its lock resolved."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import tomllib

from locks import canonical, installed, npm_pins, pins

REPO = Path(__file__).resolve().parent.parent
# This repository's own packages sit on top of the locks, editable (tools/python-env).
OWN = {"sesguard", "sesguard-emulator", "checkov-sesguard"}
ENVIRONMENTS = {
    ".venv": "dev.txt",
    ".venv-semgrep": "semgrep.txt",
    ".venv-checkov": "checkov.txt",
    ".venv-awscli": "awscli.txt",
}


@pytest.mark.parametrize("venv, lock", ENVIRONMENTS.items())
def test_each_environment_holds_exactly_its_lock(venv, lock):
    python = REPO / venv / "bin" / "python"
    if not python.exists():
        pytest.skip(f"{venv} is not built (make test builds it)")
    held = {name: version for name, version in installed(python).items() if name not in OWN}
    assert held == pins(lock), f"{venv} differs from locks/{lock}: make {venv} again"


@pytest.mark.parametrize("subset", ["demo.txt", "emulator.txt"])
def test_a_partial_lock_holds_the_test_locks_versions(subset):
    assert pins(subset).items() <= pins("dev.txt").items()


def exact_pins(requirements: list[str]) -> dict[str, str]:
    found = (
        re.match(r"([A-Za-z0-9._-]+)(?:\[[^]]*\])?==([^;\s]+)\s*(;.*)?$", r) for r in requirements
    )
    return {canonical(m[1]): m[2] for m in found if m and not m[3]}


@pytest.mark.parametrize(
    "project, lock", [("pyproject.toml", "dev.txt"), ("emulator/pyproject.toml", "dev.txt")]
)
def test_every_exact_pin_of_a_pyproject_is_what_the_lock_holds(project, lock):
    metadata = tomllib.loads((REPO / project).read_text())["project"]
    requirements = [*metadata.get("dependencies", [])]
    for extra in metadata.get("optional-dependencies", {}).values():
        requirements += extra
    wanted = exact_pins(requirements)
    assert wanted, project
    locked = pins(lock)
    assert {name: locked.get(name) for name in wanted} == wanted, (
        f"make lock after editing {project}"
    )


@pytest.mark.parametrize("source", ["semgrep", "checkov", "awscli", "uv"])
def test_every_pin_of_an_input_file_is_what_its_lock_holds(source):
    wanted = exact_pins((REPO / "locks" / f"{source}.in").read_text().splitlines())
    assert wanted
    locked = pins(f"{source}.txt")
    assert {name: locked.get(name) for name in wanted} == wanted, "make lock"


def test_every_lock_entry_carries_a_hash():
    for lock in sorted((REPO / "locks").glob("*.txt")):
        entries = re.split(r"\n(?=[A-Za-z0-9])", lock.read_text().split("\n", 2)[2].strip())
        unhashed = [
            e.split()[0] for e in entries if not e.startswith("#") and "--hash=sha256:" not in e
        ]
        assert unhashed == [], lock.name


NPM_ENVIRONMENTS = sorted(path.name for path in (REPO / "locks").glob("node-*"))


@pytest.mark.parametrize("name", NPM_ENVIRONMENTS)
def test_each_npm_environment_holds_exactly_its_lock(name):
    modules = REPO / "build" / name
    if not (modules / ".installed").exists():
        pytest.skip(f"build/{name} is not built (make test builds it)")
    locked = npm_pins(name)
    held = {
        path: json.loads((modules / path / "package.json").read_text())["version"]
        for path in locked
    }
    assert held == locked
    manifest = json.loads((REPO / "locks" / name / "package.json").read_text())
    for package, version in manifest["dependencies"].items():
        assert locked[f"node_modules/{package}"] == version
    lock = json.loads((REPO / "locks" / name / "package-lock.json").read_text())
    assert all(entry.get("integrity") for path, entry in lock["packages"].items() if path)
