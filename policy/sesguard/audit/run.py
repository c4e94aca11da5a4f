"""Audit targets (regions × accounts reached through roles) concurrently, one report.

Each target: read the account (reader) → build the model (model.from_account) → DNS →
rules that apply to a live account → health from CloudWatch. A read that fails is an
info finding (SES020) and the findings it would have made untrustworthy are dropped.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from ..config import Config
from ..errors import InputError
from ..findings import SEVERITIES, Finding, Report
from ..model.live import ReadFailure
from .coverage import DNS_RULES, EVERY_RULE, IAM_RULES
from .redact import one_line, public_url

# Regions and roles read at once: enough to hide latency, few enough to stay under the
# account's API rate (adaptive retries absorb the rest).
MAX_TARGETS = 4
RETRY_ATTEMPTS = 6
CONNECT_TIMEOUT = 5
READ_TIMEOUT = 30
INSTALL_HINT = "pip install 'sesguard[audit]'"


@dataclass
class AuditOptions:
    regions: list[str] = field(default_factory=list)
    profile: str | None = None
    role_arns: list[str] = field(default_factory=list)
    config: Config | None = None
    plan: dict | None = None
    dns: bool = True
    dns_server: str | None = None
    dns_tcp: bool = False
    dns_timeout: float = 3.0  # seconds per lookup
    endpoint_url: str | None = None
    health: bool = True
    iam: bool = False  # read IAM policies for send permissions (SES012)
    retry_attempts: int = RETRY_ATTEMPTS
    # Called with (IAM action, e.g. "ses:GetAccount") before every AWS call: lets a caller
    # (the policy test) see exactly which permissions an audit uses.
    on_call: Any = None


@dataclass
class TargetResult:
    account: str
    region: str
    findings: list[Finding]
    streams: dict[str, Any]
    health: list
    resources: int


def require(module: str, purpose: str):
    """Import an optional dependency, or one line naming the extra that installs it."""
    from importlib import import_module

    try:
        return import_module(module)
    except ImportError:
        raise InputError(
            f"{purpose} needs the Python package {module.split('.')[0]!r}: {INSTALL_HINT}"
        ) from None


@dataclass
class AuditReport(Report):
    """A report plus the health table of each target (label, rows), for the text format."""

    health_tables: list = field(default_factory=list)

    def health_text(self) -> str:
        from .health import render_table

        return "".join(render_table(rows, label) for label, rows in self.health_tables)


def audit(options: AuditOptions) -> AuditReport:
    """Audit every target; InputError (exit 2) when nothing can be read at all."""
    boto3 = require("boto3", "sesguard audit")
    if options.dns:
        require("dns.resolver", "the DNS checks (or pass --no-dns)")
        from .dns_check import make_resolver

        make_resolver(options.dns_server)  # a bad --dns-server fails before any AWS call
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

    config = options.config or Config.default()
    try:
        base = boto3.Session(profile_name=options.profile)
    except BotoCoreError as error:  # ProfileNotFound and friends
        raise InputError(str(error)) from None
    regions = options.regions or ([base.region_name] if base.region_name else [])
    if not regions:
        raise InputError("no region: pass --region (or set AWS_REGION / a profile region)")
    sessions = (
        [base]
        if not options.role_arns
        else [_assume(base, arn, options, regions[0]) for arn in options.role_arns]
    )
    accounts = []
    for session in sessions:
        sts = _client(session, "sts", regions[0], options, attempts=2)
        try:
            accounts.append(sts.get_caller_identity()["Account"])
        except NoCredentialsError:
            raise InputError(_no_credentials(options.endpoint_url)) from None
        except (BotoCoreError, ClientError) as error:
            where = public_url(options.endpoint_url) if options.endpoint_url else "AWS"
            raise InputError(f"cannot reach {where}: {one_line(error)}") from None
    planned = None
    if options.plan is not None:
        from ..model import model_from_plan

        planned = model_from_plan(options.plan, config)
    targets = [(s, a, r) for s, a in zip(sessions, accounts, strict=True) for r in regions]
    with ThreadPoolExecutor(max_workers=min(MAX_TARGETS, len(targets))) as pool:
        results = list(pool.map(lambda t: _audit_target(*t, options, config, planned), targets))
    return _report(results)


def _no_credentials(endpoint_url: str | None) -> str:
    if endpoint_url:
        # boto3 signs every request, an emulator's too; the emulator checks no key.
        return (
            f"no AWS credentials to sign requests to {public_url(endpoint_url)}: set "
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (the local emulator accepts any "
            "non-empty pair, e.g. local and local) or pass --profile"
        )
    return (
        "no AWS credentials: pass --profile, set AWS_ACCESS_KEY_ID and "
        "AWS_SECRET_ACCESS_KEY, or run where an instance or task role applies"
    )


def _assume(base, role_arn: str, options: AuditOptions, region: str):
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    sts = _client(base, "sts", region, options, attempts=2)
    try:
        creds = sts.assume_role(RoleArn=role_arn, RoleSessionName="sesguard-audit")["Credentials"]
    except (BotoCoreError, ClientError) as error:
        raise InputError(f"cannot assume role {role_arn}: {one_line(error)}") from None
    return boto3.Session(
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )


def _client(session, service: str, region: str, options: AuditOptions, attempts: int = 0):
    from botocore.exceptions import BotoCoreError

    try:
        client = _new_client(session, service, region, options, attempts)
    except (BotoCoreError, ValueError) as error:  # a malformed region or endpoint URL
        raise InputError(one_line(error)) from None
    if options.on_call is not None:
        from .reader import IAM_PREFIX

        prefix = IAM_PREFIX[service]

        def observe(model, **_):
            options.on_call(f"{prefix}:{model.name}")

        client.meta.events.register("before-call", observe)
    return client


def _new_client(session, service: str, region: str, options: AuditOptions, attempts: int):
    from botocore.config import Config as BotoConfig

    return session.client(
        service,
        region_name=region,
        endpoint_url=options.endpoint_url,
        config=BotoConfig(
            # Adaptive: retries throttling answers and slows this client's own rate.
            retries={"mode": "adaptive", "max_attempts": attempts or options.retry_attempts},
            connect_timeout=CONNECT_TIMEOUT,
            read_timeout=READ_TIMEOUT,
            max_pool_connections=16,
        ),
    )


def _audit_target(
    session, account: str, region: str, options: AuditOptions, config: Config, planned
) -> TargetResult:
    from ..gate import run_rules
    from ..model import model_from_account
    from ..rules import LIVE_RULES
    from .reader import Reader, RegionUnavailable

    services = ("sesv2", "cloudwatch", "sns", *(("iam",) if options.iam else ()))
    clients = {s: _client(session, s, region, options) for s in services}
    reader = Reader(clients, account, region)
    region_down = False
    try:
        snapshot = reader.snapshot()
        if options.iam:
            snapshot["iam_policies"] = reader.iam_policies()
    except RegionUnavailable as error:
        region_down = True
        snapshot = {
            "account": account,
            "region": region,
            "failures": reader.failures
            + [
                ReadFailure(
                    "ses:ListConfigurationSets",
                    f"SES is not available in {region} ({error})",
                    "anything in this region",
                    EVERY_RULE,
                )
            ],
        }
        options = replace(options, dns=False, health=False)
    model = model_from_account(snapshot, config)
    live = model.live
    if options.dns:
        from .dns_check import check_dns, dns_failure

        live.dns = check_dns(
            live.identities, options.dns_server, options.dns_tcp, options.dns_timeout
        )
        live.failures.extend(filter(None, [dns_failure(live.dns)]))
    if not region_down:  # with SES unreadable, notes on what was skipped would add nothing
        live.failures.extend(_skipped(options))
    live.planned = planned
    health = []
    if options.health and model.streams:
        from .health import read_health

        health = read_health(model, reader)
        live.failures.extend(f for f in reader.failures if f not in live.failures)
    live_ids = {rule.id for rule in LIVE_RULES}
    findings = [f for f in run_rules(model, live_ids) if not _unverified(f, live.failures)]
    streams = {
        name: {
            "class": stream.class_name,
            "class_source": stream.class_source,
            "configuration_sets": [str(s.name) for s in stream.sets],
        }
        for name, stream in sorted(model.streams.items())
    }
    return TargetResult(account, region, findings, streams, health, len(model.resources))


def _skipped(options: AuditOptions) -> list[ReadFailure]:
    """One note per check the options turned off: skipped is not passed."""
    notes = []
    if not options.dns:
        notes.append(
            ReadFailure(
                "DNS",
                "skipped (--no-dns)",
                "DKIM, MAIL FROM and DMARC records",
                DNS_RULES,
                fix="Run the audit without --no-dns (--dns-server names a resolver).",
            )
        )
    if not options.iam:
        notes.append(
            ReadFailure(
                "IAM",
                "skipped (no --iam)",
                "the send permissions of IAM policies",
                IAM_RULES,
                fix="Run the audit with --iam (it reads every role's inline policies).",
            )
        )
    return notes


def _unverified(finding: Finding, failures: list[ReadFailure]) -> bool:
    """A finding a failed read makes untrustworthy (the read's info finding stays)."""
    return any(
        finding.rule in f.unverified and (f.stream is None or f.stream == finding.stream)
        for f in failures
    )


def _report(results: list[TargetResult]) -> AuditReport:
    """One report; with several targets, each stream is labelled with account and region."""
    several = len(results) > 1
    findings: list[Finding] = []
    streams: dict[str, Any] = {}
    targets = []
    health = []
    for result in results:
        label = f"{result.account} {result.region}"

        def named(stream: str | None, label=label) -> str | None:
            if not several:
                return stream
            return f"{label}: {stream}" if stream else label

        findings.extend(replace(f, stream=named(f.stream)) for f in result.findings)
        streams.update({named(k): v for k, v in result.streams.items()})
        rows = [
            dict(row.to_dict(), account=result.account, region=result.region)
            for row in result.health
        ]
        health.extend(rows)
        targets.append(
            {
                "account": result.account,
                "region": result.region,
                "streams": sorted(result.streams),
                "findings": len(result.findings),
            }
        )
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (f.stream or "~", order[f.severity], f.rule, f.address or ""))
    counts = Counter(f.severity for f in findings)
    summary = {
        "errors": counts["error"],
        "warnings": counts["warning"],
        "info": counts["info"],
        "streams": streams,
        "resources": sum(r.resources for r in results),
        "targets": targets,
        "health": sorted(health, key=lambda row: -row["closeness_to_limit"]),
    }
    tables = [(f" in {r.account} {r.region}" if several else "", r.health) for r in results]
    return AuditReport(findings, summary, tables)
