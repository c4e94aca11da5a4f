import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ses_emulator import lifecycle


def test_start_reuse_and_stop_by_pid(tmp_path):
    first = lifecycle.start(tmp_path)
    try:
        assert first.url.startswith("http://127.0.0.1:")
        assert (tmp_path / "emulator.pid").read_text().strip() == str(first.pid)
        assert lifecycle.healthy(first.url)
        assert lifecycle.start(tmp_path) == first  # a healthy one is reused, not doubled
    finally:
        assert lifecycle.stop(tmp_path) is True
    assert not lifecycle.healthy(first.url)
    assert not (tmp_path / "emulator.pid").exists()
    assert lifecycle.stop(tmp_path) is False


def test_stale_pid_file_is_never_signalled(tmp_path):
    # The recorded pid now belongs to some other program.
    other = subprocess.Popen(["sleep", "30"])
    try:
        (tmp_path / "emulator.pid").write_text(f"{other.pid}\n")
        (tmp_path / "emulator.url").write_text("http://127.0.0.1:9\n")
        assert lifecycle.running(tmp_path) is None
        assert lifecycle.stop(tmp_path) is False
        assert other.poll() is None
    finally:
        other.kill()
        other.wait()


def test_cli_url_without_emulator_is_one_line_and_exit_1(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "ses_emulator", "url", "--state-dir", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "no emulator running" in result.stderr


def test_start_stops_a_recorded_emulator_that_never_answers(tmp_path, impostor):
    (tmp_path / "emulator.pid").write_text(f"{impostor.pid}\n")
    (tmp_path / "emulator.url").write_text("http://127.0.0.1:9\n")
    fresh = lifecycle.start(tmp_path, settle=0.5)
    try:
        assert fresh.pid != impostor.pid and lifecycle.healthy(fresh.url)
        assert impostor.wait(timeout=5) is not None  # stopped, not orphaned
    finally:
        lifecycle.stop(tmp_path)


def _serve(*args: str, cwd) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ses_emulator", "serve", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_foreground_serve_leaves_a_background_emulators_state_alone(tmp_path):
    state_dir = tmp_path / "build" / "emulator"  # the default state dir, seen from tmp_path
    background = lifecycle.start(state_dir)
    try:
        foreground = _serve(cwd=tmp_path)
        try:
            assert "serving SES v2" in foreground.stdout.readline()
            assert lifecycle.running(state_dir) == background
        finally:
            foreground.terminate()
            foreground.wait(timeout=10)
        assert lifecycle.running(state_dir) == background  # not cleared on exit either
    finally:
        assert lifecycle.stop(state_dir) is True


def test_serve_refuses_a_state_dir_with_a_live_emulator(tmp_path):
    background = lifecycle.start(tmp_path)
    try:
        refused = _serve("--state-dir", str(tmp_path), cwd=tmp_path)
        _, stderr = refused.communicate(timeout=20)
        assert refused.returncode == 1
        assert stderr.count("\n") == 1 and "already running" in stderr, stderr
        assert lifecycle.running(tmp_path) == background
    finally:
        lifecycle.stop(tmp_path)


def test_serve_rejects_a_port_out_of_range(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "ses_emulator", "serve", "--port", "99999"],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert result.returncode == 2
    assert "'99999' is not a TCP port" in result.stderr and "Traceback" not in result.stderr


def test_emulators_of_dead_pytest_sessions_are_reaped(tmp_path):
    gone = subprocess.Popen(["true"])
    gone.wait()  # a pid whose owner is dead
    orphan_dir = tmp_path / str(gone.pid)
    orphan = lifecycle.start(orphan_dir)
    recycled = subprocess.Popen(["sleep", "60"])  # alive, but not a pytest session
    recycled_dir = tmp_path / str(recycled.pid)
    recycled_dir.mkdir()
    mine = tmp_path / str(os.getpid())  # this very session
    mine.mkdir()
    # pytest-xdist workers' folders: `<controlling pytest pid>-<worker id>`
    orphan_worker_dir = tmp_path / f"{gone.pid}-gw0"
    orphan_worker_dir.mkdir()
    live_worker_dir = tmp_path / f"{os.getpid()}-gw1"
    live_worker_dir.mkdir()
    try:
        reaped = lifecycle.reap_orphans(tmp_path)
        assert not lifecycle.healthy(orphan.url)
        assert sorted(reaped) == sorted({orphan_dir, recycled_dir, orphan_worker_dir})
        assert not orphan_dir.exists() and mine.is_dir() and recycled.poll() is None
        assert not orphan_worker_dir.exists() and live_worker_dir.is_dir()
    finally:
        lifecycle.stop(orphan_dir)
        recycled.kill()
        recycled.wait()


def _serving(state_dir) -> list[int]:
    """Pids of emulator servers recorded in `state_dir` (by their command line)."""
    marker = f"--state-dir\0{state_dir}\0".encode()
    pids = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if b"ses_emulator\0serve" in (text := cmdline.read_bytes()) and marker in text:
                pids.append(int(cmdline.parent.name))
        except OSError:
            continue
    return pids


def test_concurrent_starts_share_one_emulator(tmp_path):
    with ThreadPoolExecutor(max_workers=2) as pool:
        first, second = pool.map(lambda _: lifecycle.start(tmp_path), range(2))
    try:
        assert first == second and lifecycle.healthy(first.url)
        assert _serving(tmp_path) == [first.pid]
    finally:
        lifecycle.stop(tmp_path)
    assert _serving(tmp_path) == []


def test_an_unknown_option_prints_usage_and_names_the_option():
    result = subprocess.run(
        [sys.executable, "-m", "ses_emulator", "--frobnicate"],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "usage: python -m ses_emulator [-h] {serve,start,stop,url} ...",
        "python -m ses_emulator: error: unrecognized arguments: --frobnicate",
    ]


def test_the_console_script_names_itself_and_its_commands():
    script = Path(sys.executable).parent / "ses-emulator"
    result = subprocess.run([str(script)], capture_output=True, text=True, timeout=20)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "usage: ses-emulator [-h] {serve,start,stop,url} ...",
        "ses-emulator: error: a command is required: serve, start, stop or url",
    ]
