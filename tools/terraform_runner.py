"""Run Terraform for sesguard: validate roots, plan environments offline, summarise plans.

A thin ``subprocess`` wrapper rather than ``python-terraform`` (unmaintained since 2019; its
``plan()`` forces ``-detailed-exitcode`` and breaks on Terraform >= 0.15). The Makefile and the
tests both use this module, so a plan is made one way only.

Offline plans of any root, ours or a user's: there is no AWS account here. ``plan_root``
copies the root and the modules it reaches under ``build/offline/<name>/`` (tools/offline_stage.py:
relative module sources keep working and the user's tree is never touched), adds an override
that swaps the backend for a local one and gives the provider fake keys with every
account/credential lookup skipped, and routes any HTTP through a closed port, so a plan that
tried to reach AWS would fail instead of silently working. The plan JSON is cached in
``build/plans/<name>.json`` under a key of every input file.

CLI (``python -m tools.terraform_runner`` from the repository, or ``make plan``)::

    terraform_runner.py plan ENV|DIR [-var-file=FILE] [-var=NAME=VALUE]...
    terraform_runner.py validate DIR...
    terraform_runner.py test MODULE...
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

if __package__:  # `python -m tools.terraform_runner`
    from tools import offline_sfn, offline_stage
else:  # tools/ on sys.path: the Makefile, the tests
    import offline_sfn
    import offline_stage

REPO = Path(__file__).resolve().parent.parent
BUILD = REPO / "build"
PLANS = BUILD / "plans"
OFFLINE = BUILD / "offline"
MODULES = REPO / "modules"
ENVS = REPO / "envs"

# Any AWS call during an offline plan goes to this closed port and fails fast.
NO_NETWORK = {
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "HTTP_PROXY": "http://127.0.0.1:9",
    "NO_PROXY": "",
}

NO_COLOR_COMMANDS = {"init", "plan", "apply", "destroy", "validate", "test", "output", "show"}


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


def plan_key(env: str) -> str:
    """Cache key of an env's offline plan (see ``root_key``)."""
    return root_key(offline_stage.layout(ENVS / env))


def root_key(found: offline_stage.Layout, plan_args: tuple[str, ...] = ()) -> str:
    """Cache key of an offline plan: input files, TF_VAR_* values, plan options, this code."""
    extra = [Path(__file__).read_bytes(), Path(offline_stage.__file__).read_bytes()]
    # TF_VAR_* values (e.g. TF_VAR_emulator_endpoint) end up in the plan too.
    extra += [f"{k}={v}".encode() for k, v in sorted(os.environ.items()) if k.startswith("TF_VAR_")]
    extra += [arg.encode() for arg in plan_args]
    for arg in plan_args:  # a var file's contents count, not only its name
        if arg.startswith("-var-file="):
            extra.append(Path(arg.split("=", 1)[1]).read_bytes())
    return offline_stage.key(found, *extra)


