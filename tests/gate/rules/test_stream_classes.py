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
    assert report.summary.streams["newsletters"]["class"] == "marketing"
    assert report.summary.streams["newsletters"]["class_source"] == "tag"


def _rename_untagged(plan: dict, stream: str, name: str) -> None:
    rc = config_set(plan, stream)
    after(rc)["configuration_set_name"] = name
    after(rc)["tags"] = after(rc)["tags_all"] = {}
    plan.pop("configuration")  # no module input: the name is all the gate has


def test_configured_class_name_wins_over_a_default_keyword(production):
    """`notification` is a keyword of bulk-notifications, but a configured class whose name
    the set carries is the one meant."""
    _rename_untagged(production, "transactional", "account-notifications-eu")
    config = {
        "classes": {
            "account-notifications": {
                "suppressed_reasons": ["BOUNCE"],
                "max_bounce_rate": 0.01,
                "max_complaint_rate": 0.0005,
            }
        }
    }
    streams = run(production, config).summary.streams
    assert streams["account-notifications-eu"]["class"] == "account-notifications"


def test_longest_configured_class_name_wins(production):
    _rename_untagged(production, "marketing", "marketing-digest-weekly")
    config = {
        "classes": {
            "marketing-digest": {
                "suppressed_reasons": ["BOUNCE", "COMPLAINT"],
                "max_bounce_rate": 0.02,
                "max_complaint_rate": 0.0008,
            }
        }
    }
    streams = run(production, config).summary.streams
    assert streams["marketing-digest-weekly"]["class"] == "marketing-digest"
