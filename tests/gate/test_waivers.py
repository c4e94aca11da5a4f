"""Waivers (`[[waiver]]` in the gate config): a waived finding is reported, marked with its
reason and date, and does not fail the run; an expired waiver fails it."""

from __future__ import annotations

import json

import planted
import pytest
from sesguard.cli import main
from suppressed_runs import (
    MARKETING,
    TRANSACTIONAL,
    json_marks,
    junit_cases,
    run_every_format,
    sarif_run,
    sarif_suppressions,
    write_plan,
)

# Markup in the reason: markdown must show it as characters.
REASON = "CRM migration keeps *complaints* <b>until</b> Q3"
WAIVED = f"waived until 2999-12-31: {REASON}"
EXPIRED = (
    'waiver SES009 module.platform.module.stream["marketing"].* expired on 2001-01-31: TLS later'
)
STALE = "waiver SES002 module.nowhere.* matches no finding: pool moved"

WAIVE_SES004 = f"""
[[waiver]]
rule = "SES004"
address = 'module.platform.module.stream["transactional"].*'
reason = "{REASON}"
expires = 2999-12-31
"""
EXPIRED_SES009 = """
[[waiver]]
rule = "SES009"
address = 'module.platform.module.stream["marketing"].*'
reason = "TLS later"
expires = "2001-01-31"
"""
STALE_SES002 = """
[[waiver]]
rule = "SES002"
address = "module.nowhere.*"
reason = "pool moved"
expires = 2999-12-31
"""


@pytest.fixture
def plan(production, tmp_path):
    """An error (SES004, transactional) and a warning (SES009, marketing)."""
    planted.transactional_suppresses_complaint(production)
    planted.tls_optional(production)
    return write_plan(production, tmp_path)


def checked(plan, tmp_path, toml: str) -> dict[str, tuple[int, str]]:
    config = tmp_path / "sesguard.toml"
    config.write_text(toml)
    return run_every_format(plan, tmp_path, "--config", str(config))


def test_without_waivers_the_error_fails_every_format(plan, tmp_path):
    runs = run_every_format(plan, tmp_path)
    assert {fmt: code for fmt, (code, _) in runs.items()} == dict.fromkeys(runs, 1)
    assert json_marks(runs["json"][1]) == {("SES004", TRANSACTIONAL): {}, ("SES009", MARKETING): {}}


def test_a_waived_error_is_reported_with_its_reason_and_passes_in_every_format(plan, tmp_path):
    runs = checked(plan, tmp_path, WAIVE_SES004)
    assert {fmt: code for fmt, (code, _) in runs.items()} == dict.fromkeys(runs, 0)

    doc = json.loads(runs["json"][1])
    assert json_marks(runs["json"][1]) == {
        ("SES004", TRANSACTIONAL): {"waived": {"reason": REASON, "expires": "2999-12-31"}},
        ("SES009", MARKETING): {},
    }
    assert {k: doc["summary"][k] for k in ("errors", "warnings", "waived", "baselined")} == {
        "errors": 0,
        "warnings": 1,
        "waived": 1,
        "baselined": 0,
    }
    assert "expired_waivers" not in doc and "stale_waivers" not in doc

    assert sarif_suppressions(runs["sarif"][1]) == {
        ("SES004", TRANSACTIONAL): [{"kind": "external", "justification": WAIVED}],
        ("SES009", MARKETING): None,
    }
    assert junit_cases(runs["junit"][1]) == {
        ("SES004", TRANSACTIONAL): ("skipped", WAIVED),
        ("SES009", MARKETING): ("passed", None),
    }

    text = runs["text"][1].splitlines()
    assert f"          {WAIVED}" in text
    assert text[-1] == f"PASS: 0 error(s), 1 warning(s), 0 info, 1 waived in {plan}"

    markdown = runs["markdown"][1]
    escaped = (
        r"waived until 2999-12-31: CRM migration keeps \*complaints\* &lt;b&gt;until&lt;/b&gt; Q3"
    )
    assert f"<br>*{escaped}* |" in markdown
    assert markdown.splitlines()[0].startswith(
        "✅ **sesguard: passed** — 0 error(s), 1 warning(s), 0 info, 1 waived ("
    )


