"""`sesguard check PLAN`, `scan PATH…`, `summary PLAN`, `audit`, `adopt`, `rules [ID]`: a
thin shell.

Exit codes: 0 no error finding, 1 error findings, 2 unusable input or
arguments — then exactly one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import TYPE_CHECKING

from .errors import InputError
from .inputs import MIB, add_max_input_option, positive_int

if TYPE_CHECKING:
    from .findings import Report

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse prints usage + message: make it one line
        raise InputError(f"{message} (see --help)")


def epilog(examples: str, input_errors: str) -> str:
    """A subcommand's --help ends with examples and its exit codes (shown as written)."""
    return (
        f"examples:\n{examples}\n\n"
        "exit codes:\n"
        "  0  no error finding (warnings and info do not fail)\n"
        "  1  at least one error finding\n"
        "  2  unusable input, one line on stderr and never a traceback:\n"
        f"     {input_errors}\n"
    )


def add_command(sub, name: str, summary: str, description: str, **options):
    """A subcommand: a one-line summary for `sesguard --help`, a description for its own."""
    return sub.add_parser(
        name,
        help=summary,
        description=description,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        **options,
    )


def _parser() -> argparse.ArgumentParser:
    from . import __version__
    from .report import FORMATS

    parser = _Parser(
        prog="sesguard",
        description="Amazon SES stream isolation: gate a Terraform plan, scan code, audit and "
        "adopt an account.",
        epilog="`sesguard COMMAND --help` shows a command's options, examples and exit codes.",
    )
    parser.add_argument("--version", action="version", version=f"sesguard {__version__}")
    sub = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser, metavar="COMMAND"
    )
    check = add_command(
        sub,
        "check",
        "gate a Terraform plan (terraform show -json)",
        "Check a plan's SES resources against the stream-isolation rules.",
        epilog=epilog(
            "  terraform show -json tfplan > plan.json && sesguard check plan.json\n"
            "  sesguard check plan.json --config sesguard.toml\n"
            "  sesguard check plan.json --format sarif --output gate.sarif "
            "--source-root envs/production\n"
            "  terraform show -json tfplan | sesguard check -",
            "a file that is not a usable plan or config, or a bad option",
        ),
    )
    check.add_argument("plan", help="plan JSON file, or - for stdin")
    check.add_argument(
        "--config", help="gate config (TOML): streams, classes, account facts, waivers"
    )
    report_options(check, FORMATS)
    baseline_options(check)
    add_max_input_option(check)
    check.add_argument(
        "--source-root",
        metavar="DIR",
        help="the Terraform root module's dir (e.g. envs/production): SARIF results then "
        "point at the .tf line declaring each resource",
    )
    scan = add_command(
        sub,
        "scan",
        "find SES sends in code that escape their lane",
        "Find SES sends in Python, JS/TS, Go, Java, PHP, Ruby and C# code that escape their "
        "stream's lane (no configuration set, the v1 API, an unknown set name), with semgrep.",
        epilog=epilog(
            "  sesguard scan src/\n"
            "  sesguard scan src/ --plan plan.json   # set names checked against the plan's\n"
            "  sesguard scan src/ --tenants marketing,transactional   # every send names one\n"
            "  sesguard scan . --exclude 'tests/fixtures' --format sarif --output scan.sarif",
            "a path that does not exist or holds no source file, no semgrep, or a bad option",
        ),
    )
    scan.add_argument("paths", nargs="+", metavar="PATH", help="source files or directories")
    scan.add_argument("--plan", help="plan JSON: its configuration sets are the known names")
    scan.add_argument("--config", help="gate config (TOML): its streams' sets are known names")
    scan.add_argument(
        "--tenants",
        metavar="NAME[,NAME…]",
        help="the account's SES tenants: sends must name one (SES037) that exists (SES038)",
    )
    report_options(scan, FORMATS)
    add_max_input_option(scan)
    scan.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="skip paths (relative to the scanned root) matching GLOB; repeatable",
    )
    scan.add_argument(
        "--max-file-size",
        type=positive_int,
        metavar="BYTES",
        help="larger files are not analysed, each a SES041 warning (default: semgrep's 1 MB)",
    )
    scan.add_argument(
        "--timeout",
        type=positive_int,
        metavar="SECONDS",
        help="stop semgrep after this long and exit 2 (default: 10 minutes)",
    )
    scan.add_argument(
        "--semgrep",
        metavar="PATH",
        help="the semgrep executable (default: $SESGUARD_SEMGREP, the checkout's "
        ".venv-semgrep, then PATH)",
    )
    summary = add_command(
        sub,
        "summary",
        "a reviewer's table of a plan, one row per stream",
        "A reviewer's table of a plan: per stream its pool, suppression, TLS, destinations, "
        "alarm thresholds (in %) and routes; identities; resource counts. Exit 0, or 2 on "
        "a file that is not a usable plan.",
    )
    summary.add_argument("plan", help="plan JSON file, or - for stdin")
    summary.add_argument(
        "--config", help="gate config (TOML): stream classes as the gate sees them"
    )
    summary.add_argument("--title", help="the first line's label (default: the plan file's name)")
    add_max_input_option(summary)
    from .audit.cli import add_parser as add_audit_parser

    add_audit_parser(sub)
    from .adopt.cli import add_parser as add_adopt_parser

    add_adopt_parser(sub)
    rules = add_command(
        sub,
        "rules",
        "list the rules, or explain one",
        "List every rule (ID, severity, summary), or explain one: why, fix, docs.",
    )
    rules.add_argument("id", nargs="?", help="a rule ID such as SES004")
    return parser


