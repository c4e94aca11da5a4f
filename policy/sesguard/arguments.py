"""The command line's grammar: `sesguard`'s parser and the options its commands share
(`audit` and `adopt` add their own subcommands with `add_command`). What each command does
is in cli.py and the commands' own cli modules."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

from .errors import InputError
from .inputs import add_max_input_option, positive_int


def terminal_columns() -> int:
    """``shutil.get_terminal_size().columns`` (what argparse wraps help at), without importing
    shutil: its archive modules (zlib, bz2, lzma) are half a megabyte a `check` never uses."""
    with contextlib.suppress(KeyError, ValueError):
        if (columns := int(os.environ["COLUMNS"])) > 0:
            return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


class _HelpFormatter(argparse.HelpFormatter):
    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        # argparse's own default: the terminal's width less 2.
        width = terminal_columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class _RawDescriptionHelpFormatter(_HelpFormatter, argparse.RawDescriptionHelpFormatter):
    pass


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, formatter_class=_HelpFormatter, **kwargs):
        super().__init__(*args, formatter_class=formatter_class, **kwargs)

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
        formatter_class=_RawDescriptionHelpFormatter,
        **options,
    )


def build_parser() -> argparse.ArgumentParser:
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
            "  sesguard scan . --exclude 'tests/fixtures' --format sarif --output scan.sarif\n"
            "  sesguard scan --print-ruleset > sesguard-scan.yml   # for plain semgrep",
            "a path that does not exist or holds no source file, no semgrep, or a bad option",
        ),
    )
    # Optional only for --print-ruleset; a scan without one is refused in cli._scan.
    scan.add_argument("paths", nargs="*", metavar="PATH", help="source files or directories")
    scan.add_argument(
        "--print-ruleset",
        action="store_true",
        help="print the semgrep ruleset (for plain `semgrep --config`) and exit",
    )
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
