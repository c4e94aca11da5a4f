"""SES002 default pool: near misses beyond the planted violations."""

from __future__ import annotations

from planted import rules_hit, run


def test_unpooled_ips_pass_when_shared_pool_is_declared(production):
    config = {
        "account": {"unpooled_dedicated_ips": True},
        "streams": {
            "transactional": {"class": "transactional", "shared_pool": True},
            "bulk-notifications": {"class": "bulk-notifications", "shared_pool": True},
        },
    }
    assert "SES002" not in rules_hit(run(production, config))
