"""Inline suppressions in Python: `#` comments, on the send's line or alone above it."""

import boto3

ses = boto3.client("ses")


def replay(raw: bytes) -> None:
    ses.send_raw_email(RawMessage={"Data": raw})  # sesguard: ignore[SES016] replays a v1 request


def statement(raw: bytes) -> None:
    # sesguard: ignore[SES015, SES016] the billing job's v1 path, removed with the job
    ses.send_raw_email(RawMessage={"Data": raw})


def unexplained(raw: bytes) -> None:
    # sesguard: ignore[SES016]
    ses.send_raw_email(RawMessage={"Data": raw})


def other_rule(raw: bytes) -> None:
    ses.send_raw_email(RawMessage={"Data": raw})  # sesguard: ignore[SES015] names another rule


def too_far(raw: bytes) -> None:
    # sesguard: ignore[SES016] two lines above the send: not this send's

    ses.send_raw_email(RawMessage={"Data": raw})


def another_languages_comment(raw: bytes) -> None:
    ses.send_raw_email(RawMessage={"Data": raw})  # a `//` is not a comment here: // sesguard:x
    ses.send_raw_email(RawMessage={"Data": raw}); "// sesguard: ignore[SES016] a string"
