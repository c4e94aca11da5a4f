"""`sesguard adopt`'s run: read the account, map it, write the root (see the package)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from . import DEFAULT_SOURCE, IDENTITY_MODULE, STREAM_MODULE


@dataclass
class AdoptOptions:
    output: str
    region: str | None = None
    profile: str | None = None
    role_arn: str | None = None
    endpoint_url: str | None = None
    module_source: str = DEFAULT_SOURCE
    timeout: float | None = None


@dataclass
class AdoptResult:
    files: list[Path]
    streams: int
    identities: int
    imports: int
    notes: dict[str, int] = field(default_factory=dict)


def module_sources(source: str) -> tuple[str, str]:
    """(ses_stream source, ses_identity source): the identity module sits beside the stream's."""
    at = source.rfind(STREAM_MODULE)
    if at < 0:
        raise InputError(
            f"--module-source {source!r}: give the ses_stream module's source (a path or URL "
            f"ending in modules/{STREAM_MODULE}, maybe with ?ref=)"
        )
    return source, source[:at] + IDENTITY_MODULE + source[at + len(STREAM_MODULE) :]


def adopt(options: AdoptOptions) -> AdoptResult:
    from .account import read_account
    from .mapping import map_account
    from .report import adoption_md
    from .writer import imports_tf, main_tf, write_files

    sources = module_sources(options.module_source)
    snapshot, model, findings = read_account(options)
    adoption = map_account(snapshot, model, findings, sources)
    provider = {"profile": options.profile} if options.profile else {}
    reads = (
        f"{len(snapshot.get('configuration_sets') or ())} configuration sets, "
        f"{len(snapshot.get('pools') or ())} dedicated IP pools, "
        f"{len(snapshot.get('identities') or ())} identities, {len(model.alarms)} SES alarms"
    )
    files = {
        "main.tf": main_tf(adoption, provider),
        "imports.tf": imports_tf(adoption),
        "ADOPTION.md": adoption_md(adoption, reads),
    }
    written = write_files(options.output, files)
    return AdoptResult(
        written,
        len(adoption.streams),
        len(adoption.identities),
        len(adoption.imports),
        {
            "changes": len(adoption.changes),
            "outside": len(adoption.outside),
            "not adopted": len(adoption.not_adopted),
        },
    )
