"""`sesguard: ignore[SES019] reason` comments: a send the team means, suppressed beside it.

The comment sits on the finding's line or alone on the line above, in the file's own
comment syntax (semgrep's `nosemgrep` and checkov's `checkov:skip=` work the same way);
several rule IDs are separated by commas. A suppressed finding is still reported, with the
reason, and does not fail the run. A comment without a reason suppresses nothing: it is an
SES042 warning, so every suppression in the code says why.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from .targets import LANGUAGES

# Comment openers per language: a `#` in Go or Java is not a comment.
_HASH, _SLASH, _BLOCK = r"#", r"//", r"/\*"
_OPENERS = {
    "python": (_HASH,),
    "ruby": (_HASH,),
    "php": (_HASH, _SLASH, _BLOCK),
    "javascript": (_SLASH, _BLOCK),
    "typescript": (_SLASH, _BLOCK),
    "go": (_SLASH, _BLOCK),
    "java": (_SLASH, _BLOCK),
    "csharp": (_SLASH, _BLOCK),
}
_DIRECTIVE = r"sesguard:\s*ignore\[(?P<rules>[^\]]*)\](?P<reason>.*)"
_PATTERNS = {
    language: (
        # On the finding's line, after the code.
        re.compile(rf"(?:{'|'.join(openers)})\s*{_DIRECTIVE}"),
        # Alone on the line above.
        re.compile(rf"^\s*(?:{'|'.join(openers)})\s*{_DIRECTIVE}"),
    )
    for language, openers in _OPENERS.items()
}
NO_REASON = "SES042"


def apply(findings: list, root: Path) -> list:
    """``findings`` (CodeFindings under ``root``) with the suppressed ones marked, plus an
    SES042 warning for each comment that would suppress one but gives no reason."""
    by_file = defaultdict(list)
    for finding in findings:
        by_file[finding.file].append(finding)
    out = []
    for file, found in by_file.items():
        language = LANGUAGES.get(Path(file).suffix)
        lines = _lines(root / file) if language else []
        warned: set[int] = set()
        for finding in found:
            directive = _directive(lines, finding.line, language) if lines else None
            if directive is None or finding.rule not in directive[1]:
                out.append(finding)
                continue
            line, _rules, reason = directive
            if reason:
                out.append(replace(finding, ignored=reason))
                continue
            out.append(finding)
            if line not in warned:
                warned.add(line)
                out.append(_no_reason(file, line, finding.rule))
    return out


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []  # read by semgrep a moment ago; gone now: nothing is suppressed


def _directive(lines: list[str], line: int, language: str):
    """(line of the comment, rule IDs, reason) at ``line`` or alone on the line above."""
    same_line, line_above = _PATTERNS[language]
    for number, pattern in ((line, same_line), (line - 1, line_above)):
        if not 1 <= number <= len(lines):
            continue
        found = pattern.search(lines[number - 1])
        if found:
            rules = {r.strip().upper() for r in found["rules"].split(",") if r.strip()}
            reason = found["reason"].strip()
            reason = reason.removesuffix("*/").removesuffix("?>").strip()
            return number, rules, reason
    return None


def _no_reason(file: str, line: int, rule_id: str):
    from ..rules import RULES_BY_ID
    from .findings import CodeFinding

    rule = RULES_BY_ID[NO_REASON]
    message = (
        f"sesguard: ignore[{rule_id}] gives no reason, so it suppresses nothing; "
        "write why after the bracket."
    )
    return CodeFinding(
        rule.id, rule.severity, None, f"{file}:{line}", message, rule.fix, file, line
    )
