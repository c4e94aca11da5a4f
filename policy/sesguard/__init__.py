"""sesguard: a plan gate for Amazon SES email-stream isolation."""
__version__ = "0.1.0"
