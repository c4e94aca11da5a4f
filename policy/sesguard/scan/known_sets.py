"""The configuration set names a send may use: from a plan (the gate's model) or a config;
and the tenant names, from `--tenants` (the same lookup and suggestion)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ..config import Config
from ..errors import InputError


@dataclass(frozen=True)
class KnownSets:
    # set name → its stream's name (None when the source names no stream)
    streams: dict[str, str | None] = field(default_factory=dict)
    source: str = ""  # "plan.json", "sesguard.toml": named in messages

    def closest(self, name: str) -> str | None:
        found = difflib.get_close_matches(name, sorted(self.streams), n=1, cutoff=0.6)
        return found[0] if found else None


def from_plan(plan: dict, config: Config | None, source: str) -> KnownSets:
    """Every configuration set the plan creates or keeps, v2 and v1 (the model holds both),
    with its stream."""
    # The package's public name, not a module inside it.
    from ..model import model_from_plan

    model = model_from_plan(plan, config)
    streams: dict[str, str | None] = {}
    for config_set in model.sets:
        if isinstance(config_set.name, str):
            streams[config_set.name] = config_set.stream.name if config_set.stream else None
    return KnownSets(streams, source)


def from_config(config: Config, source: str) -> KnownSets:
    """The streams a gate config declares: each sends through its `configuration_set`,
    which defaults to the stream's own name (as the ses_stream module names it)."""
    return KnownSets(
        {decl.configuration_set or decl.name: decl.name for decl in config.streams.values()},
        source,
    )


def merge(*known: KnownSets | None) -> KnownSets | None:
    present = [k for k in known if k is not None]
    if not present:
        return None
    streams: dict[str, str | None] = {}
    for k in present:
        for name, stream in k.streams.items():
            streams[name] = streams.get(name) or stream
    return KnownSets(streams, " and ".join(k.source for k in present))


def from_tenants(option: str) -> KnownSets:
    """`--tenants a,b,c`: the account's tenants (no stream is known for a tenant)."""
    names = [name.strip() for name in option.split(",")]
    if not all(names):
        raise InputError(f"--tenants {option!r}: give tenant names separated by commas")
    return KnownSets(dict.fromkeys(names), "--tenants")
