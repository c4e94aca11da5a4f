"""The offline plan runner: staging, cache keys, errors, and the summary it prints."""

from __future__ import annotations

import json
import shutil
import subprocess

import offline_stage
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


def test_unknown_environment_or_directory_is_one_line_and_exit_2(capsys):
    assert main(["plan", "prod"]) == 2
    error = capsys.readouterr().err
    assert error == (
        "error: 'prod' is neither an environment (local, production, staging) nor a directory\n"
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["-destroy"], "error: unknown plan option '-destroy' (only -var-file= and -var=)\n"),
        (["-var-file=missing.tfvars"], "error: var file missing.tfvars does not exist\n"),
    ],
)
def test_unusable_plan_options_are_one_line_and_exit_2(options, message, capsys):
    assert main(["plan", "production", *options]) == 2
    assert capsys.readouterr().err == message


def test_a_directory_without_terraform_files_is_refused_with_exit_2(tmp_path, capsys):
    assert main(["plan", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"error: {tmp_path} holds no *.tf file: not a Terraform root module\n"
    )


def test_unexpected_error_is_one_line_and_exit_1(capsys, monkeypatch):
    def unwritable(root, name, **options) -> dict:
        raise PermissionError(13, "Permission denied", "build/plans/production.json")

    monkeypatch.setattr(terraform_runner, "plan_root", unwritable)
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


@pytest.mark.terraform
def test_terraform_failure_raises_with_terraforms_message(tmp_path):
    (tmp_path / "main.tf").write_text("this is not HCL {")
    with pytest.raises(TerraformError, match="terraform validate failed"):
        terraform_runner.terraform(["validate"], tmp_path)


@pytest.mark.terraform
def test_the_staged_override_is_as_terraform_fmt_writes_it(sandbox):
    # A user running `terraform fmt -check -recursive` over their tree meets this file.
    override = stage_offline("production") / "offline_override.tf"
    checked = subprocess.run(
        ["terraform", "fmt", "-check", "-diff", str(override)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout


@pytest.mark.terraform
def test_plan_prints_the_gates_summary_of_the_plan(capsys):
    assert main(["plan", "production"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(summarize("production", plan_env("production")) + "\n")
    assert printed.rstrip().endswith("plan JSON: build/plans/production.json")


def test_a_json_syntax_root_is_staged_with_its_modules_and_offline_provider(tmp_path):
    """*.tf.json roots (generated configurations) plan offline like HCL ones."""
    root = tmp_path / "generated"
    root.mkdir()
    (root / "main.tf.json").write_text(
        json.dumps(
            {
                "terraform": {"backend": {"s3": {"bucket": "b", "key": "k", "region": "r"}}},
                "provider": {"aws": [{"region": "us-east-1"}, {"alias": "eu", "region": "x"}]},
                "module": {"stream": {"source": "../modules/ses_stream", "name": "a"}},
            }
        )
    )
    shutil.copytree(terraform_runner.MODULES / "ses_stream", tmp_path / "modules" / "ses_stream")
    found = offline_stage.layout(root)
    assert found.directories == (tmp_path / "generated", tmp_path / "modules" / "ses_stream")
    staged = offline_stage.stage(found, tmp_path / "stage")
    override = (staged / "offline_override.tf").read_text()
    assert override.count('provider "aws"') == 2 and 'alias = "eu"' in override
    assert 'backend "local"' in override
    assert (staged / "../modules/ses_stream/main.tf").resolve().is_file()
