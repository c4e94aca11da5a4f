"""docs/known-traps.md names, for each trap, the tests that catch it: they must exist. And
no file of ours repeats the most copied trap."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

from planted import VIOLATIONS

REPO = Path(__file__).resolve().parent.parent
PAGE = REPO / "docs" / "known-traps.md"


def named_tests() -> dict[str, list[str]]:
    """Trap title -> the pytest node ids listed under its "Caught by:"."""
    traps = {}
    for section in PAGE.read_text().split("\n### ")[1:]:
        title, _, body = section.partition("\n")
        caught_by = body.split("Caught by:", 1)[1] if "Caught by:" in body else ""
        traps[title] = re.findall(r"^- `(tests/[^`]+)`$", caught_by, re.M)
    return traps


def functions_in(path: Path) -> set[str]:
    return {
        node.name
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }


def test_every_trap_names_tests_that_exist():
    traps = named_tests()
    assert traps and all(traps.values()), {t: n for t, n in traps.items() if not n}
    planted_ids = {f"{rule}-{mutate.__name__}" for rule, mutate, _ in VIOLATIONS}
    missing = []
    for node in sorted({node for nodes in traps.values() for node in nodes}):
        file, function = node.split("::")
        function, _, case = function.partition("[")
        path = REPO / file
        exists = path.is_file() and function in functions_in(path)
        # Bracketed ids name a planted violation (tests/gate/planted.py).
        if not exists or (case and case.rstrip("]") not in planted_ids):
            missing.append(node)
    assert missing == []


# The trap spelled out on purpose: the page that warns about it, this test, and the emulator
# test proving botocore refuses it.
WARNINGS = {
    "docs/known-traps.md",
    "tests/test_known_traps.py",
    "tests/emulator/test_configuration_sets.py",
}
# The trap in each form it is written: CLI, SDK call, Terraform block.
POOL_AS_SENDING_OPTION = re.compile(
    r"put-configuration-set-sending-options(?:[^\n]|\\\n)*--sending-pool-name"
    r"|put_configuration_set_sending_options\([^)]*SendingPoolName"
    r"|sending_options\s*\{[^}]*sending_pool_name"
)


def test_no_file_sets_a_pool_through_sending_options():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    offenders = []
    for name in sorted(set(tracked) - WARNINGS):
        path = REPO / name
        if not path.is_file() or path.suffix in {".json", ".whl"}:
            continue
        if POOL_AS_SENDING_OPTION.search(path.read_text(errors="replace")):
            offenders.append(name)
    assert offenders == []
