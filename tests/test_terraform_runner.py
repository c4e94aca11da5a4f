"""The offline plan runner: staging, cache keys, errors and the reviewer's summary."""

from __future__ import annotations

import shutil

import pytest
import terraform_runner
from terraform_runner import TerraformError, main, plan_env, plan_key, stage_offline, summarize


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """A copy of modules/ and envs/ the runner works on instead of the repo's."""
    ignore = shutil.ignore_patterns(".terraform*")
    shutil.copytree(terraform_runner.MODULES, tmp_path / "modules", ignore=ignore)
    shutil.copytree(terraform_runner.ENVS, tmp_path / "envs", ignore=ignore)
    for name, value in {
        "REPO": tmp_path,
        "MODULES": tmp_path / "modules",
        "ENVS": tmp_path / "envs",
        "OFFLINE": tmp_path / "build" / "offline",
    }.items():
        monkeypatch.setattr(terraform_runner, name, value)
    return tmp_path


def test_unknown_environment_is_one_line_and_exit_1(capsys):
    assert main(["plan", "prod"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "unknown environment 'prod'" in error and "production" in error


def test_unexpected_error_is_one_line_and_exit_1(capsys, monkeypatch):
    def unwritable(env: str) -> dict:
        raise PermissionError(13, "Permission denied", "build/plans/production.json")

    monkeypatch.setattr(terraform_runner, "plan_env", unwritable)
    assert main(["plan", "production"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "Permission denied" in error, error


def test_usage_error_exits_2(capsys):
    assert main(["apply", "production"]) == 2
    assert capsys.readouterr().err.startswith("usage:")


def test_plan_key_follows_module_sources_but_not_terraform_working_files(sandbox):
    before = plan_key("production")
    (sandbox / "modules" / "ses_stream" / ".terraform").mkdir()
    (sandbox / "modules" / "ses_stream" / ".terraform" / "junk").write_text("x")
    (sandbox / "envs" / "production" / "terraform.tfstate").write_text("{}")
    assert plan_key("production") == before

    alarms = sandbox / "modules" / "ses_stream" / "alarms.tf"
    alarms.write_text(alarms.read_text().replace("notBreaching", "breaching"))
    assert plan_key("production") != before


def test_plan_key_follows_tf_var_settings(monkeypatch):
    monkeypatch.delenv("TF_VAR_emulator_endpoint", raising=False)
    default = plan_key("local")
    monkeypatch.setenv("TF_VAR_emulator_endpoint", "http://127.0.0.1:5999")
    assert plan_key("local") != default


def test_staging_adds_the_offline_override_without_touching_the_sources(sandbox):
    staged = stage_offline("production")
    override = (staged / "offline_override.tf").read_text()
    assert 'backend "local"' in override
    assert "skip_requesting_account_id  = true" in override
    assert (staged / "../../modules/ses_platform/main.tf").resolve().is_file()
    assert not (sandbox / "envs" / "production" / "offline_override.tf").exists()

    # A file deleted from the env must not survive in the staged copy.
    extra = sandbox / "envs" / "production" / "extra.tf"
    extra.write_text("# new file\n")
    assert (stage_offline("production") / "extra.tf").is_file()
    extra.unlink()
    assert not (stage_offline("production") / "extra.tf").exists()


def test_terraform_failure_raises_with_terraforms_message(tmp_path):
    (tmp_path / "main.tf").write_text("this is not HCL {")
    with pytest.raises(TerraformError, match="terraform validate failed"):
        terraform_runner.terraform(["validate"], tmp_path)


def test_summary_lists_every_stream_with_pool_suppression_and_thresholds():
    text = summarize("production", plan_env("production"))
    assert text.startswith("production: ")
    rows = {line.split()[0]: line for line in text.splitlines() if line.split()[:1]}
    assert "marketing-pool (MANAGED)" in rows["marketing"]
    assert "(shared)" in rows["transactional"] and " BOUNCE " in rows["transactional"]
    assert "1%" in rows["transactional"] and "0.05%" in rows["transactional"]
    assert rows["transactional"].endswith("ses-production-oncall")
    assert rows["marketing"].endswith("ses-production-deliverability")
    assert "identity mail.example.com: default configuration set transactional" in text


def test_summary_gives_root_level_sets_a_row_each():
    def change(rtype: str, after: dict) -> dict:
        return {
            "address": f"{rtype}.x",
            "mode": "managed",
            "type": rtype,
            "change": {"actions": ["create"], "after": after},
        }

    plan = {
        "resource_changes": [
            change("aws_sesv2_configuration_set", {"configuration_set_name": "receipts"}),
            change("aws_sesv2_configuration_set", {"configuration_set_name": "newsletter"}),
            change(
                "aws_sesv2_configuration_set_event_destination",
                {
                    "configuration_set_name": "newsletter",
                    "event_destination_name": "cw",
                    "event_destination": [{"enabled": True}],
                },
            ),
        ]
    }
    rows = [
        line
        for line in summarize("other", plan).splitlines()
        if line.startswith(("receipts", "newsletter"))
    ]
    assert [row.split()[0] for row in rows] == ["newsletter", "receipts"]
    assert " cw " in rows[0] + " " and " cw" not in rows[1]


def test_summary_keeps_root_level_sets_of_a_foreign_plan_apart():
    """Someone else's plan: sets at the root, no stream modules. One row each, not one merged."""
    plan = plan_env("production")
    for rc in plan["resource_changes"]:
        rc.pop("module_address", None)
    text = summarize("foreign", plan)
    rows = {line.split()[0] for line in text.splitlines() if line.split()[:1]}
    assert {"transactional", "marketing", "bulk-notifications"} <= rows
    marketing = next(line for line in text.splitlines() if line.startswith("marketing "))
    assert "marketing-pool (MANAGED)" in marketing and "cloudwatch" in marketing
