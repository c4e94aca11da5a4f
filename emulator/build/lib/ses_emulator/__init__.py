"""A local SES v2 emulator: moto server mode plus the parts moto lacks."""

# Answered by the emulator itself (not moto): liveness for start-up and fixtures.
HEALTH_PATH = "/ses-emulator/health"
