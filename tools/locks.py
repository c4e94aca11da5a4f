"""Read the environment locks under locks/ (written by `make lock`) and compare an environment
with its lock. One parser for the tests that prove environments match and for the generated
pages that name a locked version."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

LOCKS = Path(__file__).resolve().parent.parent / "locks"
# `name==version \` opens each entry of a `uv pip compile --generate-hashes` file.
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def canonical(name: str) -> str:
    """A distribution name as packaging compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: str | Path) -> dict[str, str]:
    """``{canonical name: version}`` of a Python lock (a name under locks/, or a path)."""
    path = lock if isinstance(lock, Path) else LOCKS / lock
    return {canonical(name): version for name, version in PIN.findall(path.read_text())}


def locked_version(lock: str, package: str) -> str:
    version = pins(lock).get(canonical(package))
    if version is None:
        raise KeyError(f"{package} is not in locks/{lock}")
    return version


# Printed by an environment's own interpreter: importlib.metadata sees what it really holds.
_LIST_DISTRIBUTIONS = (
    "import importlib.metadata as m, json; "
    "print(json.dumps({d.metadata['Name']: d.version for d in m.distributions()}))"
)


def installed(python: Path) -> dict[str, str]:
    """``{canonical name: version}`` of every distribution in the environment of ``python``."""
    done = subprocess.run(
        [str(python), "-I", "-c", _LIST_DISTRIBUTIONS],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return {canonical(name): version for name, version in json.loads(done.stdout).items()}


def npm_pins(lock_dir: str) -> dict[str, str]:
    """``{node_modules/... path: version}`` of an npm lock under locks/."""
    packages = json.loads((LOCKS / lock_dir / "package-lock.json").read_text())["packages"]
    return {path: entry["version"] for path, entry in packages.items() if path}
