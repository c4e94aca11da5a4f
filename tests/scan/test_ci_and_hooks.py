"""The CI examples (docs/ci) and the pre-commit hook run `sesguard scan` as written."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from xml.etree import ElementTree as ET

import yaml
from scan_paths import FIXTURES, REPO, SEMGREP
from sesguard.rules import CODE_RULES

GITHUB = yaml.safe_load((REPO / "docs/ci/github-actions-scan.yml").read_text())
GITLAB = yaml.safe_load((REPO / "docs/ci/gitlab-ci.yml").read_text())
HOOKS = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
SESGUARD = REPO / ".venv" / "bin" / "sesguard"
# As a CI image or pre-commit's hook environment has them: sesguard and semgrep on PATH.
ENV = {
    **os.environ,
    "PATH": os.pathsep.join([str(SESGUARD.parent), str(SEMGREP.parent), os.environ["PATH"]]),
}
ENV.pop("SESGUARD_SEMGREP", None)
CLEAN = FIXTURES / "python" / "app" / "not_sends.py"
SENDS = FIXTURES / "go" / "internal" / "mail" / "mailer.go"  # 2 SES015, 2 SES019


def run_bash(script: str, cwd, env: dict[str, str] | None = None) -> int:
    # GitHub's `run:` shell is `bash -e {0}`; GitLab runs each script line with errexit too.
    done = subprocess.run(["bash", "-e", "-c", script], cwd=cwd, env={**ENV, **(env or {})})
    return done.returncode


def step(step_id: str) -> dict:
    return next(s for s in GITHUB["jobs"]["code-scan"]["steps"] if s.get("id") == step_id)


def test_github_scan_workflow_uploads_sarif_and_fails_on_the_saved_exit(semgrep, tmp_path):
    shutil.copy(SENDS, tmp_path)
    outputs = tmp_path / "github_output"
    assert run_bash(step("scan")["run"], tmp_path, {"GITHUB_OUTPUT": str(outputs)}) == 0
    saved = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    assert saved["exit_code"] == "1"
    assert run_bash(step("verdict")["run"], tmp_path, {"SCAN_EXIT": saved["exit_code"]}) == 1
    upload = next(
        s for s in GITHUB["jobs"]["code-scan"]["steps"] if "upload-sarif" in s.get("uses", "")
    )
    sarif = tmp_path / upload["with"]["sarif_file"]
    assert sarif.is_file() and '"startLine": 43' in sarif.read_text()
    assert "!cancelled()" in step("verdict")["if"] and "!cancelled()" in upload["if"]


def test_gitlab_scan_job_passes_clean_code_and_publishes_junit(semgrep, tmp_path):
    """One line is report and verdict; the failing case is the GitHub test's."""
    shutil.copy(CLEAN, tmp_path)
    job = GITLAB["sesguard-scan"]
    assert [run_bash(line, tmp_path) for line in job["script"]] == [0]
    junit = ET.parse(tmp_path / job["artifacts"]["reports"]["junit"]).getroot()
    assert not list(junit.iter("failure"))
    # nothing found: one passing case per rule that applies to code
    assert len(list(junit.iter("testcase"))) == len(CODE_RULES)


def test_pre_commit_scan_hook_fails_when_a_staged_file_sends_outside_its_lane(semgrep):
    hook = HOOKS["sesguard-scan"]
    # pre-commit runs shlex.split(entry) + args + the staged files, in the hook's env
    argv = [*shlex.split(hook["entry"]), *hook.get("args", []), str(CLEAN), str(SENDS)]
    assert subprocess.run(argv, env=ENV, capture_output=True, timeout=300).returncode == 1
    assert hook["additional_dependencies"] == ["semgrep==1.185.0"]
    assert set(hook["types_or"]) >= {"python", "javascript", "ts", "go", "java"}


def test_every_pin_of_semgrep_is_the_same():
    from sesguard.scan.engine import PINNED_VERSION

    requirements = (REPO / "locks/semgrep.in").read_text()
    assert f"\nsemgrep=={PINNED_VERSION}\n" in requirements
    assert HOOKS["sesguard-scan"]["additional_dependencies"] == [f"semgrep=={PINNED_VERSION}"]
    for ci in ("github-actions-scan.yml", "gitlab-ci.yml"):
        assert f"semgrep=={PINNED_VERSION}" in (REPO / "docs/ci" / ci).read_text()
