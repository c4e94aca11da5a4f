"""Bad input never gives a traceback: unusable arguments exit 2 with one line on stderr;
unreadable entries inside a tree are skipped, named on stderr, and the scan goes on."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from scan_paths import FIXTURES
from sesguard.cli import main

SEND = FIXTURES / "python" / "app" / "clients.py"  # 1 SES015, 2 SES019


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["scan", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("sesguard: "), err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def damaged_tree(tmp_path):
    """A real send beside a binary file, a non-UTF-8 file, a 5 MB minified bundle (both
    as *.min.js and as a plain .js) and symlink loops (a file and a directory)."""
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEND, src / "clients.py")
    (src / "blob.py").write_bytes(b"\x7fELF\x02\x01\x01\x00" + os.urandom(4096))
    (src / "latin1.py").write_bytes(
        b"import boto3\n# caf\xe9 cr\xe8me\n"
        b'boto3.client("sesv2").send_email(FromEmailAddress="a@example.com", Content={})\n'
    )
    minified = b"var a=1;" + b"function f(a){return a+1};" * 200_000
    assert len(minified) > 5_000_000
    (src / "vendor.min.js").write_bytes(minified)
    (src / "bundle.js").write_bytes(minified)
    (src / "loop.py").symlink_to("loop.py")
    (src / "again").symlink_to(".")
    return tmp_path


def test_damaged_tree_is_scanned_around_what_cannot_be_read(
    semgrep, damaged_tree, production_plan, capsys
):
    """Also the CLI's JSON: file relative to the scanned root, line, known sets, --output."""
    report = damaged_tree / "scan.json"
    code, out, err = run(
        capsys, str(damaged_tree), "--plan", str(production_plan), "--format", "json",
        "--output", str(report), "--semgrep", semgrep,
    )  # fmt: skip
    assert out == f"sesguard: FAIL (2 error, 3 warning, 2 info): report written to {report}\n"
    doc = json.loads(report.read_text())
    assert set(doc["findings"][0]) == {
        "rule", "severity", "stream", "address", "message", "remediation", "file", "line"
    }  # fmt: skip
    assert [f["address"] for f in doc["findings"] if f["rule"] == "SES015"][
        0
    ] == "src/clients.py:19"
    # clients.py's literal sets (marketing, bulk-notifications) are the plan's: no SES017.
    assert doc["summary"]["configuration_sets_used"] == {"bulk-notifications": 1, "marketing": 1}
    assert doc["summary"]["known_sets"] == ["bulk-notifications", "marketing", "transactional"]
    found = {(f["rule"], f["file"], f["line"]) for f in doc["findings"]}
    assert found - {("SES041", f["file"], 1) for f in doc["summary"]["skipped"]} == {
        ("SES015", "src/clients.py", 19),
        ("SES019", "src/clients.py", 39),
        ("SES019", "src/clients.py", 44),
        ("SES015", "src/latin1.py", 3),  # invalid UTF-8 in a comment: still parsed
    }
    assert code == 1
    assert doc["summary"]["skipped"] == [
        {"file": "src/blob.py", "reason": "binary file"},
        {"file": "src/bundle.js", "reason": "larger than 1,000,000 bytes"},
        {"file": "src/loop.py", "reason": "symlink loop"},
    ]
    assert err.splitlines() == [
        "sesguard: skipped src/blob.py: binary file",
        "sesguard: skipped src/bundle.js: larger than 1,000,000 bytes",
        "sesguard: skipped src/loop.py: symlink loop",
    ]
    assert doc["summary"]["files_scanned"] == 2  # the symlinked directory is not entered


@pytest.mark.parametrize(
    ("make_path", "message"),
    [
        (lambda tmp: tmp / "missing", "no such file or directory"),
        (lambda tmp: _loop(tmp), "a broken symlink or a symlink loop"),
    ],
    ids=["missing", "symlink-loop"],
)
def test_unusable_path_argument_exits_2(semgrep, tmp_path, capsys, make_path, message):
    path = make_path(tmp_path)
    code, out, err = run(capsys, str(path), "--semgrep", semgrep)
    assert (code, out) == (2, "")
    assert one_line(err) == f"sesguard: {path}: {message}"


