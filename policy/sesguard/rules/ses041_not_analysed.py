from __future__ import annotations

from .base import CodeRule


class NotAnalysed(CodeRule):
    id = "SES041"
    severity = "warning"
    summary = "A source file the scan did not (fully) analyse: its sends were not checked."
    why = (
        "A file too large, unreadable, binary or that semgrep could only partly parse may "
        "hold sends that escape their lane; a scan that says nothing about it reads as a pass."
    )
    fix = (
        "Fix the syntax error, or raise --max-file-size for a large hand-written file; "
        "exclude generated code on purpose with --exclude."
    )
    # What a missed send costs: mail outside its configuration set, i.e. outside its lane.
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/using-configuration-sets-in-email.html"
