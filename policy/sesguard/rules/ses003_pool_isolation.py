from __future__ import annotations

from ..model import DEFAULT_POOL, Model
from ..values import UNKNOWN
from .base import Rule, module_fix


class PoolIsolation(Rule):
    id = "SES003"
    name = "ip-pool-isolation"
    severity = "error"
    summary = (
        "Streams of different classes never share a pool; marketing sends from its own named "
        "dedicated pool; a named pool exists in the plan or is declared external."
    )
    why = (
        "A shared IP pool shares reputation: marketing complaints on a pool that also carries "
        "receipts get those receipts filtered or blocked by mailbox providers."
    )
    fix = (
        "Give the marketing stream its own MANAGED aws_sesv2_dedicated_ip_pool, never reuse a "
        "pool across classes, and list pools managed elsewhere under account.external_pools."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/dedicated-ip-pools.html"
    reads = ("configuration_set", "dedicated_ip_pools", "dedicated_ip_pool")
    v1_migration = (
        "an aws_sesv2_configuration_set can name the stream's pool "
        "(delivery_options.sending_pool_name), which the v1 resource cannot; migration does "
        "not create the pool."
    )
    needs = {"ConfigurationSet": ("pool_name",), "Pool": ("name",)}

    def check(self, model: Model):
        # A pool whose name is known only after apply may be the one a set names.
        pool_names_known = all(pool.name is not UNKNOWN for pool in model.pools)
        users: dict[object, list] = {}
        for config_set in model.sets:
            stream = config_set.stream
            policy = model.config.classes.get(stream.class_name) if stream else None
            key = config_set.pool or config_set.pool_name
            if isinstance(key, str) or config_set.pool is not None:
                users.setdefault(key, []).append(config_set)
            if policy is not None and policy.dedicated_pool and not _names_pool(config_set):
                yield self.finding(
                    stream,
                    config_set.address,
                    f"{stream.class_name} stream {stream.name!r} sends from the shared SES pool: "
                    "it needs its own named dedicated pool",
                    module_fix(
                        stream,
                        'ip_pool = { mode = "managed" } (or drop the input: the class default)',
                        f"[classes.{policy.name}] dedicated_pool",
                    ),
                )
            if (
                isinstance(config_set.pool_name, str)
                and config_set.pool is None
                and config_set.pool_name not in model.config.external_pools
                and config_set.pool_name != DEFAULT_POOL  # SES002 reports that one
                and pool_names_known
            ):
                yield self.finding(
                    stream,
                    config_set.address,
                    f"configuration set {config_set.name!r} names pool "
                    f"{config_set.pool_name!r}, which is neither in the plan nor declared in "
                    "account.external_pools",
                )
        for key, sets in users.items():
            classes = {s.stream.class_name for s in sets if s.stream and s.stream.class_name}
            if len(classes) > 1:
                pool = (
                    key
                    if isinstance(key, str)
                    else (key.name if isinstance(key.name, str) else key.address)
                )
                streams = sorted({s.stream.name for s in sets if s.stream})
                yield self.finding(
                    sets[0].stream,
                    sets[0].address,
                    f"pool {pool!r} is shared by streams of different classes "
                    f"({', '.join(sorted(classes))}: {', '.join(streams)})",
                )


def _names_pool(config_set) -> bool:
    """True when the set names a pool (unknown-but-referenced counts; SES014 reports it)."""
    return (
        isinstance(config_set.pool_name, str)
        or config_set.pool is not None
        or (config_set.pool_name is UNKNOWN)
    )
