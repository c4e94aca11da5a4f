"""Files people pass instead of a plan: each is named, with the exact command that makes the
right one, and that command's output is a plan the gate accepts (no hint leads to another
refusal). The log stream and the text plan come from a real `terraform plan` run."""

from __future__ import annotations

import json

import pytest
from gate_runs import ROOTS
from plan_fixtures import PLANS
from sesguard.cli import main
from sesguard.plan import MAKE_PLAN


def _state_show_json(plan: dict) -> str:
    return json.dumps({"format_version": plan["format_version"], "values": {"root_module": {}}})


INPUTS = {
    "plan log stream": (
        lambda plan: (PLANS / "foreign.log.jsonl").read_text(),
        "this is the log stream of `terraform plan -json` (one JSON object per line), not a plan",
    ),
    "text plan": (
        lambda plan: (PLANS / "foreign.txt").read_text(),
        "this is the text output of `terraform plan`, not its JSON",
    ),
    "HCL": (
        lambda plan: (ROOTS / "foreign" / "main.tf").read_text(),
        "this is Terraform configuration (HCL), not a plan",
    ),
    "raw state file": (
        lambda plan: json.dumps(
            {"version": 4, "terraform_version": "1.11.4", "serial": 3, "lineage": "x"}
        ),
        "this is a Terraform state file (terraform.tfstate): a state has no planned changes",
    ),
    "show -json of a state": (
        _state_show_json,
        "this is `terraform show -json` of a state: a state has no planned changes",
    ),
    "empty file": (lambda plan: "", "plan file is empty"),
    "whitespace": (lambda plan: "  \n\t\n", "plan file is only whitespace"),
}


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_input_is_named_with_the_command_that_makes_a_plan(name, root_plans, tmp_path, capsys):
    make, description = INPUTS[name]
    path = tmp_path / "input"
    path.write_text(make(root_plans["foreign"]))
    assert main(["check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"sesguard: {description}")
    assert f"`{MAKE_PLAN}`" in err or f"`terraform init && {MAKE_PLAN}`" in err


def test_the_hinted_command_makes_a_plan_the_gate_reads(root_plans, tmp_path, capsys):
    """The foreign root's plan was made by exactly `terraform plan -out=tfplan` and
    `terraform show -json tfplan`: the gate judges it (exit 1: it has findings), no refusal."""
    assert MAKE_PLAN == "terraform plan -out=tfplan && terraform show -json tfplan > plan.json"
    assert main(["check", str(PLANS / "foreign.json"), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["summary"]["errors"] > 0
