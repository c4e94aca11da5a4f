"""The configurations the lab compares, each applied by Terraform to its own emulator.

lanes: envs/local, staged and applied as `make apply ENV=local` does it, with the
scenario's choice of self-pausing lanes as its `pause_on_alarm` input.
catch-all, catch-all-pause: lab/catch_all and lab/catch_all_pause, staged beside
envs/local's provider and variables, so every root reaches its emulator the same way.
tenants: envs/local with no lane pausing itself, then every lane put into an SES tenant
with the scenario's reputation policy (lab/tenants.py: the provider has no tenant yet).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from local_env import BUILD, KEEP, REPO, LocalEnv
from ses_emulator import lifecycle

from . import tenants
from .scenario import Scenario

SHARED_FROM_LOCAL = ("provider.tf", "variables.tf")
TFVARS = "lab.auto.tfvars.json"  # the scenario's inputs, beside the staged root


class LabRootEnv(LocalEnv):
    """A root under lab/, staged at the same depth as in the sources (its module
    sources stay valid) with the modules and envs/local's provider and variables."""

    source: Path

    def __init__(self, endpoint: str, workspace: Path) -> None:
        super().__init__(endpoint, workspace)
        self.root = self.workspace / "lab" / self.source.name

    def stage(self, overrides: dict[str, str] | None = None) -> None:
        super().stage(overrides)  # modules/ (and envs/local/, unused here)
        self.root.mkdir(parents=True, exist_ok=True)
        for old in self.root.iterdir():
            if old.name not in KEEP:
                shutil.rmtree(old) if old.is_dir() else old.unlink()
        for source in [*self.source.glob("*.tf"), *(REPO / "envs" / "local" / name
                                                    for name in SHARED_FROM_LOCAL)]:  # fmt: skip
            shutil.copy2(source, self.root / source.name)


class CatchAllEnv(LabRootEnv):
    source = REPO / "lab" / "catch_all"


class CatchAllPauseEnv(LabRootEnv):
    source = REPO / "lab" / "catch_all_pause"


KINDS = {"lanes": LocalEnv, "catch-all": CatchAllEnv, "catch-all-pause": CatchAllPauseEnv,
         "tenants": LocalEnv}  # fmt: skip


def pause_on_alarm(scenario: Scenario, lanes: tuple[str, ...], kind: str) -> dict[str, bool]:
    """envs/local's `pause_on_alarm` input for a run: the scenario's lanes in the lanes run;
    none in the tenants run, where SES's reputation policies are the only pause."""
    chosen = scenario.pause_on_alarm if kind == "lanes" else ()
    return {lane: lane in chosen for lane in lanes}


def fresh_emulator(state_dir: Path) -> str:
    """A new, empty emulator (one left running in `state_dir` is stopped first)."""
    if lifecycle.running(state_dir) is not None:
        lifecycle.stop(state_dir)
    return lifecycle.start(state_dir).url


def apply(kind: str, url: str, workspace: Path, inputs: dict | None = None) -> None:
    """Stage, init and apply the `kind` configuration against the (fresh) emulator at `url`,
    with `inputs` (variable -> value) in the staged root's tfvars."""
    env = KINDS[kind](url, workspace)
    for name in ("terraform.tfstate", "terraform.tfstate.backup"):
        (env.root / name).unlink(missing_ok=True)  # it would describe another emulator
    env.stage()
    if inputs:
        (env.root / TFVARS).write_text(json.dumps(inputs, indent=1))
    env.init()
    env.apply()


def prepare(kind: str, url: str, scenario: Scenario, lanes: tuple[str, ...],
            where: Path | None = None) -> None:  # fmt: skip
    """Apply the `kind` configuration for `scenario` to the fresh emulator at `url`
    (Terraform's files in `where`, by default the lab's workspace for `kind`)."""
    local = KINDS[kind] is LocalEnv
    inputs = {"pause_on_alarm": pause_on_alarm(scenario, lanes, kind)} if local else None
    apply(kind, url, where or workspace(kind), inputs)
    if kind == "tenants":
        tenants.create(url, scenario)


def workspace(kind: str) -> Path:
    return BUILD / "lab" / "terraform" / kind
