"""Python sends whose client or request comes from another module of the scanned tree.

semgrep reads one file at a time: `from .aws import ses_client, SEND_PARAMS` then
`ses_client.send_email(**SEND_PARAMS)` is out of its view. Python's own parser follows
the import to the module in the scanned tree that defines the name: a client made there
(`ses_client = boto3.client("sesv2")`, or by a function that returns one) and a request
written there as a dict literal. The send is then judged as a local one is: the service
(v1 or v2) from the client or the request's shape, the set from the request or the call's
keywords. Only sends with a `**` request are read (with written-out keywords the shape is
in view, and semgrep judges it); a request built at run time stays unresolved (SES019).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import engine

V1_SENDS = {"send_email", "send_raw_email", "send_templated_email", "send_bulk_templated_email"}
V2_SENDS = {"send_email", "send_bulk_email"}
V2_SHAPE = {"Content", "BulkEmailEntries"}
V1_SHAPE = {"Source", "RawMessage", "Destinations"}
_SERVICES = {"ses": "v1", "sesv2": "v2"}
_MAX_HOPS = 5  # re-exports followed (`__init__.py` importing from a submodule)


@dataclass
class _Module:
    path: Path
    clients: dict[str, str] = field(default_factory=dict)  # name → "v1" | "v2"
    factories: dict[str, str] = field(default_factory=dict)  # function → "v1" | "v2"
    requests: dict[str, ast.Dict] = field(default_factory=dict)  # name → dict literal
    functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    names: dict[str, tuple[Path, str]] = field(default_factory=dict)  # from X import a
    modules: dict[str, Path] = field(default_factory=dict)  # import X as m, from . import m
    tree: ast.Module | None = None


class Index:
    """The scanned tree's Python modules, read on demand, with what each imports."""

    def __init__(self, files: list[Path], root: Path) -> None:
        self.files = {f.resolve(): f for f in files if f.suffix == ".py"}
        self.root = root.resolve()
        self._modules: dict[Path, _Module | None] = {}

    @staticmethod
    def source(path: Path) -> bytes:
        """The file's bytes, empty when unreadable (not kept: a large tree's text would
        stay in memory for the whole scan; the modules parsed are)."""
        try:
            return path.read_bytes()
        except OSError:
            return b""

    def module(self, path: Path) -> _Module | None:
        if path not in self._modules:
            self._modules[path] = None  # an import cycle ends here
            self._modules[path] = self._read(path)
        return self._modules[path]

    def _read(self, path: Path) -> _Module | None:
        try:
            tree = ast.parse(self.source(path))
        except (SyntaxError, ValueError, RecursionError):
            return None  # semgrep reports what it could not parse
        module = _Module(path, constants=string_constants(tree), tree=tree)
        for statement in tree.body:
            if isinstance(statement, ast.ImportFrom):
                self._import_from(module, statement)
            elif isinstance(statement, ast.Import):
                for alias in statement.names:
                    target = self._locate(path, 0, alias.name)
                    if target:
                        module.modules[alias.asname or alias.name] = target
        for statement in tree.body:
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
                module.functions[statement.name] = statement
                service = _returned_service(statement)
                if service:
                    module.factories[statement.name] = service
        for name, value in _assigned_once(tree.body).items():
            if isinstance(value, ast.Dict) and _plain_keys(value) is not None:
                module.requests[name] = value
            else:
                service = self.service(module, value)
                if service:
                    module.clients[name] = service
        return module

    def _import_from(self, module: _Module, statement: ast.ImportFrom) -> None:
        source = self._locate(module.path, statement.level, statement.module or "")
        for alias in statement.names:
            local = alias.asname or alias.name
            # `from . import aws`: a submodule, else a name of the package's __init__.py.
            submodule = self._locate(
                module.path, statement.level, _join(statement.module, alias.name)
            )
            if submodule:
                module.modules[local] = submodule
            elif source:
                module.names[local] = (source, alias.name)

    def _locate(self, importer: Path, level: int, dotted: str) -> Path | None:
        """The scanned file a module name stands for, relative to the importer's package
        (`from .x import`) or to a folder between it and the scanned root."""
        parts = [p for p in dotted.split(".") if p]
        if level:
            bases = [importer.parents[level - 1]] if level <= len(importer.parents) else []
        else:
            bases = [p for p in importer.parents if p == self.root or self.root in p.parents]
        for base in bases:
            for candidate in (
                base.joinpath(*parts).with_suffix(".py"),
                base.joinpath(*parts, "__init__.py"),
            ):
                if parts and candidate in self.files:
                    return candidate
            if not parts and base.joinpath("__init__.py") in self.files:
                return base.joinpath("__init__.py")
        return None

    def lookup(self, module: _Module, name: str, kind: str, hops: int = 0):
        """A module's client, factory, request or constant called `name`, following imports."""
        found = getattr(module, kind).get(name)
        if found is not None or hops > _MAX_HOPS or name not in module.names:
            return found, module
        source, original = module.names[name]
        target = self.module(source)
        return self.lookup(target, original, kind, hops + 1) if target else (None, module)

    def resolve(self, module: _Module, expr: ast.expr, kind: str):
        """`name` or `module_alias.name` → (value, the module defining it), imported only."""
        if isinstance(expr, ast.Name) and expr.id in module.names:
            return self.lookup(module, expr.id, kind)
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name | ast.Attribute):
            # `aws.name`, or `app.aws.name` after `import app.aws`
            target_path = module.modules.get(ast.unparse(expr.value))
            target = self.module(target_path) if target_path else None
            if target:
                return self.lookup(target, expr.attr, kind)
        return None, module

    def service(self, module: _Module, expr: ast.expr) -> str | None:
        """v1/v2 for a client expression: `boto3.client("ses")`, a client or factory call
        of this module, or an imported one."""
        if isinstance(expr, ast.Call):
            local = _client_call(expr)
            if not local and isinstance(expr.func, ast.Name):
                local = module.factories.get(expr.func.id)
        else:
            local = module.clients.get(expr.id) if isinstance(expr, ast.Name) else None
        return local or self.imported_service(module, expr)

    def imported_service(self, module: _Module, expr: ast.expr) -> str | None:
        """v1/v2 for a client imported, or made by an imported factory."""
        if isinstance(expr, ast.Call):
            return self.resolve(module, expr.func, "factories")[0]
        return self.resolve(module, expr, "clients")[0]


