"""`sesguard scan`: SES sends in application code that escape their stream's lane.

semgrep finds the sends (the ruleset in ``semgrep/``); this package picks the files, runs
it, and adds what patterns cannot know: the configuration sets that exist (SES017, from a
plan or a gate config) and the v2 call that replaces a v1 one. Library use::

    from sesguard.scan import scan
    report = scan(["src/"], known=None)   # Report; findings are CodeFindings (file, line)
"""

from __future__ import annotations

from .findings import CodeFinding, scan

__all__ = ["CodeFinding", "scan"]
