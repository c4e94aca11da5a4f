"""SARIF 2.1.0 (GitHub code scanning). Terraform resources have no line numbers in the
plan, so each result points at the plan file and names the resource logically."""

from __future__ import annotations

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
        location: dict = {"physicalLocation": {"artifactLocation": {"uri": source}}}
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
