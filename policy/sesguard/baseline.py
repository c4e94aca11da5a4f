"""Baseline files: the fingerprints of the findings a team has accepted for now.

`--write-baseline FILE` records every finding of a run; `--baseline FILE` then fails only
on findings not in it. Entries carry rule, address, stream and fact so a reviewer can read
the file; matching is on the fingerprint alone (see Finding.fingerprint).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from .errors import InputError
from .findings import Report
from .inputs import MIB, read_bounded

VERSION = 1
# A baseline of 100,000 findings is ~20 MB; past this it is not one.
BASELINE_MAX_BYTES = 64 * MIB
_FINGERPRINT = re.compile(r"[0-9a-f]{32}")


def baseline_document(report: Report) -> dict:
    entries = [
        {
            "fingerprint": f.fingerprint(),
            "rule": f.rule,
            "address": f.address,
            "stream": f.stream,
            "fact": f.fact,
        }
        for f in report.findings
    ]
    entries.sort(key=lambda e: tuple(e[k] or "" for k in ("rule", "address", "stream", "fact")))
    return {"version": VERSION, "fingerprints": entries}


def write_baseline(report: Report, path: str | Path) -> None:
    text = json.dumps(baseline_document(report), indent=2, ensure_ascii=False) + "\n"
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write baseline {path}: {exc.strerror or exc}") from None


def load_baseline(path: str | Path) -> Counter[str]:
    """Fingerprint → how many findings it covers; InputError when unreadable or malformed."""
    raw = read_bounded(path, "baseline", BASELINE_MAX_BYTES)
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InputError(f"baseline {path} is not JSON") from None
    if not isinstance(doc, dict) or doc.get("version") != VERSION:
        raise InputError(f"baseline {path} is not a sesguard baseline (version {VERSION})")
    entries = doc.get("fingerprints")
    if not isinstance(entries, list):
        raise InputError(f"baseline {path}: fingerprints must be a list")
    found: Counter[str] = Counter()
    for number, entry in enumerate(entries, 1):
        fingerprint = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fingerprint, str) or not _FINGERPRINT.fullmatch(fingerprint):
            raise InputError(f"baseline {path}: entry {number} has no valid fingerprint")
        found[fingerprint] += 1
    return found
