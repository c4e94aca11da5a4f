"""What `pip install` gives a user: the gate's wheel holds the gate alone and needs nothing;
the emulator's wheel holds the emulator and declares what it imports. Each is built, installed
into a fresh virtualenv and every module in it imported there. The wheel's `sesguard scan`
finds semgrep where a pip or pipx user puts it (linked from the locked .venv-semgrep).

Nothing is resolved here: wheels build with the locked setuptools of this environment, and a
wheel's dependencies come from its lock (locks/), so the test runs as it does today next month.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sesguard import __version__
from sesguard.scan.engine import PINNED_VERSION
from sesguard.scan.ruleset import PARTS_DIR

pytestmark = pytest.mark.packaging

REPO = Path(__file__).resolve().parent.parent
UV = REPO / "build" / "uv" / "bin" / "uv"  # installed by tools/python-env; pip otherwise
SEMGREP = REPO / ".venv-semgrep" / "bin" / "semgrep"  # make semgrep-venv
SEND = REPO / "tests" / "scan" / "fixtures" / "python" / "app" / "clients.py"


def run(argv: list[str], **options) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=300, **options)
    assert done.returncode == 0, f"{argv}: {done.stderr}"
    return done


IGNORED = shutil.ignore_patterns("build", "*.egg-info", "__pycache__")


def build_wheel(project: Path, parts: list[str], tmp: Path) -> Path:
    """Build from a copy of ``parts`` of ``project``: setuptools leaves build/ where it runs."""
    source, out = tmp / "source", tmp / "dist"
    source.mkdir(parents=True)
    for part in parts:
        if (project / part).is_dir():
            shutil.copytree(project / part, source / part, ignore=IGNORED)
        else:
            shutil.copy(project / part, source / part)
    if UV.is_file():
        run(
            [
                str(UV),
                "build",
                "--quiet",
                "--wheel",
                "--no-build-isolation",
                "--python",
                sys.executable,
                "--out-dir",
                str(out),
                str(source),
            ]
        )
    else:
        run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "-q",
                "--no-deps",
                "--no-build-isolation",
                "-w",
                str(out),
                str(source),
            ]
        )
    (wheel,) = out.glob("*.whl")
    return wheel


def fresh_venv_with(wheel: Path, venv: Path, lock: str | None = None) -> Path:
    """A new virtualenv holding ``lock`` (hash-checked, under locks/), then ``wheel`` alone."""
    python = venv / "bin" / "python"
    installs = [["--require-hashes", "-r", str(REPO / "locks" / lock)]] if lock else []
    installs.append(["--no-deps", str(wheel)])
    if UV.is_file():
        run([str(UV), "venv", "--quiet", str(venv)])
        for arguments in installs:
            run([str(UV), "pip", "install", "--quiet", "--python", str(python), *arguments])
    else:
        run([sys.executable, "-m", "venv", str(venv)])
        for arguments in installs:
            run([str(python), "-m", "pip", "install", "-q", "--no-deps", *arguments])
    return python


def modules_in(wheel: Path) -> list[str]:
    names = zipfile.ZipFile(wheel).namelist()
    return sorted(
        name.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        for name in names
        if name.endswith(".py")
    )


def import_all(python: Path, modules: list[str]) -> None:
    """Import each module in a process of its own environment, never this checkout's.

    A package's ``__main__`` runs its CLI when imported: it is run with ``--help`` instead.
    """
    script = "import importlib, sys\nfor m in sys.argv[1:]: importlib.import_module(m)"
    libraries = [m for m in modules if not m.endswith(".__main__")]
    run([str(python), "-I", "-c", script, *libraries], cwd=python.parent)
    for main in sorted(set(modules) - set(libraries)):
        run([str(python), "-I", "-m", main.removesuffix(".__main__"), "--help"], cwd=python.parent)


@pytest.fixture(scope="module")
def gate_wheel(tmp_path_factory) -> Path:
    return build_wheel(
        REPO, ["pyproject.toml", "README.md", "policy"], tmp_path_factory.mktemp("gate")
    )


def test_gate_wheel_holds_the_gate_alone_without_dependencies(gate_wheel):
    top_level = {module.split(".")[0] for module in modules_in(gate_wheel)}
    assert top_level == {"sesguard"}
    metadata = (
        zipfile.ZipFile(gate_wheel).read(f"sesguard-{__version__}.dist-info/METADATA").decode()
    )
    # Extras (test tools, the audit's clients) are optional; the gate requires nothing.
    required = [
        line
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist:") and "extra ==" not in line
    ]
    assert required == []


def test_gate_wheel_ships_every_part_of_the_scan_ruleset(gate_wheel):
    folder = "sesguard/scan/semgrep/"
    shipped = [n for n in zipfile.ZipFile(gate_wheel).namelist() if n.startswith(folder)]
    assert sorted(shipped) == sorted(folder + part.name for part in PARTS_DIR.glob("*.yml"))


def test_every_module_of_the_gate_imports_in_a_fresh_venv(gate_wheel, tmp_path):
    python = fresh_venv_with(gate_wheel, tmp_path / "venv")
    import_all(python, modules_in(gate_wheel))
    version = run([str(python.parent / "sesguard"), "--version"]).stdout.strip()
    assert version == f"sesguard {__version__}"
    # Without the `audit` extra, the audit says in one line which extra to install.
    audit = subprocess.run(
        [str(python.parent / "sesguard"), "audit", "--region", "us-east-1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert audit.returncode == 2
    assert audit.stderr.count("\n") == 1 and "sesguard[audit]" in audit.stderr, audit.stderr


def test_the_scan_extra_is_the_pinned_semgrep(gate_wheel):
    metadata = (
        zipfile.ZipFile(gate_wheel).read(f"sesguard-{__version__}.dist-info/METADATA").decode()
    )
    assert f'Requires-Dist: semgrep=={PINNED_VERSION}; extra == "scan"' in metadata.splitlines()
    assert f"semgrep=={PINNED_VERSION}" in (REPO / "locks" / "semgrep.in").read_text().splitlines()


@pytest.fixture(scope="module")
def wheel_venv(gate_wheel, tmp_path_factory) -> Path:
    """The gate's wheel alone in a fresh virtualenv (it has no dependency to resolve)."""
    if not SEMGREP.exists():
        pytest.fail(f"{SEMGREP} missing: run `make semgrep-venv` (make test does)")
    return fresh_venv_with(gate_wheel, tmp_path_factory.mktemp("scan") / "venv").parent


