"""SARIF 2.1.0 (GitHub code scanning). Terraform resources have no line numbers in the
plan, so each result points at the plan file and names the resource logically."""

from __future__ import annotations

import hashlib
import json

from ..findings import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(report: Report, source: str) -> str:
    from .. import __version__
    from ..rules import RULES

    index = {rule.id: i for i, rule in enumerate(RULES)}
    rules = [
        {
            "id": rule.id,
            "name": type(rule).__name__,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.why},
            "help": {"text": rule.fix},
            "helpUri": rule.doc_url,
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
        }
        for rule in RULES
    ]
    results = []
    for f in report.findings:
        # GitHub code scanning needs a region; a plan has no line per resource, so the
        # alert sits on the plan file and the resource is named as a logical location.
        location: dict = {
            "physicalLocation": {"artifactLocation": {"uri": source}, "region": {"startLine": 1}}
        }
        if f.address:
            location["logicalLocations"] = [{"fullyQualifiedName": f.address, "kind": "resource"}]
        results.append(
            {
                "ruleId": f.rule,
                "ruleIndex": index.get(f.rule, 0),
                "level": LEVELS[f.severity],
                "message": {"text": f"{f.message} Fix: {f.remediation}"},
                "locations": [location],
                "properties": {"stream": f.stream, "address": f.address},
                # Stable across runs, so re-uploads update alerts instead of duplicating them.
                "partialFingerprints": {
                    "sesguard/v1": hashlib.sha256(
                        f"{f.rule}|{f.address}|{f.stream}|{f.message}".encode()
                    ).hexdigest()
                },
            }
        )
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sesguard",
                        "version": __version__,
                        "informationUri": "https://github.com/sesguard/sesguard",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(doc, indent=2) + "\n"
