"""Resource address → the `.tf` file and line that declares it, for SARIF locations.

A plan has no line numbers, but its `configuration` section names every module call and
its `source`, so the module directory of an address is known; the declaring line is found
with a regex scan of that directory's `*.tf` files (no HCL parser: the gate stays standard
library only). Anything that cannot be resolved — a registry or git module source, a file
moved since the plan, an odd address — is simply absent from the map, and the reporter
falls back to the plan file. Each module directory is scanned once.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..model.addresses import split_address
from ..model.configuration import STREAM_MODULE_SOURCE, Configuration

# `resource "type" "name" {` / `data "type" "name" {` / `module "name" {` at a line start;
# a commented-out block starts with `#` or `//` and does not match.
_BLOCK = re.compile(
    r'^[ \t]*(?:(resource|data)[ \t]+"([^"]+)"[ \t]+"([^"]+)"|(module)[ \t]+"([^"]+)")[ \t]*\{',
    re.MULTILINE,
)


@dataclass(frozen=True)
class SourceLine:
    path: str  # relative to the repository root, "/"-separated; a file:// URI if outside it
    line: int  # 1-based


def repository_root(start: Path) -> Path:
    """The nearest ancestor holding `.git` (a directory, or a file in a worktree): code
    scanning resolves relative URIs against the repository root. Else the current dir."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return Path.cwd().resolve()


class SourceMap:
    """Locate resource addresses of one plan in the Terraform sources under ``root_dir``,
    following the module calls of its configuration (the model's, read once)."""

    def __init__(self, configuration: Configuration, root_dir: str | os.PathLike) -> None:
        self.root_dir = Path(root_dir).resolve()
        self.repo_root = repository_root(self.root_dir)
        self._configuration = configuration
        self._blocks: dict[Path, dict[tuple[str, ...], SourceLine]] = {}

    def relative(self, path: str | os.PathLike) -> str:
        """A path as code scanning wants it: repository-relative with "/", else a file URI."""
        resolved = Path(path).resolve()
        try:
            return resolved.relative_to(self.repo_root).as_posix()
        except ValueError:
            return resolved.as_uri()

    def locate(self, address: str | None) -> SourceLine | None:
        if not address:
            return None
        parts = split_address(address)
        if parts is None:
            return None
        modules, block = parts
        if block is None:  # a whole module instance: point at its `module "name"` block
            modules, block = modules[:-1], ("module", modules[-1])
        directory = self._module_dir(modules)
        if directory is None:
            return None
        return self._declarations(directory).get(block)

    def stream_call(self, address: str | None) -> SourceLine | None:
        """The `module "…"` block of the ses_stream call a resource was made by: the line a
        caller of the module changes. None outside such a call."""
        parts = split_address(address) if address else None
        if parts is None or parts[1] is None:
            return None
        modules = parts[0]
        for depth in range(len(modules), 0, -1):
            source = self._configuration.source_of(modules[:depth])
            if isinstance(source, str) and STREAM_MODULE_SOURCE in source:
                directory = self._module_dir(modules[: depth - 1])
                if directory is None:
                    return None
                return self._declarations(directory).get(("module", modules[depth - 1]))
        return None

    def _module_dir(self, modules: tuple[str, ...]) -> Path | None:
        """Follow the module calls' local `source` paths from the root module's dir."""
        directory = self.root_dir
        for depth in range(1, len(modules) + 1):
            source = self._configuration.source_of(modules[:depth])
            # Only local paths name a directory in this checkout (registry/git sources don't).
            if not isinstance(source, str) or not source.startswith(("./", "../")):
                return None
            directory = (directory / source).resolve()
        return directory

    def _declarations(self, directory: Path) -> dict[tuple[str, ...], SourceLine]:
        cached = self._blocks.get(directory)
        if cached is not None:
            return cached
        found: dict[tuple[str, ...], SourceLine] = {}
        try:
            files = sorted(directory.glob("*.tf"))
        except OSError:
            files = []
        for file in files:
            try:
                text = file.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            relative = self.relative(file)
            for match in _BLOCK.finditer(text):
                key = match.group(1, 2, 3) if match.group(1) else match.group(4, 5)
                line = text.count("\n", 0, match.start()) + 1
                found.setdefault(key, SourceLine(relative, line))
        self._blocks[directory] = found
        return found
