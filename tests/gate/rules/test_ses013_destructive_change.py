"""SES013 destructive changes: in-place updates pass, moving a live default does not."""

from __future__ import annotations

from plan_mutations import (
    ROOT_IDENTITY,
    after,
    config_set,
    make_live,
    one,
)
from planted import rules_hit, run


def test_update_of_live_set_in_place_is_not_destructive(production):
    rc = config_set(production, "marketing")
    make_live(rc, ["update"])
    after(rc)["delivery_options"][0]["max_delivery_seconds"] = 3600
    assert "SES013" not in rules_hit(run(production))


def test_moving_a_live_identity_default_to_another_set_is_destructive(production):
    rc = one(production, "aws_sesv2_email_identity", module=ROOT_IDENTITY)
    make_live(rc, ["update"])
    after(rc)["configuration_set_name"] = "marketing"
    hits = [f for f in run(production).findings if f.rule == "SES013"]
    assert any(f.address == rc["address"] and "marketing" in f.message for f in hits), hits