def test_an_expired_waiver_fails_the_run_and_says_so_in_every_format(plan, tmp_path):
    runs = checked(plan, tmp_path, WAIVE_SES004 + EXPIRED_SES009)
    assert {fmt: code for fmt, (code, _) in runs.items()} == dict.fromkeys(runs, 1)

    doc = json.loads(runs["json"][1])
    assert doc["expired_waivers"] == [
        {
            "rule": "SES009",
            "address": 'module.platform.module.stream["marketing"].*',
            "reason": "TLS later",
            "expires": "2001-01-31",
        }
    ]
    # An expired waiver waives nothing: its finding is reported as before.
    assert json_marks(runs["json"][1])[("SES009", MARKETING)] == {}
    assert doc["summary"]["expired_waivers"] == 1

    notifications = sarif_run(runs["sarif"][1])["invocations"][0]
    assert notifications == {
        "executionSuccessful": True,
        "toolConfigurationNotifications": [{"level": "error", "message": {"text": EXPIRED}}],
    }
    cases = junit_cases(runs["junit"][1])
    assert cases[("SES009", 'SES009 module.platform.module.stream["marketing"].*')] == (
        "failure",
        EXPIRED,
    )
    assert cases[("SES004", TRANSACTIONAL)] == ("skipped", WAIVED)

    text = runs["text"][1].splitlines()
    assert f"EXPIRED {EXPIRED}" in text
    assert text[-1] == (
        f"FAIL: 0 error(s), 1 warning(s), 0 info, 1 waived, 1 expired waiver(s) in {plan}"
    )
    assert (
        r'- ⌛ waiver SES009 module.platform.module.stream\["marketing"\].\* expired on '
        "2001-01-31: TLS later"
    ) in runs["markdown"][1].splitlines()
    assert runs["markdown"][1].startswith("❌ **sesguard: blocked**")


def test_a_waiver_that_matches_nothing_is_reported_as_stale_and_passes(plan, tmp_path):
    runs = checked(plan, tmp_path, WAIVE_SES004 + STALE_SES002)
    assert {fmt: code for fmt, (code, _) in runs.items()} == dict.fromkeys(runs, 0)
    assert json.loads(runs["json"][1])["stale_waivers"] == [
        {
            "rule": "SES002",
            "address": "module.nowhere.*",
            "reason": "pool moved",
            "expires": "2999-12-31",
        }
    ]
    assert f"STALE {STALE}" in runs["text"][1].splitlines()
    assert sarif_run(runs["sarif"][1])["invocations"][0]["toolConfigurationNotifications"] == [
        {"level": "note", "message": {"text": STALE}}
    ]
    assert junit_cases(runs["junit"][1])[("SES002", "SES002 module.nowhere.*")] == (
        "passed",
        None,
    )


def test_brackets_in_a_waiver_address_are_literal_and_the_rule_must_match(plan, tmp_path):
    """fnmatch would read `["transactional"]` as a character class; a waiver of another
    rule at the same address waives nothing."""
    exact = WAIVE_SES004.replace(".*'", ".aws_sesv2_configuration_set.this'")
    other_rule = WAIVE_SES004.replace('rule = "SES004"', 'rule = "SES009"')
    assert checked(plan, tmp_path, exact)["json"][0] == 0
    assert checked(plan, tmp_path, other_rule)["json"][0] == 1


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (WAIVE_SES004.replace(f'reason = "{REASON}"\n', ""), "config: waiver[1] needs reason"),
        (WAIVE_SES004.replace("expires = 2999-12-31\n", ""), "config: waiver[1] needs expires"),
        (
            WAIVE_SES004.replace("2999-12-31", '"next spring"'),
            "config: waiver[1].expires must be a date, YYYY-MM-DD",
        ),
        (
            WAIVE_SES004.replace("2999-12-31", "2999-12-31T10:00:00Z"),
            "config: waiver[1].expires must be a date, YYYY-MM-DD",
        ),
        (
            WAIVE_SES004.replace('"SES004"', '"SES4"'),
            "config: waiver[1].rule must be a rule ID such as SES004 (see `sesguard rules`)",
        ),
        (WAIVE_SES004 + 'ticket = "X-1"\n', "config: unknown key waiver[1].ticket"),
        ('waiver = "all"\n', "config: waiver must be an array of tables ([[waiver]])"),
    ],
)
def test_a_bad_waiver_is_one_line_and_exit_2(plan, tmp_path, capsys, toml, message):
    config = tmp_path / "sesguard.toml"
    config.write_text(toml)
    assert main(["check", str(plan), "--config", str(config)]) == 2
    assert capsys.readouterr().err == f"sesguard: {message}\n"
