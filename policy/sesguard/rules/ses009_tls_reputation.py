from __future__ import annotations

from ..model import Model
from ..values import UNKNOWN
from .base import Rule, module_fix


class TlsAndReputation(Rule):
    id = "SES009"
    name = "tls-required-and-reputation-metrics"
    severity = "warning"
    summary = "TLS REQUIRE and reputation metrics enabled on every set."
    why = (
        "OPTIONAL TLS lets receipts and reset links travel in clear text to servers that do "
        "not offer TLS; without reputation metrics SES publishes no per-set bounce and "
        "complaint rates to alarm on."
    )
    fix = (
        'Set delivery_options { tls_policy = "REQUIRE" } and reputation_options '
        "{ reputation_metrics_enabled = true }."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_DeliveryOptions.html"
    reads = ("configuration_set",)
    v1_migration = (
        "migration does not carry it over by itself: write the setting again on the "
        "aws_sesv2_configuration_set."
    )
    needs = {"ConfigurationSet": ("tls_policy", "reputation_metrics")}

    def check(self, model: Model):
        for config_set in model.sets:
            if config_set.tls_policy is not UNKNOWN and config_set.tls_policy != "REQUIRE":
                shown = config_set.tls_policy if isinstance(config_set.tls_policy, str) else None
                yield self.finding(
                    config_set.stream,
                    config_set.address,
                    f"configuration set {config_set.name!r} has TLS policy "
                    f"{shown or 'OPTIONAL (default)'}, not REQUIRE",
                    module_fix(config_set.stream, 'tls_policy = "REQUIRE" (the default)'),
                    fact="tls_policy",
                )
            if config_set.reputation_metrics not in (True, UNKNOWN):
                yield self.finding(
                    config_set.stream,
                    config_set.address,
                    f"configuration set {config_set.name!r} does not enable reputation metrics",
                    module_fix(
                        config_set.stream, "reputation_metrics_enabled = true (the default)"
                    ),
                    fact="reputation_metrics",
                )
