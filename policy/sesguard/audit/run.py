"""Audit targets (regions × accounts reached through roles) concurrently, one report.

Each target: read the account (reader) → build the model (model.from_account) → DNS →
rules that apply to a live account → health from CloudWatch. A read that fails is an
info finding (SES020); the rules it feeds are "not checked" there (their findings would
rest on data that was not read, so they are dropped and listed in `summary.not_checked`).
A lane left unread, or nothing read at all, makes the report incomplete: exit 2.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from typing import Any

from ..config import Config
from ..findings import SEVERITIES, Finding, PlanSummary, Report
from ..model.live import ReadFailure
from ..model.pause_wiring import pause_verdict
from .bounds import Deadline
from .connect import AuditOptions, clients, connect, require
from .coverage import DNS_RULES, EVERY_RULE, IAM_RULES, LANE_RULES
from .redact import one_line
from .tenant_health import tenant_rows

# Regions and roles read at once: enough to hide latency, few enough to stay under the
# account's API rate (adaptive retries absorb the rest).
MAX_TARGETS = 4
# After the deadline, how long a read already on the wire may take to give up before the
# report is written without it (a reply trickling a byte a second never hits READ_TIMEOUT).
DEADLINE_GRACE = 1.0


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


@dataclass(frozen=True)
class AuditSummary(PlanSummary):
    """The plan's summary of streams and resources, and what only an account shows."""

    targets: list[dict] = field(default_factory=list)  # account, region, streams, findings
    health: list[dict] = field(default_factory=list)  # one row per stream, closest first
    tenants: list[dict] = field(default_factory=list)
    not_checked: list[dict] = field(default_factory=list)  # read, where, rules left unjudged
    incomplete: list[str] = field(default_factory=list)


@dataclass
class AuditReport(Report):
    """A report plus the health table of each target (label, rows), for the text format."""

    health_tables: list = field(default_factory=list)
    tenant_tables: list = field(default_factory=list)
    applies_to: str = field(default="live", kw_only=True)

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


def _late(region: str, seconds: float) -> ReadFailure:
    return ReadFailure(
        "sesguard",
        f"the audit's {seconds:g} s deadline (--timeout) passed before this region was read",
        "anything in this region",
        EVERY_RULE,
        fix="Run the audit again with a longer --timeout, or audit fewer regions at once.",
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
    from ..model import model_from_account
    from .read_pause import PAUSE_SERVICES
    from .reader import Reader, RegionUnavailable

    services = ("sesv2", "cloudwatch", "sns", *PAUSE_SERVICES, *(("iam",) if options.iam else ()))
    reader = Reader(clients(session, region, options, deadline, services), account, region)
    try:
        snapshot = read_snapshot(reader, options)
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
    finish_reads(snapshot, live, options)
    live.planned = planned
    health = []
    if options.health and model.streams:
        from .health import read_health

        health = read_health(model, reader)
        live.failures.extend(f for f in reader.failures if f not in live.failures)
    findings = live_findings(model)
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


def read_snapshot(reader, options: AuditOptions) -> dict:
    """What the reader reads of its target (IAM with --iam). Raises RegionUnavailable."""
    snapshot = reader.snapshot()
    if options.iam:
        snapshot["iam_policies"] = reader.iam_policies()
    return snapshot


def finish_reads(snapshot: dict, live, options: AuditOptions) -> None:
    """The DNS answers and the checks the options skipped, into the live facts and into the
    snapshot, which then builds this same model again (tests/audit/fixtures keep some)."""
    if options.dns:
        from .dns_check import check_dns, dns_failure

        live.dns = check_dns(
            live.identities, options.dns_server, options.dns_tcp, options.dns_timeout
        )
        live.failures.extend(filter(None, [dns_failure(live.dns)]))
    live.failures.extend(_skipped(options))
    snapshot["dns"], snapshot["failures"] = live.dns, list(live.failures)


def live_findings(model) -> list[Finding]:
    """The live rules' findings on a model of an account, less those a failed read leaves
    unverified (the read's own SES020 finding stays)."""
    from ..gate import run_rules
    from ..rules import LIVE_RULES

    found = run_rules(model, {rule.id for rule in LIVE_RULES})
    return [f for f in found if not _unverified(f, model.live.failures)]


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
            # Whether each set's alarms turn its sending off, and the link missing if not.
            "automatic_pause": {
                str(s.name): {"would_pause": pause_verdict(s), "missing": s.pause_gap}
                for s in stream.sets
            },
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
    if not any(r.read_anything for r in results):
        missed = missed or ["nothing: no read of any audited region was answered"]
    summary = AuditSummary(
        streams=streams,
        resources=sum(r.resources for r in results),
        targets=targets,
        health=sorted(health, key=lambda row: -row["closeness_to_limit"]),
        tenants=tenants,
        not_checked=not_checked,
        incomplete=missed,
    )
    labels = [f" in {r.account} {r.region}" if several else "" for r in results]
    tables = [(label, r.health) for label, r in zip(labels, results, strict=True)]
    tenant_tables = [(label, r.tenants) for label, r in zip(labels, results, strict=True)]
    return AuditReport(findings, summary, tables, tenant_tables, incomplete=missed)
