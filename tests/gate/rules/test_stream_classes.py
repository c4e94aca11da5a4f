"""How a stream gets its class (config, then tag or module input, then name)."""

from __future__ import annotations

from plan_mutations import (
    after,
    config_set,
)
from planted import run


def test_declared_stream_without_class_takes_the_class_tag_of_its_set(production):
    """Class from the config, else the class tag, else the name. Declaring the
    stream (to map its set) without a class must not hide the tag."""
    rc = config_set(production, "marketing")
    for key in ("tags", "tags_all"):
        after(rc)[key] = {"class": "marketing"}
    config = {"streams": {"newsletters": {"configuration_set": "marketing"}}}
    report = run(production, config)
    assert report.summary["streams"]["newsletters"]["class"] == "marketing"
    assert report.summary["streams"]["newsletters"]["class_source"] == "tag"
