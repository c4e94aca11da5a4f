"""A hand-built account through `sesguard adopt` and Terraform against the emulator:
adopt, the written root planned and applied with the real provider, the audit after it.

Shared by the adopt tests (tests/adopt) and the benchmark (tools/bench_adopt.py).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from terraform_runner import terraform, terraform_env

REPO = Path(__file__).resolve().parents[1]
REGION = "us-east-1"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "adopt", "AWS_SECRET_ACCESS_KEY": "adopt"}
SERVICES = ("cloudwatch", "events", "iam", "kms", "ses", "sesv2", "sfn", "sns", "sts")


def sesguard(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")} | CREDENTIALS
    return subprocess.run(
        [sys.executable, "-m", "sesguard", *args], capture_output=True, text=True, env=env
    )


def adopt(emulator: str, out: Path) -> subprocess.CompletedProcess[str]:
    return sesguard(
        "adopt",
        "--endpoint-url", emulator,
        "--region", REGION,
        "--module-source", str(REPO / "modules" / "ses_stream"),
        "--output", str(out),
    )  # fmt: skip


def emulator_override(emulator: str) -> str:
    """The provider's endpoints for the emulator, as an override file beside the written root."""
    width = max(map(len, SERVICES))
    endpoints = "\n".join(f'    {s:<{width}} = "{emulator}"' for s in SERVICES)
    return (
        'provider "aws" {\n'
        '  access_key                  = "testing"\n'
        '  secret_key                  = "testing"\n'
        "  skip_credentials_validation = true\n"
        "  skip_metadata_api_check     = true\n"
        f"  endpoints {{\n{endpoints}\n  }}\n"
        "}\n"
    )


@dataclass
class Planned:
    plan: dict
    imports_tf: str
    adoption_md: str

    def actions(self) -> dict[str, list[str]]:
        return {rc["address"]: rc["change"]["actions"] for rc in self.plan["resource_changes"]}

    def imported(self) -> dict[str, str]:
        return {
            rc["address"]: rc["change"]["importing"]["id"]
            for rc in self.plan["resource_changes"]
            if rc["change"].get("importing")
        }

    def import_blocks(self) -> dict[str, str]:
        found = re.findall(r'to = (\S+)\n  id = "([^"]*)"', self.imports_tf)
        return dict(found)

    def listed(self, *sections: str) -> set[tuple[str, str]]:
        """(object, rule) of each item of these ADOPTION.md sections that names rules."""
        found = set()
        for title in sections:
            section = self.adoption_md.split(f"\n## {title}\n")[1].split("\n## ")[0]
            items = re.findall(
                r"^- [^`]*`([^`]+)`: .*\((SES\d{3}(?:, SES\d{3})*)\)$", section, re.M
            )
            found |= {(name, rule) for name, rules in items for rule in rules.split(", ")}
        return found


# The emulator's endpoints and keys come from the override file, never from the caller's AWS_*.
NO_AWS_ENV = {k: None for k in os.environ if k.startswith("AWS_")}


def init(root: Path) -> None:
    terraform(["init", "-input=false"], root, env=NO_AWS_ENV)


def plan(root: Path) -> Planned:
    """The first plan of an initialised root, saved as tfplan and plan.json."""
    terraform(["plan", "-input=false", "-out=tfplan"], root, env=NO_AWS_ENV)
    shown = terraform(["show", "-json", "tfplan"], root, env=NO_AWS_ENV).stdout
    (root / "plan.json").write_text(shown)
    return Planned(
        json.loads(shown),
        (root / "imports.tf").read_text(),
        (root / "ADOPTION.md").read_text(),
    )


def apply(root: Path) -> str:
    """Apply the saved tfplan; its output."""
    return terraform(["apply", "-input=false", "tfplan"], root, env=NO_AWS_ENV).stdout


def replan(root: Path) -> tuple[int, str]:
    """(exit code of `plan -detailed-exitcode`: 0 is no changes, its output)."""
    again = subprocess.run(
        ["terraform", "plan", "-input=false", "-detailed-exitcode", "-no-color"],
        cwd=root, env=terraform_env(NO_AWS_ENV), capture_output=True, text=True, check=False,
    )  # fmt: skip
    return again.returncode, again.stdout + again.stderr


def audit_errors(emulator: str) -> set[tuple[str, str]]:
    """(object, rule) of each error `sesguard audit` reports on the emulator's account."""
    audited = sesguard("audit", "--endpoint-url", emulator, "--region", REGION, "--no-dns",
                       "--format", "json")  # fmt: skip
    assert audited.returncode in (0, 1), audited.stderr
    findings = json.loads(audited.stdout)["findings"]
    return {(_object(f["address"]), f["rule"]) for f in findings if f["severity"] == "error"}


def _object(arn: str) -> str:
    """An ARN's object as ADOPTION.md names it: `set`, `set|destination`, identity, alarm."""
    resource = arn.split(":", 5)[5]  # configuration-set/x, identity/d, alarm:name
    return re.split("[/:]", resource, maxsplit=1)[1].replace("/event-destination/", "|")
