"""envs/local against the SES emulator: stage, init, plan, apply, verify, destroy.

Used by `make apply|destroy ENV=local`, `make demo` (tools/demo) and the
end-to-end test, so all three drive Terraform the same way (through
tools/terraform_runner.py). The root is staged under a workspace in build/
(modules/ and envs/local/ copied, state and .terraform kept between runs):
the source tree never holds state, and a test can add `*_override.tf` files to
the copy to change settings in place without touching the sources.

CLI: local_env.py [--workspace DIR] [--state-dir DIR] COMMAND (see COMMANDS)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from ses_emulator import lifecycle
from terraform_runner import TerraformError, summarize, terraform, terraform_env
from verify import checked_changes, differences, read_live, render_table

REPO = Path(__file__).resolve().parent.parent
BUILD = REPO / "build"
ENV = "local"
PLAN_NAME = "plan.json"  # inside the workspace: a concurrent `make plan ENV=local` never changes it
KEEP = {".terraform", ".terraform.lock.hcl", "terraform.tfstate", "terraform.tfstate.backup"}


class WorkspaceError(ValueError):
    """A workspace `stage()` must not write to (it deletes what it finds there)."""


def checked_workspace(workspace: Path) -> Path:
    """`workspace` resolved, if it lies strictly inside build/ (so never the sources)."""
    resolved = Path(workspace).resolve()
    if resolved == BUILD or not resolved.is_relative_to(BUILD):
        raise WorkspaceError(
            f"workspace {workspace} must be a directory inside {BUILD}: staging replaces "
            "its modules/ and envs/local/ files"
        )
    return resolved


class LocalEnv:
    def __init__(self, endpoint: str, workspace: Path) -> None:
        self.endpoint = endpoint
        self.workspace = checked_workspace(workspace)
        self.root = self.workspace / "envs" / ENV
        self.plan_file = self.workspace / "tfplan"
        self.plan_json = self.workspace / PLAN_NAME

    @property
    def env(self) -> dict[str, str | None]:
        # The shell's AWS profile or keys must never reach a real account from here.
        cleared: dict[str, str | None] = {k: None for k in os.environ if k.startswith("AWS_")}
        return {
            **cleared,
            "AWS_EC2_METADATA_DISABLED": "true",
            "TF_VAR_emulator_endpoint": self.endpoint,
        }

    def stage(self, overrides: dict[str, str] | None = None) -> None:
        """Copy modules/ and envs/local/ into the workspace, plus `overrides` (path -> HCL)."""
        shutil.rmtree(self.workspace / "modules", ignore_errors=True)
        self.root.mkdir(parents=True, exist_ok=True)
        for old in self.root.iterdir():
            if old.name not in KEEP:
                shutil.rmtree(old) if old.is_dir() else old.unlink()
        ignore = shutil.ignore_patterns(*KEEP, "tfplan")
        shutil.copytree(REPO / "modules", self.workspace / "modules", ignore=ignore)
        shutil.copytree(REPO / "envs" / ENV, self.root, ignore=ignore, dirs_exist_ok=True)
        for relative, text in (overrides or {}).items():
            (self.workspace / relative).write_text(text)

    def init(self, progress: Progress | None = None) -> None:
        terraform(["init", "-input=false"], self.root, env=self.env, progress=progress)

    def plan(self, progress: Progress | None = None) -> dict:
        """Plan to `tfplan` and return its JSON (also written to `self.plan_json`)."""
        terraform(
            ["plan", "-input=false", f"-out={self.plan_file}"],
            self.root,
            env=self.env,
            progress=progress,
        )
        plan = json.loads(
            terraform(["show", "-json", str(self.plan_file)], self.root, env=self.env).stdout
        )
        self.plan_json.write_text(json.dumps(plan, indent=1, sort_keys=True))
        return plan

    def apply(self, saved_plan: bool = False, progress: Progress | None = None) -> str:
        """Apply the saved plan (or plan and apply at once); return Terraform's output."""
        target = [str(self.plan_file)] if saved_plan else ["-auto-approve"]
        return terraform(
            ["apply", "-input=false", *target], self.root, env=self.env, progress=progress
        ).stdout

    def converged(self) -> tuple[bool, str]:
        """(no changes, plan output) from `plan -detailed-exitcode` (0 = none, 2 = changes)."""
        # terraform_runner raises on any non-zero exit, but 2 is an answer here, not a failure.
        result = subprocess.run(
            ["terraform", "plan", "-input=false", "-detailed-exitcode", "-no-color"],
            cwd=self.root,
            env=terraform_env(self.env),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode not in (0, 2):
            raise TerraformError(f"terraform plan failed in {self.root}:\n{result.stderr.strip()}")
        return result.returncode == 0, result.stdout

    def destroy(self, refresh: bool = True, progress: Progress | None = None) -> None:
        """Destroy everything; refresh=False skips re-reading state that was just converged."""
        flags = [] if refresh else ["-refresh=false"]
        terraform(
            ["destroy", "-input=false", "-auto-approve", *flags],
            self.root,
            env=self.env,
            progress=progress,
        )


class Progress:
    """Prints, as Terraform runs, the lines a person follows: each resource as it completes
    (numbered, out of the plan's count when known), module and provider installs, totals."""

    COMPLETED = re.compile(
        r"^(?P<address>\S+): (?P<what>Creation|Modifications|Destruction) complete"
        r" after (?P<after>\S+)"
    )
    VERBS = {"Creation": "created", "Modifications": "changed", "Destruction": "destroyed"}
    SHOWN = ("- Installing", "- Using", "Plan:", "No changes", "Apply complete", "Destroy complete")

    def __init__(self, total: int | None = None) -> None:
        self.total = total
        self.done = 0

    def __call__(self, line: str) -> None:
        completed = self.COMPLETED.match(line)
        if completed:
            self.done += 1
            count = f"{self.done}/{self.total}" if self.total else str(self.done)
            verb = self.VERBS[completed["what"]]
            print(f"  [{count}] {verb} {completed['address']} ({completed['after']})", flush=True)
        elif line.startswith(self.SHOWN):
            print(f"  {line}", flush=True)


def managed_in_state(state_file: Path) -> int | None:
    """How many resource instances a local state holds (what a destroy will remove)."""
    if not state_file.is_file():
        return None
    resources = json.loads(state_file.read_text()).get("resources", [])
    return sum(len(r["instances"]) for r in resources if r.get("mode") == "managed")


def planned_changes(plan_json: Path) -> int | None:
    """How many resources the saved plan creates, changes or destroys (None: no plan yet)."""
    if not plan_json.is_file():
        return None
    changes = json.loads(plan_json.read_text()).get("resource_changes", [])
    return sum(1 for change in changes if change["change"]["actions"] not in (["no-op"], ["read"]))


def _step(title: str) -> None:
    print(f"    {title}", flush=True)


COMMANDS = {
    "up": "start the emulator if needed, stage, init and apply (make apply ENV=local)",
    "down": "stage, init and destroy against the running emulator (make destroy ENV=local)",
    "init": "stage envs/local into the workspace and terraform init",
    "plan": "plan to WORKSPACE/tfplan, write WORKSPACE/plan.json, print a summary",
    "apply-plan": "apply WORKSPACE/tfplan",
    "verify": "print the live configuration per stream; fail if it differs from WORKSPACE's plan",
    "destroy": "terraform destroy the workspace",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="local_env.py", description=__doc__.splitlines()[0])
    parser.add_argument("--workspace", type=Path, default=BUILD / "local")
    parser.add_argument("--state-dir", type=Path, default=BUILD / "emulator")
    parser.add_argument(
        "command", choices=COMMANDS, help="; ".join(f"{k}: {v}" for k, v in COMMANDS.items())
    )
    args = parser.parse_args(argv)
    try:
        checked_workspace(args.workspace)  # before anything starts or is deleted
        if args.command == "up":
            fresh = lifecycle.running(args.state_dir) is None
            running = lifecycle.start(args.state_dir)
            if fresh:  # a new emulator is empty: state from an earlier one would lie
                for name in ("terraform.tfstate", "terraform.tfstate.backup"):
                    (args.workspace / "envs" / ENV / name).unlink(missing_ok=True)
        else:
            running = lifecycle.running(args.state_dir)
            if running is None:
                raise lifecycle.EmulatorError(
                    f"no emulator running (state: {args.state_dir}); `make emulator-start` first"
                )
        local = LocalEnv(running.url, args.workspace)
        if args.command in ("up", "down", "init"):
            _step(f"terraform init envs/{ENV} (staged in {args.workspace})")
            local.stage()
            local.init(Progress())
        if args.command == "plan":
            _step(f"terraform plan envs/{ENV} against the emulator at {running.url}")
            print(summarize(ENV, local.plan(Progress())))
            print(f"plan JSON: {local.plan_json.relative_to(REPO)}")
        elif args.command in ("up", "apply-plan"):
            _step(f"terraform apply envs/{ENV}")
            saved = args.command == "apply-plan"
            total = planned_changes(local.plan_json) if saved else None
            local.apply(saved_plan=saved, progress=Progress(total))
            if args.command == "up":
                print(render_table(read_live(running.url)))
                print(f"emulator: {running.url}  (make destroy ENV={ENV}; make emulator-stop)")
        elif args.command == "verify":
            _step("verify: live configuration read back with boto3")
            return _verify(running.url, local.plan_json)
        elif args.command in ("down", "destroy"):
            _step(f"terraform destroy envs/{ENV}")
            # The demo destroys what it has just applied and verified: no refresh needed.
            total = managed_in_state(local.root / "terraform.tfstate")
            local.destroy(refresh=args.command == "down", progress=Progress(total))
    except (TerraformError, lifecycle.EmulatorError, WorkspaceError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # e.g. the emulator died mid-run (botocore), a full disk
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


def _verify(url: str, plan_json: Path) -> int:
    """Print the live configuration and fail if it differs from the plan that was applied."""
    live = read_live(url)
    print(render_table(live))
    if not plan_json.is_file():
        print(f"error: no plan to compare with in {plan_json} (run the plan step first)",
              file=sys.stderr)  # fmt: skip
        return 1
    plan = json.loads(plan_json.read_text())
    problems = differences(plan, live)
    for problem in problems:
        print(f"MISMATCH {problem}", file=sys.stderr)
    checked = len(checked_changes(plan))
    print(f"{checked} planned SES/alarm resources compared with the live configuration: "
          f"{len(problems) or 'no'} mismatch(es)")  # fmt: skip
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
