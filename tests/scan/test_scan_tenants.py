"""Where the account uses SES tenants (`--tenants`), a send that names none counts against the
account (SES037, warning) and a tenant name that no tenant has is refused by SES (SES038,
error, with the closest name); without `--tenants` tenant names are only counted."""

from __future__ import annotations

import json

import pytest
from scan_paths import TENANT_FIXTURES
from sesguard.cli import main

TENANTS = "transactional,marketing"
EXPECTED = {
    ("SES037", "python/app/tenant_sends.py", 30),  # TenantName missing, set given
    ("SES038", "python/app/tenant_sends.py", 40),  # params["TenantName"] = "transactionl"
    ("SES037", "python/app/tenant_sends.py", 45),  # **params built in view without a tenant
    ("SES019", "python/app/tenant_sends.py", 49),  # the caller's request: neither judged
    ("SES037", "python/app/tenant_sends.py", 66),  # SMTP without X-SES-TENANT
    ("SES037", "javascript/src/tenant-sends.ts", 19),
    ("SES038", "javascript/src/tenant-sends.ts", 26),  # input with TenantName "marketting"
    ("SES019", "javascript/src/tenant-sends.ts", 30),
    ("SES037", "javascript/src/tenant-sends.ts", 41),  # nodemailer SMTP without the header
    # Go, Java, PHP, Ruby, C#: a request in view without a tenant; a misspelt tenant set on
    # the request before the send or given inline; the caller's request (SES019 only).
    ("SES037", "go/mail/tenants.go", 15),
    ("SES038", "go/mail/tenants.go", 24),  # in.TenantName = aws.String("marketting")
    ("SES019", "go/mail/tenants.go", 36),
    ("SES037", "java/src/main/java/com/example/mail/TenantMailer.java", 13),
    ("SES038", "java/src/main/java/com/example/mail/TenantMailer.java", 25),  # .tenantName(…)
    ("SES019", "java/src/main/java/com/example/mail/TenantMailer.java", 33),
    ("SES037", "php/src/TenantMailer.php", 17),
    ("SES038", "php/src/TenantMailer.php", 27),  # $request['TenantName'] = 'marketting'
    ("SES019", "php/src/TenantMailer.php", 37),
    ("SES037", "ruby/app/tenant_mailer.rb", 12),
    ("SES038", "ruby/app/tenant_mailer.rb", 16),  # tenant_name: "transactionl"
    ("SES019", "ruby/app/tenant_mailer.rb", 24),
    ("SES037", "csharp/Mail/TenantMailer.cs", 14),
    ("SES038", "csharp/Mail/TenantMailer.cs", 20),  # request.TenantName = "marketting"
    ("SES019", "csharp/Mail/TenantMailer.cs", 26),
}
# Constants resolved (MARKETING_TENANT and each language's own); a tenant from a parameter
# is not counted.
TENANTS_USED = {"marketing": 7, "marketting": 4, "transactional": 4, "transactionl": 3}


def scan_json(capsys, *extra: str) -> dict:
    code = main(["scan", str(TENANT_FIXTURES), "--format", "json", *extra])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return json.loads(out)


def found(doc: dict) -> set[tuple[str, str, int]]:
    return {(f["rule"], f["file"], f["line"]) for f in doc["findings"]}


def test_with_tenants_sends_without_one_and_unknown_names_are_found(semgrep, capsys):
    doc = scan_json(capsys, "--tenants", TENANTS, "--semgrep", semgrep)
    assert found(doc) == EXPECTED
    assert doc["summary"]["tenants_used"] == TENANTS_USED
    assert doc["summary"]["known_tenants"] == ["marketing", "transactional"]
    by_place = {(f["file"], f["line"]): f for f in doc["findings"]}
    typo = by_place["python/app/tenant_sends.py", 40]
    assert (typo["severity"], typo["message"], typo["remediation"]) == (
        "error",
        "tenant 'transactionl' is not a tenant of --tenants. Did you mean 'transactional'?",
        "Use 'transactional'.",
    )
    assert by_place["javascript/src/tenant-sends.ts", 41]["severity"] == "warning"


def test_without_tenants_nothing_is_said_about_them(semgrep, capsys):
    doc = scan_json(capsys, "--semgrep", semgrep)
    assert found(doc) == {f for f in EXPECTED if f[0] == "SES019"}
    assert doc["summary"]["tenants_used"] == TENANTS_USED
    assert doc["summary"]["known_tenants"] is None


@pytest.mark.parametrize("value", ["", "marketing,,transactional", " , "])
def test_an_empty_tenant_name_is_one_line_and_exit_2(capsys, value):
    assert main(["scan", str(TENANT_FIXTURES), "--tenants", value]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"sesguard: --tenants {value!r}: give tenant names separated by commas"]
