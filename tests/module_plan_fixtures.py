"""What the module-plan tests share: the production plan, its sets, the class values they are
held to (read from the module's data file, the one place they are written) and small
readers of a plan. Registered as a plugin in tests/conftest.py, so both test files get the
fixtures."""

from __future__ import annotations

import json

import pytest
from plan_fixtures import load_plan
from plan_mutations import stream_key
from terraform_runner import MODULES

STREAM_CLASSES = {
    "transactional": "transactional",
    "marketing": "marketing",
    "bulk-notifications": "bulk-notifications",
}
# The class values come from the module's data file, the one place they are written.
CLASS_FILE = json.loads((MODULES / "ses_stream" / "classes.json").read_text())
CLASSES = CLASS_FILE["classes"]
SUPPRESSION = {name: cls["suppressed_reasons"] for name, cls in CLASSES.items()}
THRESHOLDS = {  # (bounce, complaint) as fractions, the class defaults
    name: (cls["max_bounce_rate"], cls["max_complaint_rate"]) for name, cls in CLASSES.items()
}
# Events a period needs before a rate counts: one complaint must not page.
MIN_EVENTS = {
    name: {"bounce_rate": cls["min_bounces"], "complaint_rate": cls["min_complaints"]}
    for name, cls in CLASSES.items()
}
ALARM_ROUTE = {
    "transactional": "ses-production-oncall",
    "marketing": "ses-production-deliverability",
    "bulk-notifications": "ses-production-deliverability",
}
SES_REVIEW = CLASS_FILE["ses_review_levels"]


@pytest.fixture(scope="module")
def production() -> dict:
    return load_plan("production")


def changes(plan: dict, resource_type: str) -> list[dict]:
    return [rc for rc in plan["resource_changes"] if rc["type"] == resource_type]


def after(rc: dict) -> dict:
    return rc["change"]["after"]


def has_unknown(flags: object) -> bool:
    """True when an ``after_unknown`` entry marks the value, or any part of it, unknown."""
    if isinstance(flags, dict):
        return any(has_unknown(v) for v in flags.values())
    if isinstance(flags, list):
        return any(has_unknown(v) for v in flags)
    return flags is True


def by_stream(plan: dict, resource_type: str) -> dict[str, list[dict]]:
    """Resources of one type grouped by the ses_stream module instance they belong to."""
    grouped: dict[str, list[dict]] = {}
    for rc in changes(plan, resource_type):
        module = rc.get("module_address", "")
        if '.module.stream["' in module:
            grouped.setdefault(stream_key(module), []).append(rc)
    return grouped


@pytest.fixture(scope="module")
def sets(production: dict) -> dict[str, dict]:
    return {
        after(rc)["configuration_set_name"]: after(rc)
        for rc in changes(production, "aws_sesv2_configuration_set")
    }
