"""Shared pytest wiring: the emulator fixture comes from the emulator package itself."""

# Loaded here rather than as a pytest11 entry point, so installing sesguard never
# adds fixtures to someone else's test run.
pytest_plugins = ["ses_emulator.pytest_plugin"]
