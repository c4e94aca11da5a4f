"""Every aws_sesv2_* resource and data source of the provider, applied to the emulator.

The cases are our own configurations (tests/terraform/sesv2_resources/) of what the
provider's own sesv2 acceptance tests exercise: one root carries them all, so Terraform
runs a handful of times. apply (step 1) -> empty re-plan -> attribute checks -> in-place
update (step 2) -> empty re-plan -> attribute checks -> resources deleted behind
Terraform's back show up as creates -> destroy leaves nothing. The emulator runs with
`pending` verification, as SES reports new identities. docs/emulator-terraform.md lists the cases.
"""

from __future__ import annotations

import base64
import contextlib
import json
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import boto3
import pytest
from sesv2_resource_cases import CASES, DEDICATED_IP, DISAPPEARS, STEP_2_NOT_IN_PLACE, State
from terraform_runner import BUILD, TerraformError, terraform, terraform_env

ROOT = Path(__file__).parent / "terraform" / "sesv2_resources"
WORKSPACE = BUILD / "tf-resources"
PARALLEL = ["-parallelism=30"]  # the emulator answers at once; Terraform's default is 10
DOCS = Path(__file__).parents[1] / "docs" / "emulator-terraform.md"
pytestmark = pytest.mark.terraform


def _control(emulator: str, method: str, path: str, body: dict) -> None:
    request = urllib.request.Request(
        f"{emulator}/_ses/control{path}",
        data=json.dumps(body).encode(),
        method=method,
        headers={"Content-Type": "application/json"},
    )
    urllib.request.urlopen(request).close()


class Root:
    def __init__(self, emulator: str) -> None:
        self.emulator = emulator
        self.dir = WORKSPACE
        self.step = 1
        self.timings: list[tuple[str, float]] = []  # (command, seconds), kept in the workspace

    def env(self) -> dict[str, str | None]:
        key = base64.b64encode(b"-----BEGIN PRIVATE KEY-----\nnot checked\n").decode()
        return {
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_PROFILE": None,
            "TF_VAR_emulator_endpoint": self.emulator,
            "TF_VAR_step": str(self.step),
            "TF_VAR_dedicated_ip": DEDICATED_IP,
            "TF_VAR_byodkim_private_key": key,
        }

    def run(self, *args: str) -> str:
        started = time.monotonic()
        output = terraform(list(args), self.dir, env=self.env()).stdout
        self.timings.append((args[0], round(time.monotonic() - started, 1)))
        return output

    def plan(self, save: bool = True) -> dict[str, str]:
        """Plan (saved to tfplan) and return the planned actions: managed address -> action.

        Read from `plan -json`'s change events, so no separate `show` (one provider start).
        """
        started = time.monotonic()
        result = subprocess.run(
            ["terraform", "plan", "-input=false", "-json", "-detailed-exitcode",
             *PARALLEL, *(["-out=tfplan"] if save else [])],
            cwd=self.dir,
            env=terraform_env(self.env()),
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip
        self.timings.append(("plan", round(time.monotonic() - started, 1)))
        if result.returncode not in (0, 2):
            raise TerraformError(result.stdout[-4000:] + result.stderr)
        events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        return {
            event["change"]["resource"]["addr"]: event["change"]["action"]
            for event in events
            if event.get("type") == "planned_change"
            and not event["change"]["resource"]["addr"].startswith("data.")
        }

    def state(self) -> State:
        """What the last apply stored, read from the state file (no provider start)."""
        raw = json.loads((self.dir / "terraform.tfstate").read_text())
        state: State = {"output.data_sources": raw["outputs"]["data_sources"]["value"]}
        for resource in raw["resources"]:
            prefix = "data." if resource["mode"] == "data" else ""
            for instance in resource["instances"]:
                key = instance.get("index_key")
                index = "" if key is None else f"[{json.dumps(key)}]"
                address = f"{prefix}{resource['type']}.{resource['name']}{index}"
                state[address] = instance["attributes"]
        return state


@pytest.fixture(scope="module")
def root(emulator: str, sesv2_client):
    urllib.request.urlopen(urllib.request.Request(f"{emulator}/moto-api/reset", method="POST"))
    _control(emulator, "PUT", "/verification", {"verification": "pending"})
    _control(emulator, "POST", "/dedicated-ips", {"ips": [DEDICATED_IP]})
    shutil.rmtree(WORKSPACE, ignore_errors=True)
    shutil.copytree(ROOT, WORKSPACE)
    tf = Root(emulator)
    try:
        tf.run("init", "-input=false")
        yield tf
        (WORKSPACE / "timings.json").write_text(json.dumps(tf.timings))
    finally:
        if (WORKSPACE / "terraform.tfstate").is_file() and not getattr(tf, "destroyed", False):
            with contextlib.suppress(TerraformError):
                tf.run("destroy", "-input=false", "-auto-approve")
        _control(emulator, "PUT", "/verification", {"verification": "instant"})


@pytest.fixture(scope="module")
def sesv2_client(emulator: str):
    return boto3.client(
        "sesv2",
        endpoint_url=emulator,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def _check_all(state: State, step: int) -> None:
    failures = []
    for resource, cases in CASES.items():
        for case, check in cases.items():
            try:
                check(state, step)
            except (AssertionError, KeyError, IndexError) as error:
                failures.append(f"{resource} {case} (step {step}): {error!r}")
    assert not failures, "\n".join(failures)


def test_every_resource_applies_converges_updates_in_place_and_destroys(root, sesv2_client):
    assert set(root.plan().values()) == {"create"}
    root.run("apply", "-input=false", *PARALLEL, "tfplan")
    assert root.plan(save=False) == {}  # converged
    _check_all(root.state(), 1)

    root.step = 2
    actions = root.plan()
    assert {a: k for a, k in actions.items() if k != "update"} == STEP_2_NOT_IN_PLACE
    root.run("apply", "-input=false", *PARALLEL, "tfplan")
    assert root.plan(save=False) == {}  # converged
    _check_all(root.state(), 2)

    for delete in DISAPPEARS.values():
        delete(sesv2_client)
    assert root.plan(save=False) == dict.fromkeys(DISAPPEARS, "create")

    root.run("destroy", "-input=false", "-auto-approve", *PARALLEL)
    root.destroyed = True
    assert sesv2_client.list_configuration_sets()["ConfigurationSets"] == []
    assert sesv2_client.list_email_identities()["EmailIdentities"] == []
    assert sesv2_client.list_dedicated_ip_pools()["DedicatedIpPools"] == []
    assert sesv2_client.list_contact_lists()["ContactLists"] == []
    assert sesv2_client.get_dedicated_ip(Ip=DEDICATED_IP)["DedicatedIp"]["PoolName"] == (
        "ses-default-dedicated-pool"
    )


def test_docs_list_every_case():
    table = DOCS.read_text().split("<!-- terraform-cases -->")[1].split("<!-- /terraform-cases")[0]
    for resource, cases in CASES.items():
        row = next((line for line in table.splitlines() if f"`{resource}`" in line), "")
        assert row, f"docs/emulator-terraform.md lists no row for {resource}"
        assert all(f"`{case}`" in row for case in cases), row
