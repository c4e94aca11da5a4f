"""`sesguard adopt`: a hand-built SES account → a Terraform root of module calls and import
blocks whose first plan destroys and replaces nothing.

read (the audit's reader, fail-closed) → the live model and its findings → mapping →
main.tf, imports.tf, ADOPTION.md. `run`: the options, the result and :func:`adopt`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import __version__

if TYPE_CHECKING:
    from .run import AdoptOptions, AdoptResult, adopt, module_sources

# The README's git form, at this release: the module inputs adopt writes exist from here on.
DEFAULT_SOURCE = (
    f"git::https://github.com/your-org/sesguard.git//modules/ses_stream?ref=v{__version__}"
)
STREAM_MODULE, IDENTITY_MODULE = "ses_stream", "ses_identity"

__all__ = ["AdoptOptions", "AdoptResult", "adopt", "module_sources"]


def __getattr__(name: str):
    # Imported when used: every `sesguard` command builds adopt's argument parser from
    # adopt.cli, and must not pay for the run's dataclasses to do so.
    if name in __all__:
        from . import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
