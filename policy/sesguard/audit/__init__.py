"""`sesguard audit`: the same lane checks as the plan gate, run against a live SES account.

Needs boto3 (and dnspython for the DNS checks): `pip install 'sesguard[audit]'`. The gate's
core never imports this package, so it stays standard-library only.

- `reader`: boto3 reads of one account and region → a plain snapshot (failed reads kept).
- `dns_check`: the DKIM, MAIL FROM and DMARC records of every identity (dnspython).
- `health`: per-stream send, bounce and complaint counts and rates from CloudWatch.
- `run`: targets (regions × roles) read concurrently, rules run per target, one report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .run import AuditOptions, audit

__all__ = ["AuditOptions", "audit"]


def __getattr__(name: str):
    # Imported when used: `sesguard check` builds the audit's argument parser from
    # audit.cli, and must not pay for the runner's threads and logging to do so.
    if name in __all__:
        from . import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
