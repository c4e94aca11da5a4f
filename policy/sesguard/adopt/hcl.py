"""Rendering Python values as HCL: the module calls of main.tf and the blocks of imports.tf.

Only what adopt writes: strings, numbers, booleans, null, lists, objects and references
(`Ref`). Strings are escaped so a name holding `${` or `%{` stays a literal.
"""

from __future__ import annotations

import json
import re
from typing import Any

IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
INDENT = "  "


class Ref(str):
    """An HCL expression written as is (a reference such as module.x.configuration_set_name)."""


def string(text: str) -> str:
    # JSON escapes quotes, backslashes and control characters as HCL does; HCL also
    # interpolates ${ and %{, which a literal must double.
    return json.dumps(text, ensure_ascii=False).replace("${", "$${").replace("%{", "%%{")


def value(item: Any, depth: int = 1) -> str:
    if isinstance(item, Ref):
        return str(item)
    if item is None:
        return "null"
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int | float):
        return repr(item)
    if isinstance(item, str):
        return string(item)
    if isinstance(item, list | tuple):
        return "[" + ", ".join(value(v, depth) for v in item) + "]"
    if isinstance(item, dict):
        if not item:
            return "{}"
        pad = INDENT * depth
        width = max(len(_key(k)) for k in item)
        lines = [f"{pad}{_key(k):<{width}} = {value(v, depth + 1)}" for k, v in item.items()]
        return "{\n" + "\n".join(lines) + f"\n{INDENT * (depth - 1)}}}"
    raise TypeError(f"no HCL form for {type(item).__name__}")


def _key(key: str) -> str:
    return key if IDENTIFIER.match(key) else string(key)


def block(header: str, attributes: dict[str, Any], comments: dict[str, str] | None = None) -> str:
    """`header { attr = value … }` aligned as `terraform fmt` aligns it; a comment line above
    an attribute breaks the alignment group, as fmt does."""
    comments = comments or {}
    lines = [f"{header} {{"]
    group: list[tuple[str, str]] = []

    def flush() -> None:
        if group:
            width = max(len(k) for k, _ in group)
            lines.extend(f"{INDENT}{k:<{width}} = {v}" for k, v in group)
            group.clear()

    for key, item in attributes.items():
        rendered = value(item, 2)
        if key in comments:
            flush()
            lines.extend(f"{INDENT}# {line}" for line in comments[key].splitlines())
        if "\n" in rendered:  # fmt aligns only consecutive one-line attributes
            flush()
            lines.append(f"{INDENT}{key} = {rendered}")
        else:
            group.append((key, rendered))
    flush()
    lines.append("}")
    return "\n".join(lines) + "\n"


def label(name: str, prefix: str, taken: set[str]) -> str:
    """A block label for `name`: HCL identifiers start with a letter or `_`; unique."""
    base = re.sub(r"[^A-Za-z0-9_-]", "_", name)
    if not IDENTIFIER.match(base):
        base = f"{prefix}{base}"
    found, n = base, 2
    while found in taken:
        found, n = f"{base}_{n}", n + 1
    taken.add(found)
    return found
