"""A Python send whose client or request is imported is judged where the import leads:
absolute imports from a folder above the file, re-exports through a package's
__init__.py, a module imported whole; a name from outside the scanned tree is not
followed. (Relative imports and factories: the fixture tree, app/imported_sends.py.)"""

from __future__ import annotations

from pathlib import Path

from sesguard.scan import scan

CLIENTS = """\
import boto3

v1 = boto3.client("ses")
v2 = boto3.client(service_name="sesv2")
LANE = "marketing"
WEEKLY = {"FromEmailAddress": "a@example.com", "Destination": {}, "Content": {}}
LANED = {"FromEmailAddress": "a@example.com", "Content": {}, "ConfigurationSetName": LANE}
"""
SENDS = """\
from app import v2
from app.aws import clients
from app.aws.clients import v1
from mailer_sdk import client as outside


def weekly(request):
    v2.send_email(**clients.WEEKLY)
    v1.send_raw_email(**request)
    clients.v2.send_email(**clients.LANED)
    outside.send_email(**request)
"""


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_absolute_imports_re_exports_and_module_aliases_are_followed(semgrep, tmp_path):
    root = write(
        tmp_path,
        {
            "app/__init__.py": "from .aws.clients import v2\n",
            "app/aws/__init__.py": "",
            "app/aws/clients.py": CLIENTS,
            "app/jobs/weekly.py": SENDS,
        },
    )
    report = scan([str(root)], semgrep=semgrep)
    assert {(f.rule, f.file, f.line) for f in report.findings} == {
        ("SES015", "app/jobs/weekly.py", 8),  # v2 re-exported by app/__init__.py, no set
        ("SES016", "app/jobs/weekly.py", 9),  # v1 from app.aws.clients, caller's request
    }  # line 11: `outside` is not in the tree, `request` not a request read: nothing
    assert report.summary.configuration_sets_used == {"marketing": 1}  # line 10
