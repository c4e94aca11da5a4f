"""Read what a command was asked to judge (a plan, a config) without letting it grow unbounded.

Only regular files, pipes and stdin are read, and never more than a cap: `sesguard check
/dev/zero` would otherwise read until the CI runner runs out of memory.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from .errors import InputError

MIB = 1024 * 1024
# The largest plan measured (10,000 streams) is 289 MB; parsing needs ~6x that in memory.
DEFAULT_MAX_MIB = 1024


def read_bounded(source: str | Path, what: str, max_bytes: int = DEFAULT_MAX_MIB * MIB) -> bytes:
    """The bytes of ``source`` (``"-"`` is stdin); InputError when absent, unreadable, not a
    file or pipe, or larger than ``max_bytes``."""
    if str(source) == "-":
        stdin = sys.stdin
        if stdin is None or stdin.closed:
            raise InputError(f"{what} from stdin, but standard input is closed")
        try:
            return _read_capped(stdin.buffer, "stdin", what, max_bytes)
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read {what} from stdin: {_reason(exc)}") from None
    try:
        mode = os.stat(source).st_mode
    except FileNotFoundError:
        raise InputError(f"{what} file not found: {source}") from None
    except OSError as exc:
        raise InputError(f"cannot read {what} {source}: {_reason(exc)}") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{what} path is a directory: {source}")
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
        raise InputError(f"{what} {source} is not a regular file (a device or socket)")
    if stat.S_ISREG(mode) and os.stat(source).st_size > max_bytes:
        raise InputError(_too_large(what, source, max_bytes))
    try:
        with open(source, "rb") as handle:
            return _read_capped(handle, source, what, max_bytes)
    except OSError as exc:
        raise InputError(f"cannot read {what} {source}: {_reason(exc)}") from None


def _read_capped(handle, source: str | Path, what: str, max_bytes: int) -> bytes:
    # One byte past the cap tells "exactly at the cap" from "more than the cap".
    raw = handle.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise InputError(_too_large(what, source, max_bytes))
    return raw


def _too_large(what: str, source: str | Path, max_bytes: int) -> str:
    size = f"{max_bytes // MIB} MiB" if max_bytes % MIB == 0 else f"{max_bytes:,} bytes"
    return f"{what} {source} is larger than {size}: raise --max-input-mib if it really is one"


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc)


def add_max_input_option(parser) -> None:
    """``--max-input-mib`` on every command that reads a plan or a config."""
    parser.add_argument(
        "--max-input-mib",
        type=positive_int,
        default=DEFAULT_MAX_MIB,
        metavar="MIB",
        help=f"refuse a plan larger than this (default {DEFAULT_MAX_MIB} MiB)",
    )


def positive_int(text: str) -> int:
    """An argparse type: a whole number above 0 (the parser makes the error one line)."""
    import argparse

    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number above 0")
    return value
