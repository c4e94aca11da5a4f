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

from importlib.metadata import PackageNotFoundError, version

from .config import Config, load_config
from .errors import InputError
from .findings import Finding, Report
from .gate import check_plan
from .plan import load_plan

# The one version source is the package metadata (pyproject.toml); `make release-check`
# holds every other place to it.
try:
    __version__ = version("sesguard")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"
__all__ = [
    "Config",
    "Finding",
    "InputError",
    "Report",
    "check_plan",
    "load_config",
    "load_plan",
]
