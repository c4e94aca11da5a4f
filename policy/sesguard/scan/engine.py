"""Run semgrep on the selected files with sesguard's ruleset and read its JSON.

semgrep runs as a subprocess: the gate's core stays standard-library only, and semgrep
lives in its own virtualenv (its pins would clash with the dev tools). Which semgrep:
``--semgrep PATH``, else ``$SESGUARD_SEMGREP``, else the repository's `.venv-semgrep`
(a development checkout: `make semgrep-venv`), else the one installed beside sesguard
(`pip install 'sesguard[scan]'`), else `semgrep` on PATH (`pipx install semgrep==…`).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .ruleset import ruleset_file

PINNED_VERSION = "1.185.0"
# A checkout's .venv-semgrep: policy/sesguard/scan/engine.py → repository root.
_CHECKOUT_SEMGREP = Path(__file__).resolve().parents[3] / ".venv-semgrep" / "bin" / "semgrep"
# `sesguard[scan]` installs semgrep's script beside this interpreter's, which need not be
# on PATH (a virtualenv run as .venv/bin/sesguard without activating it).
_BESIDE_SESGUARD = Path(sys.executable).parent / "semgrep"
INSTALL_HINT = (
    f"pip install 'sesguard[scan]' (semgrep {PINNED_VERSION} beside sesguard) or "
    f"pipx install semgrep=={PINNED_VERSION} (semgrep on PATH)"
)
# Offline and private: no metrics, no version check, no registry.
_ENV = {"SEMGREP_SEND_METRICS": "off", "SEMGREP_ENABLE_VERSION_CHECK": "0"}
# Keep each command line well under the kernel's argument limit (2 MB on Linux).
_MAX_ARGV_BYTES = 500_000
_FILES_PER_JOB = 50
# Per file and rule: a pathological file gives up alone instead of stalling the scan.
_TIMEOUT_SECONDS = 30
# The whole semgrep run (`--timeout`): a hung semgrep must not hang the CI job with it.
DEFAULT_TIMEOUT = 600


@dataclass(frozen=True)
class Match:
    check_id: str  # the semgrep rule, e.g. sesguard.SES015.python
    rule: str  # the sesguard rule ID from its metadata
    path: str  # as semgrep printed it (as given on its command line)
    line: int
    message: str


@dataclass(frozen=True)
class EngineResult:
    matches: list[Match]
    errors: list[tuple[str, str]]  # (path, reason) semgrep could not analyse
    version: str


def find_semgrep(explicit: str | None = None) -> str:
    candidates = [
        ("--semgrep", explicit),
        ("SESGUARD_SEMGREP", os.environ.get("SESGUARD_SEMGREP")),
        (".venv-semgrep", str(_CHECKOUT_SEMGREP) if _CHECKOUT_SEMGREP.exists() else None),
        ("sesguard[scan]", str(_BESIDE_SESGUARD) if _BESIDE_SESGUARD.exists() else None),
        ("PATH", shutil.which("semgrep")),
    ]
    for source, value in candidates:
        if not value:
            continue
        found = shutil.which(value) if os.sep not in value else value
        if found and os.access(found, os.X_OK) and not os.path.isdir(found):
            return found
        raise InputError(f"semgrep from {source} ({value}) is not an executable file")
    raise InputError(
        f"semgrep not found: {INSTALL_HINT}; or pass --semgrep PATH or set SESGUARD_SEMGREP"
    )


def run(
    files: list[Path], semgrep: str, jobs: int | None = None, timeout: float = DEFAULT_TIMEOUT
) -> EngineResult:
    matches: list[Match] = []
    errors: list[tuple[str, str]] = []
    version = ""
    deadline = time.monotonic() + timeout
    with ruleset_file() as ruleset:
        for batch in _batches([str(f) for f in files]):
            doc = _invoke(semgrep, ruleset, batch, jobs, deadline, timeout)
            version = doc.get("version") or version
            matches += [_match(result) for result in doc.get("results", [])]
            errors += [_error(error) for error in doc.get("errors", [])]
    return EngineResult(matches, errors, version)


def _batches(paths: list[str]):
    batch: list[str] = []
    size = 0
    for path in paths:
        if batch and size + len(path) + 1 > _MAX_ARGV_BYTES:
            yield batch
            batch, size = [], 0
        batch.append(path)
        size += len(path) + 1
    if batch:
        yield batch


def _invoke(
    semgrep: str,
    ruleset: Path,
    paths: list[str],
    jobs: int | None,
    deadline: float,
    timeout: float,
) -> dict:
    argv = [
        semgrep,
        "scan",
        "--config",
        str(ruleset),
        "--json",
        "--quiet",
        "--metrics=off",
        "--disable-version-check",
        "--no-git-ignore",
        "--no-rewrite-rule-ids",
        "--timeout",
        str(_TIMEOUT_SECONDS),
        "--jobs",
        str(jobs or _jobs(len(paths))),
        "--",
        *paths,
    ]
    try:
        done = _run_bounded(argv, deadline - time.monotonic())
    except OSError as exc:
        raise InputError(f"cannot run semgrep ({semgrep}): {exc.strerror or exc}") from None
    except subprocess.TimeoutExpired:
        raise InputError(
            f"semgrep did not finish within {timeout:g} s (--timeout): nothing was reported, "
            "the scan is incomplete"
        ) from None
    try:
        doc = json.loads(done.stdout)
    except ValueError:
        doc = None
    if not isinstance(doc, dict) or done.returncode not in (0, 1):
        raise InputError(f"semgrep failed (exit {done.returncode}): {_last_line(done)}")
    fatal = [e for e in doc.get("errors", []) if not _error_path(e) and e.get("level") == "error"]
    if fatal:
        raise InputError(f"semgrep failed: {_one_line(fatal[0].get('message', fatal[0]))}")
    return doc


def _run_bounded(argv: list[str], seconds: float) -> subprocess.CompletedProcess:
    """subprocess.run with a timeout that also ends semgrep's own workers: they share its
    session, and one left holding the pipes would keep `communicate` waiting."""
    process = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **_ENV},
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=max(seconds, 0.001))
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    return subprocess.CompletedProcess(argv, process.returncode, stdout, stderr)


def _jobs(files: int) -> int:
    # semgrep forks one worker per job; for a handful of files that costs more than it saves.
    return 1 if files < _FILES_PER_JOB else min(os.cpu_count() or 1, files // _FILES_PER_JOB)


def _match(result: dict) -> Match:
    extra = result.get("extra", {})
    metadata = extra.get("metadata") or {}
    return Match(
        check_id=result["check_id"],
        rule=metadata.get("sesguard-rule", ""),
        path=result["path"],
        line=int(result["start"]["line"]),
        message=_one_line(extra.get("message", "")),
    )


def _error(error: dict) -> tuple[str, str]:
    reason = error.get("type")
    if isinstance(reason, list):  # e.g. ["PartialParsing", [...locations]]
        reason = reason[0]
    # The file is named; its other matches, if any, are still reported.
    message = _one_line(f"{reason}: {error.get('message', '')}")
    return _error_path(error) or "?", f"not fully analysed ({message})"


def _error_path(error: dict) -> str | None:
    path = error.get("path")
    if path:
        return path
    spans = error.get("spans") or []
    return spans[0].get("file") if spans and isinstance(spans[0], dict) else None


def _last_line(done: subprocess.CompletedProcess) -> str:
    lines = [line for line in done.stderr.decode(errors="replace").splitlines() if line.strip()]
    return _one_line(lines[-1]) if lines else "no output"


def _one_line(text) -> str:
    return " ".join(str(text).split())
