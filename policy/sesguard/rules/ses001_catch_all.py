from __future__ import annotations

from ..model import ConfigurationSet, Model
from .base import Rule


class CatchAll(Rule):
    id = "SES001"
    name = "catch-all-configuration-set"
    severity = "error"
    summary = (
        "Every stream has its own configuration set; no set serves two streams; no two "
        "resources declare one set or pool name."
    )
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
    reads = ("configuration_set",)
    v1_migration = (
        "the v2 set needs a name of its own too: v1 and v2 configuration sets share one namespace."
    )
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
        yield from self._duplicate_names(model)
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

    def _duplicate_names(self, model: Model):
        """A copy-pasted set or pool: Terraform plans both; apply fails half-way."""
        for entity in (*model.sets, *model.pools):
            first = model.duplicate_of.get(entity.address)
            if first is None:
                continue
            is_set = isinstance(entity, ConfigurationSet)
            what = "configuration set" if is_set else "dedicated IP pool"
            stream = entity.stream if is_set else None
            if stream is not None and stream.module:
                fix = f"Give {stream.module} its own `name` input (it repeats {first.address})."
            else:
                attribute = (
                    ("name" if entity.v1 else "configuration_set_name") if is_set else "pool_name"
                )
                fix = f"Give {entity.address} its own {attribute}, or remove the copy."
            yield self.finding(
                stream,
                entity.address,
                f"{what} name {entity.name!r} is already declared by {first.address}: "
                "Terraform plans both, and apply fails half-way with AlreadyExists",
                fix,
            )
