"""What the end-to-end test of envs/local reads: the emulator's non-SES leftovers, the plan's
streams and resources, and `sesguard audit` of the emulator account as JSON."""

from __future__ import annotations

import json

import boto3


def client(emulator: str, service: str):
    return boto3.client(
        service,
        endpoint_url=emulator,
        region_name="us-east-1",
        aws_access_key_id="t",
        aws_secret_access_key="t",
    )


# Plan resource type -> the kind of leftover `remaining` lists for it.
LEFTOVER_KINDS = {
    "aws_sns_topic": "topics",
    "aws_cloudwatch_dashboard": "dashboards",
    "aws_kms_key": "kms keys not pending deletion",
    "aws_kms_alias": "kms aliases",
    "aws_iam_role": "iam roles",
    "aws_iam_policy": "iam policies",
}


def remaining(emulator: str) -> dict[str, list[str]]:
    """Non-SES things the stack may have left in the emulator, by kind."""
    sns, cloudwatch = client(emulator, "sns"), client(emulator, "cloudwatch")
    kms, iam = client(emulator, "kms"), client(emulator, "iam")
    return {
        "topics": [t["TopicArn"] for t in sns.list_topics()["Topics"]],
        "dashboards": [
            d["DashboardName"] for d in cloudwatch.list_dashboards()["DashboardEntries"]
        ],
        # KMS keys can only be scheduled for deletion, never removed at once.
        "kms keys not pending deletion": [
            key["KeyId"]
            for key in kms.list_keys()["Keys"]
            if kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] != "PendingDeletion"
        ],
        "kms aliases": [
            a["AliasName"]
            for a in kms.list_aliases()["Aliases"]
            if not a["AliasName"].startswith("alias/aws/")  # AWS-managed, not ours
        ],
        "iam roles": [r["RoleName"] for r in iam.list_roles()["Roles"]],
        "iam policies": [p["PolicyName"] for p in iam.list_policies(Scope="Local")["Policies"]],
    }


def streams_by_class(plan: dict) -> dict[str, str]:
    """class tag -> configuration set name, from the plan (the module tags each set)."""
    return {
        rc["change"]["after"]["tags"]["class"]: rc["change"]["after"]["configuration_set_name"]
        for rc in plan["resource_changes"]
        if rc["type"] == "aws_sesv2_configuration_set"
    }


def planned(plan: dict, resource_type: str) -> list[dict]:
    return [rc["change"]["after"] for rc in plan["resource_changes"] if rc["type"] == resource_type]


def audit(emulator: str, plan: dict, tmp_path, monkeypatch) -> tuple[int, list[tuple], dict]:
    """`sesguard audit --plan` of the emulator account: (exit code, sorted (rule, stream,
    severity) of every finding that is not a note about what could not be read, set →
    whether its alarms would pause it)."""
    from sesguard.cli import main

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "e2e")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "e2e")
    plan_file, out = tmp_path / "plan.json", tmp_path / "audit.json"
    plan_file.write_text(json.dumps(plan))
    code = main(["audit", "--endpoint-url", emulator, "--region", "us-east-1", "--no-dns",
                 "--plan", str(plan_file), "--format", "json", "--output", str(out)])  # fmt: skip
    report = json.loads(out.read_text())
    pauses = {name: pause["would_pause"] for stream in report["summary"]["streams"].values()
              for name, pause in stream["automatic_pause"].items()}  # fmt: skip
    return code, sorted((f["rule"], f["stream"], f["severity"]) for f in report["findings"]
                        if f["rule"] != "SES020"), pauses  # fmt: skip
