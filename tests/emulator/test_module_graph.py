"""The emulator package's floor plan: modules import each other without cycles (a cycle
forces late imports and makes the load order matter) and never reach into another
module's private names. Read from the source, imports inside functions included."""

from __future__ import annotations

import ast
from pathlib import Path

import ses_emulator

PACKAGE = Path(ses_emulator.__file__).parent
MODULES = {path.stem: path for path in PACKAGE.glob("*.py")}


def _imports(path: Path) -> list[tuple[str, str]]:
    """(module of this package, imported name) for every import in the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level == 1 and node.module:
            found += [(node.module.split(".")[0], alias.name) for alias in node.names]
        elif node.level == 1:  # `from . import a, b`: each name may be a module
            found += [(alias.name, "") for alias in node.names]
        elif (node.module or "").startswith("ses_emulator."):
            found += [(node.module.split(".")[1], alias.name) for alias in node.names]
    return [(module, name) for module, name in found if module in MODULES]


def import_graph() -> dict[str, set[str]]:
    return {
        name: {module for module, _ in _imports(path)} - {name} for name, path in MODULES.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or round a loop (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_cycle_finder_finds_a_loop_of_three():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_emulator_modules_import_each_other_in_a_cycle():
    graph = import_graph()
    assert len(graph) > 50 and "state" in graph["sending"]  # the graph was read
    assert cycles(graph) == []


def test_no_emulator_module_imports_another_modules_private_names():
    private = [
        f"{name} imports {imported} from {module}"
        for name, path in MODULES.items()
        for module, imported in _imports(path)
        if imported.startswith("_")
    ]
    assert private == []
