"""`sesguard: ignore[RULE] reason` comments at a send: in each language's comment syntax, on
the send's line or alone above it; the finding is reported as suppressed with the reason in
every format and does not fail the run; a comment without a reason suppresses nothing and is
an SES042 warning of its own."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest
from scan_paths import SUPPRESSION_FIXTURES
from sesguard.report import render
from sesguard.scan import scan
from sesguard.scan.findings import CodeLocations

SUPPRESSED = {
    ("SES016", "Mailer.cs", 14, "replays a recorded v1 request"),  # `//` above the member
    ("SES016", "Mailer.php", 18, "replays a recorded v1 request"),  # `#` above
    ("SES016", "Mailer.php", 19, "the same"),  # `//` after the send
    ("SES016", "java/LegacyMailer.java", 14, "replays a recorded v1 request"),
    ("SES016", "legacy.go", 12, "replays a recorded v1 request"),
    ("SES016", "legacy.go", 13, "the same, kept for the diff"),  # `/* */` after the send
    ("SES016", "legacy.py", 9, "replays a v1 request"),
    ("SES016", "legacy.py", 14, "the billing job's v1 path, removed with the job"),  # 2 IDs
    ("SES016", "mailer.rb", 10, "replays a v1 request"),
    ("SES016", "mailer.ts", 8, "replays a recorded v1 request"),
    ("SES016", "mailer.ts", 10, "the same, in a block comment"),
}
UNSUPPRESSED = {
    ("SES016", "legacy.go", 14),  # no comment
    ("SES042", "legacy.py", 18),  # `# sesguard: ignore[SES016]` without a reason …
    ("SES016", "legacy.py", 19),  # … so the send below it stays an error
    ("SES016", "legacy.py", 23),  # the comment names another rule
    ("SES016", "legacy.py", 29),  # the comment is two lines above
    ("SES016", "legacy.py", 33),  # `//` is not a Python comment
    ("SES016", "legacy.py", 34),  # … nor is a string
    ("SES016", "mailer.ts", 11),  # rule ID without a reason (lower case is read) …
    ("SES042", "mailer.ts", 11),  # … reported on the comment's line
}


@pytest.fixture(scope="module")
def report(semgrep):
    return scan([str(SUPPRESSION_FIXTURES)], None, semgrep)


def test_suppressed_sends_carry_their_reason_and_the_rest_still_count(report):
    suppressed = {(f.rule, f.file, f.line, f.ignored) for f in report.findings if f.ignored}
    assert suppressed == SUPPRESSED
    assert {(f.rule, f.file, f.line) for f in report.findings if not f.ignored} == UNSUPPRESSED
    counts = report.counts
    assert (counts.errors, counts.warnings, counts.suppressed) == (7, 2, 11)
    no_reason = next(f for f in report.findings if f.rule == "SES042")
    assert no_reason.severity == "warning"
    assert no_reason.message == (
        "sesguard: ignore[SES016] gives no reason, so it suppresses nothing; "
        "write why after the bracket."
    )


def test_a_run_whose_errors_are_all_suppressed_passes(semgrep, tmp_path):
    app = tmp_path / "app.py"
    app.write_text(
        "import boto3\n"
        "ses = boto3.client('ses')\n"
        "ses.send_raw_email(RawMessage={'Data': b''})  # sesguard: ignore[SES016] v1 on purpose\n"
    )
    report = scan([str(tmp_path)], None, semgrep)
    assert [(f.rule, f.line, f.fails) for f in report.findings] == [("SES016", 3, False)]
    assert (report.exit_code, report.verdict_line()) == (
        0,
        "sesguard: PASS (0 error, 0 warning, 0 info, 1 suppressed)",
    )


def _note(file: str, line: int) -> str:
    return f"suppressed in the source: {next(r for r in SUPPRESSED if r[1:3] == (file, line))[3]}"


def test_every_format_reports_the_suppression_with_its_reason(report):
    source = str(SUPPRESSION_FIXTURES)
    note = _note("legacy.go", 13)
    text = render(report, "text", source)
    assert "SES016 legacy.go:13\n" in text and f"          {note}\n" in text
    assert text.endswith(f"7 error(s), 2 warning(s), 0 info, 11 suppressed in {source}\n")
    assert f"<br>*{note}*" in render(report, "markdown", source)
    findings = json.loads(render(report, "json", source))["findings"]
    at = {(f["file"], f["line"], f["rule"]): f for f in findings}
    assert at["legacy.go", 13, "SES016"]["suppressed"] == {
        "kind": "in-source",
        "reason": "the same, kept for the diff",
    }
    assert "suppressed" not in at["legacy.go", 14, "SES016"]
    junit = ET.fromstring(render(report, "junit", source))
    skipped = {
        c.get("name"): c.find("skipped").get("message")
        for c in junit.iter("testcase")
        if c.find("skipped") is not None
    }
    assert len(skipped) == 11 and skipped["legacy.go:13"] == note
    assert {c.get("name") for c in junit.iter("testcase") if c.find("failure") is not None} == {
        f"{file}:{line}" for rule, file, line in UNSUPPRESSED if rule == "SES016"
    }
    sarif = json.loads(render(report, "sarif", source, CodeLocations(report)))
    suppressions = {
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        ): r.get("suppressions")
        for r in sarif["runs"][0]["results"]
        if r["ruleId"] == "SES016"
    }
    assert suppressions["legacy.go", 13] == [{"kind": "inSource", "justification": note}]
    assert suppressions["legacy.go", 14] is None
