"""Read ``terraform show -json`` output: bytes → text → JSON → shape check.

Only what is needed to hand a trustworthy dict to :mod:`sesguard.model` lives here;
the per-field type checks happen while the model is built, in the same single pass.
"""

from __future__ import annotations

import gc
import json
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import InputError
from .inputs import DEFAULT_MAX_MIB, MIB, read_bounded

SUPPORTED_MAJOR = "1"
# What turns a Terraform root into the one input the gate reads; every refusal of a file
# that is not a plan ends with it, and it never leads to another refusal.
MAKE_PLAN = "terraform plan -out=tfplan && terraform show -json tfplan > plan.json"
# Lines that only HCL starts with: a block header such as `resource "aws_x" "y" {`.
_HCL_BLOCK = re.compile(
    r"^[ \t]*(?:resource|data|module|provider|variable|output|locals|terraform)\b[^\n=]*\{",
    re.MULTILINE,
)
# Phrases every human-readable `terraform plan` output carries.
_TEXT_PLAN = re.compile(
    r"Terraform will perform the following actions|Terraform used the selected providers"
    r"|^Plan: \d+ to add|^No changes\. Your infrastructure matches",
    re.MULTILINE,
)

_BOMS = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (b"\xff\xfe\x00\x00", None, "UTF-32LE"),
    (b"\x00\x00\xfe\xff", None, "UTF-32BE"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8 with BOM"),
    (b"\xff\xfe", "utf-16-le", "UTF-16LE"),
    (b"\xfe\xff", "utf-16-be", "UTF-16BE"),
)


def decode(raw: bytes) -> str:
    """Decode plan bytes; UTF-8 (± BOM) and UTF-16 with BOM (PowerShell's ``>``) are accepted."""
    if not raw.strip():
        what = "empty" if not raw else "only whitespace"
        raise InputError(f"plan file is {what}: make one with `{MAKE_PLAN}`")
    if raw[:2] == b"PK" or raw[:4] == b"tfpl":
        raise InputError(
            "plan is a binary plan file: run `terraform show -json PLANFILE > plan.json` first"
        )
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            if codec is None:
                raise InputError(f"plan is encoded as {label}: re-save it as UTF-8")
            try:
                return raw[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"plan claims {label} but byte {exc.start} is invalid") from None
    if b"\x00" in raw[:64]:
        raise InputError(_with_nul_bytes(raw))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"plan is not UTF-8 text (invalid byte at offset {exc.start})") from None


def _with_nul_bytes(raw: bytes) -> str:
    """JSON text starts with ASCII, so UTF-16/32 without a BOM shows it in where its zero
    bytes fall (RFC 4627, section 3); anything else with NUL bytes is not text at all."""
    guess = json.detect_encoding(raw)
    if guess.startswith("utf-16") or guess.startswith("utf-32"):
        try:
            if raw.decode(guess).lstrip()[:1] in ("{", "["):
                label = f"UTF-{guess[4:6]}{guess[-2:].upper()}"  # utf-16-le → UTF-16LE
                return f"plan is {label} without a byte-order mark: re-save it as UTF-8"
        except UnicodeDecodeError:
            pass
    offset = raw.index(b"\x00")
    return (
        f"plan is binary data, not JSON text (a zero byte at offset {offset}): make one with "
        f"`{MAKE_PLAN}`"
    )


def _reject_constant(name: str) -> float:
    raise InputError(f"plan JSON contains {name}, which is not valid JSON")


def _parse_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise InputError(f"plan JSON holds a number too large for a float: {text[:40]}")
    return value


def _parse_int(text: str) -> int:
    # Python refuses >4300 digits with a ValueError anyway; far smaller numbers already
    # overflow float arithmetic, and no Terraform attribute needs them.
    if len(text.lstrip("-")) > 300:
        raise InputError(f"plan JSON holds an integer with {len(text)} digits: too large")
    return int(text)


def recognise_other_input(text: str) -> None:
    """Name the files people pass by mistake, each with the command that makes a plan.

    Looks without copying ``text``: a copy of a large plan, even freed at once, stays in the
    process's peak memory."""
    start = _SPACE.match(text).end()
    head = text[start : start + 1]
    if head == "{":
        end = text.find("\n", start)  # `terraform show -json` writes one line: usually -1
        more_lines = end != -1 and _SPACE.match(text, end).end() < len(text)
        first = text[start:end] if more_lines else ""
        if '"@level"' in first and '"@message"' in first:
            raise InputError(
                "this is the log stream of `terraform plan -json` (one JSON object per line), "
                f"not a plan: make one with `{MAKE_PLAN}`"
            )
        return
    if head == "[":
        return
    if _TEXT_PLAN.search(text):
        raise InputError(
            f"this is the text output of `terraform plan`, not its JSON: run `{MAKE_PLAN}`"
        )
    if _HCL_BLOCK.search(text):
        raise InputError(
            "this is Terraform configuration (HCL), not a plan: in its directory run "
            f"`terraform init && {MAKE_PLAN}`"
        )


_DECODER = json.JSONDecoder(
    parse_constant=_reject_constant, parse_float=_parse_float, parse_int=_parse_int
)
_SPACE = re.compile(r"[ \t\n\r]*")


