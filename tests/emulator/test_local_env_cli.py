"""tools/local_env.py: what it refuses to touch, and one-line errors instead of tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest
from local_env import BUILD, REPO, LocalEnv, WorkspaceError

LOCAL_ENV = [sys.executable, str(REPO / "tools" / "local_env.py")]


@pytest.mark.parametrize("workspace", [REPO, BUILD, REPO.parent, REPO / "envs", "/tmp/sesguard-ws"])
def test_a_workspace_outside_build_is_refused(workspace):
    with pytest.raises(WorkspaceError, match="inside"):
        LocalEnv("http://127.0.0.1:9", workspace)


def test_a_workspace_inside_build_is_accepted():
    assert LocalEnv("http://127.0.0.1:9", BUILD / "e2e").workspace == BUILD / "e2e"


def test_cli_refuses_the_repo_as_workspace_and_deletes_nothing(tmp_path):
    before = sorted(p.name for p in (REPO / "envs" / "local").iterdir())
    result = subprocess.run(
        [*LOCAL_ENV, "--workspace", str(REPO), "--state-dir", str(tmp_path), "up"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "must be a directory inside" in result.stderr
    assert not (tmp_path / "emulator.pid").exists()  # refused before starting anything
    assert sorted(p.name for p in (REPO / "envs" / "local").iterdir()) == before
    assert (REPO / "modules" / "ses_stream").is_dir()


def test_cli_verify_against_a_dead_endpoint_is_one_line(tmp_path, impostor):
    # A recorded "emulator" that is alive (and looks like ours) but answers nothing,
    # as when the server wedges or dies between `apply-plan` and `verify`.
    (tmp_path / "emulator.pid").write_text(f"{impostor.pid}\n")
    (tmp_path / "emulator.url").write_text("http://127.0.0.1:9\n")
    result = subprocess.run(
        [*LOCAL_ENV, "--workspace", str(BUILD / "cli-test"), "--state-dir", str(tmp_path),
         "verify"],
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr and "127.0.0.1:9" in result.stderr
