"""`sesguard audit`: the same lane checks as the plan gate, run against a live SES account.

Needs boto3 (and dnspython for the DNS checks): `pip install 'sesguard[audit]'`. The gate's
core never imports this package, so it stays standard-library only.

- `reader`: boto3 reads of one account and region → a plain snapshot (failed reads kept).
- `dns_check`: the DKIM, MAIL FROM and DMARC records of every identity (dnspython).
- `health`: per-stream send, bounce and complaint counts and rates from CloudWatch.
- `run`: targets (regions × roles) read concurrently, rules run per target, one report.
"""

from __future__ import annotations

from .run import AuditOptions, audit

__all__ = ["AuditOptions", "audit"]
