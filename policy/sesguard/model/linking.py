"""Linking a built model: indexes by name, streams, and the alarms that watch each stream.

Source-neutral: whatever builder filled the entity lists (a plan today) calls `link`.
"""

from __future__ import annotations

from ..config import Config
from ..values import UNKNOWN
from .addresses import resource_label
from .configuration import Configuration, StreamModule
from .entities import Model, Resource, Stream

CLASS_TAGS = ("class", "stream_class", "ses:class")
# What a ses_stream call creates when it pauses its lane on a bounce or complaint alarm.
PAUSE_TYPE = "aws_sfn_state_machine"


def link(model: Model, configuration: Configuration | None = None) -> None:
    """Index the entities a builder filled and group them into streams.

    ``configuration`` (a plan's) tells which resources sit in a ses_stream module call;
    a builder without one (a live account) still gets streams from names and tags.
    """
    m = model
    for pool in m.pools:
        if isinstance(pool.name, str):
            first = m.pools_by_name.setdefault(pool.name, pool)
            if first is not pool:
                m.duplicate_of[pool.address] = first
    pools_by_address = {p.address: p for p in m.pools}
    sets_by_address = {}
    for config_set in m.sets:
        sets_by_address[config_set.address] = config_set
        if isinstance(config_set.name, str):  # v1 and v2 sets share one namespace
            m.sets_by_name.setdefault(config_set.name, []).append(config_set)
        if isinstance(config_set.pool, Resource):
            config_set.pool = pools_by_address.get(config_set.pool.address)
        elif isinstance(config_set.pool_name, str):
            config_set.pool = m.pools_by_name.get(config_set.pool_name)
    for same_name in m.sets_by_name.values():
        if len(same_name) > 1:
            # sort() is stable: among equally likely owners the plan's order decides.
            same_name.sort(key=lambda s: _copy_likelihood(s, configuration, m.config))
            for copy in same_name[1:]:
                m.duplicate_of[copy.address] = same_name[0]
    for dest in m.destinations:
        if isinstance(dest.config_set, Resource):
            dest.config_set = sets_by_address.get(dest.config_set.address)
        elif isinstance(dest.set_name, str):
            found = m.sets_by_name.get(dest.set_name)
            dest.config_set = found[0] if found else None
        if dest.config_set is not None:
            m.destinations_by_set.setdefault(id(dest.config_set), []).append(dest)
        elif dest.set_name is UNKNOWN:
            m.orphan_destinations.append(dest)
        if dest.enabled is True and isinstance(dest.cloudwatch, tuple):
            dims = frozenset((d.name, d.default) for d in dest.cloudwatch)
            m.published_dimensions.update(d.name for d in dest.cloudwatch)
            for event in dest.event_types if isinstance(dest.event_types, frozenset) else ():
                m.published.setdefault((event, dims), []).append(dest)
    _streams(m, configuration)
    for dest in m.destinations:
        stream = dest.config_set.stream if dest.config_set is not None else None
        if stream is not None and UNKNOWN in (dest.enabled, dest.event_types, dest.cloudwatch):
            m.streams_with_unknown_destinations.add(stream)


def _streams(m: Model, configuration: Configuration | None) -> None:
    config = m.config
    declared_by_set = {
        d.configuration_set: d for d in config.streams.values() if d.configuration_set
    }
    module_cache: dict[str, StreamModule | None] = {}

    def stream_named(name: str, tag_class: str | None = None) -> Stream:
        stream = m.streams.get(name)
        if stream is None:
            stream = m.streams[name] = Stream(name, *_classify(name, tag_class, config))
        elif tag_class and stream.class_source in ("name", "unknown"):
            # Created before its set was seen (declared, or an earlier set had no tag):
            # a class tag outranks the name.
            stream.class_name, stream.class_source = _classify(name, tag_class, config)
        return stream

    def module_stream(res: Resource) -> StreamModule | None:
        if configuration is None:
            return None
        if res.module not in module_cache:
            module_cache[res.module] = configuration.stream_module(res.module)
        return module_cache[res.module]

    # The stream module instances whose automatic pause the plan keeps (see pause.tf).
    pausing = {
        found.instance
        for res in m.resources.values()
        if res.type == PAUSE_TYPE and res.name == "pause" and res.after is not None
        if (found := module_stream(res)) is not None
    }
    for config_set in m.sets:
        found = module_stream(config_set.res)
        if found is not None and not config_set.v1:  # the module makes only v2 sets
            config_set.pause_wired = found.instance in pausing
    for decl in config.streams.values():
        stream = stream_named(decl.name)
        stream.declared, stream.shared_pool = True, decl.shared_pool
    for config_set in m.sets:
        if config_set.address in m.duplicate_of:
            _own_stream(m, config_set, configuration, module_stream(config_set.res))
            continue
        tags = config_set.tags if isinstance(config_set.tags, dict) else {}
        found = module_stream(config_set.res)
        decl = declared_by_set.get(config_set.name)
        if decl is not None:
            name = decl.name
        elif found and found.name:
            name = found.name
        elif tags.get("stream"):
            name = tags["stream"]
        elif isinstance(config_set.name, str):
            name = config_set.name
        else:
            name = config_set.address
        stream = stream_named(name, _tag_class(tags, configuration, found))
        if found:
            stream.module = found.instance
            m.set_module_streams[found.instance] = stream
        stream.sets.append(config_set)
        config_set.stream = stream
    # Stream modules whose configuration set is missing from the plan still count.
    for res in m.resources.values():
        found = module_stream(res) if res.module else None
        if found and found.instance not in m.set_module_streams and res.after is not None:
            stream = stream_named(found.name or found.fallback_name)
            stream.module = found.instance
            m.set_module_streams[found.instance] = stream
    _attach_alarms(m)


