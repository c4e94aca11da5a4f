"""examples/ are roots a user can copy: each plans offline, outside this repository too, and
passes the gate; planning a user's directory never writes into it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sesguard import check_plan
from terraform_runner import REPO

pytestmark = pytest.mark.terraform

EXAMPLES = REPO / "examples"


def user_copy_of_two_streams(tmp_path: Path) -> Path:
    """examples/two-streams copied outside the repo, calling the modules of this checkout."""
    root = tmp_path / "their-repo" / "mail"
    shutil.copytree(EXAMPLES / "two-streams", root)
    modules = os.path.relpath(REPO / "modules", root)
    main_tf = root / "main.tf"
    main_tf.write_text(main_tf.read_text().replace('"../../modules/', f'"{modules}/'))
    return root


def planned(argv: list[str]) -> dict:
    """Run a documented plan command from the repository; return the plan JSON it names."""
    run = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    (path,) = re.findall(r"^plan JSON: (.+)$", run.stdout, re.M)
    return json.loads((REPO / path).read_text())


def files_in(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def example_plans(tmp_path_factory) -> dict[str, dict]:
    """Both examples planned at once (two at a time: each run is mostly provider start-up)."""
    user_root = user_copy_of_two_streams(tmp_path_factory.mktemp("user"))
    before = files_in(user_root.parent)
    commands = {
        "two-streams": ["make", "-s", "plan", f"ROOT={user_root}"],
        "stream-with-identity": [
            sys.executable,
            "-m",
            "tools.terraform_runner",
            "plan",
            "examples/stream-with-identity",
        ],
    }
    with ThreadPoolExecutor(max_workers=2) as pool:
        plans = dict(zip(commands, pool.map(planned, commands.values()), strict=True))
    assert files_in(user_root.parent) == before, "planning wrote into the user's directory"
    return plans


def created(plan: dict) -> set[str]:
    return {
        change["address"]
        for change in plan["resource_changes"]
        if change["change"]["actions"] == ["create"]
    }


def test_two_streams_example_plans_outside_the_repo_and_passes_the_gate(example_plans):
    plan = example_plans["two-streams"]
    sets = {a for a in created(plan) if a.endswith("aws_sesv2_configuration_set.this")}
    assert sets == {
        "module.transactional.aws_sesv2_configuration_set.this",
        "module.marketing.aws_sesv2_configuration_set.this",
    }
    pools = {a for a in created(plan) if "dedicated_ip_pool" in a}
    assert pools == {"module.marketing.aws_sesv2_dedicated_ip_pool.this[0]"}
    report = check_plan(plan)
    assert (report.findings, report.exit_code) == ([], 0)


def test_identity_example_makes_the_stream_the_domains_default_set(example_plans):
    plan = example_plans["stream-with-identity"]
    identities = [
        change["change"]["after"]
        for change in plan["resource_changes"]
        if change["type"] == "aws_sesv2_email_identity"
    ]
    assert [(i["email_identity"], i["configuration_set_name"]) for i in identities] == [
        ("mail.example.com", "transactional")
    ]
    report = check_plan(plan)
    assert (report.findings, report.exit_code) == ([], 0)


def test_every_example_readme_pins_the_modules_by_git_tag():
    readmes = sorted(EXAMPLES.glob("*/README.md"))
    assert [p.parent.name for p in readmes] == sorted(
        p.parent.name for p in EXAMPLES.glob("*/main.tf")
    )
    for readme in readmes:
        modules = set(
            re.findall(
                r'source\s*=\s*"\.\./\.\./modules/(\w+)"', (readme.parent / "main.tf").read_text()
            )
        )
        shown = set(
            re.findall(
                r'source = "git::https://[^"]+\.git//modules/(\w+)\?ref=v\d+\.\d+\.\d+"',
                readme.read_text(),
            )
        )
        assert shown == modules, readme
