"""Baselines: `--write-baseline FILE` records today's findings; `--baseline FILE` then
fails only on findings not in it, whatever order the plan lists its resources in."""

from __future__ import annotations

import json
import random
from collections import Counter

import planted
import pytest
from sesguard import check_plan
from sesguard.baseline import baseline_document
from sesguard.cli import main
from sesguard.findings import BASELINE_NOTE, Finding, Report
from sesguard.suppress import settle
from suppressed_runs import (
    MARKETING,
    TRANSACTIONAL,
    json_marks,
    junit_cases,
    run_every_format,
    sarif_suppressions,
    write_plan,
)


@pytest.fixture
def broken(production):
    """An error (SES004, transactional) and a warning (SES009, marketing)."""
    planted.transactional_suppresses_complaint(production)
    planted.tls_optional(production)
    return production


@pytest.fixture
def baseline(broken, tmp_path):
    path = tmp_path / "baseline.json"
    plan = write_plan(broken, tmp_path, "before.json")
    assert main(["check", str(plan), "--write-baseline", str(path), "--format", "json"]) == 0
    return path


def test_the_baseline_file_lists_rule_address_stream_and_fact_sorted(baseline, broken):
    doc = json.loads(baseline.read_text())
    findings = {(f.rule, f.address): f.fingerprint() for f in check_plan(broken).findings}
    assert doc == {
        "version": 1,
        "fingerprints": [
            {
                "fingerprint": findings[("SES004", TRANSACTIONAL)],
                "rule": "SES004",
                "address": TRANSACTIONAL,
                "stream": "transactional",
                "fact": None,
            },
            {
                "fingerprint": findings[("SES009", MARKETING)],
                "rule": "SES009",
                "address": MARKETING,
                "stream": "marketing",
                "fact": "tls_policy",
            },
        ],
    }


def test_reordering_the_plan_does_not_change_the_fingerprints(production):
    for mutate in (
        planted.transactional_suppresses_complaint,
        planted.dead_reputation_alarm,
        planted.tls_optional,
        planted.reputation_metrics_off,
        planted.pool_name_unknown_until_apply,
    ):
        mutate(production)
    before = baseline_document(check_plan(production))
    assert len(before["fingerprints"]) >= 6
    # Each finding has its own fingerprint: none hides another.
    assert len({e["fingerprint"] for e in before["fingerprints"]}) == len(before["fingerprints"])
    random.Random(20).shuffle(production["resource_changes"])
    production["resource_changes"].reverse()
    assert baseline_document(check_plan(production)) == before


def test_a_baseline_used_on_the_plan_it_was_written_from_passes_in_every_format(
    baseline, broken, tmp_path
):
    plan = write_plan(broken, tmp_path)
    runs = run_every_format(plan, tmp_path, "--baseline", str(baseline))
    assert {fmt: code for fmt, (code, _) in runs.items()} == dict.fromkeys(runs, 0)
    assert json_marks(runs["json"][1]) == {
        ("SES004", TRANSACTIONAL): {"baseline": True},
        ("SES009", MARKETING): {"baseline": True},
    }
    suppressed = [{"kind": "external", "justification": BASELINE_NOTE}]
    assert sarif_suppressions(runs["sarif"][1]) == {
        ("SES004", TRANSACTIONAL): suppressed,
        ("SES009", MARKETING): suppressed,
    }
    assert junit_cases(runs["junit"][1]) == {
        ("SES004", TRANSACTIONAL): ("skipped", BASELINE_NOTE),
        ("SES009", MARKETING): ("skipped", BASELINE_NOTE),
    }
    text = runs["text"][1].splitlines()
    assert text.count(f"          {BASELINE_NOTE}") == 2
    assert text[-1] == f"PASS: 0 error(s), 0 warning(s), 0 info, 2 baseline in {plan}"
    markdown = runs["markdown"][1]
    assert (
        markdown.count(
            "<br>*baseline: known when the baseline was written; does not fail the run* |"
        )
        == 2
    )
    assert markdown.startswith(
        "✅ **sesguard: passed** — 0 error(s), 0 warning(s), 0 info, 2 baseline ("
    )


def test_one_new_violation_fails_alone_against_the_baseline(baseline, broken, tmp_path):
    planted.default_pool(broken)  # SES002 on the transactional set: not in the baseline
    random.Random(7).shuffle(broken["resource_changes"])
    plan = write_plan(broken, tmp_path)
    runs = run_every_format(plan, tmp_path, "--baseline", str(baseline))
    assert {fmt: code for fmt, (code, _) in runs.items()} == dict.fromkeys(runs, 1)
    assert json_marks(runs["json"][1]) == {
        ("SES002", TRANSACTIONAL): {},
        ("SES004", TRANSACTIONAL): {"baseline": True},
        ("SES009", MARKETING): {"baseline": True},
    }
    assert sarif_suppressions(runs["sarif"][1])[("SES002", TRANSACTIONAL)] is None
    failing = {
        k for k, (outcome, _) in junit_cases(runs["junit"][1]).items() if outcome == "failure"
    }
    assert failing == {("SES002", TRANSACTIONAL)}
    assert runs["text"][1].splitlines()[-1] == (
        f"FAIL: 1 error(s), 0 warning(s), 0 info, 2 baseline in {plan}"
    )


def test_a_second_finding_with_a_baselined_fingerprint_is_new():
    """A baseline entry covers one finding: a copy of the problem must not hide behind it."""
    finding = Finding("SES004", "error", "s", "aws_x.this", "m", "fix")
    report = settle(Report([finding, finding]), baseline=Counter({finding.fingerprint(): 1}))
    assert [f.baselined for f in report.findings] == [True, False]
    assert report.exit_code == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline file not found: {path}"),
        ("{not json", "baseline {path} is not JSON"),
        (
            '{"version": 2, "fingerprints": []}',
            "baseline {path} is not a sesguard baseline (version 1)",
        ),
        ('{"version": 1, "fingerprints": {}}', "baseline {path}: fingerprints must be a list"),
        (
            '{"version": 1, "fingerprints": [{"rule": "SES004"}]}',
            "baseline {path}: entry 1 has no valid fingerprint",
        ),
    ],
)
def test_an_unusable_baseline_is_one_line_and_exit_2(broken, tmp_path, capsys, content, message):
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content)
    plan = write_plan(broken, tmp_path)
    assert main(["check", str(plan), "--baseline", str(path)]) == 2
    assert capsys.readouterr().err == f"sesguard: {message.format(path=path)}\n"


def test_baseline_and_write_baseline_together_are_refused(broken, tmp_path, capsys):
    plan = write_plan(broken, tmp_path)
    argv = ["check", str(plan), "--baseline", "a.json", "--write-baseline", "b.json"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not allowed with argument" in err
