"""The callers of a Python helper that takes the configuration set as a parameter.

semgrep finds the helper (`def send(to, lane): client.send_email(…, ConfigurationSetName=lane)`,
rule `sesguard.set-helper.python`), whose send is SES019: the set is the caller's. Which
argument a call binds to that parameter is a question of positions, which a pattern cannot
count; Python's own parser can. Each call that passes a literal name, or a constant holding
one, gives that name at the call's line, to be counted and checked as a set name at a send
is: calls in the helper's own file (by name, `self.send(…)` as a method), and calls in the
other modules of the scanned tree that import a module-level helper (`from .mail import
send`, `from app import mail` then `mail.send(…)`, re-exports through an `__init__.py`),
followed as imported clients are.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from .imported import Index, string_value

HELPER_MESSAGE = re.compile(r"^Helper (\w+) passes its parameter (\w+) as the configuration set")

_Definition = ast.FunctionDef | ast.AsyncFunctionDef


def named_sets(
    index: Index, path: Path, helper: str, parameter: str
) -> Iterator[tuple[Path, int, str]]:
    """(file, line, set name) for each call of ``helper`` (defined in ``path``) whose
    ``parameter`` is a literal string or a constant holding one."""
    home = index.module(path.resolve())
    if home is None:
        return  # semgrep read it; a file Python cannot parse has no callers to judge
    for definition in ast.walk(home.tree):
        if isinstance(definition, _Definition) and definition.name == helper:
            for call, value in _calls_in_own_file(home.tree, definition, parameter):
                name = string_value(index, home, value)
                if name is not None:
                    yield path, call.lineno, name
    exported = home.functions.get(helper)
    if exported is not None:
        yield from _calls_elsewhere(index, home, exported, parameter)


def _calls_in_own_file(tree: ast.Module, definition: _Definition, parameter: str):
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        if isinstance(call.func, ast.Name) and call.func.id == definition.name:
            bound = False
        elif isinstance(call.func, ast.Attribute) and call.func.attr == definition.name:
            bound = True
        else:
            continue
        value = _argument(call, definition, parameter, bound)
        if value is not None:
            yield call, value


def _calls_elsewhere(index: Index, home, definition: _Definition, parameter: str):
    """Calls in other modules whose callee, followed through the imports, is this helper."""
    needle = definition.name.encode()
    for resolved, given in index.files.items():
        if resolved == home.path or needle not in index.source(resolved):
            continue
        module = index.module(resolved)
        if module is None:
            continue
        for call in ast.walk(module.tree):
            if not isinstance(call, ast.Call):
                continue
            found, where = index.resolve(module, call.func, "functions")
            if found is not definition or where.path != home.path:
                continue
            value = _argument(call, definition, parameter, bound=False)
            name = string_value(index, module, value) if value is not None else None
            if name is not None:
                yield given, call.lineno, name


def _argument(call: ast.Call, definition: _Definition, parameter: str, bound: bool):
    """The expression ``call`` passes for ``parameter``, if it can be told from the call."""
    positional = [a.arg for a in (*definition.args.posonlyargs, *definition.args.args)]
    keyword_only = [a.arg for a in definition.args.kwonlyargs]
    if parameter not in positional + keyword_only:
        return None
    # A method called on an object (self._send(…)) does not pass its first parameter.
    if bound and positional[:1] in (["self"], ["cls"]):
        positional = positional[1:]
    for keyword in call.keywords:
        if keyword.arg == parameter:
            return keyword.value
    if parameter in positional:
        index = positional.index(parameter)
        plain = [a for a in call.args if not isinstance(a, ast.Starred)]
        if len(plain) == len(call.args) and index < len(plain):
            return plain[index]
    return None
