"""What `sesguard check` loads: its own path only. Every module it imports stays in memory
next to the plan (docs/performance.md), so the audit, the scan, adopt's writers, the other
report formats and the standard-library modules only they use must stay out of it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from plan_fixtures import plan_file

# A fresh interpreter runs the command in-process and writes what it imported to stderr.
MODULES_AFTER = """
import json, sys
from sesguard.cli import main
code = main(sys.argv[1:])
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
sys.exit(code)
"""
MODULES_AFTER_PARSE = """
import json, sys
from sesguard.arguments import build_parser
build_parser().parse_args(sys.argv[1:])
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""

# Loaded only by other commands or other options.
NOT_FOR_A_TEXT_CHECK = (
    "sesguard.audit.run",
    "sesguard.audit.reader",
    "sesguard.audit.dns_check",
    "sesguard.scan",
    "sesguard.adopt.writer",
    "sesguard.adopt.mapping",
    "sesguard.model.from_account",
    "sesguard.model.live",
    "sesguard.model.pause_wiring",
    "sesguard.report.json_report",
    "sesguard.report.junit_report",
    "sesguard.report.sarif_report",
    "sesguard.report.markdown_report",
    "sesguard.report.source_map",
    "sesguard.baseline",
    "sesguard.summary",
    "tomllib",
    "datetime",
    "shutil",
    "hashlib",
    "difflib",
    "email",
    "xml",
    "importlib.metadata",
    "logging",
    "threading",
    "zipfile",
)
# The gate's core and what only it needs: the parser must not load them, so they are loaded
# once the plan is parsed and its text freed.
CORE = (
    "sesguard.gate",
    "sesguard.model",
    "sesguard.rules",
    "sesguard.findings",
    "sesguard.config",
    "sesguard.adopt.run",
    "dataclasses",
    "inspect",
)


def imported(script: str, *argv: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", script, *argv],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode in (0, 1), done.stderr
    return set(json.loads(done.stderr.splitlines()[-1]))


def within(modules: set[str], packages: tuple[str, ...]) -> set[str]:
    """The modules that are one of ``packages`` or inside one."""
    return {m for m in modules if any(m == p or m.startswith(f"{p}.") for p in packages)}


def test_a_text_check_loads_neither_other_commands_nor_other_formats():
    modules = imported(MODULES_AFTER, "check", str(plan_file("production")), "--output", os.devnull)
    assert {"sesguard.report.text_report", "sesguard.rules.ses004_suppression"} <= modules
    assert within(modules, NOT_FOR_A_TEXT_CHECK) == set()


def test_a_json_check_loads_the_json_format_alone():
    argv = ("check", str(plan_file("production")), "--format", "json", "--output", os.devnull)
    modules = imported(MODULES_AFTER, *argv)
    assert "sesguard.report.json_report" in modules
    assert within(modules, NOT_FOR_A_TEXT_CHECK) == {"sesguard.report.json_report"}


def test_parsing_the_command_line_loads_no_model_rule_report_or_dataclass_code():
    modules = imported(MODULES_AFTER_PARSE, "check", "plan.json", "--format", "sarif")
    assert "argparse" in modules
    assert within(modules, CORE) == set()
    assert within(modules, NOT_FOR_A_TEXT_CHECK) == set()