def report_options(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    """`check`, `scan` and `audit` report alike."""
    parser.add_argument(
        "--format",
        choices=formats,
        default="text",
        metavar="FORMAT",
        help=f"report format: {', '.join(formats)} (default: text)",
    )
    parser.add_argument("--output", help="write the report here instead of stdout")


def baseline_options(parser: argparse.ArgumentParser) -> None:
    """`check` and `audit`: accept today's findings, fail only on new ones."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--baseline",
        metavar="FILE",
        help="fail only on findings not in FILE (written by --write-baseline)",
    )
    group.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record every finding of this run in FILE; they are then reported as baseline",
    )


def read_baseline(args: argparse.Namespace):
    """The --baseline file, read before the run so a bad one costs nothing (exit 2)."""
    if not getattr(args, "baseline", None):
        return None
    from .baseline import load_baseline

    return load_baseline(args.baseline)


def settle_report(report: Report, config, args: argparse.Namespace, baseline=None) -> Report:
    """Apply the config's waivers and the baseline (read, or written now from this run)."""
    from .suppress import settle

    if getattr(args, "write_baseline", None):
        if report.incomplete:  # what was not read is not known, so not accepted either
            raise InputError(f"not writing {args.write_baseline}: {report.incomplete[0]}")
        from collections import Counter

        from .baseline import write_baseline

        write_baseline(report, args.write_baseline)
        baseline = Counter(f.fingerprint() for f in report.findings)
    return settle(report, config.waivers if config else (), baseline)


def _check(args: argparse.Namespace) -> int:
    import gc

    # A short-lived process over an acyclic plan: the cyclic GC would only rescan
    # millions of plan objects (a full pass each time it is switched back on).
    gc.disable()
    from .gate import check_plan_model
    from .plan import load_plan
    from .report import render

    config = None
    if args.config:
        from .config import load_config

        config = load_config(args.config)
    if args.source_root and not os.path.isdir(args.source_root):
        raise InputError(f"--source-root {args.source_root}: not a directory")
    baseline = read_baseline(args)
    plan = load_plan(args.plan, args.max_input_mib * MIB)
    model, report = check_plan_model(plan, config)
    report = settle_report(report, config, args, baseline)
    source = "stdin" if args.plan == "-" else args.plan
    sources = None
    if args.source_root and args.format == "sarif":  # only SARIF has file/line locations
        from .report.source_map import SourceMap

        sources = SourceMap(model.configuration, args.source_root)
    write_report(render(report, args.format, source, sources), args.output, report)
    return report.exit_code


def write_report(text: str, output: str | None, report: Report) -> None:
    """To --output (the console still gets the verdict line), else stdout; a file that
    cannot be written is an InputError."""
    if output:
        try:
            with open(output, "w", encoding="utf-8") as out:
                out.write(text)
        except OSError as exc:
            raise InputError(f"cannot write {output}: {exc.strerror}") from None
        print(f"{report.verdict_line()}: report written to {output}")
    else:
        sys.stdout.write(text)


def _summary(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .model import model_from_plan
    from .plan import load_plan, paused_gc
    from .summary import render_summary

    config = None
    if args.config:
        from .config import load_config

        config = load_config(args.config)
    plan = load_plan(args.plan, args.max_input_mib * MIB)
    with paused_gc():
        model = model_from_plan(plan, config)
    title = args.title or ("stdin" if args.plan == "-" else Path(args.plan).stem)
    sys.stdout.write(render_summary(model, title))
    return EXIT_OK


def _scan(args: argparse.Namespace) -> int:
    from .report import render
    from .scan import scan
    from .scan.findings import CodeLocations
    from .scan.known_sets import from_config, from_plan, from_tenants, merge

    config = None
    if args.config:
        from .config import load_config

        config = load_config(args.config)
    known_plan = None
    if args.plan:
        from .plan import load_plan

        known_plan = from_plan(load_plan(args.plan, args.max_input_mib * MIB), config, args.plan)
    known_config = from_config(config, args.config) if config and config.streams else None
    report = scan(
        args.paths,
        merge(known_plan, known_config),
        args.semgrep,
        tuple(args.exclude),
        # The defaults live with the scan (imported only when a scan runs).
        **({"max_file_bytes": args.max_file_size} if args.max_file_size else {}),
        **({"timeout": args.timeout} if args.timeout else {}),
        tenants=from_tenants(args.tenants) if args.tenants is not None else None,
    )
    report = settle_report(report, config, args)
    for skipped in report.summary.skipped:
        print(f"sesguard: skipped {skipped['file']}: {skipped['reason']}", file=sys.stderr)
    sources = CodeLocations(report) if args.format == "sarif" else None
    write_report(render(report, args.format, " ".join(args.paths), sources), args.output, report)
    return report.exit_code


def render_rules(rule_id: str | None) -> str:
    from .rules import RULES, RULES_BY_ID

    if rule_id is None:
        return "".join(f"{r.id}  {r.severity:7}  {r.summary}\n" for r in RULES)
    rule = RULES_BY_ID.get(rule_id.upper())
    if rule is None:
        raise InputError(f"unknown rule {rule_id!r}: run `sesguard rules` for the list")
    return (
        f"{rule.id} ({rule.severity}): {rule.summary}\n\n"
        f"Why: {rule.why}\n\nFix: {rule.fix}\n\nDocs: {rule.doc_url}\n"
        f"Applies to: {', '.join(rule.applies_to)}\n"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the CLI. With ``argv=None`` (the console script) a `check` ends the process
    itself with ``os._exit``: tearing down a 10,000-stream plan object by object
    takes longer than the rules. Pass ``argv`` to call it in-process (tests do)."""
    # A CI runner with an ASCII or Latin-1 locale must still get the report (markdown
    # carries emoji, names may be non-ASCII): escape what the terminal cannot encode.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        args = _parser().parse_args(argv)
        if args.command == "rules":
            sys.stdout.write(render_rules(args.id))
            sys.stdout.flush()  # a full disk or closed pipe must fail here, not at exit
            return EXIT_OK
        if args.command == "summary":
            code = _summary(args)
            sys.stdout.flush()
            return code
        if args.command == "audit":
            from .audit.cli import run as audit

            code = audit(args)
        elif args.command == "adopt":
            from .adopt.cli import run as adopt

            code = adopt(args)
        else:
            code = _scan(args) if args.command == "scan" else _check(args)
        sys.stdout.flush()
        if argv is None:
            # Also: an audit past its deadline must not wait for a read still on the wire.
            sys.stderr.flush()
            os._exit(code)
        return code
    except InputError as exc:
        print(f"sesguard: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("sesguard: interrupted", file=sys.stderr)
        return EXIT_INPUT
    except MemoryError:
        print("sesguard: plan too large for available memory", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:
        # Only stdout is left unguarded (plan, config and --output errors are InputError):
        # `sesguard check plan.json | head -1` closed the pipe, or `> /dev/full`. The report
        # and its verdict were not delivered. Point stdout at /dev/null so the flush at
        # interpreter exit does not raise a second time.
        # An in-process caller's capture has no file descriptor: nothing to flush there.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        reason = (
            "output closed before the report was written"
            if isinstance(exc, BrokenPipeError)
            else f"cannot write the report to stdout: {exc.strerror or exc}"
        )
        print(f"sesguard: {reason}", file=sys.stderr)
        return EXIT_INPUT


if __name__ == "__main__":
    sys.exit(main())