def _loop(tmp):
    (tmp / "loop").symlink_to("loop")
    return tmp / "loop"


LOOKED_FOR = (
    "looked for Python, JS/TS, Go, Java, PHP, Ruby and C# files (.py .js .mjs .cjs .jsx .ts "
    ".mts .cts .tsx .go .java .php .rb .cs) outside hidden, dependency and build directories"
)


def test_folder_without_source_files_exits_2_saying_what_was_looked_for(tmp_path, capsys):
    """A wrong folder in CI (docs, or only dependencies) must not PASS."""
    (tmp_path / "README.md").write_text("# docs\n")
    (tmp_path / "node_modules" / "aws").mkdir(parents=True)
    (tmp_path / "node_modules" / "aws" / "send.js").write_text("send();\n")
    code, out, err = run(capsys, str(tmp_path))
    assert (code, out) == (2, "")
    assert one_line(err) == f"sesguard: no source file to scan in {tmp_path}: {LOOKED_FOR}"


def test_every_source_file_excluded_exits_2_naming_the_exclude(tmp_path, capsys):
    shutil.copy(SEND, tmp_path / "clients.py")
    code, out, err = run(capsys, str(tmp_path), "--exclude", "*.py")
    assert (code, out) == (2, "")
    assert one_line(err) == (
        f"sesguard: no source file to scan in {tmp_path}: {LOOKED_FOR}, --exclude *.py"
    )


def test_only_a_binary_file_named_on_the_command_line_is_nothing_to_scan(tmp_path, capsys):
    blob = tmp_path / "app.py"
    blob.write_bytes(b"\0\1\2" * 100)
    other = tmp_path / "notes.txt"
    other.write_text("not code\n")
    code, out, err = run(capsys, str(blob), str(other))
    assert (code, out) == (2, "")
    assert one_line(err) == (
        f"sesguard: no source file to scan in {blob}, {other}: {LOOKED_FOR}; "
        "skipped app.py (binary file) and 1 more"
    )


def test_binary_file_beside_a_source_file_is_skipped_not_fatal(semgrep, tmp_path, capsys):
    blob = tmp_path / "app.py"
    blob.write_bytes(b"\0\1\2" * 100)
    (tmp_path / "main.py").write_text("print('no send here')\n")
    code, out, err = run(capsys, str(blob), str(tmp_path / "main.py"), "--semgrep", semgrep)
    assert code == 0 and "PASS" in out
    assert one_line(err) == "sesguard: skipped app.py: binary file"


def test_missing_semgrep_exits_2_and_says_how_to_install(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("SESGUARD_SEMGREP", raising=False)
    code, out, err = run(capsys, str(SEND), "--semgrep", str(tmp_path / "no-semgrep"))
    assert (code, out) == (2, "")
    assert "is not an executable file" in one_line(err)


@pytest.mark.parametrize(
    ("option", "content"),
    [("--plan", "not json"), ("--config", "streams = [")],
)
def test_unusable_plan_or_config_exits_2(semgrep, tmp_path, capsys, option, content):
    bad = tmp_path / "input"
    bad.write_text(content)
    code, out, err = run(capsys, str(SEND), option, str(bad), "--semgrep", semgrep)
    assert (code, out) == (2, "")
    one_line(err)


def test_scan_without_a_path_exits_2_naming_what_is_missing(capsys):
    code, out, err = run(capsys)
    assert (code, out) == (2, "")
    assert one_line(err) == "sesguard: scan: give a PATH to scan (or --print-ruleset)"


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (["/nonexistent"], "PATH"),
        (["--format", "sarif", "--output", "rules.sarif"], "--format, --output"),
        (["--plan", "plan.json"], "--plan"),
    ],
)
def test_print_ruleset_beside_a_path_or_option_exits_2_naming_it(capsys, extra, named):
    code, out, err = run(capsys, "--print-ruleset", *extra)
    assert (code, out) == (2, "")
    assert one_line(err) == (
        f"sesguard: scan: --print-ruleset takes no PATH or other option (got {named})"
    )
