"""Audit targets (regions × accounts reached through roles) concurrently, one report.

Each target: read the account (reader) → build the model (model.from_account) → DNS →
rules that apply to a live account → health from CloudWatch. A read that fails is an
info finding (SES020); the rules it feeds are "not checked" there (their findings would
rest on data that was not read, so they are dropped and listed in `summary.not_checked`).
A lane left unread, or nothing read at all, makes the report incomplete: exit 2.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from typing import Any

from ..config import Config
from ..errors import InputError
from ..findings import SEVERITIES, Finding, Report
from ..model.live import ReadFailure
from .bounds import DEFAULT_TIMEOUT, Deadline, DeadlinePassed, MalformedAnswer, guard
from .coverage import DNS_RULES, EVERY_RULE, IAM_RULES, LANE_RULES
from .redact import one_line, public_url
from .tenant_health import tenant_rows

# Regions and roles read at once: enough to hide latency, few enough to stay under the
# account's API rate (adaptive retries absorb the rest).
MAX_TARGETS = 4
RETRY_ATTEMPTS = 4  # the first try and three retries, per call
CONNECT_TIMEOUT = 5  # seconds, per attempt
READ_TIMEOUT = 20  # seconds without a byte, per attempt
# After the deadline, how long a read already on the wire may take to give up before the
# report is written without it (a reply trickling a byte a second never hits READ_TIMEOUT).
DEADLINE_GRACE = 1.0
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
    timeout: float = DEFAULT_TIMEOUT  # seconds for the whole audit; reads after it: not read
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
    not_checked: list[dict] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)  # lanes (or all) left unread: exit 2
    read_anything: bool = True
    tenants: list = field(default_factory=list)  # tenant_health.tenant_rows


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
    tenant_tables: list = field(default_factory=list)

    def health_text(self) -> str:
        from .health import render_table
        from .tenant_health import render_tenants

        return "".join(render_table(rows, label) for label, rows in self.health_tables) + "".join(
            render_tenants(rows, label) for label, rows in self.tenant_tables
        )


def audit(options: AuditOptions) -> AuditReport:
    """Audit every target; InputError (exit 2) when nothing can be read at all."""
    require("boto3", "sesguard audit")
    if options.dns:
        require("dns.resolver", "the DNS checks (or pass --no-dns)")
        from .dns_check import make_resolver

        make_resolver(options.dns_server)  # a bad --dns-server fails before any AWS call
    deadline = Deadline(options.timeout)
    config = options.config or Config.default()
    sessions, accounts, regions = connect(options, deadline)
    planned = None
    if options.plan is not None:
        from ..model import model_from_plan

        planned = model_from_plan(options.plan, config)
    targets = [(s, a, r) for s, a in zip(sessions, accounts, strict=True) for r in regions]
    pool = ThreadPoolExecutor(max_workers=min(MAX_TARGETS, len(targets)))
    futures = [
        pool.submit(_audit_target, *target, options, config, planned, deadline)
        for target in targets
    ]
    wait(futures, timeout=deadline.remaining() + DEADLINE_GRACE)
    # Not `with`: its exit would wait for a read still trickling in past the deadline.
    pool.shutdown(wait=False, cancel_futures=True)
    results = [
        future.result()
        if future.done() and not future.cancelled()
        else _unread_target(account, region, config, [_late(region, options.timeout)])
        for future, (_, account, region) in zip(futures, targets, strict=True)
    ]
    return _report(results)


def connect(options: AuditOptions, deadline: Deadline) -> tuple[list, list[str], list[str]]:
    """The sessions (one per role, else the base one), their account IDs and the regions;
    InputError (exit 2) when no credentials, role or endpoint can be used."""
    boto3 = require("boto3", "reading an account")
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError
    from botocore.parsers import ResponseParserError

    _check_endpoint_url(options.endpoint_url)
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
        else [_assume(base, arn, options, regions[0], deadline) for arn in options.role_arns]
    )
    accounts = []
    for session in sessions:
        sts = _client(session, "sts", regions[0], options, deadline, attempts=2)
        try:
            accounts.append(sts.get_caller_identity()["Account"])
        except NoCredentialsError:
            raise InputError(_no_credentials(options.endpoint_url)) from None
        except (BotoCoreError, ClientError, ResponseParserError, MalformedAnswer) as error:
            where = public_url(options.endpoint_url) if options.endpoint_url else "AWS"
            raise InputError(f"cannot reach {where}: {one_line(error)}") from None
        except DeadlinePassed as error:
            raise InputError(one_line(error)) from None
    return sessions, accounts, regions


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


def _late(region: str, seconds: float) -> ReadFailure:
    return ReadFailure(
        "sesguard",
        f"the audit's {seconds:g} s deadline (--timeout) passed before this region was read",
        "anything in this region",
        EVERY_RULE,
        fix="Run the audit again with a longer --timeout, or audit fewer regions at once.",
    )


def _check_endpoint_url(url: str | None) -> None:
    """A URL botocore would only refuse mid-request (a port out of range), as one line.
    The URL itself is not echoed: it may carry credentials."""
    if url is None:
        return
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as error:
        raise InputError(f"--endpoint-url: {error}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError("--endpoint-url: give http:// or https://, a host and maybe a port")


def _assume(base, role_arn: str, options: AuditOptions, region: str, deadline: Deadline):
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    sts = _client(base, "sts", region, options, deadline, attempts=2)
    try:
        creds = sts.assume_role(RoleArn=role_arn, RoleSessionName="sesguard-audit")["Credentials"]
    except (BotoCoreError, ClientError) as error:
        raise InputError(f"cannot assume role {role_arn}: {one_line(error)}") from None
    return boto3.Session(
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )


def _client(
    session, service: str, region: str, options: AuditOptions, deadline: Deadline, attempts=0
):
    from botocore.exceptions import BotoCoreError

    try:
        client = _new_client(session, service, region, options, attempts)
    except (BotoCoreError, ValueError) as error:  # a malformed region or endpoint URL
        raise InputError(one_line(error)) from None
    guard(client, deadline)
    if options.on_call is not None:
        from .reader import IAM_PREFIX

        prefix = IAM_PREFIX[service]

        def observe(model, **_):
            options.on_call(f"{prefix}:{model.name}")

        client.meta.events.register("before-call", observe)
    return client


def clients(
    session, region: str, options: AuditOptions, deadline: Deadline, services: tuple[str, ...]
) -> dict:
    """One bounded, retrying client per service (what `reader.Reader` reads through)."""
    return {s: _client(session, s, region, options, deadline) for s in services}


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
    session,
    account: str,
    region: str,
    options: AuditOptions,
    config: Config,
    planned,
    deadline: Deadline,
) -> TargetResult:
    from ..gate import run_rules
    from ..model import model_from_account
    from ..rules import LIVE_RULES
    from .reader import Reader, RegionUnavailable

    services = ("sesv2", "cloudwatch", "sns", *(("iam",) if options.iam else ()))
    reader = Reader(clients(session, region, options, deadline, services), account, region)
    try:
        snapshot = reader.snapshot()
        if options.iam:
            snapshot["iam_policies"] = reader.iam_policies()
    except RegionUnavailable as error:
        not_enabled = ReadFailure(
            "ses:ListConfigurationSets",
            f"SES is not available in {region} ({error})",
            "anything in this region",
            EVERY_RULE,
        )
        # SES answered (it is not enabled here): no lane exists to be left unread.
        return _unread_target(account, region, config, [*reader.failures, not_enabled], False)
    try:
        model = model_from_account(snapshot, config)
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        # Answers of a shape no rule can read that slipped past bounds.check_answer.
        return _unread_target(account, region, config, [_unusable(region, error)])
    live = model.live
    if options.dns:
        from .dns_check import check_dns, dns_failure

        live.dns = check_dns(
            live.identities, options.dns_server, options.dns_tcp, options.dns_timeout
        )
        live.failures.extend(filter(None, [dns_failure(live.dns)]))
    live.failures.extend(_skipped(options))
    live.planned = planned
    health = []
    if options.health and model.streams:
        from .health import read_health

        health = read_health(model, reader)
        live.failures.extend(f for f in reader.failures if f not in live.failures)
    live_ids = {rule.id for rule in LIVE_RULES}
    findings = [f for f in run_rules(model, live_ids) if not _unverified(f, live.failures)]
    streams = _streams(model)
    return TargetResult(
        account,
        region,
        findings,
        streams,
        health,
        len(model.resources),
        _not_checked(live.failures),
        _missed(live.failures),
        read_anything=reader.answered > 0,
        tenants=tenant_rows(model),
    )


def _unread_target(
    account: str, region: str, config: Config, failures: list[ReadFailure], unread=True
) -> TargetResult:
    """A target whose SES was not read: its SES020 findings, and (`unread`) exit 2."""
    from ..gate import run_rules
    from ..model import model_from_account
    from ..rules import LIVE_RULES

    model = model_from_account({"account": account, "region": region, "failures": failures})
    findings = list(run_rules(model, {rule.id for rule in LIVE_RULES}))
    missed = _missed(failures) if unread else []
    return TargetResult(
        account, region, findings, {}, [], 0, _not_checked(failures), missed, read_anything=False
    )


def _unusable(region: str, error: Exception) -> ReadFailure:
    return ReadFailure(
        "sesguard",
        f"the answers cannot be used ({type(error).__name__}: {one_line(error)})",
        f"anything in {region}",
        EVERY_RULE,
        fix="Audit the endpoint of the real API: this one answers in a shape SES never uses.",
    )


def _not_checked(failures: list[ReadFailure]) -> list[dict]:
    """Each failed or skipped read with the rules it leaves without a verdict, and where."""
    return [
        {
            "rules": list(f.unverified),
            "stream": f.stream,
            "address": f.address,
            "read": f.api,
            "reason": f.reason,
        }
        for f in failures
        if f.unverified
    ]


def _missed(failures: list[ReadFailure]) -> list[str]:
    """The reads that leave a lane (or every lane) unchecked, in words."""
    return [f"{f.what} ({f.api}: {f.reason})" for f in failures if LANE_RULES & set(f.unverified)]


def _streams(model) -> dict[str, Any]:
    return {
        name: {
            "class": stream.class_name,
            "class_source": stream.class_source,
            "configuration_sets": [str(s.name) for s in stream.sets],
        }
        for name, stream in sorted(model.streams.items())
    }


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
    tenants: list[dict] = []
    not_checked = []
    missed = []
    for result in results:
        label = f"{result.account} {result.region}"
        not_checked += [dict(entry, account=result.account, region=result.region)
                        for entry in result.not_checked]  # fmt: skip
        missed += [f"{label}: {what}" for what in result.missed]

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
        tenants.extend(dict(row, account=result.account, region=result.region)
                       for row in result.tenants)  # fmt: skip
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
        "tenants": tenants,
        "not_checked": not_checked,
    }
    if not any(r.read_anything for r in results):
        missed = missed or ["nothing: no read of any audited region was answered"]
    summary["incomplete"] = missed
    labels = [f" in {r.account} {r.region}" if several else "" for r in results]
    tables = [(label, r.health) for label, r in zip(labels, results, strict=True)]
    tenant_tables = [(label, r.tenants) for label, r in zip(labels, results, strict=True)]
    return AuditReport(findings, summary, tables, tenant_tables, incomplete=missed)
