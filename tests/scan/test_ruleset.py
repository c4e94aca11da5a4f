"""The semgrep ruleset and the rule catalogue agree, and the ruleset works on its own in a
user's pipeline (`semgrep --config …`), giving the same errors as `sesguard scan`."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import defaultdict

import yaml
from scan_paths import FIXTURES
from sesguard.rules import CODE_RULES, RULES_BY_ID
from sesguard.scan.engine import RULESET

SEMGREP_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
LANGUAGES = {"python", "javascript", "go", "java", "php", "ruby", "csharp"}
RULESET_RULES = yaml.safe_load(RULESET.read_text())["rules"]


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


def test_plain_semgrep_with_the_ruleset_fails_on_the_same_errors(
    semgrep, fixtures_report, tmp_path
):
    tree = tmp_path / "app"
    shutil.copytree(FIXTURES / "go", tree)
    done = subprocess.run(
        [semgrep, "--config", str(RULESET), "--severity", "ERROR", "--error", "--json",
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
