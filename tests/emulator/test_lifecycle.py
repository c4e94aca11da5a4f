import subprocess
import sys

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
