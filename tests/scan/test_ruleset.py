"""The semgrep ruleset and the rule catalogue agree, and the ruleset works on its own in a
user's pipeline (`sesguard scan --print-ruleset`, then `semgrep --config …`), giving the
same errors as `sesguard scan`."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import defaultdict

import yaml
from scan_paths import FIXTURES
from sesguard.cli import main
from sesguard.rules import CODE_RULES, RULES_BY_ID
from sesguard.scan.ruleset import PARTS_DIR, ruleset_text

SEMGREP_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
LANGUAGES = {"python", "javascript", "go", "java", "php", "ruby", "csharp"}
RULESET_RULES = yaml.safe_load(ruleset_text())["rules"]


def test_code_rules_apply_to_code_only():
    assert CODE_RULES and {r.applies_to for r in CODE_RULES} == {("code",)}


def test_every_code_rule_has_patterns_in_each_language_with_its_severity():
    languages = defaultdict(set)
    for rule in RULESET_RULES:
        sesguard_id = rule["metadata"]["sesguard-rule"]
        languages[sesguard_id] |= set(rule["languages"]) - {"typescript"}
        # Inventories (names a send uses, helpers that pass one): sesguard judges them.
        inventory = rule["id"].startswith(
            ("sesguard.set-name.", "sesguard.tenant-name.", "sesguard.set-helper.")
        )
        expected = "INFO" if inventory else SEMGREP_SEVERITY[RULES_BY_ID[sesguard_id].severity]
        assert rule["severity"] == expected, rule["id"]
    # SES041 (a file not analysed) and SES042 (a suppression without its reason) are
    # sesguard's own, not patterns.
    assert set(languages) == {r.id for r in CODE_RULES} - {"SES041", "SES042"}
    for rule_id in ("SES015", "SES016", "SES017", "SES019"):
        assert languages[rule_id] == LANGUAGES, rule_id
    # SMTP sends: smtplib, nodemailer, net/smtp and JavaMail.
    assert languages["SES018"] == {"python", "javascript", "go", "java"}
    # Tenants: every SDK's TenantName member (docs/scan.md).
    assert languages["SES037"] == languages["SES038"] == LANGUAGES


def test_rule_ids_are_unique_across_the_parts():
    ids = [rule["id"] for rule in RULESET_RULES]
    assert len(ids) == len(set(ids)) == 67


def test_each_part_stays_small_and_says_where_its_anchors_come_from():
    parts = sorted(PARTS_DIR.glob("*.yml"))
    assert parts[0].name == "00-shared.yml" and len(parts) > 2
    for part in parts:
        lines = part.read_text().splitlines()
        assert len(lines) <= 400, part.name
        if part != parts[0]:
            assert lines[0].startswith("# Part of the ruleset") and "00-shared.yml" in lines[0]


def test_print_ruleset_prints_one_document_with_every_rule(capsys):
    assert main(["scan", "--print-ruleset"]) == 0
    printed = yaml.safe_load(capsys.readouterr().out)
    ids = [rule["id"] for rule in printed["rules"]]
    assert ids and len(ids) == len(set(ids)) and "x-shared" in printed
    # The shared messages resolved: no rule is left with an alias or an empty message.
    assert all(isinstance(rule["message"], str) and rule["message"] for rule in printed["rules"])


def test_plain_semgrep_with_the_printed_ruleset_fails_on_the_same_errors(
    semgrep, fixtures_report, tmp_path, capsys
):
    tree = tmp_path / "app"
    shutil.copytree(FIXTURES / "go", tree)
    main(["scan", "--print-ruleset"])
    ruleset = tmp_path / "sesguard-scan.yml"
    ruleset.write_text(capsys.readouterr().out)
    done = subprocess.run(
        [semgrep, "--config", str(ruleset), "--severity", "ERROR", "--error", "--json",
         "--metrics=off", "--disable-version-check", "--quiet", "."],
        cwd=tree, capture_output=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr.decode()[-500:]
    results = json.loads(done.stdout)["results"]
    plain = {
        (r["extra"]["metadata"]["sesguard-rule"], r["path"], r["start"]["line"]) for r in results
    }
    sesguard = {
        (f.rule, f.file.removeprefix("go/"), f.line)
        for f in fixtures_report.findings
        if f.severity == "error" and f.file.startswith("go/")
    }
    assert plain == sesguard and len(plain) == 10
