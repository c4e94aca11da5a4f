"""`sesguard scan` of this repository (its emulator tests and tools send email through
boto3): exactly the findings docs/scan.md explains, one by one. A line moved in one of
these files moves its finding: update the table and this set together."""

from __future__ import annotations

from scan_paths import REPO
from sesguard.scan import scan

EXPECTED = {
    ("SES019", "lab/runner.py", 216),
    ("SES015", "tests/emulator/test_contacts_templates.py", 125),
    ("SES015", "tests/emulator/test_routing_and_tags.py", 39),
    ("SES015", "tests/emulator/test_sending.py", 144),
    ("SES016", "tests/emulator/test_sending.py", 145),
    ("SES015", "tests/emulator/test_sending.py", 162),
    ("SES015", "tests/emulator/test_sending.py", 168),
    ("SES015", "tests/emulator/test_sending.py", 176),
    ("SES016", "tests/emulator/test_sending.py", 211),
    ("SES016", "tests/emulator/test_sending.py", 218),
    ("SES015", "tools/bench_sending.py", 70),
    ("SES019", "tools/emulator_clients.py", 98),
    ("SES016", "tools/emulator_clients.py", 106),
}


def test_scan_of_this_repository_gives_the_documented_findings(semgrep):
    report = scan([str(REPO)], None, semgrep, exclude=("tests/scan/fixtures",))
    assert {(f.rule, f.file, f.line) for f in report.findings} == EXPECTED
    assert report.summary["skipped"] == []
    assert report.summary["configuration_sets_used"] == {"bulk": 1, "lane": 1}
    docs = (REPO / "docs" / "scan.md").read_text()
    for rule, file, line in EXPECTED:  # each one explained in its own table row
        assert f"| {rule} `{file}:{line}` |" in docs
