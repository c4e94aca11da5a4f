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
from checkov_run import REPO
from gate_runs import SESGUARD

# Runs checkov from its own virtualenv: `make test-fast` leaves it out.
pytestmark = pytest.mark.checkov

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


def run_bash(script: str, cwd: Path, env: dict[str, str] | None = None) -> int:
    # GitHub's `run:` shell is `bash -e {0}`; GitLab runs each script line with errexit too.
    return subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=cwd,
        env={**PATH_WITH_SESGUARD, **(env or {})},
        timeout=120,
    ).returncode


def github_step(step_id: str) -> dict:
    steps = GITHUB["jobs"]["plan-gate"]["steps"]
    return next(step for step in steps if step.get("id") == step_id)


# (plan, the report lines' exit, the verdict's exit). GitLab's `report || [ $? -eq 1 ]`
# tolerates exit 1 (findings) only: an unusable plan stops the job at the reports.
CASES = [("clean", 0, 0), ("failing", 0, 1), ("broken", 1, 2)]


@pytest.mark.parametrize(("plan", "reports_exit", "verdict_exit"), CASES)
def test_github_actions_example_publishes_reports_and_fails_on_the_saved_exit(
    plans, plan, reports_exit, verdict_exit, tmp_path
):
    shutil.copy(plans[plan], tmp_path / "plan.json")
    outputs = tmp_path / "github_output"
    (tmp_path / "env").mkdir()  # the job's ENV_DIR (SARIF --source-root)
    step_env = {"GITHUB_OUTPUT": str(outputs), "ENV_DIR": "env"}
    # The gate step never fails: it saves the verdict for the last step.
    assert run_bash(github_step("gate")["run"], tmp_path, step_env) == 0
    saved = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    assert saved["exit_code"] == str(verdict_exit)
    verdict = github_step("verdict")
    gate_exit = {"GATE_EXIT": saved["exit_code"]}
    assert run_bash(verdict["run"], tmp_path, gate_exit) == verdict_exit
    uploads = [s for s in GITHUB["jobs"]["plan-gate"]["steps"] if "uses" in s]
    sarif = next(s["with"]["sarif_file"] for s in uploads if "upload-sarif" in s["uses"])
    junit = next(s["with"]["report_paths"] for s in uploads if "junit" in s["uses"])
    # the uploads run when the file exists (their `if:` asks hashFiles)
    assert (tmp_path / sarif).is_file() == (tmp_path / junit).is_file() == (verdict_exit < 2)


def test_github_actions_example_publishes_whatever_the_verdict():
    """Reports upload after a failing gate; the verdict runs after a failed upload."""
    steps = GITHUB["jobs"]["plan-gate"]["steps"]
    names = [s.get("id") or s["uses"].split("@")[0] for s in steps if "id" in s or "uses" in s]
    upload_sarif = "github/codeql-action/upload-sarif"
    junit = "mikepenz/action-junit-report"
    assert names.index("gate") < names.index(upload_sarif) < names.index("verdict")
    assert names.index("gate") < names.index(junit) < names.index("verdict")
    by_action = {s["uses"].split("@")[0]: s for s in steps if "uses" in s}
    assert by_action[upload_sarif]["uses"].endswith("@v4")
    assert by_action[junit]["uses"].endswith("@v5")
    for step in (by_action[upload_sarif], by_action[junit], github_step("verdict")):
        assert "!cancelled()" in step["if"] or "always()" in step["if"], step
    assert GITHUB["permissions"]["actions"] == "read"
    assert GITHUB["permissions"]["security-events"] == "write"
    assert GITHUB["permissions"]["contents"] == "read"
    # yaml reads the key `on` as True
    assert GITHUB[True]["push"]["branches"] == ["main"]


def test_checkov_command_in_ci_docs_pairs_each_output_with_a_file():
    text = (REPO / "docs" / "ci" / "README.md").read_text()
    (command,) = re.findall(r"checkov -f plan\.json.*?(?=\n```)", text, re.S)
    argv = shlex.split(command.replace("\\\n", " "))
    outputs = [argv[i + 1] for i, arg in enumerate(argv) if arg in ("-o", "--output")]
    paths = argv[argv.index("--output-file-path") + 1].split(",")
    assert outputs == ["cli", "sarif"] and paths == ["console", "checkov.sarif"]
    assert argv[argv.index("--soft-fail-on") + 1] == "MEDIUM"


@pytest.mark.parametrize(("plan", "reports_exit", "verdict_exit"), CASES)
def test_gitlab_ci_example_publishes_reports_and_fails_on_exit_1(
    plans, plan, reports_exit, verdict_exit, tmp_path
):
    job = GITLAB["sesguard"]
    shutil.copy(plans[plan], tmp_path / "plan-production.json")
    *report_lines, verdict_line = job["script"]
    exits = [run_bash(f"TF_ENV=production\n{line}", tmp_path) for line in report_lines]
    assert exits == [reports_exit] * len(report_lines)
    assert run_bash(f"TF_ENV=production\n{verdict_line}", tmp_path) == verdict_exit
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


@pytest.mark.parametrize(("plan", "expected"), [("clean", 0), ("failing", 1)])
def test_documented_pre_commit_setup_gates_an_ignored_plan(plans, plan, expected, tmp_path):
    """docs/ci's hook config: the plan is named in args (never staged, never committed)."""
    text = (REPO / "docs" / "ci" / "README.md").read_text()
    section = text[text.index("## pre-commit") :]
    (block,) = re.findall(r"```yaml\n(.*?)```", section, re.S)
    (config,) = yaml.safe_load(block)[0]["hooks"]
    assert config["pass_filenames"] is False and config["stages"] == ["manual"]
    (plan_path,) = config["args"]
    assert plan_path.startswith("build/")  # a git-ignored folder
    (tmp_path / plan_path).parent.mkdir(parents=True)
    shutil.copy(plans[plan], tmp_path / plan_path)
    argv = [*shlex.split(HOOKS["sesguard-check"]["entry"]), *config["args"]]
    run = subprocess.run(argv, cwd=tmp_path, env=PATH_WITH_SESGUARD, timeout=120)
    assert run.returncode == expected


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
