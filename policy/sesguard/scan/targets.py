"""Which files a scan reads: source files of the languages sesguard reads under the given paths.

sesguard picks the files and hands semgrep the list, instead of letting semgrep walk the
tree: semgrep's default ignore list drops `tests/` (where sends to a local SES often are),
and a file sesguard cannot read must be named in the report, not silently dropped.
"""

from __future__ import annotations

import errno
import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

LANGUAGES = {
    ".py": "python",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "typescript",
    ".go": "go",
    ".java": "java",
    ".php": "php",
    ".rb": "ruby",
    ".cs": "csharp",
}
# What the scan reads, for the lines that say so (the extensions are LANGUAGES' keys).
LANGUAGE_NAMES = "Python, JS/TS, Go, Java, PHP, Ruby and C#"
NOT_SOURCE = f"not a source file the scan reads ({LANGUAGE_NAMES})"
# Dependencies and build output (Gradle's build/, Maven's target/, dist/): not the
# application's own sends. Hidden directories (.git, .venv) and virtualenvs are skipped too.
SKIPPED_DIRS = frozenset(
    {"node_modules", "__pycache__", "site-packages", "vendor", "build", "dist", "target"}
)
# Bundles and minified files are build output; their source is scanned instead.
SKIPPED_FILES = ("*.min.js", "*.bundle.js")
# semgrep's own default; a bigger file is generated code, and parsing it costs seconds.
MAX_FILE_BYTES = 1_000_000
_SNIFF_BYTES = 8192


@dataclass
class Targets:
    root: Path  # what `file` in a finding is relative to
    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    max_file_bytes: int = MAX_FILE_BYTES

    def relative(self, path: str | os.PathLike) -> str:
        # abspath, not resolve(): a symlink (or a loop) is named where it was found.
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            return absolute.as_posix()


def select(
    paths: list[str], exclude: tuple[str, ...] = (), max_file_bytes: int = MAX_FILE_BYTES
) -> Targets:
    """Source files under ``paths``. A path that does not exist, or paths that hold no
    source file to analyse (a wrong folder must not pass CI), is an InputError (exit 2);
    an unreadable, binary, oversized or looping entry inside a tree is skipped and listed."""
    if not paths:
        raise InputError("no path to scan")
    resolved = []
    for raw in paths:
        path = Path(raw)
        try:
            if not path.exists():
                if path.is_symlink():
                    raise InputError(f"{raw}: a broken symlink or a symlink loop")
                raise InputError(f"{raw}: no such file or directory")
            resolved.append(path.resolve(strict=True))
        except (OSError, RuntimeError) as exc:  # a symlink loop given as the argument
            raise InputError(f"{raw}: cannot be resolved ({_reason(exc)})") from None
    targets = Targets(root=_common_root(resolved), max_file_bytes=max_file_bytes)
    seen: set[Path] = set()
    for path in resolved:
        if path.is_dir():
            _walk(path, targets, exclude, seen)
        elif path.suffix in LANGUAGES:
            _add(path, targets, seen)
        else:
            targets.skipped.append((targets.relative(path), NOT_SOURCE))
    if not targets.files:
        raise InputError(_nothing_to_scan(paths, targets, exclude))
    return targets


def _nothing_to_scan(paths: list[str], targets: Targets, exclude: tuple[str, ...]) -> str:
    """What the scan looked for, where, and what it left out."""
    text = (
        f"no source file to scan in {', '.join(paths)}: looked for {LANGUAGE_NAMES} "
        f"files ({' '.join(LANGUAGES)}) outside hidden, dependency and build directories"
    )
    if exclude:
        text += f", --exclude {' '.join(exclude)}"
    if targets.skipped:
        path, reason = targets.skipped[0]
        more = f" and {len(targets.skipped) - 1} more" if len(targets.skipped) > 1 else ""
        text += f"; skipped {path} ({reason}){more}"
    return text


def _common_root(paths: list[Path]) -> Path:
    folders = [p if p.is_dir() else p.parent for p in paths]
    return Path(os.path.commonpath(folders))


def _walk(top: Path, targets: Targets, exclude: tuple[str, ...], seen: set[Path]) -> None:
    # followlinks=False: a symlinked directory (and so a symlink loop) is never entered.
    for folder, dirs, files in os.walk(top, onerror=lambda exc: _walk_error(exc, targets)):
        base = Path(folder)
        dirs[:] = sorted(
            d
            for d in dirs
            if not _skipped_dir(base / d) and not _excluded(targets.relative(base / d), exclude)
        )
        for name in sorted(files):
            path = base / name
            if path.suffix not in LANGUAGES or any(fnmatch.fnmatch(name, p) for p in SKIPPED_FILES):
                continue
            if _excluded(targets.relative(path), exclude):
                continue
            _add(path, targets, seen)


def _skipped_dir(path: Path) -> bool:
    name = path.name
    return (
        name.startswith(".")
        or name in SKIPPED_DIRS
        or (path / "pyvenv.cfg").is_file()  # a virtualenv under any name
    )


def _excluded(relative: str, patterns: tuple[str, ...]) -> bool:
    return any(
        fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(relative, p.rstrip("/") + "/*")
        for p in patterns
    )


def _add(path: Path, targets: Targets, seen: set[Path]) -> None:
    relative = targets.relative(path)
    try:
        real = path.resolve(strict=True)
        size = real.stat().st_size
        if not real.is_file():
            targets.skipped.append((relative, "not a regular file"))
            return
        if size > targets.max_file_bytes:
            targets.skipped.append((relative, f"larger than {targets.max_file_bytes:,} bytes"))
            return
        with open(real, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except (OSError, RuntimeError) as exc:
        targets.skipped.append((relative, _reason(exc)))
        return
    if b"\0" in head:
        targets.skipped.append((relative, "binary file"))
        return
    if real in seen:  # the same file reached through a symlink
        return
    seen.add(real)
    targets.files.append(path)


def _walk_error(exc: OSError, targets: Targets) -> None:
    targets.skipped.append((targets.relative(exc.filename or "?"), _reason(exc)))


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
        return "symlink loop"
    return getattr(exc, "strerror", None) or str(exc)
