"""SES005 CloudWatch destinations: set names known only after apply."""

from __future__ import annotations

from plan_mutations import (
    changes,
    config_resource,
    set_unknown,
)
from planted import rules_hit, run


def test_destination_set_name_unknown_resolves_by_reference(production):
    """`configuration_set_name = aws_sesv2_configuration_set.this.configuration_set_name`
    with the name unknown: the configuration section still ties it to its set."""
    for rc in changes(production, "aws_sesv2_configuration_set_event_destination", "marketing"):
        set_unknown(rc, ["configuration_set_name"])
    report = run(production)
    assert "SES005" not in rules_hit(report)
    unknown = [f for f in report.findings if f.rule == "SES014"]
    assert unknown and all("set_name" in f.message for f in unknown)
    assert all("refers to" in f.message for f in unknown)


def test_destination_of_unresolvable_set_does_not_fail_sets_without_destinations(production):
    """A destination whose set name is unknown and not a reference the gate can follow
    (e.g. a module output): which set it serves is unknown, so no set is failed for it."""
    for rc in changes(production, "aws_sesv2_configuration_set_event_destination", "marketing"):
        set_unknown(rc, ["configuration_set_name"])
    config = config_resource(
        production,
        ["platform", "stream"],
        "aws_sesv2_configuration_set_event_destination.cloudwatch",
    )
    config["expressions"]["configuration_set_name"] = {"references": ["module.elsewhere.name"]}
    report = run(production)
    assert not {"SES005", "SES006", "SES010"} & rules_hit(report), report.errors
    unknown = [f.message for f in report.findings if f.rule == "SES014"]
    assert any("set_name" in m and all(r in m for r in ("SES005", "SES006")) for m in unknown)
