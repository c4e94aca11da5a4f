from __future__ import annotations

from ..model import DEFAULT_POOL, Model
from ..values import UNKNOWN
from .base import Rule


class DefaultPool(Rule):
    id = "SES002"
    name = "default-dedicated-pool-routing"
    severity = "error"
    summary = "No configuration set routes through ses-default-dedicated-pool."
    why = (
        "ses-default-dedicated-pool holds every dedicated IP not in a named pool. A set that "
        "names it, or names no pool in an account with unpooled standard dedicated IPs, "
        "sends from the same IPs as every other such set: isolation is silently lost."
    )
    fix = (
        "Set delivery_options.sending_pool_name to the stream's own named pool, or declare "
        "the stream `shared_pool = true` in the gate config when the shared pool is on purpose."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/dedicated-ip-pools.html"
    reads = ("configuration_set", "dedicated_ip_pools")
    needs = {"ConfigurationSet": ("pool_name",)}

    def check(self, model: Model):
        unpooled = model.config.unpooled_dedicated_ips or any(
            pool == DEFAULT_POOL for _, pool in model.ip_assignments
        )
        for config_set in model.sets:
            stream = config_set.stream
            if config_set.pool_name == DEFAULT_POOL:
                yield self.finding(
                    stream,
                    config_set.address,
                    f"configuration set {config_set.name!r} sends through {DEFAULT_POOL}, "
                    "which every unpooled dedicated IP of the account shares",
                )
            elif (
                unpooled
                and not isinstance(config_set.pool_name, str)
                and config_set.pool_name is not UNKNOWN
                and config_set.pool is None
                and not (stream is not None and stream.shared_pool)
            ):
                yield self.finding(
                    stream,
                    config_set.address,
                    f"configuration set {config_set.name!r} names no pool in an account with "
                    f"unpooled dedicated IPs: it may send through {DEFAULT_POOL}",
                )
