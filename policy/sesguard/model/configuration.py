"""Reading a plan's `configuration` section: module calls and reference following.

A plan's values say what each attribute will be; its configuration says where a value comes
from (a module call's `source` and inputs, the resources an expression refers to). The model
builder follows references with it, and the SARIF source map follows module sources with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from ..errors import InputError
from .addresses import instance_key, module_path, module_steps, parent_module, reference_target

STREAM_MODULE_SOURCE = "ses_stream"
STREAM_INPUTS = ("stream", "stream_name", "name")
CLASS_INPUTS = ("class", "stream_class")
# Terraform nests modules far less deep; the limit keeps a hostile plan from recursing.
MAX_MODULE_DEPTH = 32
# A reference through variables and module calls is a short chain; a cycle must not spin.
MAX_REFERENCE_HOPS = 8

_NOT_RESOURCES = frozenset({"each", "count", "local", "path", "module"})


class StreamModule(NamedTuple):
    """The ses_stream module call a resource sits in."""

    name: str | None  # the stream name from the call's input, when the plan shows it
    instance: str  # module instance address, e.g. `module.stream["marketing"]`
    fallback_name: str  # the instance key, else the call name


# Finds the resource a reference names: (module instance, `type.name` or `data.type.name`,
# instance index such as `["k"]` or "") → the resource, or None.
ResourceLookup = Callable[[str, str, str], Any]


class Configuration:
    """The `configuration` section, indexed by module path (call names, no instance keys)."""

    def __init__(self, doc: Any) -> None:
        self.resources: dict[tuple, dict] = {}
        self.calls: dict[tuple, dict] = {}
        root = doc.get("root_module") if isinstance(doc, dict) else None
        if isinstance(root, dict):
            self._walk(root, (), 0)

    def _walk(self, module: dict, path: tuple, depth: int) -> None:
        if depth > MAX_MODULE_DEPTH:
            raise InputError(f"plan configuration nests modules more than {MAX_MODULE_DEPTH} deep")
        resources = module.get("resources")
        if resources is not None and not isinstance(resources, list):
            raise InputError("configuration resources must be an array")
        for res in resources or []:
            if isinstance(res, dict) and isinstance(res.get("address"), str):
                exprs = res.get("expressions")
                self.resources[path + (res["address"],)] = exprs if isinstance(exprs, dict) else {}
        calls = module.get("module_calls")
        calls = {} if calls is None else calls
        if not isinstance(calls, dict):
            raise InputError("configuration module_calls must be an object")
        for name, call in calls.items():
            if not isinstance(call, dict):
                raise InputError(f"configuration module_calls.{name} must be an object")
            self.calls[path + (name,)] = call
            child = call.get("module")
            if isinstance(child, dict):
                self._walk(child, path + (name,), depth + 1)

    def expression(self, module: str, local_address: str, path: tuple) -> dict | None:
        """The expression of one attribute (`path` into nested blocks) of a resource."""
        node: Any = self.resources.get(module_path(module) + (local_address,))
        for key in path:
            if isinstance(key, int):
                node = node[key] if isinstance(node, list) and key < len(node) else None
            else:
                node = node.get(key) if isinstance(node, dict) else None
        return node if isinstance(node, dict) else None

    def call(self, module: str) -> dict | None:
        """The module call that made a module instance (`module.a["x"].module.b`)."""
        steps = module_path(module)
        return self.calls.get(steps) if steps else None

    def source_of(self, call_path: tuple[str, ...]) -> Any:
        """The `source` of the module call at a path of call names."""
        call = self.calls.get(call_path)
        return call.get("source") if call else None

    # -- reference following -------------------------------------------------------------
    def referenced(
        self, module: str, local_address: str, path: tuple, lookup: ResourceLookup
    ) -> Any:
        """The resource an attribute's expression refers to (for values unknown at plan)."""
        return self._follow(self.expression(module, local_address, path), module, lookup, 0)

    def _follow(self, expr: Any, module: str, lookup: ResourceLookup, hops: int) -> Any:
        if not isinstance(expr, dict) or hops > MAX_REFERENCE_HOPS:
            return None
        for ref in expr.get("references") or []:
            if not isinstance(ref, str):
                continue
            if ref.startswith("var."):
                return self._follow_variable(ref[4:].split(".")[0], module, lookup, hops)
            target = reference_target(ref)
            if target is None or ref.split(".")[0] in _NOT_RESOURCES:
                continue
            found = lookup(module, *target)
            if found is not None:
                return found
        return None

    def _follow_variable(
        self, variable: str, module: str, lookup: ResourceLookup, hops: int
    ) -> Any:
        """A module's `var.x` is the expression its caller passed as input `x`."""
        if not module:
            return None
        call = self.call(module)
        exprs = call.get("expressions") if call else None
        expr = exprs.get(variable) if isinstance(exprs, dict) else None
        return self._follow(expr, parent_module(module), lookup, hops + 1)

    # -- stream modules -----------------------------------------------------------------
    def stream_module(self, module: str) -> StreamModule | None:
        """The innermost ses_stream module call that `module` (an instance address) is in."""
        if not module:
            return None
        steps = module_steps(module)
        for depth in range(len(steps), 0, -1):
            call = self.calls.get(tuple(step.name for step in steps[:depth]))
            source = call.get("source") if call else None
            if not isinstance(source, str) or STREAM_MODULE_SOURCE not in source:
                continue
            step = steps[depth - 1]
            return StreamModule(
                module_input(call, STREAM_INPUTS, step.index),
                module[: step.end],
                instance_key(step.index) or step.name,
            )
        return None

    def class_input(self, instance: str) -> str | None:
        """The class a ses_stream call passes as input, when the plan shows it."""
        return module_input(self.call(instance), CLASS_INPUTS, "")


def module_input(call: dict | None, names: tuple[str, ...], index: str) -> str | None:
    """A module call's input, when constant or `each.key` (resolved with the instance index)."""
    exprs = call.get("expressions") if call else None
    if not isinstance(exprs, dict):
        return None
    for key in names:
        expr = exprs.get(key)
        if not isinstance(expr, dict):
            continue
        if isinstance(expr.get("constant_value"), str):
            return expr["constant_value"]
        if expr.get("references") == ["each.key"]:
            return instance_key(index)
    return None