def _tag_class(tags: dict, configuration: Configuration | None, found: StreamModule | None):
    tag_class = next((tags[t] for t in CLASS_TAGS if tags.get(t)), None)
    if tag_class is None and found and configuration is not None:
        tag_class = configuration.class_input(found.instance)
    return tag_class


def _copy_likelihood(config_set, configuration: Configuration | None, config: Config) -> int:
    """0 for the declaration that owns a repeated set name, more for a likely copy.

    The plan lists resources by address, not in the order they were written: the call (or
    resource) named like the set it declares owns the name, then one whose class the name
    implies; a copy-pasted block keeps the name but not its label or its class."""
    found = configuration.stream_module(config_set.res.module) if configuration else None
    label = found.fallback_name if found else resource_label(config_set.address)
    if label == config_set.name:
        return 0
    tags = config_set.tags if isinstance(config_set.tags, dict) else {}
    declared = _tag_class(tags, configuration, found)
    implied = _class_in(config_set.name, config)
    return 1 if declared and implied and _class_in(declared, config) == implied else 2


def _own_stream(
    m: Model, config_set, configuration: Configuration | None, found: StreamModule | None
) -> None:
    """A set that repeats another's name is a stream of its own, named after the call (or
    resource) that repeats it, so its findings are reported there and no class,
    destination or alarm of the other one is mixed into it."""
    tags = config_set.tags if isinstance(config_set.tags, dict) else {}
    name = config_set.name
    key = f"{name} ({found.instance if found else config_set.address})"
    tag_class = _tag_class(tags, configuration, found)
    stream = Stream(name, *_classify(name, tag_class, m.config), key=key)
    m.streams[key] = stream
    if found:
        stream.module = found.instance
        m.set_module_streams[found.instance] = stream
    stream.sets.append(config_set)
    config_set.stream = stream


def _attach_alarms(m: Model) -> None:
    """Give each stream the alarms whose metrics name it (by dimension, set or module)."""
    by_dimension_value: dict[str, Stream] = {}
    for stream in m.streams.values():
        by_dimension_value.setdefault(stream.name, stream)
        for config_set in stream.sets:
            for dest in m.destinations_of(config_set):
                for dim in dest.cloudwatch if isinstance(dest.cloudwatch, tuple) else ():
                    if dim.name == m.config.dimension and isinstance(dim.default, str):
                        by_dimension_value.setdefault(dim.default, stream)
    for alarm in m.alarms:
        # An alarm inside a stream module watches that stream, whatever its dimensions say.
        stream = m.set_module_streams.get(alarm.res.module) if alarm.res.module else None
        for metric in alarm.metrics if stream is None else ():
            dims = metric.dimensions if isinstance(metric.dimensions, dict) else {}
            if dims.get(m.config.dimension) in by_dimension_value:
                stream = by_dimension_value[dims[m.config.dimension]]
            else:
                # ses:configuration-set, or a dimension SES never publishes but whose value
                # names a set (ConfigurationSetName): the team meant that set's stream.
                stream = next(
                    (
                        m.stream_of_set_name(value)
                        for value in dims.values()
                        if m.stream_of_set_name(value) is not None
                    ),
                    None,
                )
            if stream is not None:
                break
        if stream is not None:
            stream.alarms.append(alarm)
            alarm.stream = stream


def _class_in(text: str, config: Config) -> str | None:
    """The class a name or tag names: the configured classes' own names first, then their
    keywords; the longest match wins, so a configured `account-notifications` class is not
    taken for bulk-notifications by its keyword `notification`."""
    lowered = text.lower()
    named = [name for name in config.classes if name in lowered]
    if named:
        return max(named, key=len)
    words = [(word, name) for name, policy in config.classes.items() for word in policy.keywords]
    found = [(word, name) for word, name in words if word in lowered]
    return max(found, key=lambda pair: len(pair[0]))[1] if found else None


def _classify(name: str, tag_class: str | None, config: Config) -> tuple[str | None, str]:
    """A stream's class: the gate config, else a class tag (or module input), else the name."""
    decl = config.streams.get(name)
    if decl is not None and decl.class_name:
        return decl.class_name, "config"
    if tag_class and _class_in(tag_class, config):
        return _class_in(tag_class, config), "tag"
    found = _class_in(name, config)
    return (found, "name") if found else (None, "unknown")
