"""Run the emulator as a background process: start, health check, stop by pid.

One implementation for the Makefile (`python -m ses_emulator start|stop|url`)
and the pytest fixture. The server binds its own port (0 = the kernel picks a
free one, so there is no race between choosing and binding) and then writes
`emulator.pid` and `emulator.url` into its state directory; those two files are
how every later command finds it.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from . import HEALTH_PATH

PID_FILE = "emulator.pid"
URL_FILE = "emulator.url"
LOG_FILE = "emulator.log"
START_LOCK_FILE = "start.lock"


class EmulatorError(Exception):
    """A start/stop problem a user can act on (one line, no traceback)."""


@dataclass(frozen=True)
class Running:
    pid: int
    url: str


def healthy(url: str, timeout: float = 1.0) -> bool:
    try:
        with urllib.request.urlopen(url + HEALTH_PATH, timeout=timeout) as response:
            return json.load(response).get("status") == "ok"
    except (OSError, ValueError, urllib.error.URLError):
        return False


def write_state(state_dir: Path, url: str) -> None:
    state_dir.mkdir(parents=True, exist_ok=True)
    for name, text in ((URL_FILE, url), (PID_FILE, str(os.getpid()))):
        tmp = state_dir / (name + ".tmp")
        tmp.write_text(text + "\n")
        tmp.replace(state_dir / name)


def clear_state(state_dir: Path, only_pid: int | None = None) -> None:
    """Forget the recorded emulator; with `only_pid`, only if that is the one recorded."""
    if only_pid is not None:
        try:
            if int((state_dir / PID_FILE).read_text()) != only_pid:
                return  # another emulator took this state dir over: its record stays
        except (OSError, ValueError):
            return
    for name in (PID_FILE, URL_FILE):
        (state_dir / name).unlink(missing_ok=True)


def running(state_dir: Path) -> Running | None:
    """The emulator recorded in `state_dir`, if its process is still ours and alive."""
    try:
        pid = int((state_dir / PID_FILE).read_text())
        url = (state_dir / URL_FILE).read_text().strip()
    except (OSError, ValueError):
        return None
    return Running(pid, url) if _is_emulator(pid) else None


def start(
    state_dir: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    timeout: float = 30,
    settle: float = 2.0,
    options: list[str] | None = None,
) -> Running:
    """Start an emulator (or reuse the healthy one already recorded) and wait until it answers.

    A recorded emulator that is alive but does not answer within `settle` seconds
    (wedged) is stopped first: starting a second one beside it would orphan it.
    Concurrent starts on one state directory take turns: the later one reuses the first's.
    """
    state_dir = Path(state_dir)
    state_dir.mkdir(parents=True, exist_ok=True)
    with open(state_dir / START_LOCK_FILE, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _start(state_dir, host, port, timeout, settle, options)


def _start(
    state_dir: Path,
    host: str,
    port: int,
    timeout: float,
    settle: float,
    options: list[str] | None,
) -> Running:
    current = running(state_dir)
    if current is not None:
        deadline = time.monotonic() + settle
        while not healthy(current.url):
            if time.monotonic() > deadline:
                _terminate(current.pid, timeout=5)  # verified ours by running()
                break
            time.sleep(0.1)
        else:
            return current
    clear_state(state_dir)
    log_path = state_dir / LOG_FILE
    command = [sys.executable, "-m", "ses_emulator", "serve", "--host", host, "--port", str(port)]
    command += options or []  # --verification, --dns-server
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [*command, "--state-dir", str(state_dir)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl-C in make/pytest must not kill it mid-destroy
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        current = running(state_dir)
        if current and healthy(current.url):
            if current.pid != process.pid and process.poll() is None:
                # A concurrent start recorded its emulator first: use that one, never two.
                _terminate(process.pid, timeout=5)
            return current
        if process.poll() is not None:
            tail = log_path.read_text(errors="replace").strip().splitlines()[-1:]
            raise EmulatorError(f"emulator exited during start-up: {' '.join(tail) or 'no output'}")
        time.sleep(0.1)
    _terminate(process.pid, timeout=5)
    raise EmulatorError(f"emulator did not answer within {timeout:.0f}s (log: {log_path})")


def stop(state_dir: Path, timeout: float = 10) -> bool:
    """Stop the emulator recorded in `state_dir`; False if none was running."""
    state_dir = Path(state_dir)
    current = running(state_dir)
    if current is not None:
        _terminate(current.pid, timeout)
    clear_state(state_dir)
    return current is not None


def reap_orphans(parent: Path, owner_marker: bytes = b"pytest") -> list[Path]:
    """Stop emulators under `parent/<owner pid>/` (or `<owner pid>-<worker>/`, one per
    pytest-xdist worker) whose owner is gone; return their dirs.

    The pytest fixture starts its emulator in a new session (so a Ctrl-C cannot
    kill it mid-destroy); a pytest killed outright therefore leaves it running.
    An owner counts as gone when its pid is dead or now runs something else.
    """
    reaped = []
    for state_dir in sorted(Path(parent).glob("*")):
        named = re.fullmatch(r"(\d+)(-\w+)?", state_dir.name)
        if not state_dir.is_dir() or not named:
            continue
        owner = int(named[1])
        if owner == os.getpid() or _runs(owner, owner_marker):
            continue
        stop(state_dir)  # signals only a live process that is really an emulator
        shutil.rmtree(state_dir, ignore_errors=True)
        reaped.append(state_dir)
    return reaped


def _terminate(pid: int, timeout: float) -> None:
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + timeout
        time.sleep(0.05)


def _alive(pid: int) -> bool:
    try:
        # Reap it if it is our child (pytest started it), else a zombie looks alive.
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_emulator(pid: int) -> bool:
    """Alive and really ours: a recycled pid must never be signalled."""
    return _runs(pid, b"ses_emulator")


def _runs(pid: int, marker: bytes) -> bool:
    """Whether `pid` is alive and its command line mentions `marker`."""
    if not _alive(pid):
        return False
    try:
        return marker in Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        # Without procfs (macOS) trust the pid; with it, the process has just exited.
        return not Path("/proc/self").exists()
    except OSError:
        return True  # e.g. not readable: alive, so leave it alone