def judge(index: Index) -> list[engine.Match]:
    """Matches, as semgrep's are, for the Python sends that use an imported client or
    request; they replace semgrep's own matches on those lines."""
    matches: list[engine.Match] = []
    for resolved, given in index.files.items():
        text = index.source(resolved)
        if b"**" not in text or b"send_" not in text or b"import" not in text:
            continue  # no `**` request, no send, or nothing imported: semgrep's view is whole
        module = index.module(resolved)
        if module is not None:
            matches += _judge_module(index, module, str(given))
    return matches


def _judge_module(index: Index, module: _Module, path: str) -> Iterator[engine.Match]:
    held = _held_clients(index, module)
    for call in ast.walk(module.tree):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
            continue
        method = call.func.attr
        spread = [k.value for k in call.keywords if k.arg is None]
        if method not in V1_SENDS | V2_SENDS or len(spread) != 1:
            continue
        receiver = call.func.value
        service = held.get(ast.unparse(receiver)) or index.imported_service(module, receiver)
        imported_client = service is not None
        service = service or index.service(module, receiver)
        request, home = index.resolve(module, spread[0], "requests")
        if request is None and isinstance(spread[0], ast.Name):
            request, home = module.requests.get(spread[0].id), module
        imported_request = home is not module
        if not (imported_client or imported_request):
            continue  # all in this file: semgrep's view
        yield from _verdict(index, module, home, call, service, request, spread[0], path)


