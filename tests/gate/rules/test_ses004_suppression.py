"""SES004 suppression: near misses, the empty-list update trap and null blocks."""

from __future__ import annotations

import copy

from plan_mutations import (
    after,
    changes,
    config_set,
    make_live,
    one,
)
from planted import rules_hit, run


def test_suppressed_reasons_order_does_not_matter(production):
    options = after(config_set(production, "marketing"))["suppression_options"][0]
    options["suppressed_reasons"] = ["COMPLAINT", "BOUNCE"]
    assert "SES004" not in rules_hit(run(production))


def test_unknown_class_gets_class_independent_rules_only(production):
    rc = config_set(production, "marketing")
    for key in ("tags", "tags_all"):
        after(rc)[key] = {}
    after(rc)["configuration_set_name"] = "lane-7"
    for dest in changes(production, "aws_sesv2_configuration_set_event_destination", "marketing"):
        after(dest)["configuration_set_name"] = "lane-7"
    report = run(production)
    # No module input, no tag: the stream is named after its set, class unknown.
    assert report.summary.streams["lane-7"]["class"] is None
    assert "SES004" not in rules_hit(report)  # [BOUNCE, COMPLAINT] satisfies "explicit, bounce"


def test_replacing_a_set_with_empty_suppression_is_not_the_update_bug(production):
    """The provider ignores non-empty → [] only on update; a replace creates the set anew.
    The [] still breaks the class policy, so SES004 says that instead."""
    rc = config_set(production, "bulk-notifications")
    make_live(rc, ["delete", "create"])
    after(rc)["suppression_options"][0]["suppressed_reasons"] = []
    hits = [f for f in run(production).findings if f.rule == "SES004"]
    assert hits and not any("does not apply" in f.message for f in hits)


def test_null_suppression_block_is_reported_as_inheriting_the_account(production):
    """`suppression_options: null` (hand-edited JSON; found by the random-damage test)
    means no block: the set inherits the account setting."""
    rc = config_set(production, "transactional")
    after(rc)["suppression_options"] = None
    hits = [f for f in run(production).findings if f.rule == "SES004"]
    assert any(f.address == rc["address"] and "no suppression_options" in f.message for f in hits)


# --- each fix names the change for the case at hand -----------------------------------

MARKETING = 'module.platform.module.stream["marketing"]'
MODULE_FIX = (
    f'In {MARKETING}, set suppressed_reasons = ["BOUNCE", "COMPLAINT"] (or drop the input: it '
    "defaults to the class's reasons). To make the limit itself your choice, set "
    "[classes.marketing] suppressed_reasons in the gate config."
)


def ses004_fixes(report) -> list[tuple[str, str]]:
    return [(f.address, f.remediation) for f in report.findings if f.rule == "SES004"]


def test_module_call_without_suppression_block_is_told_the_input_to_set(production):
    after(config_set(production, "marketing"))["suppression_options"] = []
    assert ses004_fixes(run(production)) == [
        (f"{MARKETING}.aws_sesv2_configuration_set.this", MODULE_FIX)
    ]


def test_module_call_with_the_wrong_reasons_is_told_the_class_reasons(production):
    after(config_set(production, "marketing"))["suppression_options"][0]["suppressed_reasons"] = [
        "BOUNCE"
    ]
    assert ses004_fixes(run(production)) == [
        (f"{MARKETING}.aws_sesv2_configuration_set.this", MODULE_FIX)
    ]


def test_class_that_suppresses_nothing_is_told_to_recreate_the_set(production):
    """The only fix that needs a destroy: a non-empty list updated to []."""
    config = {"classes": {"marketing": {"suppressed_reasons": []}}}
    (fix,) = [text for _, text in ses004_fixes(run(production, config))]
    assert fix == (
        f"In {MARKETING}, set suppressed_reasons = [] (or drop the input: it defaults to the "
        "class's reasons). To make the limit itself your choice, set [classes.marketing] "
        "suppressed_reasons in the gate config. The provider never updates a list to []: "
        "destroy and recreate the set."
    )


def test_resource_without_block_is_told_the_block_to_write(root_plans):
    plan = copy.deepcopy(root_plans["foreign"])
    digest = one(plan, "aws_sesv2_configuration_set", name="digest")
    after(digest)["suppression_options"] = []
    assert ses004_fixes(run(plan)) == [
        (
            "aws_sesv2_configuration_set.digest",
            "In aws_sesv2_configuration_set.digest, write suppression_options { "
            'suppressed_reasons = ["BOUNCE", "COMPLAINT"] } (the bulk-notifications class\'s '
            "reasons).",
        )
    ]


def test_resource_of_unknown_class_is_told_to_add_bounce(root_plans):
    plan = copy.deepcopy(root_plans["foreign"])
    digest = one(plan, "aws_sesv2_configuration_set", name="digest")
    for key in ("tags", "tags_all"):
        after(digest)[key] = {}
    after(digest)["configuration_set_name"] = "lane-7"
    after(digest)["suppression_options"][0]["suppressed_reasons"] = ["COMPLAINT"]
    assert ses004_fixes(run(plan)) == [
        (
            "aws_sesv2_configuration_set.digest",
            "In aws_sesv2_configuration_set.digest, set suppression_options { "
            'suppressed_reasons = ["BOUNCE", "COMPLAINT"] } (at least BOUNCE; the stream\'s '
            "class is unknown, so its reasons are not checked).",
        )
    ]
