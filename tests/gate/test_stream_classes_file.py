"""One source of truth for stream classes: modules/ses_stream/classes.json, read by
Terraform (jsondecode(file(...)) in the module) and, through a build-time copy, by the gate."""

from __future__ import annotations

import json
from pathlib import Path

from sesguard.config import CLASSES_FILE, Config

MODULE_FILE = Path(__file__).resolve().parents[2] / "modules" / "ses_stream" / "classes.json"


def test_package_copy_is_the_modules_file():
    assert CLASSES_FILE.read_bytes() == MODULE_FILE.read_bytes(), (
        "policy/sesguard/classes.json is stale: run `make venv` (it copies the module's file)"
    )


def test_gate_defaults_are_the_modules_class_values():
    data = json.loads(MODULE_FILE.read_text())["classes"]
    classes = Config.default().classes
    assert set(classes) == set(data)
    for name, cls in data.items():
        policy = classes[name]
        assert policy.suppressed_reasons == frozenset(cls["suppressed_reasons"])
        assert (policy.max_bounce_rate, policy.max_complaint_rate) == (
            cls["max_bounce_rate"],
            cls["max_complaint_rate"],
        )
        assert policy.dedicated_pool == (cls["pool_mode"] != "shared")
        assert policy.realtime_events == frozenset(cls["realtime_events"])
        assert policy.keywords == tuple(cls["keywords"])
        assert policy.pause_on_alarm == cls["pause_on_alarm"]


def test_gate_review_levels_are_the_files():
    levels = json.loads(MODULE_FILE.read_text())["ses_review_levels"]
    config = Config.default()
    assert (config.review_bounce_rate, config.review_complaint_rate) == (
        levels["bounce_rate"],
        levels["complaint_rate"],
    )
