"""`sesguard --help` and each command's: what a newcomer reads before the docs."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sesguard.report import FORMATS

COMMANDS = ("check", "scan", "summary", "audit", "adopt", "rules")


def help_text(*argv: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "sesguard", *argv, "--help"],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "COLUMNS": "80"},  # argparse wraps to the terminal's width
    )
    assert (done.returncode, done.stderr) == (0, "")
    return done.stdout


def test_every_command_has_a_one_line_description_in_the_top_help():
    lines = help_text().splitlines()
    for command in COMMANDS:
        (at,) = [i for i, line in enumerate(lines) if line.split()[:1] == [command]]
        assert len(lines[at].split()) > 3, lines[at]  # the description is on its line
        following = lines[at + 1].split()
        assert following == [] or following[0] in COMMANDS, f"{command}'s description wraps"


@pytest.mark.parametrize("command", ["check", "scan", "audit"])
def test_gating_commands_show_examples_and_exit_codes(command):
    text = help_text(command)
    examples = text.split("examples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(examples) >= 3 and all(f"sesguard {command}" in line for line in examples[:2])
    codes = text.split("exit codes:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in codes if not line.startswith("     ")] == ["0", "1", "2"]
    assert codes[0] == "  0  no error finding (warnings and info do not fail)"


@pytest.mark.parametrize("command", ["check", "scan", "audit"])
def test_format_option_names_its_choices(command):
    text = " ".join(help_text(command).split())
    assert f"--format FORMAT report format: {', '.join(FORMATS)} (default: text)" in text
