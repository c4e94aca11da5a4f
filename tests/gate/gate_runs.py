"""Plan files for the gate's CLI, and the gate's CLI run on them as CI runs it.

The plans are the real env plans plus the gate's violation catalogue (`planted.VIOLATIONS`),
each mutation applied to a copy of the production plan, written with the `planned_values`
Terraform would write, so the report tests and checkov (tests/checkov) see the same files.
(A plain module, not conftest.py: `from conftest import` is ambiguous with several
conftest.py files under tests/.)
"""

from __future__ import annotations

import copy
import json
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planted import VIOLATIONS
from sesguard.model.addresses import parent_module
from terraform_runner import REPO, env_names

# Small Terraform roots written like other people's code, planned by the gate tests.
ROOTS = Path(__file__).parent / "roots"

SESGUARD = REPO / ".venv" / "bin" / "sesguard"
# The OASIS SARIF 2.1.0 schema (provenance: data/README.md).
SARIF_SCHEMA_FILE = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@dataclass(frozen=True)
class Fixture:
    """One plan file and the gate config (TOML) it is checked with, if any."""

    plan: Path
    config: Path | None = None


def violation_name(rule: str, mutate: Callable) -> str:
    return f"{rule}-{mutate.__name__}"


VIOLATION_NAMES = [violation_name(rule, mutate) for rule, mutate, _ in VIOLATIONS]
ENV_NAMES = [f"env-{env}" for env in env_names()]


def to_toml(doc: dict, table: tuple[str, ...] = ()) -> str:
    """The gate configs of VIOLATIONS as TOML: nested tables of strings, numbers, booleans.

    JSON's string, number, boolean and array literals are valid TOML for these values.
    """
    scalars = [
        f"{json.dumps(k)} = {json.dumps(v)}" for k, v in doc.items() if not isinstance(v, dict)
    ]
    text = ""
    if scalars:
        header = f"[{'.'.join(json.dumps(k) for k in table)}]\n" if table else ""
        text = header + "\n".join(scalars) + "\n"
    for key, value in doc.items():
        if isinstance(value, dict):
            text += to_toml(value, (*table, key))
    return text


def sync_planned_values(plan: dict) -> None:
    """Rebuild `planned_values` from `resource_changes`, as Terraform would write it.

    The gate's mutations edit `resource_changes` only (all the gate reads); checkov takes
    its resources from `planned_values`, so without this a planted resource would be
    invisible to checkov and a deleted one would still be scanned.
    """
    root: dict = {"resources": [], "child_modules": []}
    modules = {"": root}

    def module(address: str) -> dict:
        if address not in modules:
            parent = module(parent_module(address))
            modules[address] = {"address": address, "resources": [], "child_modules": []}
            parent["child_modules"].append(modules[address])
        return modules[address]

    for rc in plan["resource_changes"]:
        if rc["change"].get("after") is None:  # deleted: Terraform plans no values for it
            continue
        resource = {k: rc[k] for k in ("address", "mode", "type", "name", "provider_name")}
        if "index" in rc:
            resource["index"] = rc["index"]
        resource["values"] = rc["change"]["after"]
        resource["sensitive_values"] = rc["change"].get("after_sensitive") or {}
        module(rc.get("module_address", ""))["resources"].append(resource)
    plan["planned_values"]["root_module"] = root


def write_fixtures(env_plan_files: dict[str, Path], directory: Path) -> dict[str, Fixture]:
    """Every env plan as is, and every gate violation planted in the production plan."""
    fixtures = {f"env-{env}": Fixture(path) for env, path in env_plan_files.items()}
    production = json.loads(env_plan_files["production"].read_text())
    for rule, mutate, _ in VIOLATIONS:
        name = violation_name(rule, mutate)
        plan = copy.deepcopy(production)
        config = mutate(plan)
        sync_planned_values(plan)
        plan_path = directory / f"{name}.json"
        plan_path.write_text(json.dumps(plan))
        config_path = None
        if config is not None:
            config_path = directory / f"{name}.toml"
            config_path.write_text(to_toml(config))
        fixtures[name] = Fixture(plan_path, config_path)
    return fixtures


def sesguard(fixture: Fixture, *args: str) -> subprocess.CompletedProcess:
    """The gate's CLI, as CI runs it."""
    config = ["--config", str(fixture.config)] if fixture.config else []
    return subprocess.run(
        [str(SESGUARD), "check", str(fixture.plan), *config, *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


@dataclass(frozen=True)
class GateRun:
    """`sesguard check` of one fixture in the CI formats: findings, exit codes, files."""

    findings: list[dict]
    exit_codes: dict[str, int]  # format -> exit code
    stderr: str
    sarif: Path
    junit: Path


def run_gate(fixture: Fixture, out_dir: Path) -> GateRun:
    sarif, junit = out_dir / f"{fixture.plan.stem}.sarif", out_dir / f"{fixture.plan.stem}.xml"
    runs = {
        "json": sesguard(fixture, "--format", "json"),
        "sarif": sesguard(fixture, "--format", "sarif", "--output", str(sarif)),
        "junit": sesguard(fixture, "--format", "junit", "--output", str(junit)),
    }
    usable = runs["json"].returncode in (0, 1)
    findings = json.loads(runs["json"].stdout)["findings"] if usable else []
    codes = {fmt: run.returncode for fmt, run in runs.items()}
    return GateRun(findings, codes, runs["json"].stderr, sarif, junit)
