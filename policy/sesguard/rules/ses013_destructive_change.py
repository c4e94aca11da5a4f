from __future__ import annotations

from ..model import Model
from ..values import UNKNOWN
from .base import Rule

PROTECTED = {
    "aws_sesv2_configuration_set": "configuration set",
    "aws_sesv2_dedicated_ip_pool": "dedicated IP pool",
    "aws_sesv2_email_identity": "identity",
}


class DestructiveChange(Rule):
    id = "SES013"
    name = "destructive-change"
    severity = "error"
    summary = "The plan deletes or replaces a live configuration set, pool or identity default."
    why = (
        "Sending code names its configuration set; between the delete and the create every "
        "send with that name fails, and a replaced pool or identity loses its warm-up and "
        "verification. A rename is a replace. Removing or moving an identity's default set "
        "moves every send that omits ConfigurationSetName out of its lane."
    )
    fix = (
        "Keep the name (use a `moved` block for address changes), or create the new resource "
        "first, move senders, then remove the old one in a later change."
    )
    doc_url = "https://developer.hashicorp.com/terraform/language/modules/develop/refactoring"
    applies_to = ("plan",)  # a live account has no planned change
    needs = {"Identity": ("default_set",)}

    def check(self, model: Model):
        for res in model.resources.values():
            kind = PROTECTED.get(res.type)
            if kind is None or not res.live:
                continue
            if res.replaced or res.deleted:
                what = "replaces" if res.replaced else "deletes"
                yield self.finding(
                    _stream(model, res),
                    res.address,
                    f"the plan {what} live {kind} {_name(res)!r}",
                )
            elif res.type == "aws_sesv2_email_identity" and res.after is not None:
                old = res.before.get("configuration_set_name")
                new = res.after.text("configuration_set_name")
                if not old or new is UNKNOWN or new == old:
                    continue
                identity = res.before.get("email_identity")
                # Code that omits ConfigurationSetName relies on the default: moving it
                # moves that mail into another lane without any change to the code.
                change = f"moves it to {new!r}" if new else "removes it"
                yield self.finding(
                    _stream(model, res),
                    res.address,
                    f"live identity {identity!r} sends by default through configuration set "
                    f"{old!r}; the plan {change}",
                )


def _name(res) -> str:
    before = res.before or {}
    for key in ("configuration_set_name", "pool_name", "email_identity"):
        if isinstance(before.get(key), str):
            return before[key]
    return res.address


def _stream(model: Model, res) -> str | None:
    stream = model.set_module_streams.get(res.module) if res.module else None
    if stream is None:
        stream = model.stream_of_set_name((res.before or {}).get("configuration_set_name"))
    return stream.key if stream else None
