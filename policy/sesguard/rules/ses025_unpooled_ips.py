from __future__ import annotations

from ..model import DEFAULT_POOL
from .live_base import LiveRule


class UnpooledIps(LiveRule):
    id = "SES025"
    severity = "error"
    summary = "Every dedicated IP is in a named pool, none in ses-default-dedicated-pool."
    why = (
        "An IP outside every named pool sits in ses-default-dedicated-pool, which any set "
        "without a pool of its own may send through: one lane's reputation lands on IPs "
        "another lane also uses."
    )
    fix = (
        "Move each IP into the pool of the stream that owns it "
        "(aws sesv2 put-dedicated-ip-in-pool --ip IP --destination-pool-name POOL)."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/dedicated-ip-pools.html"
    reads = ("dedicated_ips",)

    def check_live(self, model, live):
        if not isinstance(live.dedicated_ips, tuple):
            return  # unreadable: SES020 says so
        for ip in live.dedicated_ips:
            if ip.pool and ip.pool != DEFAULT_POOL:
                continue
            yield self.finding(
                None,
                live.arn("dedicated-ip", ip.ip),
                f"dedicated IP {ip.ip} is in no named pool ({DEFAULT_POOL})",
            )
