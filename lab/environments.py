"""The two configurations the lab compares, each applied by Terraform to its own emulator.

lanes: envs/local, staged and applied exactly as `make apply ENV=local` does it.
catch-all: lab/catch_all, staged beside envs/local's provider and variables, so
both roots reach their emulator through one provider definition.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from local_env import BUILD, KEEP, REPO, LocalEnv
from ses_emulator import lifecycle

CATCH_ALL = REPO / "lab" / "catch_all"
SHARED_FROM_LOCAL = ("provider.tf", "variables.tf")


class CatchAllEnv(LocalEnv):
    def __init__(self, endpoint: str, workspace: Path) -> None:
        super().__init__(endpoint, workspace)
        self.root = self.workspace / "catch_all"

    def stage(self, overrides: dict[str, str] | None = None) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        for old in self.root.iterdir():
            if old.name not in KEEP:
                shutil.rmtree(old) if old.is_dir() else old.unlink()
        for source in [*CATCH_ALL.glob("*.tf"), *(REPO / "envs" / "local" / name
                                                   for name in SHARED_FROM_LOCAL)]:  # fmt: skip
            shutil.copy2(source, self.root / source.name)
        for relative, text in (overrides or {}).items():
            (self.workspace / relative).write_text(text)


KINDS = {"lanes": LocalEnv, "catch-all": CatchAllEnv}


def fresh_emulator(state_dir: Path) -> str:
    """A new, empty emulator (one left running in `state_dir` is stopped first)."""
    if lifecycle.running(state_dir) is not None:
        lifecycle.stop(state_dir)
    return lifecycle.start(state_dir).url


def apply(kind: str, url: str, workspace: Path) -> None:
    """Stage, init and apply the `kind` configuration against the (fresh) emulator at `url`."""
    env = KINDS[kind](url, workspace)
    for name in ("terraform.tfstate", "terraform.tfstate.backup"):
        (env.root / name).unlink(missing_ok=True)  # it would describe another emulator
    env.stage()
    env.init()
    env.apply()


def workspace(kind: str) -> Path:
    return BUILD / "lab" / "terraform" / kind
