"""Plans that are not ours (identity only, SES v1 only, other naming, no modules) get
sensible findings and never a crash. Each is cut or renamed from a real plan."""

from __future__ import annotations

from plan_mutations import after, changes, config_set
from sesguard import check_plan


def keep_only(plan: dict, *types: str) -> None:
    plan["resource_changes"] = [rc for rc in plan["resource_changes"] if rc["type"] in types]


def test_identity_only_plan_is_checked_without_streams(production):
    keep_only(
        production, "aws_sesv2_email_identity", "aws_sesv2_email_identity_mail_from_attributes"
    )
    report = check_plan(production)
    assert report.summary.streams == {}
    assert report.exit_code == 0


def test_identity_only_plan_without_default_set_fails_ses007(production):
    keep_only(production, "aws_sesv2_email_identity")
    after(production["resource_changes"][0]).pop("configuration_set_name")
    assert [f.rule for f in check_plan(production).findings] == ["SES007"]


def test_v1_only_plan_judges_every_v1_set_as_a_stream(production):
    keep_only(production, "aws_sesv2_configuration_set")
    for rc in production["resource_changes"]:
        rc["type"] = "aws_ses_configuration_set"
        rc["address"] = rc["address"].replace("aws_sesv2_", "aws_ses_")
        rc["change"]["after"] = {"name": after(rc)["configuration_set_name"]}
    addresses = {rc["address"] for rc in production["resource_changes"]}
    report = check_plan(production)
    assert {f.address for f in report.findings if f.rule == "SES008"} == addresses
    others = [f for f in report.findings if f.rule != "SES008"]
    # A bare v1 set: no destination, no alarm, default TLS, no reputation metrics, no pool.
    assert {f.rule for f in others} == {"SES003", "SES005", "SES006", "SES009", "SES010"}
    assert {f.address for f in others} == addresses
    assert all("Migrating to SES v2: " in f.remediation for f in others)


def test_plan_without_configuration_section_still_checks_sets(production):
    production.pop("configuration")
    report = check_plan(production)
    # No module calls to read: streams come from the sets' tags, all still pass.
    assert sorted(report.summary.streams) == ["bulk-notifications", "marketing", "transactional"]
    assert report.exit_code == 0


def test_other_naming_without_tags_classifies_by_set_name(production):
    for stream, name in (
        ("transactional", "acme-password-resets-transactional"),
        ("marketing", "acme-newsletter"),
        ("bulk-notifications", "acme-weekly-digest"),
    ):
        rc = config_set(production, stream)
        after(rc)["configuration_set_name"] = name
        after(rc)["tags"] = after(rc)["tags_all"] = {}
        for dest in changes(production, "aws_sesv2_configuration_set_event_destination", stream):
            after(dest)["configuration_set_name"] = name
    streams = check_plan(production).summary.streams
    assert streams["acme-password-resets-transactional"]["class"] == "transactional"
    assert streams["acme-newsletter"]["class"] is None  # nothing says "marketing"
    assert streams["acme-newsletter"]["class_source"] == "unknown"


def test_planned_values_only_plan_is_read(production):
    production.pop("resource_changes")
    report = check_plan(production)
    assert len(report.summary.streams) == 3
    assert report.exit_code == 0
