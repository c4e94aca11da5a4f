"""SES003 pool isolation: near misses and pools known only after apply."""

from __future__ import annotations

from plan_mutations import (
    after,
    clone,
    config_resource,
    config_set,
    one,
    remove,
    set_unknown,
)
from planted import pool_name_unknown_until_apply, pool_not_in_plan, rules_hit, run


def test_pool_managed_elsewhere_passes_when_declared_external(production):
    pool_not_in_plan(production)
    report = run(production, {"account": {"external_pools": ["legacy-bulk-pool"]}})
    assert "SES003" not in rules_hit(report)


def test_unknown_pool_name_is_reported_not_failed(production):
    pool_name_unknown_until_apply(production)
    report = run(production)
    info = [f for f in report.findings if f.rule == "SES014"]
    assert any("refers to" in f.message and "SES003" in f.message for f in info)
    assert not rules_hit(report, "error"), [f.message for f in report.errors]


def test_unknown_pool_name_is_followed_through_a_module_input(production):
    """`sending_pool_name = var.pool` inside the stream module, and the caller passes
    `aws_sesv2_dedicated_ip_pool.shared.pool_name`: the gate follows var → caller."""
    pool = one(production, "aws_sesv2_dedicated_ip_pool", "marketing")
    shared = clone(production, pool, "aws_sesv2_dedicated_ip_pool", after(pool))
    shared.update(
        module_address="module.platform",
        address="module.platform.aws_sesv2_dedicated_ip_pool.shared",
        name="shared",
    )
    remove(production, pool)
    set_unknown(shared, ["pool_name"])
    set_unknown(config_set(production, "marketing"), ["delivery_options", 0, "sending_pool_name"])
    stream_set = config_resource(
        production, ["platform", "stream"], "aws_sesv2_configuration_set.this"
    )
    stream_set["expressions"]["delivery_options"][0]["sending_pool_name"] = {
        "references": ["var.ip_pool"]
    }
    call = production["configuration"]["root_module"]["module_calls"]["platform"]["module"][
        "module_calls"
    ]["stream"]
    call["expressions"]["ip_pool"] = {
        "references": [
            "aws_sesv2_dedicated_ip_pool.shared.pool_name",
            "aws_sesv2_dedicated_ip_pool.shared",
        ]
    }
    report = run(production)
    assert any(
        f.rule == "SES014"
        and "refers to module.platform.aws_sesv2_dedicated_ip_pool.shared" in f.message
        for f in report.findings
    ), [f.message for f in report.findings]
    assert "SES003" not in rules_hit(report)  # marketing names a dedicated pool


def test_pool_with_unknown_name_is_not_reported_missing(production):
    """The marketing pool's name is known only after apply; the set names it literally:
    the pool may well be that one, so SES003 must not say "not in the plan"."""
    pool = one(production, "aws_sesv2_dedicated_ip_pool", "marketing")
    set_unknown(pool, ["pool_name"])
    report = run(production)
    assert "SES003" not in rules_hit(report), [f.message for f in report.errors]
    assert any(f.rule == "SES014" and f.address == pool["address"] for f in report.findings)
