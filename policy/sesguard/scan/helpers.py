"""The callers of a Python helper that takes the configuration set as a parameter.

semgrep finds the helper (`def send(to, lane): client.send_email(…, ConfigurationSetName=lane)`,
rule `sesguard.set-helper.python`), whose send is SES019: the set is the caller's. Which
argument a call binds to that parameter is a question of positions, which a pattern cannot
count; Python's own parser can. Each call in the same file that passes a literal name, or a
module constant holding one, gives that name at the call's line, to be counted and checked
as a set name at a send is. Calls from other modules are not read.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

HELPER_MESSAGE = re.compile(r"^Helper (\w+) passes its parameter (\w+) as the configuration set")


def named_sets(path: Path, helper: str, parameter: str) -> Iterator[tuple[int, str]]:
    """(line, set name) for each call of ``helper`` in ``path`` whose ``parameter`` is a
    literal string or a module constant holding one."""
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError, RecursionError):
        return  # semgrep read it; a file Python cannot parse has no callers to judge
    constants = string_constants(tree)
    for definition in ast.walk(tree):
        function = isinstance(definition, ast.FunctionDef | ast.AsyncFunctionDef)
        if function and definition.name == helper:
            yield from _calls(tree, definition, parameter, constants)


def _calls(tree, definition, parameter: str, constants: dict[str, str]):
    positional = [a.arg for a in (*definition.args.posonlyargs, *definition.args.args)]
    keyword_only = [a.arg for a in definition.args.kwonlyargs]
    if parameter not in positional + keyword_only:
        return
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        name, bound = _callee(call.func)
        if name != definition.name:
            continue
        # A method called on an object (self._send(…)) does not pass its first parameter.
        offset = 1 if bound and positional[:1] in (["self"], ["cls"]) else 0
        argument = _argument(call, parameter, positional[offset:])
        value = _literal(argument, constants)
        if value is not None:
            yield call.lineno, value


def _callee(func: ast.expr) -> tuple[str | None, bool]:
    if isinstance(func, ast.Name):
        return func.id, False
    if isinstance(func, ast.Attribute):
        return func.attr, True
    return None, False


def _argument(call: ast.Call, parameter: str, positional: list[str]) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == parameter:
            return keyword.value
    if parameter in positional:
        index = positional.index(parameter)
        plain = [a for a in call.args if not isinstance(a, ast.Starred)]
        if len(plain) == len(call.args) and index < len(plain):
            return plain[index]
    return None


def _literal(argument: ast.expr | None, constants: dict[str, str]) -> str | None:
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return argument.value
    if isinstance(argument, ast.Name):
        return constants.get(argument.id)
    return None


def string_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level names assigned a string literal once (`TRANSACTIONAL = "transactional"`)."""
    found: dict[str, str] = {}
    assigned: dict[str, int] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    assigned[target.id] = assigned.get(target.id, 0) + 1
                    value = statement.value
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        found[target.id] = value.value
    return {name: value for name, value in found.items() if assigned[name] == 1}
