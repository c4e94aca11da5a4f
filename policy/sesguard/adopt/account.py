"""Reading the account for adoption: the audit's reader and model, fail-closed.

A root written from a partial read would leave out what was not read, and its first plan
could not be trusted: any SES or CloudWatch read that fails ends adopt with exit 2.
"""

from __future__ import annotations

from ..errors import InputError
from ..findings import Finding
from ..model.entities import Model

# SNS reads only tell whether alarm topics exist: adoption writes nothing from them.
NOT_NEEDED = ("sns:",)


def read_account(options) -> tuple[dict, Model, list[Finding]]:
    from ..audit.bounds import DEFAULT_TIMEOUT, Deadline
    from ..audit.connect import AuditOptions, clients, connect
    from ..audit.reader import Reader, RegionUnavailable
    from ..audit.redact import one_line
    from ..gate import run_rules
    from ..model import model_from_account
    from ..rules import LIVE_RULES

    audit_options = AuditOptions(
        regions=[options.region] if options.region else [],
        profile=options.profile,
        role_arns=[options.role_arn] if options.role_arn else [],
        endpoint_url=options.endpoint_url,
        dns=False,
        health=False,
        timeout=options.timeout or DEFAULT_TIMEOUT,
    )
    deadline = Deadline(audit_options.timeout)
    sessions, accounts, regions = connect(audit_options, deadline)
    session, account, region = sessions[0], accounts[0], regions[0]
    services = ("sesv2", "cloudwatch", "sns")
    reader = Reader(clients(session, region, audit_options, deadline, services), account, region)
    try:
        snapshot = reader.snapshot()
    except RegionUnavailable as error:
        raise InputError(f"SES is not available in {region}: {error}") from None
    failed = [f for f in reader.failures if not f.api.startswith(NOT_NEEDED)]
    if failed:
        shown = "; ".join(f"{f.what} ({f.api}: {f.reason})" for f in failed[:3])
        more = f"; and {len(failed) - 3} more" if len(failed) > 3 else ""
        raise InputError(f"account not fully read, nothing written: {shown}{more}")
    try:
        model = model_from_account(snapshot)
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise InputError(f"the account's answers cannot be used: {one_line(error)}") from None
    findings = list(run_rules(model, {rule.id for rule in LIVE_RULES}))
    return snapshot, model, findings
