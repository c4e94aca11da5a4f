"""`sesguard audit` as a command: the optional dependency, every report format, the
rule catalogue."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from live_account import REGION
from sesguard.cli import main

SARIF_SCHEMA = Path(__file__).resolve().parents[1] / "gate" / "data" / "sarif-schema-2.1.0.json"


def test_without_boto3_the_audit_says_so_in_one_line():
    # sys.modules[name] = None makes `import boto3` fail as if it were not installed.
    code = (
        "import sys; sys.modules['boto3'] = None; from sesguard.cli import main; "
        "sys.exit(main(['audit', '--region', 'us-east-1']))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == (
        "sesguard: sesguard audit needs the Python package 'boto3': pip install 'sesguard[audit]'\n"
    )


def test_every_format_reports_a_broken_account(clients, zone, emulator, tmp_path):
    clients["sesv2"].put_configuration_set_suppression_options(
        ConfigurationSetName="transactional", SuppressedReasons=["BOUNCE", "COMPLAINT"]
    )
    argv = ["audit", "--endpoint-url", emulator, "--region", REGION, "--no-dns"]
    for fmt in ("text", "json", "junit", "sarif", "markdown"):
        out = tmp_path / f"report.{fmt}"
        assert main([*argv, "--format", fmt, "--output", str(out)]) == 1, fmt
        text = out.read_text()
        assert "SES004" in text and "configuration-set/transactional" in text, fmt
        if fmt == "sarif":
            jsonschema.validate(json.loads(text), json.loads(SARIF_SCHEMA.read_text()))


def test_the_rule_catalogue_lists_the_live_rules_and_where_each_applies(capsys):
    assert main(["rules"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    live = [f"SES0{n}" for n in [*range(20, 32), *range(33, 37)]]
    # then the scan's tenants, the plan's pause wiring, the scan's own (coverage, suppressions)
    assert listed[-21:] == [*live, "SES037", "SES038", "SES040", "SES041", "SES042"]
    assert main(["rules", "SES025"]) == 0
    assert "Applies to: live" in capsys.readouterr().out
    assert main(["rules", "SES004"]) == 0
    assert "Applies to: plan, live" in capsys.readouterr().out


def test_the_gate_runs_without_the_audit_dependencies():
    # The gate's core is standard library only: boto3, botocore and dnspython are absent.
    code = (
        "import sys\n"
        "for name in ('boto3', 'botocore', 'dns'): sys.modules[name] = None\n"
        "from sesguard.cli import main\n"
        "sys.exit(main(['rules', 'SES004']))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize(
    "argv",
    [
        ["--profile", "p", "--role-arn", "arn:aws:iam::1:role/r"],
        ["--no-dns", "--dns-server", "127.0.0.1"],
        ["--format", "xml"],
        ["--region", "a_b!"],
        ["--region", "us-east-1", "--endpoint-url", "notaurl"],
        ["--region", "us-east-1", "--profile", "no-such-profile"],
        ["--region", "us-east-1", "--role-arn", "not-an-arn"],
        ["--region", "us-east-1", "--plan", "/no/such/plan.json"],
        ["--region", "us-east-1", "--dns-server", "127.0.0.1:99999"],
    ],
)
def test_conflicting_or_bad_options_are_one_line_and_exit_2(argv, capsys):
    assert main(["audit", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sesguard: ") and err.count("\n") == 1
