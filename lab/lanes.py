"""The lanes a scenario may name, known before any `terraform apply`.

Read from the HCL of envs/local and modules/ses_platform by a reader of just the two
attributes it needs (python-hcl2 takes seconds to load its grammar, an apply a minute);
tests/test_lab_scenario.py pins its answer to the configuration sets of envs/local's plan.
The catch-all run sends every lane through its one set, so these are the lanes of both.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PLATFORM_CALL = REPO / "envs" / "local" / "main.tf"
PLATFORM_VARIABLES = REPO / "modules" / "ses_platform" / "variables.tf"


def lanes() -> tuple[str, ...]:
    """The configuration sets the lanes run's `terraform apply` creates: envs/local's
    `streams` (or ses_platform's default), with its `name_prefix`."""
    call = _block(PLATFORM_CALL.read_text(), 'module "platform"')
    variables = PLATFORM_VARIABLES.read_text()
    streams = _map_keys(call, "streams") or _map_keys(_block(variables, 'variable "streams"'),
                                                      "default")  # fmt: skip
    prefix = _string(call, "name_prefix")
    if prefix is None:
        prefix = _string(_block(variables, 'variable "name_prefix"'), "default") or ""
    return tuple(prefix + key for key in streams)


def _block(text: str, header: str) -> str:
    start = text.index(header)
    return text[start : _closing(text, text.index("{", start))]


def _closing(text: str, opening: int) -> int:
    depth = 0
    for index in range(opening, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index + 1
    raise ValueError("unbalanced braces")


def _map_keys(text: str, attribute: str) -> list[str]:
    """The keys of `attribute = { key = …, … }` (first level only); [] when not set."""
    found = re.search(rf"^\s*{attribute}\s*=\s*{{", text, re.MULTILINE)
    if not found:
        return []
    body = text[found.end() : _closing(text, found.end() - 1) - 1]
    keys, depth = [], 0
    for line in body.splitlines():
        key = re.match(r'\s*"?([A-Za-z0-9_-]+)"?\s*=', line)
        if depth == 0 and key:
            keys.append(key.group(1))
        depth += line.count("{") - line.count("}")
    return keys


def _string(text: str, attribute: str) -> str | None:
    found = re.search(rf'^\s*{attribute}\s*=\s*"([^"]*)"', text, re.MULTILINE)
    return found.group(1) if found else None
