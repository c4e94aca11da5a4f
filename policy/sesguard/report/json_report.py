from __future__ import annotations

import json

from ..findings import Report

FILE_ENDING = "json"


def render(report: Report, source: str) -> str:
    return json.dumps(report.to_dict(), indent=2) + "\n"