def parse(text: str) -> Any:
    """Parse JSON text; every way this can fail becomes an :class:`InputError`."""
    recognise_other_input(text)
    try:
        return _parse_top_level(text)
    except json.JSONDecodeError as exc:
        where = "truncated" if exc.pos >= len(text.rstrip()) else "not valid JSON"
        raise InputError(
            f"plan is {where}: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise InputError("plan JSON is nested too deeply to be a Terraform plan") from None
    except ValueError as exc:  # int() digit limit (CVE-2020-10735 guard) on huge integers
        raise InputError(f"plan JSON holds a number that cannot be read: {exc}") from None


def _parse_top_level(text: str) -> Any:
    """json.loads, except that a key the top-level object holds twice is refused: with
    json.loads the last ``resource_changes`` silently wins, and a gate reading one copy while
    Terraform reads another would pass what it never saw. The values are parsed by the C
    decoder, one at a time, so this costs what json.loads costs."""
    at = _SPACE.match(text).end()
    if not text.startswith("{", at):
        return _DECODER.decode(text)
    doc: dict[str, Any] = {}
    at = _SPACE.match(text, at + 1).end()
    if text.startswith("}", at):
        return _end(text, at + 1, doc)
    while True:
        if not text.startswith('"', at):
            raise json.JSONDecodeError(
                "Expecting property name enclosed in double quotes", text, at
            )
        key, at = json.decoder.scanstring(text, at + 1)
        at = _SPACE.match(text, at).end()
        if not text.startswith(":", at):
            raise json.JSONDecodeError("Expecting ':' delimiter", text, at)
        at = _SPACE.match(text, at + 1).end()
        value, at = _DECODER.raw_decode(text, at)
        if key in doc:
            raise InputError(
                f"plan JSON has the top-level key {key!r} twice: JSON readers disagree on which "
                "copy counts, so the gate refuses to guess"
            )
        doc[key] = value
        at = _SPACE.match(text, at).end()
        if text.startswith(",", at):
            at = _SPACE.match(text, at + 1).end()
        elif text.startswith("}", at):
            return _end(text, at + 1, doc)
        else:
            raise json.JSONDecodeError("Expecting ',' delimiter", text, at)


def _end(text: str, at: int, doc: dict[str, Any]) -> dict[str, Any]:
    at = _SPACE.match(text, at).end()
    if at != len(text):
        raise json.JSONDecodeError("Extra data", text, at)
    return doc


# Top-level fields of `terraform show -json` and the JSON type each must have.
_FIELD_TYPES = {
    "terraform_version": str,
    "variables": dict,
    "planned_values": dict,
    "resource_changes": list,
    "resource_drift": list,
    "output_changes": dict,
    "prior_state": dict,
    "configuration": dict,
    "relevant_attributes": list,
    "checks": list,
}
_JSON_TYPE_NAMES = {dict: "an object", list: "an array", str: "a string"}


def check_shape(doc: Any) -> dict:
    """Refuse what is JSON but not a plan: state files, old formats, other documents."""
    if not isinstance(doc, dict):
        raise InputError(f"plan JSON must be an object, not {type(doc).__name__}")
    if "lineage" in doc and "serial" in doc:
        raise InputError(
            "this is a Terraform state file (terraform.tfstate): a state has no planned "
            f"changes; make a plan with `{MAKE_PLAN}`"
        )
    version = doc.get("format_version")
    if not isinstance(version, str):
        raise InputError("plan has no format_version string: is it `terraform show -json` output?")
    if version.split(".")[0] != SUPPORTED_MAJOR:
        raise InputError(f"plan format_version {version!r} is not supported (need 1.x)")
    if "resource_changes" not in doc and "planned_values" not in doc:
        if "values" in doc:
            raise InputError(
                "this is `terraform show -json` of a state: a state has no planned changes; "
                f"make a plan with `{MAKE_PLAN}`"
            )
        raise InputError("plan has neither resource_changes nor planned_values")
    for field, wanted in _FIELD_TYPES.items():
        if field in doc and doc[field] is not None and not isinstance(doc[field], wanted):
            raise InputError(
                f"plan field {field!r} must be {_JSON_TYPE_NAMES[wanted]}, not "
                f"{type(doc[field]).__name__}: is it `terraform show -json` output?"
            )
    return doc


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large acyclic structures.

    A 30 MB plan is millions of dicts and lists; with the collector on, every
    generation-2 pass rescans all of them and parsing grows super-linearly
    (1,000 streams: 1.6 s instead of 0.3 s). Plan JSON cannot contain cycles.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_plan(source: str | Path, max_bytes: int = DEFAULT_MAX_MIB * MIB) -> dict:
    """Load a plan from a path, or from stdin when ``source`` is ``"-"``; at most
    ``max_bytes`` are read (InputError beyond)."""
    raw = read_bounded(source, "plan", max_bytes)
    text = decode(raw)
    # Free the bytes before parsing: peak memory is what the benchmark measures against json.load.
    del raw
    with paused_gc():
        return check_shape(parse(text))
