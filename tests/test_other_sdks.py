"""Clients we did not write, against the emulator: the AWS CLI v1 and the JavaScript SDK v3.

Both run the same walkthrough (tests/sdk/walkthrough.json). The CLI v1 pins an older
botocore, which still sends `GET /v2/email/configuration-sets` for ListConfigurationSets;
`make test` installs both (the CLI into .venv-awscli, the SDK under build/node-sdk).
"""

from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from pathlib import Path

import pytest
from emulator_clients import AWS_CLI

REPO = Path(__file__).parents[1]
SDK_DIR = REPO / "tests" / "sdk"
WALKTHROUGH = SDK_DIR / "walkthrough.json"
NODE_MODULES = REPO / "build" / "node-sdk" / "node_modules"
STEPS = json.loads(WALKTHROUGH.read_text())["steps"]
pytestmark = pytest.mark.sdk


def _reset(emulator: str) -> None:
    urllib.request.urlopen(urllib.request.Request(f"{emulator}/moto-api/reset", method="POST"))


def _require(path: Path, target: str) -> None:
    if not path.exists():
        pytest.fail(f"{path.relative_to(REPO)} is missing: run `make {target}`", pytrace=False)


def _check(results: list[tuple[str, dict]]) -> None:
    """The walkthrough's answers, whichever client sent it."""
    assert [operation for operation, _ in results] == [operation for operation, _ in STEPS]
    errors = [(operation, output) for operation, output in results if "error" in output]
    assert errors == []
    by_step = [output for _, output in results]
    listed, identities, marketing, destinations, identity = by_step[8:13]
    assert listed["ConfigurationSets"] == ["marketing", "transactional"]
    assert [i["IdentityName"] for i in identities["EmailIdentities"]] == ["mail.example.com"]
    assert marketing["DeliveryOptions"] == {
        "SendingPoolName": "marketing-pool",
        "TlsPolicy": "REQUIRE",
    }
    assert marketing["SuppressionOptions"] == {"SuppressedReasons": ["BOUNCE", "COMPLAINT"]}
    assert [d["Name"] for d in destinations["EventDestinations"]] == ["metrics"]
    assert identity["ConfigurationSetName"] == "transactional"
    assert by_step[-1]["ConfigurationSets"] == []


def _run(command: list[str], env: dict[str, str]) -> list[tuple[str, dict]]:
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    assert done.stdout, done.stderr
    return [tuple(json.loads(line)) for line in done.stdout.splitlines()]


def test_aws_cli_v1_runs_the_walkthrough(emulator):
    _require(AWS_CLI, "sdk-clients")
    _reset(emulator)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("AWS_")},
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_MAX_ATTEMPTS": "1",
    }
    python = AWS_CLI.parent / "python"
    # The point of this client: its botocore still sends the older list routes.
    routes = subprocess.run(
        [str(python), "-c", "import botocore.session as s; m = s.get_session()"
         ".get_service_model('sesv2'); print([m.operation_model(o).http['method'] + ' ' + "
         "m.operation_model(o).http['requestUri'] for o in ('ListConfigurationSets', "
         "'ListEmailIdentities')])"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert routes.strip() == str(["GET /v2/email/configuration-sets", "GET /v2/email/identities"])
    _check(_run([str(python), str(SDK_DIR / "walkthrough_cli.py"), emulator], env))


def test_javascript_sdk_v3_runs_the_walkthrough(emulator):
    _require(NODE_MODULES / "@aws-sdk" / "client-sesv2", "sdk-clients")
    _reset(emulator)
    env = {**os.environ, "ENDPOINT": emulator, "NODE_PATH": str(NODE_MODULES)}
    _check(_run(["node", str(SDK_DIR / "walkthrough.cjs")], env))
