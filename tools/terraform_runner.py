"""Run Terraform for sesguard: validate roots, plan environments offline, summarise plans.

A thin ``subprocess`` wrapper rather than ``python-terraform`` (unmaintained since 2019; its
``plan()`` forces ``-detailed-exitcode`` and breaks on Terraform >= 0.15). The Makefile and the
tests both use this module, so a plan is made one way only.

Offline plans: there is no AWS account here. ``plan_env`` copies ``modules/`` and
``envs/<env>/`` under ``build/offline/<env>/`` (relative module sources keep working and the
user's tree is never touched), adds an override file that swaps the backend for a local one and
gives the provider fake keys with every account/credential lookup skipped, and routes any HTTP
through a closed port, so a plan that tried to reach AWS would fail instead of silently working.
The plan JSON is cached in ``build/plans/<env>.json`` under a key of every input file.

CLI: ``terraform_runner.py plan ENV`` (write the JSON, print a summary),
``terraform_runner.py validate DIR...``, ``terraform_runner.py test MODULE...``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUILD = REPO / "build"
PLANS = BUILD / "plans"
OFFLINE = BUILD / "offline"
MODULES = REPO / "modules"
ENVS = REPO / "envs"

# Terraform merges *_override.tf files into the configuration: the backend block replaces the
# env's backend, provider arguments are merged into the env's provider block.
OFFLINE_OVERRIDE = """\
# Written by tools/terraform_runner.py: plan with no AWS account and no AWS calls.
terraform {
  backend "local" {}
}

provider "aws" {
  access_key                  = "offline-plan"
  secret_key                  = "offline-plan"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  max_retries                 = 1
  # The account guard needs the account id, which an offline plan never asks for.
  allowed_account_ids = null
}
"""

# Any AWS call during an offline plan goes to this closed port and fails fast.
NO_NETWORK = {
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "HTTP_PROXY": "http://127.0.0.1:9",
    "NO_PROXY": "",
}

NO_COLOR_COMMANDS = {"init", "plan", "apply", "destroy", "validate", "test", "output", "show"}

IGNORED_PARTS = {".terraform", "__pycache__"}
IGNORED_NAMES = {".terraform.lock.hcl", "terraform.tfstate", "terraform.tfstate.backup", "tfplan"}


class TerraformError(RuntimeError):
    """A terraform command failed; the message is one line plus Terraform's own error text."""


