"""Does an EventBridge event pattern match an event? EventBridge's own semantics, so the
audit reads a hand-written rule the way EventBridge would run it.

A pattern field holds an object (match the event's object field by field), a list (the
event's value, or any element of an event array, equals one entry or passes one content
filter) or `$or` (any of its sub-patterns). Content filters: prefix, suffix,
equals-ignore-case, anything-but (a value, a list, a prefix or a suffix), exists, numeric,
wildcard. A filter this module does not know (cidr, a new one) never matches: the audit
then says the lane would not pause rather than guess that it would.
"""

from __future__ import annotations

import re
from typing import Any

_MISSING = object()  # a field the event does not have
_NUMERIC = {
    "=": lambda a, b: a == b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def matches(pattern: Any, event: Any) -> bool:
    """Whether ``event`` (a decoded event) matches ``pattern`` (a decoded pattern object)."""
    if not isinstance(pattern, dict) or not isinstance(event, dict):
        return False
    for key, wanted in pattern.items():
        if key == "$or":
            if not isinstance(wanted, list) or not any(matches(p, event) for p in wanted):
                return False
        elif isinstance(wanted, dict):
            if not matches(wanted, event.get(key, _MISSING)):
                return False
        elif not isinstance(wanted, list) or not _field(wanted, event.get(key, _MISSING)):
            return False
    return True


def _field(matchers: list, value: Any) -> bool:
    values = value if isinstance(value, list) else [value]
    return any(_one(m, v) for m in matchers for v in values)


def _one(matcher: Any, value: Any) -> bool:
    if not isinstance(matcher, dict):  # a literal: strings, numbers, booleans, null
        return value is not _MISSING and _equal(matcher, value)
    if len(matcher) != 1:
        return False
    ((kind, arg),) = matcher.items()
    if kind == "exists":
        return (value is not _MISSING) is arg
    if value is _MISSING:
        return False
    if kind == "anything-but":
        return not _excluded(arg, value)
    if kind == "numeric":
        return _numeric(arg, value)
    if not isinstance(value, str):
        return False
    if kind in ("prefix", "suffix"):
        return _affix(kind, arg, value)
    if kind == "equals-ignore-case":
        return isinstance(arg, str) and arg.casefold() == value.casefold()
    if kind == "wildcard":
        return isinstance(arg, str) and _wildcard(arg).fullmatch(value) is not None
    return False


def _equal(literal: Any, value: Any) -> bool:
    if _is_number(literal) and _is_number(value):  # 5 and 5.0 are the same number
        return float(literal) == float(value)
    return type(literal) is type(value) and literal == value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _affix(kind: str, arg: Any, value: str) -> bool:
    """`{"prefix": "x"}`, or `{"prefix": {"equals-ignore-case": "x"}}` (and suffix)."""
    if isinstance(arg, dict) and set(arg) == {"equals-ignore-case"}:
        arg, value = arg["equals-ignore-case"], value.casefold()
        arg = arg.casefold() if isinstance(arg, str) else arg
    if not isinstance(arg, str):
        return False
    return value.startswith(arg) if kind == "prefix" else value.endswith(arg)


def _excluded(arg: Any, value: Any) -> bool:
    """What `anything-but` leaves out: a literal, a list of them, a prefix or a suffix."""
    if isinstance(arg, list):
        return any(_equal(item, value) for item in arg)
    if isinstance(arg, dict):
        if len(arg) != 1:
            return True  # a form EventBridge does not have: treat it as matching nothing
        if not isinstance(value, str):
            return False  # the string filters below leave every other value in
        ((kind, inner),) = arg.items()
        if kind in ("prefix", "suffix"):
            return _affix(kind, inner, value)
        if kind == "equals-ignore-case":
            inner = inner if isinstance(inner, list) else [inner]
            return any(isinstance(i, str) and i.casefold() == value.casefold() for i in inner)
        return True  # a filter this module does not know: no match
    return _equal(arg, value)


def _numeric(arg: Any, value: Any) -> bool:
    if not isinstance(arg, list) or len(arg) % 2 or not _is_number(value):
        return False
    pairs = zip(arg[::2], arg[1::2], strict=True)
    return all(
        op in _NUMERIC and _is_number(bound) and _NUMERIC[op](value, bound) for op, bound in pairs
    )


def _wildcard(arg: str) -> re.Pattern:
    return re.compile(".*".join(re.escape(part) for part in arg.split("*")), re.DOTALL)
