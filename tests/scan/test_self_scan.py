"""`sesguard scan` of this repository (its tools and lab send email through boto3): exactly
the findings docs/scan.md explains, one by one. A line moved in one of these files moves its
finding: update the table and this set together."""

from __future__ import annotations

from scan_paths import REPO
from sesguard.scan import scan

# The same as `make scan`: planted violations, and the emulator's tests of SES's answers.
EXCLUDED = ("tests/scan/fixtures", "tests/scan/tenant_fixtures", "tests/emulator")
EXPECTED = {
    ("SES019", "lab/runner.py", 224),
    ("SES015", "tools/bench_sending.py", 70),
    ("SES019", "tools/emulator_clients.py", 101),
    ("SES016", "tools/emulator_clients.py", 109),
    ("SES016", "tools/oracle_localstack.py", 64),
}


def test_scan_of_this_repository_gives_the_documented_findings(semgrep):
    report = scan([str(REPO)], None, semgrep, exclude=EXCLUDED)
    assert {(f.rule, f.file, f.line) for f in report.findings} == EXPECTED
    assert report.summary.skipped == []
    # The tenant audit test sends through its marketing lane by name.
    assert report.summary.configuration_sets_used == {"marketing": 1}
    assert report.summary.tenants_used == {"campaigns": 1}
    docs = (REPO / "docs" / "scan.md").read_text()
    for rule, file, line in EXPECTED:  # each one explained in its own table row
        assert f"| {rule} `{file}:{line}` |" in docs
