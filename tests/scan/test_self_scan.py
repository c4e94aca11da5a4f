"""`sesguard scan` of this repository (its tools and lab send email through boto3): every
finding is a deliberate send, suppressed beside it with its reason, and docs/scan.md explains
each one; nothing is left unsuppressed."""

from __future__ import annotations

from scan_paths import REPO
from sesguard.scan import scan

# The same as `make scan`: planted violations, and the emulator's tests of SES's answers.
EXCLUDED = (
    "tests/scan/fixtures",
    "tests/scan/tenant_fixtures",
    "tests/scan/suppression_fixtures",
    "tests/emulator",
)
SUPPRESSED = {
    ("SES019", "lab/runner.py", "the lane's set, read from the live account at run time"),
    ("SES015", "tools/bench_sending.py", "measures the identity's default set, the safety net"),
    ("SES019", "tools/emulator_clients.py", "each caller passes its set through **extra"),
    ("SES016", "tools/emulator_clients.py", "exercises the emulator's SES v1 API"),
    (
        "SES016",
        "tools/oracle_localstack.py",
        "replays a recorded v1 SendEmail: SES's v1 answer is compared",
    ),
}


def test_scan_of_this_repository_finds_only_its_suppressed_deliberate_sends(semgrep):
    report = scan([str(REPO)], None, semgrep, exclude=EXCLUDED)
    assert {(f.rule, f.file, f.ignored) for f in report.findings} == SUPPRESSED
    assert len(report.findings) == len(SUPPRESSED)
    assert (report.exit_code, report.counts.suppressed) == (0, len(SUPPRESSED))
    assert report.summary.skipped == []
    # The tenant audits' stale-list campaign sends through its marketing lane by name.
    assert report.summary.configuration_sets_used == {"marketing": 1}
    assert report.summary.tenants_used == {"campaigns": 1}
    docs = (REPO / "docs" / "scan.md").read_text()
    for rule, file, _reason in SUPPRESSED:  # each one explained in its own table row
        assert f"| {rule} `{file}` |" in docs
