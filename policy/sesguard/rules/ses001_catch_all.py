from __future__ import annotations

from ..model import Model
from .base import Rule


class CatchAll(Rule):
    id = "SES001"
    severity = "error"
    summary = "Every stream has its own configuration set; no set serves two streams."
    why = (
        "One configuration set for every kind of mail means one bad campaign raises the "
        "bounce and complaint rates that password resets are judged by: SES reviews or "
        "pauses the account and resets stop arriving."
    )
    fix = (
        "Give each stream its own aws_sesv2_configuration_set (one ses_stream module call "
        "per stream) and point each stream's identity and sending code at its own set."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/using-configuration-sets.html"
    needs = {"Identity": ("default_set",), "ConfigurationSet": ("name",)}

    def check(self, model: Model):
        v1_modules = {res.module for res in model.v1}  # SES008 reports those sets
        for stream in model.streams.values():
            if stream.module in v1_modules:
                continue
            if not stream.sets and (stream.declared or stream.module):
                where = "declared in the gate config" if stream.declared else stream.module
                yield self.finding(
                    stream,
                    stream.module,
                    f"stream {stream.name!r} ({where}) has no configuration set of its own",
                )
        for name, sets in model.sets_by_name.items():
            owners = {s.stream.name for s in sets if s.stream is not None}
            if len(owners) > 1:
                yield self.finding(
                    sets[0].stream,
                    sets[0].address,
                    f"configuration set {name!r} is declared by streams "
                    f"{', '.join(sorted(owners))}",
                )
        # A set serves another stream when that stream's identity defaults to it.
        for identity in model.identities:
            owner = model.set_module_streams.get(identity.res.module)
            target = model.stream_of_set_name(identity.default_set)
            if owner is not None and target is not None and owner is not target:
                yield self.finding(
                    owner,
                    identity.address,
                    f"identity of stream {owner.name!r} sends through configuration set "
                    f"{identity.default_set!r} of stream {target.name!r}: that set serves "
                    "two streams",
                )
        declared_sets: dict[str, list[str]] = {}
        for decl in model.config.streams.values():
            if decl.configuration_set:
                declared_sets.setdefault(decl.configuration_set, []).append(decl.name)
        for set_name, streams in declared_sets.items():
            if len(streams) > 1:
                yield self.finding(
                    streams[0],
                    None,
                    f"the gate config maps streams {', '.join(sorted(streams))} to one "
                    f"configuration set {set_name!r}",
                )
