"""main.tf and imports.tf from an Adoption, and the files written into the output dir.

Each file adopt writes starts with MARKER: adopt rewrites its own files and refuses to
overwrite anything else.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .hcl import Ref, block, string
from .plan import Adoption

MARKER = "Written by sesguard adopt"
# The range the modules require (their versions.tf): one constraint for the whole root.
PROVIDER_VERSION = ">= 5.81, < 7.0"


def main_tf(adoption: Adoption, provider: dict[str, str]) -> str:
    parts = [
        f"# {MARKER} from account {adoption.account} in {adoption.region}. "
        "ADOPTION.md says what maps where.\n",
        "terraform {\n"
        '  required_version = ">= 1.9"\n\n'
        "  required_providers {\n"
        "    aws = {\n"
        '      source  = "hashicorp/aws"\n'
        f"      version = {string(PROVIDER_VERSION)}\n"
        "    }\n"
        "  }\n"
        "}\n",
        block('provider "aws"', {"region": adoption.region, **provider}),
    ]
    for name, description in adoption.variables.items():
        parts.append(
            f'variable "{name}" {{\n  description = {string(description)}\n'
            "  type        = list(string)\n}\n"
        )
    for call in [*adoption.streams, *adoption.identities]:
        parts.append(f"# {call.subject}\n" + block(f'module "{call.label}"', call.inputs,
                                                   call.comments))  # fmt: skip
    return "\n".join(parts)


def imports_tf(adoption: Adoption) -> str:
    parts = [
        f"# {MARKER}: every existing object the module calls own, at its module address "
        "(Terraform 1.5+ imports them in the first plan).\n"
    ]
    for item in adoption.imports:
        parts.append(f"# {item.what}\n" + block("import", {"to": Ref(item.address),
                                                           "id": item.id}))  # fmt: skip
    return "\n".join(parts)


def write_files(directory: str, files: dict[str, str]) -> list[Path]:
    """Write every file, or none: InputError when one exists that adopt did not write."""
    out = Path(directory)
    if out.exists() and not out.is_dir():
        raise InputError(f"--output {directory}: not a directory")
    foreign = [
        name for name in files if (out / name).exists() and MARKER not in _first_line(out / name)
    ]
    if foreign:
        raise InputError(
            f"--output {directory}: {', '.join(foreign)} exist and were not written by "
            "sesguard adopt; choose an empty directory"
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, text in files.items():
            (out / name).write_text(text, encoding="utf-8")
            written.append(out / name)
    except OSError as error:
        raise InputError(f"cannot write into {directory}: {error.strerror}") from None
    return written


def _first_line(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", errors="replace") as f:
            return f.readline()
    except OSError:
        return ""