def scan_from(bin_dir: Path, tmp_path: Path, path: str = "/usr/bin:/bin"):
    """The wheel's `sesguard scan` of one send, outside the checkout, with only ``path``."""
    shutil.copy(SEND, tmp_path / "clients.py")
    env = {k: v for k, v in os.environ.items() if k != "SESGUARD_SEMGREP"}
    return subprocess.run(
        [str(bin_dir / "sesguard"), "scan", "clients.py"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={**env, "PATH": path},
    )


def test_wheel_scan_without_semgrep_says_how_a_pip_user_installs_it(wheel_venv, tmp_path):
    done = scan_from(wheel_venv, tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"sesguard: semgrep not found: pip install 'sesguard[scan]' (semgrep {PINNED_VERSION} "
        f"beside sesguard) or pipx install semgrep=={PINNED_VERSION} (semgrep on PATH); or "
        "pass --semgrep PATH or set SESGUARD_SEMGREP\n"
    )


def test_wheel_scan_finds_semgrep_installed_beside_it(wheel_venv, tmp_path):
    """`pip install 'sesguard[scan]'` puts semgrep's script in sesguard's bin/, which is not
    on PATH when the virtualenv is not activated."""
    beside = wheel_venv / "semgrep"
    beside.symlink_to(SEMGREP)
    try:
        done = scan_from(wheel_venv, tmp_path)
    finally:
        beside.unlink()
    assert done.returncode == 1, done.stderr
    assert "SES015" in done.stdout and "FAIL: 1 error(s)" in done.stdout


def test_wheel_scan_finds_semgrep_on_path_as_pipx_installs_it(wheel_venv, tmp_path):
    pipx_bin = tmp_path / "pipx-bin"
    pipx_bin.mkdir()
    (pipx_bin / "semgrep").symlink_to(SEMGREP)
    done = scan_from(wheel_venv, tmp_path, f"{pipx_bin}:/usr/bin:/bin")
    assert done.returncode == 1, done.stderr
    assert "SES015" in done.stdout


def test_every_module_of_the_emulator_imports_with_its_declared_dependencies(tmp_path):
    wheel = build_wheel(REPO / "emulator", ["pyproject.toml", "ses_emulator"], tmp_path)
    modules = modules_in(wheel)
    assert {module.split(".")[0] for module in modules} == {"ses_emulator"}
    # What it declares, and its pytest extra (ses_emulator.pytest_plugin imports it), locked.
    python = fresh_venv_with(wheel, tmp_path / "venv", lock="emulator.txt")
    import_all(python, modules)
