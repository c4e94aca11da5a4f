"""The CI examples (docs/ci) and pre-commit hooks run as written, against real plans."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from checkov_plans import SESGUARD
from checkov_run import REPO

GITHUB = yaml.safe_load((REPO / "docs" / "ci" / "github-actions.yml").read_text())
GITLAB = yaml.safe_load((REPO / "docs" / "ci" / "gitlab-ci.yml").read_text())
HOOKS = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
PRE_COMMIT = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
# sesguard on PATH, as `pip install` leaves it in a CI image
PATH_WITH_SESGUARD = {**os.environ, "PATH": f"{SESGUARD.parent}{os.pathsep}{os.environ['PATH']}"}


@pytest.fixture(scope="module")
def plans(gate_fixtures, gate_runs, tmp_path_factory) -> dict[str, Path]:
    """A clean plan, one with an error finding, and a file that is not a plan."""
    failing = next(name for name, run in gate_runs.items() if run.exit_codes["json"] == 1)
    directory = tmp_path_factory.mktemp("ci-plans")
    broken = directory / "broken.json"
    broken.write_text('{"format_version": "1.2", "resource_changes": [')
    return {
        "clean": gate_fixtures["env-production"].plan,
        "failing": gate_fixtures[failing].plan,
        "broken": broken,
    }


def run_bash(script: str, cwd: Path) -> int:
    # GitHub's `run:` shell is `bash -e {0}`; GitLab runs each script line with errexit too.
    return subprocess.run(
        ["bash", "-e", "-c", script], cwd=cwd, env=PATH_WITH_SESGUARD, timeout=120
    ).returncode


def github_step(step_id: str) -> dict:
    steps = GITHUB["jobs"]["plan-gate"]["steps"]
    return next(step for step in steps if step.get("id") == step_id)


# (plan, the report lines' exit, the verdict line's exit). `report || [ $? -eq 1 ]`
# tolerates exit 1 (findings) only: an unusable plan stops the job at the reports.
CASES = [("clean", 0, 0), ("failing", 0, 1), ("broken", 1, 2)]


@pytest.mark.parametrize(("plan", "reports_exit", "verdict_exit"), CASES)
def test_github_actions_example_publishes_reports_and_fails_on_exit_1(
    plans, plan, reports_exit, verdict_exit, tmp_path
):
    shutil.copy(plans[plan], tmp_path / "plan.json")
    assert run_bash(github_step("reports")["run"], tmp_path) == reports_exit
    assert run_bash(github_step("gate")["run"], tmp_path) == verdict_exit
    if reports_exit == 0:
        uploads = [s for s in GITHUB["jobs"]["plan-gate"]["steps"] if "uses" in s]
        sarif = next(s["with"]["sarif_file"] for s in uploads if "upload-sarif" in s["uses"])
        junit = next(s["with"]["report_paths"] for s in uploads if "junit" in s["uses"])
        assert (tmp_path / sarif).is_file() and (tmp_path / junit).is_file()


@pytest.mark.parametrize(("plan", "reports_exit", "verdict_exit"), CASES)
def test_gitlab_ci_example_publishes_reports_and_fails_on_exit_1(
    plans, plan, reports_exit, verdict_exit, tmp_path
):
    job = GITLAB["sesguard"]
    shutil.copy(plans[plan], tmp_path / "plan-production.json")
    *report_lines, verdict_line = job["script"]
    exits = [run_bash(f"ENV=production\n{line}", tmp_path) for line in report_lines]
    assert exits == [reports_exit] * len(report_lines)
    assert run_bash(f"ENV=production\n{verdict_line}", tmp_path) == verdict_exit
    if reports_exit == 0:
        reports = [job["artifacts"]["reports"]["junit"], *job["artifacts"]["paths"]]
        assert all((tmp_path / report).is_file() for report in reports)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (["clean"], 0),
        (["failing", "clean"], 1),
        (["clean", "failing"], 1),
        (["broken", "clean"], 2),
    ],
)
def test_pre_commit_hook_checks_every_plan_it_is_given(plans, files, expected):
    hook = HOOKS["sesguard-check"]
    # pre-commit runs shlex.split(entry) + args + the staged files
    argv = [*shlex.split(hook["entry"]), *hook.get("args", []), *(str(plans[f]) for f in files)]
    assert subprocess.run(argv, env=PATH_WITH_SESGUARD, timeout=120).returncode == expected


def test_pre_commit_hook_selects_plan_json_files_only():
    pattern = re.compile(HOOKS["sesguard-check"]["files"])
    assert pattern.search("plans/production.plan.json")
    assert pattern.search("tfplan.json")
    assert not pattern.search("package.json")
    assert not pattern.search("plans/production.tfplan")


def test_pre_commit_ruff_is_the_version_pyproject_pins():
    (pinned,) = re.findall(r'"ruff==([^"]+)"', (REPO / "pyproject.toml").read_text())
    ruff = next(repo for repo in PRE_COMMIT["repos"] if repo["repo"].endswith("/ruff-pre-commit"))
    assert ruff["rev"] == f"v{pinned}"
