"""Stage any Terraform root for an offline plan: a copy with a local backend and a fake-keyed
provider, so planning needs no AWS account and never touches the user's files.

A root reaches other modules through local sources (``./…`` or ``../…``). Those paths only
work if the copy keeps the layout, so the root and every module it reaches (followed
recursively) are copied under one staging directory at their paths relative to their common
ancestor: ``envs/production`` and ``modules/ses_*`` of this repository, or a user's
``~/infra/mail`` and the ``../sesguard/modules/ses_stream`` it calls.
Registry and git sources are left as they are (``terraform init`` fetches them, or fails with
Terraform's own message when there is no network).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

# Terraform merges *_override.tf files into the configuration: a backend block replaces the
# root's backend, provider arguments are merged into the root's provider block of that alias.
OFFLINE_PROVIDER_SETTINGS = """\
  access_key                  = "offline-plan"
  secret_key                  = "offline-plan"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  # Two attempts: the Go SDK retries a read its transport closed under it (`use of closed
  # network connection`), and a stray call to the closed port still fails fast.
  max_retries = 2
  # The account guard needs the account id, which an offline plan never asks for.
  allowed_account_ids = null
  # Replaces the root's endpoints: the one call a plan makes, Step Functions' definition
  # check, goes where AWS_ENDPOINT_URL_SFN says (tools/offline_sfn.py).
  endpoints {}
"""
OVERRIDE_FILE = "offline_override.tf"
# A root without its own `provider "aws"` block gets one (an override needs a block to merge
# into); the region is a placeholder, as every other provider value of an offline plan.
PROVIDER_FILE = "offline_provider.tf"
HEADER = "# Written by tools/offline_stage.py: plan with no AWS account and no AWS calls.\n"

LOCAL_SOURCE = re.compile(r'^\s*source\s*=\s*"(\.\.?/[^"]*)"', re.M)
AWS_PROVIDER = re.compile(r'^provider\s+"aws"\s*\{(.*?)^\}', re.M | re.S)
ALIAS = re.compile(r'^\s*alias\s*=\s*"([^"]+)"', re.M)
BACKEND = re.compile(r'^\s*(backend\s+"[^"]+"|cloud)\s*\{', re.M)

# Terraform's working files, state and plans never belong to a staged copy or a cache key.
IGNORED_DIRS = {".terraform", "__pycache__", "node_modules"}
IGNORED_NAMES = {".terraform.lock.hcl", "terraform.tfstate", "terraform.tfstate.backup", "tfplan"}
KEPT_BETWEEN_RUNS = {".terraform", ".terraform.lock.hcl"}  # re-planning skips most of init


class StageError(ValueError):
    """The directory cannot be planned as a Terraform root (one line for the user)."""


@dataclass(frozen=True)
class Layout:
    """A root and the module directories it reaches, all under ``base``."""

    root: Path
    base: Path
    directories: tuple[Path, ...]

    def relative_root(self) -> Path:
        return self.root.relative_to(self.base)


def _tf_files(directory: Path) -> list[Path]:
    """Terraform's own files of a module: HCL (*.tf) and JSON syntax (*.tf.json)."""
    return sorted(p for p in (*directory.glob("*.tf"), *directory.glob("*.tf.json")) if p.is_file())


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [value]


def _json_blocks(path: Path) -> tuple[list[str], list[str | None], bool]:
    """(local module sources, aws provider aliases, has a backend) of a *.tf.json file."""
    try:
        document = json.loads(path.read_text())
    except ValueError:
        return [], [], False  # Terraform reports the syntax error itself
    modules = [m for block in _as_list(document.get("module", {})) for m in block.values()]
    sources = [
        source
        for call in modules
        for source in [call.get("source", "") if isinstance(call, dict) else ""]
        if source.startswith(("./", "../"))
    ]
    providers = [
        p
        for block in _as_list(document.get("provider", {}))
        for p in _as_list(block.get("aws", []))
    ]
    aliases = [p.get("alias") if isinstance(p, dict) else None for p in providers]
    settings = _as_list(document.get("terraform", {}))
    backend = any("backend" in s or "cloud" in s for s in settings if isinstance(s, dict))
    return sources, aliases, backend


def _local_sources(tf: Path) -> list[str]:
    if tf.name.endswith(".tf.json"):
        return _json_blocks(tf)[0]
    return LOCAL_SOURCE.findall(tf.read_text(errors="replace"))


