"""How sesguard runs checkov: its own venv, offline settings, the SES adapter checks.

The one place checkov's settings live: tools/bench_checkov.py and tests/checkov import
them, and `make checkov` runs ``checkov_run.py builtin ENV...``. Standard library only:
it runs from .venv and drives checkov in .venv-checkov through subprocesses.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from terraform_runner import BUILD, PLANS

REPO = Path(__file__).resolve().parent.parent
CHECKOV_VENV = REPO / ".venv-checkov"
CHECKOV = CHECKOV_VENV / "bin" / "checkov"
CHECKOV_PYTHON = CHECKOV_VENV / "bin" / "python"
CHECKS_DIR = REPO / "checkov-sesguard" / "checkov_sesguard"
# Without BC_SKIP_MAPPING checkov downloads guidelines from its vendor's API at start-up
# (a hang and a traceback on a machine without internet).
CHECKOV_ENV = {"BC_SKIP_MAPPING": "TRUE", "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false"}


# `make checkov`: unknown-after-apply attributes evaluated as set; plan enrichment parses
# every .tf under the repo root, minus build/ (the offline copies the plans were made from).
BUILTIN_ENV = {
    "EVAL_TF_PLAN_AFTER_UNKNOWN": "1",
    "CKV_IGNORED_DIRECTORIES": f"node_modules,.terraform,.serverless,{BUILD.name}",
}


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    return {**os.environ, **CHECKOV_ENV, **(extra or {})}


def ses_rule_ids() -> list[str]:
    """The SES check IDs, asked from the gate installed in checkov's venv."""
    probe = "from sesguard.rules import RULES; print(' '.join(r.id for r in RULES))"
    return subprocess.check_output([str(CHECKOV_PYTHON), "-c", probe], text=True).split()


def ses_scan_argv(plans: Iterable[Path], rule_ids: Iterable[str]) -> list[str]:
    """checkov on plan JSON files with the SES checks only, JSON report on stdout.

    Not --quiet: it drops passed checks from the report, and the tests need them.
    """
    argv = [str(CHECKOV), "--framework", "terraform_plan", "--skip-download"]
    for plan in plans:
        argv += ["-f", str(plan)]
    argv += ["--external-checks-dir", str(CHECKS_DIR), "--check", ",".join(rule_ids)]
    # Warnings (MEDIUM) and info do not fail checkov, errors (HIGH) do: sesguard's exit 1/0
    # (see checkov_sesguard's docstring for why not --hard-fail-on HIGH).
    return argv + ["--soft-fail-on", "MEDIUM", "--output", "json"]


def builtin_env_argv(env: str, out_dir: Path) -> list[str]:
    """`make checkov` for one env: failures on the console (compact, pointing at .tf
    lines), JUnit and SARIF in ``out_dir``."""
    return [
        str(CHECKOV),
        *("--quiet", "--compact", "--skip-download", "--framework", "terraform_plan"),
        *("-f", str(PLANS / f"{env}.json"), "--repo-root-for-plan-enrichment", str(REPO)),
        *("--output", "cli", "--output", "junitxml", "--output", "sarif"),
        "--output-file-path",
        f"console,{out_dir / 'checkov.junit.xml'},{out_dir / 'checkov.sarif'}",
    ]


def builtin_main(envs: list[str]) -> int:
    """checkov's built-in checks on each env's plan (planned beforehand), one verdict per
    env; exit 1 if any env failed, as checkov would."""
    status = 0
    for env in envs:
        print(f"==> checkov: envs/{env} (build/plans/{env}.json)", flush=True)
        out_dir = BUILD / "checkov" / env
        out_dir.mkdir(parents=True, exist_ok=True)
        run = subprocess.run(builtin_env_argv(env, out_dir), cwd=REPO, env=environment(BUILTIN_ENV))
        status = max(status, run.returncode)
    return status


def builtin_scan_argv(plans: Iterable[Path]) -> list[str]:
    """checkov's built-in checks on plan JSON files, findings mapped to .tf lines."""
    argv = [str(CHECKOV), "--framework", "terraform_plan", "--skip-download"]
    for plan in plans:
        argv += ["-f", str(plan)]
    return argv + ["--repo-root-for-plan-enrichment", str(REPO), "--output", "json"]


def checks(report_text: str, outcome: str = "failed_checks") -> list[dict]:
    """One outcome list (failed_checks, passed_checks, …) of checkov's JSON report
    ({} or [] when nothing was scanned)."""
    report = json.loads(report_text)
    reports = report if isinstance(report, list) else [report]
    return [check for one in reports if one for check in one.get("results", {}).get(outcome, [])]


def failed_checks(report_text: str) -> list[dict]:
    return checks(report_text, "failed_checks")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "builtin":
        print("usage: checkov_run.py builtin ENV...", file=sys.stderr)
        sys.exit(2)
    sys.exit(builtin_main(sys.argv[2:]))
