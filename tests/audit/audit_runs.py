"""Running `sesguard audit` from tests, reading its JSON report, and clients on a reset emulator."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import boto3
from botocore.config import Config
from live_account import ACCOUNT, REGION
from sesguard.cli import main


def run_audit(endpoint: str, *args: str, tmp_path: Path) -> tuple[int, dict]:
    """`sesguard audit --format json` in-process: (exit code, the JSON report or {})."""
    out = tmp_path / "audit.json"
    out.unlink(missing_ok=True)
    code = main(
        ["audit", "--endpoint-url", endpoint, "--region", REGION, "--format", "json",
         "--output", str(out), *args]
    )  # fmt: skip
    return code, json.loads(out.read_text()) if out.exists() else {}


def keys(report: dict, *, severity: str | None = None) -> set[tuple[str, str | None]]:
    """The (rule, address) of every finding, optionally of one severity."""
    return {
        (f["rule"], f["address"])
        for f in report["findings"]
        if severity is None or f["severity"] == severity
    }


def account_arn() -> str:
    return f"arn:aws:ses:{REGION}:{ACCOUNT}:account"


def reset_clients(emulator: str) -> dict:
    """boto3 clients on a freshly reset emulator."""
    reset(emulator)
    return emulator_clients(emulator)


def emulator_clients(emulator: str) -> dict:
    """boto3 clients of the emulator (no retries: errors surface at once)."""
    return {
        service: boto3.client(
            service,
            endpoint_url=emulator,
            region_name=REGION,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            config=Config(retries={"max_attempts": 1}),
        )
        for service in ("sesv2", "cloudwatch", "sns", "sts", "events", "stepfunctions")
    }


def reset(emulator: str) -> None:
    """The emulator back to an empty account, its clock to wall time."""
    urllib.request.urlopen(urllib.request.Request(f"{emulator}/moto-api/reset", method="POST"))