def _verdict(index, module, home, call, service, request, spread, path):
    keys = _plain_keys(request) if request is not None else {}
    given = {k.arg: (k.value, module) for k in call.keywords if k.arg}
    given.update({k: (v, home) for k, v in (keys or {}).items()})
    if service is None:
        service = "v2" if V2_SHAPE & given.keys() else "v1" if V1_SHAPE & given.keys() else None
    method = call.func.attr
    if service is None or method not in (V2_SENDS if service == "v2" else V1_SENDS):
        return
    line = call.lineno
    if service == "v1":
        yield _match(
            "SES016",
            path,
            line,
            f"SES v1 API send ({method}) with a client or request "
            "from another module: configuration-set suppression overrides apply only "
            "to SES v2 sends. Send it with the SES v2 client.",
        )
        return
    known = request is not None
    for member, prefix, missing, named in (
        ("ConfigurationSetName", "Sends with configuration set: ", "SES015", "set-name"),
        ("TenantName", "Sends with tenant: ", "SES037", "tenant-name"),
    ):
        if member in given:
            value, where = given[member]
            name = string_value(index, where, value)
            if name is not None:
                yield _match(named, path, line, f"{prefix}{name}")
            elif member == "ConfigurationSetName":
                yield _unresolved(path, line, ast.unparse(value))
        elif not known and member == "ConfigurationSetName":
            yield _unresolved(path, line, ast.unparse(spread))
        elif known:
            yield _match(
                missing,
                path,
                line,
                f"SES v2 send without {member} (the request is "
                "written in another module, or the client made there).",
            )


def _unresolved(path: str, line: int, source: str) -> engine.Match:
    return _match(
        "SES019",
        path,
        line,
        f"Configuration set name not resolvable statically "
        f"({source}): sesguard cannot tell which stream this send uses.",
    )


def _match(kind: str, path: str, line: int, message: str) -> engine.Match:
    rule = {"set-name": "SES017", "tenant-name": "SES038"}.get(kind, kind)
    return engine.Match(f"sesguard.{kind}.python-import", rule, path, line, message)


def string_value(index: Index, module: _Module, value: ast.expr) -> str | None:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return value.value
    if isinstance(value, ast.Name):
        if value.id in module.constants:
            return module.constants[value.id]
        return index.resolve(module, value, "constants")[0]
    return (
        index.resolve(module, value, "constants")[0] if isinstance(value, ast.Attribute) else None
    )


def string_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level names assigned a string literal once (`TRANSACTIONAL = "transactional"`)."""
    return {
        name: value.value
        for name, value in _assigned_once(tree.body).items()
        if isinstance(value, ast.Constant) and isinstance(value.value, str)
    }


def _held_clients(index: Index, module: _Module) -> dict[str, str]:
    """Names and `self.x` fields of this file assigned an imported client or a call of an
    imported factory (a name also given anything else is left out)."""
    held: dict[str, set[str | None]] = {}
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            service = index.imported_service(module, node.value)
            held.setdefault(ast.unparse(node.targets[0]), set()).add(service)
    return {name: s.pop() for name, s in held.items() if len(s) == 1 and None not in s}


def _client_call(call: ast.Call) -> str | None:
    """`boto3.client("sesv2", …)`, `session.client(service_name="ses")` → v2 / v1."""
    if not (isinstance(call.func, ast.Attribute) and call.func.attr == "client"):
        return None
    first = call.args[0] if call.args else None
    for keyword in call.keywords:
        if keyword.arg == "service_name":
            first = keyword.value
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return _SERVICES.get(first.value)
    return None


def _returned_service(function: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    services = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Call):
            services.add(_client_call(node.value))
    return services.pop() if len(services) == 1 else None


def _assigned_once(body: list[ast.stmt]) -> dict[str, ast.expr]:
    values: dict[str, ast.expr] = {}
    counts: dict[str, int] = {}
    for statement in body:
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    counts[target.id] = counts.get(target.id, 0) + 1
                    values[target.id] = statement.value
        elif isinstance(statement, ast.AugAssign | ast.AnnAssign) and isinstance(
            statement.target, ast.Name
        ):
            counts[statement.target.id] = 2  # changed after: not a literal request
    return {name: value for name, value in values.items() if counts[name] == 1}


def _plain_keys(request: ast.Dict) -> dict[str, ast.expr] | None:
    """The dict literal's members, or None when a key is not a string (`**base`, a name)."""
    keys = {}
    for key, value in zip(request.keys, request.values, strict=True):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            return None
        keys[key.value] = value
    return keys


def _join(package: str | None, name: str) -> str:
    return f"{package}.{name}" if package else name
