from __future__ import annotations

from ..model import Model
from ..values import UNKNOWN
from .base import Rule, stream_name


class IdentityDefaultSet(Rule):
    id = "SES007"
    name = "identity-default-configuration-set"
    severity = "error"
    summary = "Every SES v2 identity has a default configuration set."
    why = (
        "Code that forgets ConfigurationSetName sends with no set at all: no suppression "
        "override, no events, no alarms, and through whatever IPs the account defaults to. "
        "The identity's default set is the safety net."
    )
    fix = "Set configuration_set_name on aws_sesv2_email_identity to the stream's own set."
    doc_url = (
        "https://docs.aws.amazon.com/ses/latest/dg/managing-configuration-sets.html"
        "#default-config-sets"
    )
    reads = ("identities",)
    needs = {"Identity": ("default_set",)}

    def check(self, model: Model):
        for identity in model.identities:
            if identity.default_set is UNKNOWN or identity.default_set:
                continue
            owner = model.set_module_streams.get(identity.res.module)
            yield self.finding(
                owner.key if owner else stream_name(identity),
                identity.address,
                f"identity {identity.identity!r} has no default configuration set",
            )
