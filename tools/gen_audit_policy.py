#!/usr/bin/env python3
"""Write docs/audit-policy.json, the read-only IAM policy `sesguard audit` needs, from the
reads the reader declares (`make docs`): a new read's calls are granted without a hand edit.

`--check` exits 1 when the page is stale; tests/audit/test_policy.py proves the policy grants
every call of real audits and nothing they do not make.
"""

from __future__ import annotations

import json
import sys
from itertools import groupby
from pathlib import Path

from doc_blocks import regenerate

POLICY = Path(__file__).resolve().parent.parent / "docs" / "audit-policy.json"
# How the audit connects (audit/connect.py), not a read: who it is, and the roles it assumes
# with --role-arn (the name docs/audit.md asks each audited account to create).
CONNECT = [
    {"Sid": "SesguardAuditWhoAmI", "Effect": "Allow", "Action": ["sts:GetCallerIdentity"],
     "Resource": "*"},
    {"Sid": "SesguardAuditOtherAccounts", "Effect": "Allow", "Action": ["sts:AssumeRole"],
     "Resource": "arn:aws:iam::*:role/sesguard-audit"},
]  # fmt: skip


def policy() -> dict:
    from sesguard.audit.coverage import READ_ACTIONS

    def prefix(action: str) -> str:
        return action.partition(":")[0]

    reads = [
        {
            "Sid": f"SesguardAuditRead{service.capitalize()}",
            "Effect": "Allow",
            "Action": list(actions),
            "Resource": "*",
        }
        for service, actions in groupby(READ_ACTIONS, key=prefix)
    ]
    return {"Version": "2012-10-17", "Statement": [*reads, *CONNECT]}


def render(_: str) -> str:
    return json.dumps(policy(), indent=2) + "\n"


def main(argv: list[str]) -> int:
    return regenerate(POLICY, render, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
