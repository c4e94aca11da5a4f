"""Running `sesguard audit` from tests, and reading its JSON report."""

from __future__ import annotations

import json
from pathlib import Path

from botocore.exceptions import ClientError
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


def emulator_lacks_dedicated_ips(sesv2) -> bool:
    """Whether this emulator answers GetDedicatedIps with NotImplemented (older builds)."""
    try:
        sesv2.get_dedicated_ips()
    except ClientError as error:
        return error.response["Error"]["Code"] == "NotImplementedException"
    return False
