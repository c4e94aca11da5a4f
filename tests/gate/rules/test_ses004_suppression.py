"""SES004 suppression: near misses, the empty-list update trap and null blocks."""

from __future__ import annotations

from plan_mutations import (
    after,
    changes,
    config_set,
    make_live,
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
    assert report.summary["streams"]["lane-7"]["class"] is None
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
