"""A file the scan did not (fully) analyse is a SES041 warning naming it and why, in every
format; a semgrep that hangs is stopped by --timeout (exit 2, one line)."""

from __future__ import annotations

import json
import time

import pytest
from sesguard.cli import main
from sesguard.report import FORMATS, render
from sesguard.scan import scan

SEND = 'boto3.client("sesv2").send_email(FromEmailAddress="a@example.com", Content={})\n'


def _one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.fixture
def tree(tmp_path):
    """A send semgrep reads whole; a file with sends on lines 3 and 5 and a syntax error
    on line 6; and a file over the size limit given below (2,000 bytes) with a send."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "ok.py").write_text("import boto3\n" + SEND)
    (src / "broken.py").write_text("import boto3\n\n" + SEND + "x = 1\n" + SEND + "print((\n")
    (src / "big.py").write_text("import boto3\n" + SEND + "#" * 3000 + "\n")
    return tmp_path


def test_files_not_fully_analysed_are_warnings_in_every_format(semgrep, tree):
    report = scan([str(tree)], None, semgrep, max_file_bytes=2000)
    unread = {
        (f.rule, f.severity, f.file): f.message for f in report.findings if f.rule == "SES041"
    }
    assert set(unread) == {
        ("SES041", "warning", "src/big.py"),
        ("SES041", "warning", "src/broken.py"),
    }
    assert unread["SES041", "warning", "src/big.py"] == (
        "src/big.py: not analysed: larger than 2,000 bytes; a send in it may have been missed."
    )
    assert unread["SES041", "warning", "src/broken.py"].startswith(
        "src/broken.py: not fully analysed (PartialParsing: Syntax error at line"
    )
    assert report.exit_code == 1  # the sends semgrep did read are still errors
    for fmt in FORMATS:
        text = render(report, fmt, str(tree))
        for file in ("src/big.py", "src/broken.py"):
            assert "SES041" in text and file in text, (fmt, file)


def test_max_file_size_is_a_flag(tmp_path, fake_semgrep, capsys):
    (tmp_path / "big.py").write_text("import boto3\n" + SEND)
    (tmp_path / "small.py").write_text("x = 1\n")
    code = main(["scan", str(tmp_path), "--max-file-size", "10", "--semgrep",
                 fake_semgrep("ok"), "--format", "json"])  # fmt: skip
    out, err = capsys.readouterr()
    assert [(f["rule"], f["file"]) for f in json.loads(out)["findings"]] == [("SES041", "big.py")]
    assert err == "sesguard: skipped big.py: larger than 10 bytes\n"
    assert code == 0


def test_a_semgrep_that_hangs_is_stopped_by_the_timeout(tmp_path, fake_semgrep, capsys):
    app = tmp_path / "app.py"
    app.write_text("import boto3\n" + SEND)
    began = time.monotonic()
    code = main(["scan", str(app), "--timeout", "1", "--semgrep", fake_semgrep("hang")])
    assert time.monotonic() - began < 5
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert _one_line(err) == (
        "sesguard: semgrep did not finish within 1 s (--timeout): nothing was reported, "
        "the scan is incomplete\n"
    )


@pytest.fixture
def fake_semgrep(tmp_path):
    """A stand-in executable: `ok` answers semgrep's JSON with no result at once; `hang`
    starts a worker that keeps semgrep's pipes open and never answers."""
    scripts = {
        "ok": 'echo \'{"version": "fake", "results": [], "errors": []}\'',
        "hang": "sleep 300 & sleep 300",
    }

    def make(kind: str) -> str:
        path = tmp_path / f"semgrep-{kind}"
        path.write_text(f"#!/bin/sh\n{scripts[kind]}\n")
        path.chmod(0o755)
        return str(path)

    return make
