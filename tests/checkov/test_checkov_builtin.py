"""Our own envs pass the checks teams already run: checkov's built-ins, zero failures.

The same run as `make checkov` (one process for every env here): a module change that a
checkov user's pipeline would reject fails the suite, with the .tf file and lines.
"""

from __future__ import annotations

import json
import subprocess

import pytest
from checkov_run import BUILTIN_ENV, builtin_scan_argv, environment

# Runs checkov from its own virtualenv: `make test-fast` leaves it out.
pytestmark = pytest.mark.checkov


def test_every_env_plan_passes_checkovs_builtin_checks(checkov_venv, env_plan_files):
    run = subprocess.run(
        builtin_scan_argv(env_plan_files.values()),
        capture_output=True,
        text=True,
        env=environment(BUILTIN_ENV),
        timeout=300,
    )
    assert run.returncode in (0, 1), run.stderr[-2000:]
    report = json.loads(run.stdout)
    failed = [
        f"{f['check_id']} {f['resource']} ({f['file_path']}:{first}-{last})"
        for f in report["results"]["failed_checks"]
        for first, last in [f["file_line_range"]]
    ]
    assert failed == [], "\n".join(failed)
    assert run.returncode == 0
    # non-vacuous: checkov really evaluated resources of every env
    scanned = {p["file_abs_path"] for p in report["results"]["passed_checks"]}
    assert scanned == {str(path) for path in env_plan_files.values()}
