"""`terraform import` of every resource type our modules create, read back from the emulator.

envs/local is applied with every optional part switched on (Route 53 records, the Firehose
archive, besides the pools, pauses, alarms and identities it always has); then, against an
empty state, one `import` block per instance of the applied state, and `terraform plan`
must import them all and add, change and destroy nothing: each read returns what the
provider needs to see the object as the configuration describes it. Three Terraform runs
(init, apply, plan, show). docs/emulator-terraform.md records the types.
"""

from __future__ import annotations

import json
import re
import subprocess
import urllib.request

import boto3
import pytest
from local_env import BUILD, LocalEnv
from terraform_runner import terraform, terraform_env

pytestmark = [pytest.mark.e2e, pytest.mark.terraform]

WORKSPACE = BUILD / "module-imports"
DOCS = BUILD.parent / "docs" / "emulator-terraform.md"
BUCKET = "ses-local-event-archive"
# Arguments the provider keeps in state only and never reads from AWS: an import leaves them
# null and the first plan sets them in place, without an API call. No read can supply them.
STATE_ONLY = {
    "aws_kms_key": {"bypass_policy_lockout_safety_check", "deletion_window_in_days"},
    "aws_sns_topic_subscription": {"confirmation_timeout_in_minutes", "endpoint_auto_confirms"},
}


def _import_id(resource_type: str, values: dict) -> str:
    """The ID `terraform import` takes: the state's `id`, but for an EventBridge target."""
    if resource_type == "aws_cloudwatch_event_target":
        return f"{values['event_bus_name']}/{values['rule']}/{values['target_id']}"
    return values["id"]


def _address(resource: dict, instance: dict) -> str:
    prefix = f"{resource['module']}." if "module" in resource else ""
    key = instance.get("index_key")
    index = "" if key is None else f"[{json.dumps(key)}]"
    return f"{prefix}{resource['type']}.{resource['name']}{index}"


def import_blocks(state: dict) -> dict[str, tuple[str, str]]:
    """address -> (resource type, import ID) of every managed instance of a state."""
    return {
        _address(resource, instance): (
            resource["type"], _import_id(resource["type"], instance["attributes"])
        )
        for resource in state["resources"]
        if resource["mode"] == "managed"
        for instance in resource["instances"]
    }  # fmt: skip


@pytest.fixture(scope="module")
def imported(emulator: str) -> tuple[dict[str, tuple[str, str]], list[dict], dict]:
    """(the import blocks written, the plan's JSON lines, the saved plan as JSON)."""
    urllib.request.urlopen(urllib.request.Request(f"{emulator}/moto-api/reset", method="POST"))
    client = {"endpoint_url": emulator, "region_name": "us-east-1",
              "aws_access_key_id": "testing", "aws_secret_access_key": "testing"}  # fmt: skip
    boto3.client("s3", **client).create_bucket(Bucket=BUCKET)
    zone = (
        boto3.client("route53", **client)
        .create_hosted_zone(Name="mail.example.test", CallerReference="module-imports")[
            "HostedZone"
        ]["Id"]
        .rpartition("/")[2]
    )
    # default_tags repeat the module's `environment` tag; the provider imports a tag that both
    # give with one value as the default's only, and plans to add it to `tags`
    # (docs/emulator-terraform.md).
    everything = f"""
provider "aws" {{
  default_tags {{
    tags = {{ project = "sesguard" }}
  }}
}}

module "platform" {{
  route53_zone_id          = "{zone}"
  event_archive_bucket_arn = "arn:aws:s3:::{BUCKET}"
}}
"""
    local = LocalEnv(emulator, WORKSPACE)
    (local.root / "terraform.tfstate").unlink(missing_ok=True)  # a reset emulator's leftovers
    local.stage({"envs/local/everything_override.tf": everything})
    local.init()
    try:
        local.apply()
        applied = local.root / "terraform.tfstate"
        blocks = import_blocks(json.loads(applied.read_text()))
        applied.rename(local.root / "applied.tfstate")  # the plan starts from an empty state
        (local.root / "imports.tf").write_text("".join(
            f'import {{\n  to = {address}\n  id = "{import_id}"\n}}\n\n'
            for address, (_, import_id) in blocks.items()
        ))  # fmt: skip
        planned = subprocess.run(
            ["terraform", "plan", "-input=false", "-json", "-lock=false", "-out=tfplan"],
            cwd=local.root, env=terraform_env(local.env), capture_output=True, text=True,
            check=False,
        )  # fmt: skip
        shown = terraform(["show", "-json", "tfplan"], local.root, env=local.env).stdout
    finally:
        urllib.request.urlopen(
            urllib.request.Request(f"{emulator}/moto-api/reset", method="POST")
        ).close()
    lines = [json.loads(line) for line in planned.stdout.splitlines() if line.startswith("{")]
    assert planned.returncode == 0, planned.stderr or [
        m["@message"] for m in lines if m["@level"] == "error"
    ]
    return blocks, lines, json.loads(shown)


def test_every_module_resource_type_is_applied(imported):
    blocks, _, _ = imported
    module_types = set()
    for path in (BUILD.parent / "modules").glob("*/*.tf"):
        module_types |= set(re.findall(r'^resource "(\w+)"', path.read_text(), re.M))
    assert {t for t, _ in blocks.values()} == module_types


def differences(change: dict) -> dict[str, tuple]:
    """attribute -> (imported, configured) where the import's read and the configuration differ."""
    before, after = change["before"] or {}, change["after"] or {}
    unknown = change.get("after_unknown") or {}
    return {
        key: (
            before.get(key),
            "(known after apply)" if unknown.get(key) is True else after.get(key),
        )
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def test_importing_every_instance_plans_no_change(imported):
    blocks, lines, plan = imported
    changes = {
        c["address"]: differences(c["change"])
        for c in plan["resource_changes"]
        if c["change"]["actions"] != ["no-op"]
    }
    (WORKSPACE / "import-differences.json").write_text(json.dumps(changes, indent=1))
    beyond_state_only = {
        address: {
            key: values
            for key, values in found.items()
            if key not in STATE_ONLY.get(blocks[address][0], ()) or values[0] is not None
        }
        for address, found in changes.items()
    }
    assert {a: d for a, d in beyond_state_only.items() if d} == {}
    state_only = [a for a, (kind, _) in blocks.items() if kind in STATE_ONLY]
    assert sorted(changes) == sorted(state_only)
    (summary,) = [m["changes"] for m in lines if m["type"] == "change_summary"]
    assert (summary["import"], summary["add"], summary["change"], summary["remove"]) == (
        len(blocks), 0, len(state_only), 0,
    )  # fmt: skip


def test_docs_list_every_imported_type(imported):
    blocks, _, _ = imported
    section = DOCS.read_text().partition("## Import reads")[2].partition("\n## ")[0]
    assert set(re.findall(r"^\| `(aws_\w+)`", section, re.M)) == {t for t, _ in blocks.values()}
