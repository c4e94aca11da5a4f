"""`sesguard scan` of this repository (its emulator tests and tools send email through
boto3): exactly the findings docs/scan.md explains, one by one."""

from __future__ import annotations

from conftest import REPO
from sesguard.scan import scan

EXPECTED = {
    # Checks that moto's own SendEmail still works through the emulator: a send with no
    # configuration set on purpose (docs/scan.md).
    ("SES015", "tests/emulator/test_routing_and_tags.py", 40),
}


def test_scan_of_this_repository_gives_the_documented_findings(semgrep):
    report = scan([str(REPO)], None, semgrep, exclude=("tests/scan/fixtures",))
    assert {(f.rule, f.file, f.line) for f in report.findings} == EXPECTED
    assert report.summary["skipped"] == []
    docs = (REPO / "docs" / "scan.md").read_text()
    for _, file, line in EXPECTED:
        assert f"{file}:{line}" in docs
