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

from .arguments import build_parser
from .errors import InputError
from .inputs import MIB

if TYPE_CHECKING:
    from .findings import Report

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


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
    from .plan import load_plan

    config = None
    if args.config:
        from .config import load_config

        config = load_config(args.config)
    if args.source_root and not os.path.isdir(args.source_root):
        raise InputError(f"--source-root {args.source_root}: not a directory")
    baseline = read_baseline(args)
    plan = load_plan(args.plan, args.max_input_mib * MIB)
    # Imported once the plan is parsed and its text freed: the model's and the rules' code
    # then takes the text's place instead of adding to the peak.
    from .gate import check_plan_model
    from .report import render

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


def _refuse_beside_print_ruleset(args: argparse.Namespace) -> None:
    """--print-ruleset prints and exits: a PATH or option beside it would be silently dropped."""
    from .arguments import build_parser

    alone = vars(build_parser().parse_args(["scan", "--print-ruleset"]))
    given = [name for name, value in vars(args).items() if value != alone.get(name)]
    if given:
        shown = ", ".join("PATH" if n == "paths" else "--" + n.replace("_", "-") for n in given)
        raise InputError(f"scan: --print-ruleset takes no PATH or other option (got {shown})")


def _scan(args: argparse.Namespace) -> int:
    if args.print_ruleset:
        from .scan.ruleset import ruleset_text

        _refuse_beside_print_ruleset(args)
        sys.stdout.write(ruleset_text())
        return EXIT_OK
    if not args.paths:
        raise InputError("scan: give a PATH to scan (or --print-ruleset)")
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
        args = build_parser().parse_args(argv)
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