def terraform_env(extra: dict[str, str | None] | None = None) -> dict[str, str]:
    """Environment for terraform: the repo's CLI config (mirror or registry + plugin cache).

    ``extra`` adds or overrides variables; a value of None removes the variable.
    """
    env = dict(os.environ)
    # The repo's config wins over a machine-wide TF_CLI_CONFIG_FILE once `make tf-config` wrote it.
    if (BUILD / "terraform.rc").is_file():
        env["TF_CLI_CONFIG_FILE"] = str(BUILD / "terraform.rc")
        # The config decides about the plugin cache (none with a mirror: see
        # tools/write-terraform-rc); a machine-wide TF_PLUGIN_CACHE_DIR would override it.
        env.pop("TF_PLUGIN_CACHE_DIR", None)
    env.setdefault("TF_IN_AUTOMATION", "1")
    env.setdefault("CHECKPOINT_DISABLE", "1")
    for name, value in (extra or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def terraform(
    args: list[str],
    cwd: Path | str,
    env: dict[str, str | None] | None = None,
    progress: Callable[[str], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``terraform <args>`` in ``cwd``; raise TerraformError when it exits non-zero.

    ``env`` adds to, overrides or (value None) removes from the environment of ``terraform_env``.
    ``progress``, when given, receives each line of Terraform's output as it is printed (a long
    apply shows its resources as they complete); the result still holds the whole output.
    """
    if shutil.which("terraform") is None:
        raise TerraformError("terraform is not on PATH (install Terraform >= 1.10)")
    argv = ["terraform", *args, *(["-no-color"] if args and args[0] in NO_COLOR_COMMANDS else [])]
    if progress is None:
        result = subprocess.run(
            argv, cwd=cwd, env=terraform_env(env), capture_output=True, text=True, check=False
        )
    else:
        result = _run_with_progress(argv, cwd, terraform_env(env), progress)
    if result.returncode != 0:
        # `terraform test` reports which run failed on stdout and why on stderr.
        streams = (
            [result.stdout, result.stderr]
            if args[:1] == ["test"]
            else [result.stderr or result.stdout]
        )
        detail = "\n".join(text.strip() for text in streams if text.strip())
        raise TerraformError(f"terraform {' '.join(args)} failed in {cwd}:\n{detail}")
    return result


def _run_with_progress(
    argv: list[str], cwd: Path | str, env: dict[str, str], progress: Callable[[str], None]
) -> subprocess.CompletedProcess[str]:
    with subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        # stderr is drained beside stdout, so neither pipe can fill up and stall Terraform.
        errors: list[str] = []
        reader = threading.Thread(target=lambda: errors.append(process.stderr.read()))
        reader.start()
        lines = []
        for line in process.stdout:
            lines.append(line)
            progress(line.rstrip("\n"))
        reader.join()
        returncode = process.wait()
    return subprocess.CompletedProcess(argv, returncode, "".join(lines), "".join(errors))


def env_names() -> list[str]:
    """The environment roots under envs/."""
    return sorted(p.name for p in ENVS.iterdir() if (p / "main.tf").is_file())


def _source_files(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and not IGNORED_PARTS.intersection(p.relative_to(root).parts)
        and p.name not in IGNORED_NAMES
    )


def plan_key(env: str) -> str:
    """Cache key of an offline plan: input files, TF_VAR_* values, the override, this code."""
    digest = hashlib.sha256()
    for root in (MODULES, ENVS / env):
        for path in _source_files(root):
            digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(Path(__file__).read_bytes())
    # TF_VAR_* values (e.g. TF_VAR_emulator_endpoint) end up in the plan too.
    for name, value in sorted(os.environ.items()):
        if name.startswith("TF_VAR_"):
            digest.update(f"{name}={value}\0".encode())
    return digest.hexdigest()


def stage_offline(env: str) -> Path:
    """Copy modules/ and envs/<env>/ under build/offline/<env>/ with the offline override.

    The env's ``.terraform`` directory survives between runs, so re-planning skips most of init.
    """
    stage = OFFLINE / env
    staged_env = stage / "envs" / env
    shutil.rmtree(stage / "modules", ignore_errors=True)
    staged_env.mkdir(parents=True, exist_ok=True)
    for old in staged_env.iterdir():
        if old.name not in {".terraform", ".terraform.lock.hcl"}:
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    ignore = shutil.ignore_patterns(*IGNORED_PARTS, *IGNORED_NAMES)
    shutil.copytree(MODULES, stage / "modules", ignore=ignore)
    shutil.copytree(ENVS / env, staged_env, ignore=ignore, dirs_exist_ok=True)
    (staged_env / "offline_override.tf").write_text(OFFLINE_OVERRIDE)
    return staged_env


def _without_aws_settings() -> dict[str, str | None]:
    # Profiles or keys of the user's shell must not leak into an offline plan.
    return {name: None for name in os.environ if name.startswith("AWS_")}


# Terraform documents its plugin cache (used when installing from the registry) as unsafe
# for concurrent `init`: the roots run two at a time, so their inits take turns.
_INIT_LOCK = threading.Lock()


def init(root: Path, *args: str, env: dict[str, str | None] | None = None) -> None:
    with _INIT_LOCK:
        terraform(["init", "-input=false", *args], root, env=env)


def plan_env(env: str, *, use_cache: bool = True) -> dict:
    """Plan envs/<env> offline and return the ``terraform show -json`` document.

    The JSON is written to build/plans/<env>.json; a cached copy is returned only when its key
    (see ``plan_key``) matches the current sources.
    """
    if env not in env_names():
        raise TerraformError(
            f"unknown environment {env!r}; choose one of: {', '.join(env_names())}"
        )
    PLANS.mkdir(parents=True, exist_ok=True)
    plan_json, key_file = PLANS / f"{env}.json", PLANS / f"{env}.key"
    key = plan_key(env)
    if use_cache and plan_json.is_file() and key_file.is_file() and key_file.read_text() == key:
        return json.loads(plan_json.read_text())

    workdir = stage_offline(env)
    offline = {**_without_aws_settings(), "AWS_EC2_METADATA_DISABLED": "true"}
    init(workdir, "-reconfigure", env=offline)
    terraform(
        ["plan", "-input=false", "-lock=false", "-out=tfplan"],
        workdir,
        env={**offline, **NO_NETWORK},
    )
    shown = terraform(["show", "-json", "tfplan"], workdir, env=offline).stdout
    plan = json.loads(shown)
    # Write the JSON before the key: an interrupted run leaves a stale key, never a stale plan.
    key_file.unlink(missing_ok=True)
    tmp = plan_json.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(plan, indent=1, sort_keys=True))
    tmp.replace(plan_json)
    key_file.write_text(key)
    return plan


def validate(root: Path) -> None:
    """``terraform validate`` a module or env root, initialised offline without a backend."""
    init(root, "-backend=false")
    terraform(["validate"], root)


def module_test(module: Path) -> str:
    """``terraform test`` of a module (its tests use mock providers); returns Terraform's report."""
    init(module, "-backend=false")
    return terraform(["test"], module).stdout


def _two_at_a_time(action, roots: list[str]) -> list:
    # Each terraform command spends most of its time starting the provider: two overlap well.
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda root: action(Path(root)), roots))


# --- summary -------------------------------------------------------------------------------


def summarize(name: str, plan: dict) -> str:
    """A reviewer's summary of a plan: `sesguard summary`, the gate's one reader of plan JSON."""
    from sesguard.model import model_from_plan
    from sesguard.summary import render_summary

    return render_summary(model_from_plan(plan), name).rstrip("\n")


def main(argv: list[str]) -> int:
    usage = "usage: terraform_runner.py plan ENV | validate DIR... | test MODULE..."
    if len(argv) < 2 or argv[0] not in {"plan", "validate", "test"}:
        print(usage, file=sys.stderr)
        return 2
    try:
        if argv[0] == "plan":
            plan = plan_env(argv[1])
            print(summarize(argv[1], plan))
            print(f"\nplan JSON: {(PLANS / f'{argv[1]}.json').relative_to(REPO)}")
        elif argv[0] == "validate":
            _two_at_a_time(validate, argv[1:])
            print("\n".join(f"valid: {root}" for root in argv[1:]))
        else:
            for root, report in zip(argv[1:], _two_at_a_time(module_test, argv[1:]), strict=True):
                print(f"==> terraform test {root}\n{report.strip()}")
    except TerraformError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # any other failure: one line, never a traceback
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
