"""One hand-built account through `sesguard adopt` and Terraform against the emulator."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import boto3
from hand_built import SHAPES
from terraform_runner import terraform, terraform_env

REPO = Path(__file__).resolve().parents[2]
REGION = "us-east-1"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "adopt", "AWS_SECRET_ACCESS_KEY": "adopt"}
SERVICES = ("cloudwatch", "events", "iam", "kms", "ses", "sesv2", "sfn", "sns", "sts")


def build(emulator: str, shape: str) -> None:
    urllib.request.urlopen(urllib.request.Request(f"{emulator}/moto-api/reset", method="POST"))
    clients = {
        s: boto3.client(s, endpoint_url=emulator, region_name=REGION, **_keys())
        for s in ("sesv2", "ses", "cloudwatch", "sns")
    }
    SHAPES[shape](clients)


def _keys() -> dict[str, str]:
    return {"aws_access_key_id": "adopt", "aws_secret_access_key": "adopt"}


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


def plan(root: Path, emulator: str) -> Planned:
    env = {k: None for k in os.environ if k.startswith("AWS_")}
    terraform(["init", "-input=false"], root, env=env)
    terraform(["plan", "-input=false", "-out=tfplan"], root, env=env)
    shown = terraform(["show", "-json", "tfplan"], root, env=env).stdout
    (root / "plan.json").write_text(shown)
    return Planned(
        json.loads(shown),
        (root / "imports.tf").read_text(),
        (root / "ADOPTION.md").read_text(),
    )


def apply_and_replan(root: Path) -> tuple[str, int, str]:
    """(apply output, exit code of `plan -detailed-exitcode` after it, that plan's output)."""
    env = {k: None for k in os.environ if k.startswith("AWS_")}
    applied = terraform(["apply", "-input=false", "tfplan"], root, env=env).stdout
    again = subprocess.run(
        ["terraform", "plan", "-input=false", "-detailed-exitcode", "-no-color"],
        cwd=root, env=terraform_env(env), capture_output=True, text=True, check=False,
    )  # fmt: skip
    return applied, again.returncode, again.stdout + again.stderr


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
