"""A local SES v2 emulator: moto server mode plus the parts moto lacks."""
