"""docs/audit-policy.json grants every API call an audit makes: the calls are recorded
with botocore's event hooks during real audits (one account; several through roles)."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
from live_account import REGION, sender_role, ses_arn
from sesguard.audit import AuditOptions, audit

POLICY = Path(__file__).resolve().parents[2] / "docs" / "audit-policy.json"


def _granted() -> set[str]:
    document = json.loads(POLICY.read_text())
    return {
        action
        for statement in document["Statement"]
        if statement["Effect"] == "Allow"
        for action in statement["Action"]
    }


def sesv2_client(emulator: str):
    """An SES v2 client on the emulator as it is (the shared account stays)."""
    return boto3.client("sesv2", endpoint_url=emulator, region_name=REGION)


def _calls(**options) -> set[str]:
    seen: set[str] = set()
    audit(AuditOptions(regions=[REGION], on_call=seen.add, **options))
    return seen


def test_the_policy_grants_every_call_of_a_full_audit(emulator, dns_server):
    sender_role(emulator, "sender", inline=True)  # so that every IAM read has work
    # ... and every tenant read (a tenant holding a set, policy and status unchanged).
    ses = sesv2_client(emulator)
    ses.create_tenant(TenantName="transactional")
    ses.create_tenant_resource_association(
        TenantName="transactional", ResourceArn=ses_arn("configuration-set", "transactional")
    )
    seen = _calls(endpoint_url=emulator, dns_server=dns_server.address, iam=True)
    assert seen - _granted() == set()
    # A full audit uses everything the policy grants but AssumeRole: nothing stale in it.
    assert _granted() - seen == {"sts:AssumeRole"}


def test_the_policy_grants_the_calls_of_an_audit_through_roles(emulator, shared_account):
    role = "arn:aws:iam::123456789012:role/sesguard-audit"
    seen = _calls(endpoint_url=emulator, dns=False, role_arns=[role])
    assert "sts:AssumeRole" in seen
    assert seen - _granted() == set()


def test_the_policy_grants_only_reads():
    writes = [
        action
        for action in _granted() - {"sts:AssumeRole"}
        if not action.split(":")[1].startswith(("Get", "List", "Describe"))
    ]
    assert writes == []