def stage_offline(env: str) -> Path:
    """Copy envs/<env>/ and the modules it calls under build/offline/<env>/, offline override in."""
    return offline_stage.stage(offline_stage.layout(ENVS / env), OFFLINE / env)


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
    (see ``root_key``) matches the current sources.
    """
    if env not in env_names():
        raise TerraformError(
            f"unknown environment {env!r}; choose one of: {', '.join(env_names())}"
        )
    return plan_root(ENVS / env, env, use_cache=use_cache)


def root_plan_name(root: Path) -> str:
    """Cache name of a root outside envs/: its folder name plus a hash of where it is."""
    resolved = Path(root).resolve()
    return f"{resolved.name}-{hashlib.sha256(str(resolved).encode()).hexdigest()[:8]}"


def plan_json_path(name: str) -> Path:
    return PLANS / f"{name}.json"


def plan_root(
    root: Path,
    name: str,
    *,
    plan_args: tuple[str, ...] = (),
    use_cache: bool = True,
    text: bool = False,
) -> dict:
    """Plan any root offline (``plan_args``: -var-file=/-var= options); return its plan JSON.

    Written to build/plans/<name>.json, and reused while every input stays the same. With
    ``text``, the other files a plan run yields are kept beside it, for tests of inputs people
    pass by mistake: <name>.log.jsonl (the `terraform plan -json` log stream) and <name>.txt
    (`terraform show`).
    """
    found = offline_stage.layout(root)
    PLANS.mkdir(parents=True, exist_ok=True)
    with _one_process_at_a_time(PLANS / f"{name}.lock"):
        return _plan_root(found, name, plan_args, use_cache, text)


@contextmanager
def _one_process_at_a_time(lock_file: Path) -> Iterator[None]:
    # A root's staged copy and cached plan are shared by every process of the checkout (the
    # pytest workers, two `make plan` in two shells): the second one waits, then finds the cache.
    with open(lock_file, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _plan_root(
    found: offline_stage.Layout, name: str, plan_args: tuple[str, ...], use_cache: bool, text: bool
) -> dict:
    plan_json, key_file = plan_json_path(name), PLANS / f"{name}.key"
    key = root_key(found, plan_args) + ("+text" if text else "")
    if use_cache and plan_json.is_file() and key_file.is_file() and key_file.read_text() == key:
        return json.loads(plan_json.read_text())

    workdir = offline_stage.stage(found, OFFLINE / name)
    offline = {**_without_aws_settings(), "AWS_EC2_METADATA_DISABLED": "true"}
    init(workdir, "-reconfigure", env=offline)
    with offline_sfn.definition_validator() as validator:
        log = terraform(
            ["plan", "-input=false", "-lock=false", "-out=tfplan", *plan_args]
            + (["-json"] if text else []),
            workdir,
            env={**offline, **NO_NETWORK, **validator},
        ).stdout
    shown = terraform(["show", "-json", "tfplan"], workdir, env=offline).stdout
    plan = json.loads(shown)
    # Write the JSON before the key: an interrupted run leaves a stale key, never a stale plan.
    key_file.unlink(missing_ok=True)
    if text:
        (PLANS / f"{name}.log.jsonl").write_text(log)
        readable = terraform(["show", "tfplan"], workdir, env=offline).stdout
        (PLANS / f"{name}.txt").write_text(readable)
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


USAGE = (
    "usage: terraform_runner.py plan ENV|DIR [-var-file=FILE] [-var=NAME=VALUE]... "
    "| validate DIR... | test MODULE..."
)


class UsageError(ValueError):
    """Arguments that cannot be used: one line, exit 2."""


def plan_target(target: str, options: list[str]) -> tuple[Path, str, tuple[str, ...]]:
    """(root, cache name, plan options) for `plan ENV|DIR [options]`."""
    plan_args = []
    for option in options:
        if option.startswith("-var-file="):
            var_file = Path(option.split("=", 1)[1]).resolve()
            if not var_file.is_file():
                raise UsageError(f"var file {option.split('=', 1)[1]} does not exist")
            plan_args.append(f"-var-file={var_file}")  # the plan runs in the staged copy
        elif option.startswith("-var="):
            plan_args.append(option)
        else:
            raise UsageError(f"unknown plan option {option!r} (only -var-file= and -var=)")
    if target in env_names():
        return ENVS / target, target, tuple(plan_args)
    if Path(target).is_dir():
        return Path(target).resolve(), root_plan_name(Path(target)), tuple(plan_args)
    raise UsageError(
        f"{target!r} is neither an environment ({', '.join(env_names())}) nor a directory"
    )


def _shown_path(path: Path) -> Path:
    return path.relative_to(REPO) if path.is_relative_to(REPO) else path


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in {"plan", "validate", "test"}:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        if argv[0] == "plan":
            root, name, plan_args = plan_target(argv[1], argv[2:])
            plan = plan_root(root, name, plan_args=plan_args)
            print(summarize(name, plan))
            # An env's JSON is shown from the repository; a user's root gets the full path.
            shown = (
                _shown_path(plan_json_path(name)) if name in env_names() else plan_json_path(name)
            )
            print(f"\nplan JSON: {shown}")
        elif argv[0] == "validate":
            _two_at_a_time(validate, argv[1:])
            print("\n".join(f"valid: {root}" for root in argv[1:]))
        else:
            for root, report in zip(argv[1:], _two_at_a_time(module_test, argv[1:]), strict=True):
                print(f"==> terraform test {root}\n{report.strip()}")
    except (UsageError, offline_stage.StageError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except TerraformError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # any other failure: one line, never a traceback
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
