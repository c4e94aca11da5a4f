"""SARIF 2.1.0 for GitHub code scanning.

With a source map (`--source-root`), a result sits on the `.tf` line that declares its
resource, so the alert lands on the code a reviewer changed; without one, or when the
declaration cannot be found, it sits on the plan file. The resource address is always
named as a logical location.
"""

from __future__ import annotations

import json

from ..findings import Finding, Report
from ..suppress import expired_note, stale_note
from . import checked_rules
from .source_map import SourceLine, SourceMap

FILE_ENDING = "sarif"

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# GitHub maps security-severity to its labels: ≥ 7.0 high, ≥ 4.0 medium, > 0 low.
SECURITY_SEVERITY = {"error": "7.5", "warning": "4.0", "info": "1.0"}
# Code scanning resolves URIs with this base against the repository checkout.
SRCROOT = "%SRCROOT%"


def render(report: Report, source: str, sources: SourceMap | None = None) -> str:
    from .. import __version__

    listed = checked_rules(report)  # every rule of a finding is among them
    index = {rule.id: i for i, rule in enumerate(listed)}
    rules = [
        {
            "id": rule.id,
            "name": rule.readable_name(),
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.why},
            "help": {"text": rule.fix},
            "helpUri": rule.doc_url,
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {
                "tags": ["security"],
                "security-severity": SECURITY_SEVERITY[rule.severity],
            },
        }
        for rule in listed
    ]
    plan_uri = sources.relative(source) if sources and source != "stdin" else source
    results = [
        {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": LEVELS[f.severity],
            "message": {"text": f"{f.message} Fix: {f.remediation}"},
            **_locations(f, sources, plan_uri),
            "properties": {"stream": f.stream, "address": f.address},
            "partialFingerprints": {"primaryLocationLineHash": f.fingerprint()},
            **_suppression(f),
        }
        for f in report.findings
    ]
    if report.applies_to == "code":
        # Source lines: upload-sarif hashes the flagged line itself, so an alert follows
        # its send when lines are added above it (rule + file:line would not).
        for result in results:
            del result["partialFingerprints"]
    # No informationUri: the project has no public home page yet, and an invented URL
    # would send code-scanning users to someone else's site.
    driver = {"name": "sesguard", "version": __version__, "rules": rules}
    run: dict = {"tool": {"driver": driver}, "results": results}
    if report.incomplete:  # code scanning shows a failed invocation, not a clean pass
        run["invocations"] = [
            {
                "executionSuccessful": False,
                "toolExecutionNotifications": [
                    {"level": "error", "message": {"text": f"not read: {what}"}}
                    for what in report.incomplete
                ],
            }
        ]
    # A waiver is configuration: an expired or stale one is a configuration notification.
    waivers = [("error", expired_note(w)) for w in report.expired_waivers]
    waivers += [("note", stale_note(w)) for w in report.stale_waivers]
    if waivers:
        invocation = run.setdefault("invocations", [{"executionSuccessful": True}])[0]
        invocation["toolConfigurationNotifications"] = [
            {"level": level, "message": {"text": text}} for level, text in waivers
        ]
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, indent=2) + "\n"


def _suppression(f: Finding) -> dict:
    """Suppressed, waived and baselined results stay in the log, suppressed with the reason:
    code scanning shows them as dismissed instead of open. `inSource`: a comment at the send;
    `external`: the config or baseline file. A plan is one JSON line, so upload-sarif
    cannot hash the flagged line: plan results carry Finding.fingerprint()."""
    note = f.suppression_note
    if note is None:
        return {}
    kind = "inSource" if f.ignored is not None else "external"
    return {"suppressions": [{"kind": kind, "justification": note}]}


def _locations(f: Finding, sources: SourceMap | None, plan_uri: str) -> dict:
    """A resource made by a ses_stream call sits on the caller's `module` block (the line the
    user changes); the resource line inside the module is a related location."""
    declared = sources.locate(f.address) if sources else None
    call = sources.stream_call(f.address) if sources else None
    if call is None:
        return {"locations": [_location(f, declared, plan_uri)]}
    found: dict = {"locations": [_location(f, call, plan_uri)]}
    if declared is not None:
        related = _location(f, declared, plan_uri)
        related["id"] = 1
        related["message"] = {"text": f"{f.address} is declared here, inside the module"}
        found["relatedLocations"] = [related]
    return found


def _location(f: Finding, declared: SourceLine | None, plan_uri: str) -> dict:
    if declared is not None:
        artifact = {"uri": declared.path}
        if "://" not in declared.path:
            artifact["uriBaseId"] = SRCROOT
        physical = {"artifactLocation": artifact, "region": {"startLine": declared.line}}
    else:
        # GitHub code scanning needs a region; the plan has no line per resource.
        physical = {"artifactLocation": {"uri": plan_uri}, "region": {"startLine": 1}}
    location: dict = {"physicalLocation": physical}
    if f.address:
        location["logicalLocations"] = [{"fullyQualifiedName": f.address, "kind": "resource"}]
    return location
