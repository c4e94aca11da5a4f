"""`sesguard audit`: the options, and the report written like `sesguard check` writes it."""

from __future__ import annotations

import argparse
import sys

from .bounds import DEFAULT_TIMEOUT


def add_parser(sub) -> None:
    from ..arguments import add_command, baseline_options, epilog, report_options
    from ..inputs import add_max_input_option
    from ..report import FORMATS

    audit = add_command(
        sub,
        "audit",
        "check a live SES account (needs sesguard[audit])",
        "Check a live SES account: the gate's lane rules plus verification, DNS, "
        "enforcement, dedicated IPs and per-stream health. Credentials as the AWS CLI "
        "finds them; the local emulator takes any non-empty key pair.",
        epilog=epilog(
            "  sesguard audit --region eu-west-1\n"
            "  sesguard audit --profile prod --region eu-west-1 --plan plan.json\n"
            "  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local sesguard audit \\\n"
            "    --endpoint-url http://127.0.0.1:4566 --region us-east-1 --no-dns",
            "no credentials, the endpoint down, a role not assumable, boto3 missing, or a "
            "bad option",
        ),
    )
    audit.add_argument(
        "--region", action="append", default=[], help="region to audit (repeat for several)"
    )
    who = audit.add_mutually_exclusive_group()
    who.add_argument("--profile", help="AWS profile of the credentials to use")
    who.add_argument(
        "--role-arn",
        action="append",
        default=[],
        help="role to assume, one account each (repeat for several)",
    )
    audit.add_argument("--config", help="gate config (TOML): streams, classes, account facts")
    audit.add_argument(
        "--plan", help="plan JSON (terraform show -json): report where the account drifted"
    )
    report_options(audit, FORMATS)
    baseline_options(audit)
    dns = audit.add_mutually_exclusive_group()
    dns.add_argument("--no-dns", action="store_true", help="skip the DNS checks")
    dns.add_argument("--dns-server", metavar="HOST[:PORT]", help="resolver for the DNS checks")
    audit.add_argument("--dns-tcp", action="store_true", help="ask the resolver over TCP")
    audit.add_argument(
        "--iam", action="store_true", help="also read IAM policies for send permissions (SES012)"
    )
    audit.add_argument(
        "--no-health", action="store_true", help="skip the per-stream CloudWatch health table"
    )
    audit.add_argument("--endpoint-url", help="SES-compatible endpoint, e.g. the local emulator")
    add_max_input_option(audit)
    audit.add_argument(
        "--timeout",
        type=seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"deadline of the whole audit; what is not read by then is reported as not read "
        f"and the audit exits 2 (default {DEFAULT_TIMEOUT})",
    )


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 86_400:  # NaN fails too
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds from 0 to 86400")
    return value


def run(args: argparse.Namespace) -> int:
    from ..cli import read_baseline, settle_report, write_report
    from ..report import render
    from .run import AuditOptions, audit

    config = plan = None
    if args.config:
        from ..config import load_config

        config = load_config(args.config)
    if args.plan:
        from ..inputs import MIB
        from ..plan import load_plan

        plan = load_plan(args.plan, args.max_input_mib * MIB)
    baseline = read_baseline(args)
    report = audit(
        AuditOptions(
            regions=args.region,
            profile=args.profile,
            role_arns=args.role_arn,
            config=config,
            plan=plan,
            dns=not args.no_dns,
            dns_server=args.dns_server,
            dns_tcp=args.dns_tcp,
            endpoint_url=args.endpoint_url,
            health=not args.no_health,
            iam=args.iam,
            timeout=args.timeout,
        )
    )
    report = settle_report(report, config, args, baseline)
    source = ", ".join(f"{t['account']} {t['region']}" for t in report.summary.targets)
    text = render(report, args.format, f"account {source}")
    if args.format == "text":
        text += report.health_text()
    write_report(text, args.output, report)
    if report.incomplete:
        print(f"sesguard: audit incomplete: {_missed_line(report.incomplete)}", file=sys.stderr)
    return report.exit_code


def _missed_line(missed: list[str], shown: int = 3) -> str:
    """What was not read, on one line (the report lists every item)."""
    more = f"; and {len(missed) - shown} more (see the report)" if len(missed) > shown else ""
    return "not read: " + "; ".join(missed[:shown]) + more
