"""Shared pytest wiring."""

import os

from hypothesis import settings

# Loaded here rather than as a pytest11 entry point, so installing sesguard never
# adds fixtures to someone else's test run.
pytest_plugins = ["ses_emulator.pytest_plugin"]

# CI replays the same examples on every run (derandomize): a red CI is a regression, not an
# unlucky draw. Local runs keep drawing fresh random examples, which is how new bugs are found.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