def layout(root: Path) -> Layout:
    """The root and every module directory reachable from it through local sources."""
    root = Path(root).resolve()
    if not root.is_dir():
        raise StageError(f"{root} is not a directory")
    if not _tf_files(root):
        raise StageError(f"{root} holds no *.tf file: not a Terraform root module")
    seen: list[Path] = []
    pending = [root]
    while pending:
        directory = pending.pop()
        if directory in seen:
            continue
        if not directory.is_dir():
            raise StageError(f"a local module source points at {directory}, which does not exist")
        seen.append(directory)
        for tf in _tf_files(directory):
            for source in _local_sources(tf):
                pending.append((directory / source).resolve())
    base = Path(os.path.commonpath(seen))
    return Layout(root=root, base=base, directories=tuple(sorted(seen)))


def source_files(directory: Path) -> list[Path]:
    """Files Terraform reads from a module directory (its subfolders too: templates, files)."""
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file()
        and not any(
            part in IGNORED_DIRS or part.startswith(".")
            for part in p.relative_to(directory).parent.parts
        )
        and p.name not in IGNORED_NAMES
    )


def key(found: Layout, *extra: bytes) -> str:
    """Cache key of an offline plan: every staged file (path and bytes), plus ``extra``."""
    digest = hashlib.sha256()
    files = {path for directory in found.directories for path in source_files(directory)}
    for path in sorted(files):
        digest.update(str(path.relative_to(found.base)).encode() + b"\0" + path.read_bytes())
        digest.update(b"\0")
    for item in extra:
        digest.update(item + b"\0")
    return digest.hexdigest()


def root_settings(root: Path) -> tuple[list[str | None], bool]:
    """(aliases of the root's `provider "aws"` blocks, None for the default; has a backend)."""
    aliases: list[str | None] = []
    backend = False
    for tf in _tf_files(root):
        if tf.name.endswith(".tf.json"):
            _, json_aliases, json_backend = _json_blocks(tf)
            aliases += json_aliases
            backend = backend or json_backend
            continue
        text = tf.read_text(errors="replace")
        for body in AWS_PROVIDER.findall(text):
            alias = ALIAS.search(body)
            aliases.append(alias[1] if alias else None)
        backend = backend or bool(BACKEND.search(text))
    return aliases, backend


def offline_files(aliases: list[str | None], backend: bool) -> dict[str, str]:
    """The files that make a root plan offline, given its aws provider aliases and backend."""
    has_default = None in aliases
    override_blocks = []
    if backend:
        override_blocks.append('terraform {\n  backend "local" {}\n}\n')
    if has_default:
        override_blocks.append(f'provider "aws" {{\n{OFFLINE_PROVIDER_SETTINGS}}}\n')
    for alias in aliases:
        if alias is not None:
            block = f'provider "aws" {{\n  alias = "{alias}"\n{OFFLINE_PROVIDER_SETTINGS}}}\n'
            override_blocks.append(block)
    files = {}
    if override_blocks:
        files[OVERRIDE_FILE] = HEADER + "\n".join(override_blocks)
    if not has_default:
        region = '  region = "us-east-1"\n'
        files[PROVIDER_FILE] = (
            HEADER + f'provider "aws" {{\n{region}{OFFLINE_PROVIDER_SETTINGS}}}\n'
        )
    return files


def _clear(directory: Path, keep: Path) -> None:
    """Empty ``directory`` except the working files kept in ``keep`` (a path below it)."""
    for entry in directory.iterdir():
        if entry == keep:
            _clear_root(entry)
        elif keep.is_relative_to(entry) and entry.is_dir():
            _clear(entry, keep)
        else:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def _clear_root(root: Path) -> None:
    for entry in root.iterdir():
        if entry.name not in KEPT_BETWEEN_RUNS:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def stage(found: Layout, stage_dir: Path) -> Path:
    """Copy the layout under ``stage_dir`` with the offline files; return the staged root.

    The staged root's ``.terraform`` survives between runs, so re-planning skips most of init;
    a file deleted from the sources disappears from the copy.
    """
    staged_root = stage_dir / found.relative_root()
    staged_root.mkdir(parents=True, exist_ok=True)
    _clear(stage_dir, staged_root)
    for directory in found.directories:
        target = stage_dir / directory.relative_to(found.base)
        for path in source_files(directory):
            copy = target / path.relative_to(directory)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
    for name, text in offline_files(*root_settings(found.root)).items():
        (staged_root / name).write_text(text)
    return staged_root
