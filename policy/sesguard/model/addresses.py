"""Terraform resource addresses, the one parser of them.

`module.a["k"].module.b[0].data.aws_x.y["i"]` is a path of module steps (a call name and
its optional instance key) and a block (`resource` or `data`, type, name, optional key).
The model, the SARIF source map and the checkov adapter all read addresses through here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..errors import InputError

# An instance key: a quoted for_each key (any text, `\"` escaped) or a count index.
_KEY = r'\[(?:"(?:[^"\\]|\\.)*"|\d+)\]'
_NAME = r"[A-Za-z0-9_-]+"
_MODULE_STEP = re.compile(rf"module\.({_NAME})((?:{_KEY})?)")
_BLOCK = re.compile(rf"(data\.)?({_NAME})\.({_NAME})((?:{_KEY})?)")


class Step(NamedTuple):
    """One `module.NAME[key]` step; `end` is where it ends in the address."""

    name: str
    index: str  # '["k"]', "[0]" or ""
    end: int


class Block(NamedTuple):
    kind: str  # "resource" | "data"
    type: str
    name: str
    index: str


class Address(NamedTuple):
    modules: tuple[Step, ...]
    block: Block | None  # None for a module instance (`module.a["k"]`)
    rest: str  # what follows the block: a reference's attribute path (`.arn`)


@lru_cache(maxsize=4096)
def parse_address(text: str) -> Address | None:
    """The parts of an address (or of a reference, which may go on past its block); None
    when it does not parse."""
    steps: list[Step] = []
    pos = 0
    while text.startswith("module.", pos):
        step = _MODULE_STEP.match(text, pos)
        if step is None or text[step.end() : step.end() + 1] not in (".", ""):
            return None
        steps.append(Step(step.group(1), step.group(2), step.end()))
        pos = step.end() + 1
    if pos >= len(text):
        return Address(tuple(steps), None, "") if steps and pos == len(text) + 1 else None
    block = _BLOCK.match(text, pos)
    if block is None or text[block.end() : block.end() + 1] not in (".", ""):
        return None
    kind = "data" if block.group(1) else "resource"
    return Address(tuple(steps), Block(kind, *block.group(2, 3, 4)), text[block.end() :])


def module_steps(module: str) -> tuple[Step, ...]:
    """`module.a["x"].module.b[0]` → its steps; "" → (). InputError if malformed."""
    if not module:
        return ()
    parsed = parse_address(module)
    if parsed is None or parsed.block is not None:
        raise InputError(f"resource module address {module!r} is malformed")
    return parsed.modules


def module_path(module: str) -> tuple[str, ...]:
    """The call names of a module instance address: `module.a["x"].module.b` → ("a", "b")."""
    return tuple(step.name for step in module_steps(module))


def parent_module(module: str) -> str:
    """The module instance that called this one ("" for a call in the root module)."""
    steps = module_steps(module)
    return module[: steps[-2].end] if len(steps) > 1 else ""


def split_address(address: str) -> tuple[tuple[str, ...], tuple[str, str, str] | None] | None:
    """`module.a["k"].module.b.aws_x.y[0]` → (("a", "b"), ("resource", "aws_x", "y")).

    A module-only address (a finding on a whole stream module) has no block part. None when
    the address does not parse.
    """
    parsed = parse_address(address)
    if parsed is None or parsed.rest:
        return None
    block = parsed.block[:3] if parsed.block else None
    return tuple(step.name for step in parsed.modules), block


def reference_target(reference: str) -> tuple[str, str] | None:
    """The resource an expression's reference names, relative to its module:
    `aws_x.y["k"].arn` → ('aws_x.y', '["k"]'), `data.aws_x.y` → ('data.aws_x.y', '')."""
    parsed = parse_address(reference)
    if parsed is None or parsed.modules or parsed.block is None:
        return None
    kind, rtype, name, index = parsed.block
    return f"{'data.' if kind == 'data' else ''}{rtype}.{name}", index


def resource_label(address: str) -> str:
    """The name a resource is declared with, and its key: `module.m.aws_x.y["k"]` → y["k"]."""
    parsed = parse_address(address)
    block = parsed.block if parsed else None
    return f"{block.name}{block.index}" if block else address.rsplit(".", 1)[-1]


def instance_key(index: str) -> str | None:
    """The for_each key of an instance index (`["a"]` → "a"); None for a count index."""
    if index.startswith('["'):
        return index[2:-2].replace('\\"', '"')
    return None


def in_module(address: str, module: str) -> bool:
    """Whether the resource at `address` sits in module instance `module` or below it."""
    return bool(module) and address.startswith(module + ".")
