"""sesguard: a plan gate for Amazon SES email-stream isolation.

Public API (stable)::

    from sesguard import check_plan, load_plan, load_config, Config, Finding, Report, InputError
    plan = load_plan("plan.json")          # or "-" for stdin; InputError on bad input
    report = check_plan(plan, config=None)  # Report(findings=[...], summary=PlanSummary(...))
    from sesguard.rules import RULES        # ordered; .id .severity .summary .why .fix .doc_url
    from sesguard.scan import scan          # application code (needs semgrep, docs/scan.md)
    report = scan(["src/"])                 # findings are CodeFindings: also .file and .line
"""

from __future__ import annotations

import functools
import os
import sys
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import Config, load_config
    from .errors import InputError
    from .findings import Finding, Report
    from .gate import check_plan
    from .plan import load_plan

# The public API, imported when first used: `sesguard check` parses the plan before it
# loads the model and the rules, so their code is not in memory next to the plan's text.
_API = {
    "Config": "config",
    "load_config": "config",
    "InputError": "errors",
    "Finding": "findings",
    "Report": "findings",
    "check_plan": "gate",
    "load_plan": "plan",
}


def __getattr__(name: str):
    if name in _API:
        return getattr(import_module(f".{_API[name]}", __name__), name)
    # Read when first asked for: most runs never print the version.
    if name == "__version__":
        return _installed_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _installed_version() -> str:
    """The one version source: the installed package metadata (from pyproject.toml), which
    `make release-check` holds every other place to. Read from the dist-info's METADATA
    directly: importlib.metadata's imports (email, zipfile, csv) cost the gate 4 MB."""
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.startswith("sesguard-") and name.endswith(".dist-info"):
                with open(os.path.join(entry, name, "METADATA"), encoding="utf-8") as metadata:
                    for line in metadata:
                        if line.startswith("Version:"):
                            return line.split(":", 1)[1].strip()
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sesguard")
    except PackageNotFoundError:  # imported from a source tree that was never installed
        return "0+unknown"


__all__ = [
    "Config",
    "Finding",
    "InputError",
    "Report",
    "check_plan",
    "load_config",
    "load_plan",
]
