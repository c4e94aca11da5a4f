"""Hand-built accounts adopted end to end on the emulator: `sesguard adopt` writes the root,
the real provider plans it (imports, no delete, no replacement), the gate passes but for
what ADOPTION.md lists, apply succeeds, the next plan is empty and the audit reports only
what ADOPTION.md lists as kept or outside the module."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from adopted_root import (
    adopt,
    apply,
    audit_errors,
    emulator_override,
    init,
    plan,
    replan,
    sesguard,
)
from hand_built import SHAPES, build
from sesguard.adopt.report import NOT_ADOPTED, OUTSIDE, REMAINS

pytestmark = [pytest.mark.e2e, pytest.mark.terraform]

# The second shape has no alarm with an action: adopt asks for alarm_actions.
TFVARS = {"two-teams": 'alarm_actions = ["arn:aws:sns:us-east-1:123456789012:deliverability"]\n'}


@pytest.fixture(scope="module", params=sorted(SHAPES))
def adopted(request, adopt_emulator, tmp_path_factory):
    shape = request.param
    build(adopt_emulator, shape)
    root = tmp_path_factory.mktemp(f"adopted-{shape}")
    written = adopt(adopt_emulator, root)
    assert written.returncode == 0, written.stderr
    (root / "emulator_override.tf").write_text(emulator_override(adopt_emulator))
    if shape in TFVARS:
        (root / "terraform.tfvars").write_text(TFVARS[shape])
    init(root)
    planned = plan(root)
    return shape, root, planned


def test_first_plan_destroys_and_replaces_nothing(adopted):
    _, _, planned = adopted
    destructive = {a: act for a, act in planned.actions().items() if "delete" in act}
    assert destructive == {}


def test_every_import_block_is_imported_at_its_module_address(adopted):
    _, _, planned = adopted
    blocks = planned.import_blocks()
    assert blocks and planned.imported() == blocks


def test_imports_cover_every_set_pool_and_destination_of_the_account(adopted):
    shape, _, planned = adopted
    ids = set(planned.import_blocks().values())
    expected = {
        "seed-walkthrough": {
            "transactional", "transactional|to-cloudwatch", "marketing", "marketing-pool",
            "marketing|complaints", "bulk-notifications", "bulk-notifications|metrics",
            "example.test",
        },
        "two-teams": {"receipts", "digest", "shared-pool", "digest|bus", "digest|counts",
                      "shop.test"},
        "v1-and-live-alarms": {
            "marketing-newsletters", "marketing-newsletters|bounces", "password-resets",
            "password-resets|cloudwatch", "ses-password-resets-bounce-rate",
            "ses-password-resets-complaint-rate", "example.org",
        },
    }[shape]  # fmt: skip
    assert ids == expected


@pytest.fixture(scope="module")
def applied(adopted):
    """(apply output, exit code of the plan after it, that plan's output)."""
    _, root, _ = adopted
    return (apply(root), *replan(root))


def test_gate_errors_on_the_first_plan_are_the_ones_adoption_lists(adopted):
    _, root, planned = adopted
    checked = sesguard("check", str(root / "plan.json"), "--format", "json")
    assert checked.returncode in (0, 1), checked.stderr
    errors = {
        (f["stream"], f["rule"])
        for f in json.loads(checked.stdout)["findings"]
        if f["severity"] == "error"
    }
    assert errors == planned.listed(REMAINS)


def test_apply_succeeds_and_the_next_plan_is_empty(applied):
    output, code, replanned = applied
    assert "0 destroyed" in output
    assert code == 0, replanned


def test_audit_after_apply_reports_only_what_adoption_lists_as_kept_or_outside(
    adopted, applied, adopt_emulator
):
    _, _, planned = adopted
    listed = planned.listed(REMAINS, OUTSIDE, NOT_ADOPTED)
    assert audit_errors(adopt_emulator) == listed


def test_adopt_refuses_to_overwrite_a_file_it_did_not_write(adopt_emulator, tmp_path: Path):
    (tmp_path / "main.tf").write_text("# mine\n")
    refused = adopt(adopt_emulator, tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.strip().count("\n") == 0 and "main.tf" in refused.stderr
    assert (tmp_path / "main.tf").read_text() == "# mine\n"
    assert not (tmp_path / "imports.tf").exists()


def test_adopt_of_an_endpoint_that_does_not_answer_exits_2(tmp_path: Path):
    down = adopt("http://127.0.0.1:9", tmp_path)
    assert down.returncode == 2
    assert "Traceback" not in down.stderr and down.stderr.startswith("sesguard: ")
    assert not any(tmp_path.iterdir())


def test_written_root_is_terraform_fmt_clean(adopted):
    _, root, _ = adopted
    result = subprocess.run(["terraform", "fmt", "-check", "-list=true", str(root)],
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stdout
