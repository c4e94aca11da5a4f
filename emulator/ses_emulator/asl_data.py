"""How Amazon States Language moves data between states: paths, `.$` templates, Choice rules.

Paths are the subset of JSONPath Step Functions accepts in InputPath, ResultPath and `.$`
keys: `$`, `$.a.b`, `$['a']`, `$.list[0]`, and `$$.` for the context object. Intrinsic
functions (`States.Format(...)`) are not evaluated: they raise `DataError` naming them, which
fails the execution as an unsupported feature rather than passing a wrong value on.
"""

from __future__ import annotations

import copy
import re
from typing import Any

_STEP = re.compile(r"\.([A-Za-z_][\w-]*)|\['([^']*)'\]|\[(\d+)\]")


class DataError(ValueError):
    """A path or template the execution cannot resolve (error name, cause)."""

    def __init__(self, error: str, cause: str) -> None:
        super().__init__(cause)
        self.error = error
        self.cause = cause


def _steps(path: str) -> list[str | int]:
    if not path.startswith("$"):
        raise DataError("States.Runtime", f"{path!r} is not a path (it must start with $)")
    rest, steps, at = path[1:], [], 0
    while at < len(rest):
        match = _STEP.match(rest, at)
        if match is None:
            raise DataError("States.Runtime", f"the SES emulator cannot read the path {path!r}")
        name, quoted, index = match.groups()
        steps.append(int(index) if index is not None else (name if name is not None else quoted))
        at = match.end()
    return steps


def read(path: str, data: Any, context: dict[str, Any]) -> Any:
    """The value at `path` in `data` (or, for `$$.`, in the context object)."""
    if path.startswith("States."):
        name = path.split("(", 1)[0]
        raise DataError("States.Runtime", f"intrinsic function {name} is not supported by the "
                                          "SES emulator")  # fmt: skip
    value = context if path.startswith("$$") else data
    for step in _steps(path[1:] if path.startswith("$$") else path):
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            raise DataError("States.Runtime", f"the JSONPath {path!r} could not be found in the "
                                              "input") from None  # fmt: skip
    return copy.deepcopy(value)


def exists(path: str, data: Any, context: dict[str, Any]) -> bool:
    try:
        read(path, data, context)
    except DataError:
        return False
    return True


def fill(template: Any, data: Any, context: dict[str, Any]) -> Any:
    """A Parameters/ResultSelector template with every `key.$` replaced by the value it names."""
    if isinstance(template, dict):
        filled = {}
        for key, value in template.items():
            if key.endswith(".$"):
                filled[key[:-2]] = read(value, data, context)
            else:
                filled[key] = fill(value, data, context)
        return filled
    if isinstance(template, list):
        return [fill(item, data, context) for item in template]
    return template


def place(result: Any, path: str | None, data: Any) -> Any:
    """ResultPath: the state's input with `result` put at `path` (None keeps the input)."""
    if path is None:
        return data
    steps = _steps(path)
    if not steps:
        return result
    merged = copy.deepcopy(data) if isinstance(data, dict) else {}
    node = merged
    if not all(isinstance(step, str) for step in steps):
        raise DataError("States.Runtime", f"ResultPath {path!r} cannot index a list")
    for step in steps[:-1]:
        if not isinstance(node.get(step), dict):
            node[step] = {}
        node = node[step]
    node[steps[-1]] = result
    return merged


_COMPARISONS = {
    "Equals": lambda a, b: a == b,
    "LessThan": lambda a, b: a < b,
    "GreaterThan": lambda a, b: a > b,
    "LessThanEquals": lambda a, b: a <= b,
    "GreaterThanEquals": lambda a, b: a >= b,
}
_TYPES = {"String": str, "Numeric": (int, float), "Boolean": bool, "Timestamp": str}


def matches(rule: dict[str, Any], data: Any, context: dict[str, Any]) -> bool:
    """Whether a Choice rule (with And/Or/Not and the typed comparisons) holds for `data`."""
    if "And" in rule:
        return all(matches(r, data, context) for r in rule["And"])
    if "Or" in rule:
        return any(matches(r, data, context) for r in rule["Or"])
    if "Not" in rule:
        return not matches(rule["Not"], data, context)
    variable = rule.get("Variable")
    if not isinstance(variable, str):
        raise DataError("States.Runtime", "a Choice rule needs a Variable")
    present = exists(variable, data, context)
    for operator, expected in rule.items():
        if operator in ("Variable", "Next"):
            continue
        if operator == "IsPresent":
            return present == expected
        if not present:
            return False
        value = read(variable, data, context)
        return _compare(operator, value, expected, data, context)
    raise DataError("States.Runtime", f"the Choice rule on {variable} has no comparison")


def _compare(operator: str, value: Any, expected: Any, data: Any, context: dict) -> bool:
    if operator == "IsNull":
        return (value is None) == expected
    if operator in ("IsString", "IsNumeric", "IsBoolean"):
        return _is(value, _TYPES[operator[2:]]) == expected
    if operator == "StringMatches":
        pattern = "".join(".*" if c == "*" else re.escape(c) for c in expected)
        return isinstance(value, str) and re.fullmatch(pattern, value) is not None
    if operator.endswith("Path"):
        expected, operator = read(expected, data, context), operator[: -len("Path")]
    for type_name, kind in _TYPES.items():
        if operator.startswith(type_name) and operator[len(type_name) :] in _COMPARISONS:
            if not _is(value, kind):
                return False
            return _COMPARISONS[operator[len(type_name) :]](value, expected)
    raise DataError("States.Runtime", f"Choice operator {operator} is not supported by the SES "
                                      "emulator")  # fmt: skip


def _is(value: Any, kind: Any) -> bool:
    # JSON true is a Python int too: a boolean is never numeric
    return isinstance(value, kind) and (kind is bool or not isinstance(value, bool))
