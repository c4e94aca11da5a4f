"""semgrep matches → sesguard findings, with the SES knowledge the patterns lack."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..findings import SEVERITIES, Finding, Report, Summary
from . import engine, helpers, imported, inline, targets
from .known_sets import KnownSets

SET_NAME_PREFIX = "Sends with configuration set: "
TENANT_NAME_PREFIX = "Sends with tenant: "
# The v1 operation a SES016 message names, in any SDK's spelling, → its v2 replacement.
V2_REPLACEMENT = {
    "sendemail": "SES v2 SendEmail with Content.Simple",
    "sendrawemail": "SES v2 SendEmail with Content.Raw",
    "sendtemplatedemail": "SES v2 SendEmail with Content.Template",
    "sendbulktemplatedemail": "SES v2 SendBulkEmail",
}
_V1_OPERATION = re.compile(r"^SES v1 API send \((\w+)")


@dataclass(frozen=True)
class ScanSummary(Summary):
    root: str  # the scanned root, "/"-separated
    files_scanned: int
    skipped: list[dict]  # file, reason: not analysed
    # Literal set names the sends use, and how often: the code's view of the streams.
    configuration_sets_used: dict[str, int]
    known_sets: list[str] | None
    engine: str | None
    tenants_used: dict[str, int]
    known_tenants: list[str] | None


@dataclass(frozen=True)
class CodeFinding(Finding):
    file: str  # relative to the scanned root, "/"-separated
    line: int  # of the send call, 1-based


class CodeLocations:
    """For the SARIF reporter (the interface of report.source_map.SourceMap): a code
    finding's address `file:line` → that line, relative to the repository root, which is
    what code scanning resolves paths against."""

    def __init__(self, report: Report) -> None:
        from ..report.source_map import SourceLine, repository_root

        root = Path(report.summary.root)
        self._repo = repository_root(root)
        self._lines = {
            f.address: SourceLine(self.relative(root / f.file), f.line)
            for f in report.findings
            if isinstance(f, CodeFinding)
        }

    def relative(self, path: str | Path) -> str:
        resolved = Path(path).resolve()
        try:
            return resolved.relative_to(self._repo).as_posix()
        except ValueError:
            return resolved.as_uri()

    def locate(self, address: str | None):
        return self._lines.get(address)

    def stream_call(self, address: str | None) -> None:
        """Code has no `module` call to point at: the send line is the location."""
        return None


def scan(
    paths: list[str],
    known: KnownSets | None = None,
    semgrep: str | None = None,
    exclude: tuple[str, ...] = (),
    jobs: int | None = None,
    max_file_bytes: int = targets.MAX_FILE_BYTES,
    timeout: float = engine.DEFAULT_TIMEOUT,
    tenants: KnownSets | None = None,
) -> Report:
    """Scan files and directories. `tenants`: the account's tenants, when it uses them
    (SES037 and SES038 need them). Raises InputError for unusable paths, no semgrep, or a
    semgrep that does not finish within ``timeout`` seconds."""
    selected = targets.select(paths, exclude, max_file_bytes)
    executable = engine.find_semgrep(semgrep)
    result = engine.run(selected.files, executable, jobs, timeout) if selected.files else None
    findings: list[CodeFinding] = []
    used: Counter[str] = Counter()
    tenants_used: Counter[str] = Counter()
    set_helpers: set[tuple[str, str, str]] = set()  # (path, helper, parameter)
    index = imported.Index(selected.files, selected.root)
    matches = _with_imports(result.matches if result else [], index)
    laravel_lanes = _laravel_services_with_a_set(matches)
    for match in matches:
        file = selected.relative(match.path)
        if match.check_id.startswith("sesguard.SES015.laravel") and (
            Path(match.path).parent in laravel_lanes
        ):
            continue  # the set is config/services.php's ses.options, beside config/mail.php
        if match.check_id.startswith("sesguard.set-name."):
            name = match.message.removeprefix(SET_NAME_PREFIX)
            if "$V" in name:  # semgrep repeats some matches with the name unbound
                continue
            used[name] += 1
            finding = _unknown_name(
                "SES017", ("configuration set", "set"), name, known, file, match.line
            )
        elif match.check_id.startswith("sesguard.tenant-name."):
            name = match.message.removeprefix(TENANT_NAME_PREFIX)
            if "$V" in name:
                continue
            tenants_used[name] += 1
            finding = _unknown_name("SES038", ("tenant", "tenant"), name, tenants, file, match.line)
        elif match.check_id.startswith("sesguard.set-helper."):
            helper = helpers.HELPER_MESSAGE.match(match.message)
            if helper:
                set_helpers.add((match.path, *helper.groups()))
            continue
        elif match.rule == "SES037" and tenants is None:
            continue  # an account without tenants: every send counts against the account
        else:
            finding = _finding(match, file, known)
        if finding is not None:
            findings.append(finding)
    for path, helper, parameter in sorted(set_helpers):
        for caller, line, name in helpers.named_sets(index, Path(path), helper, parameter):
            file = selected.relative(caller)
            used[name] += 1
            finding = _unknown_name("SES017", ("configuration set", "set"), name, known, file, line)
            findings += [finding] if finding else []
    skipped = selected.skipped + [
        (selected.relative(path), reason) for path, reason in (result.errors if result else [])
    ]
    findings += [_not_analysed(file, reason) for file, reason in skipped]
    unique = inline.apply(sorted(set(findings), key=_order), selected.root)
    unique.sort(key=_order)  # a reasonless suppression's warning sits on its comment's line
    summary = ScanSummary(
        root=selected.root.as_posix(),
        files_scanned=len(selected.files),
        skipped=[{"file": path, "reason": reason} for path, reason in skipped],
        configuration_sets_used=dict(sorted(used.items())),
        known_sets=sorted(known.streams) if known is not None else None,
        engine=f"semgrep {result.version}" if result else None,
        tenants_used=dict(sorted(tenants_used.items())),
        known_tenants=sorted(tenants.streams) if tenants is not None else None,
    )
    return Report(unique, summary, applies_to="code")


def _with_imports(matches: list[engine.Match], index: imported.Index) -> list[engine.Match]:
    """Python sends whose client or request is imported from the scanned tree: the verdict
    that follows the import replaces semgrep's one-file view of those lines."""
    judged = imported.judge(index)
    lines = {(m.path, m.line) for m in judged}
    kept = [
        m for m in matches if not (m.check_id.endswith(".python") and (m.path, m.line) in lines)
    ]
    return kept + judged


def _laravel_services_with_a_set(matches: list[engine.Match]) -> set[Path]:
    """Laravel config folders whose services.php gives `ses.options.ConfigurationSetName`:
    their mail.php's ses-v2 mailer sends with that set (the two files are merged)."""
    return {
        Path(m.path).parent
        for m in matches
        if m.check_id in ("sesguard.set-name.laravel", "sesguard.SES019.laravel")
        and Path(m.path).name == "services.php"
    }


def _finding(match: engine.Match, file: str, known: KnownSets | None) -> CodeFinding:
    from ..rules import RULES_BY_ID

    rule = RULES_BY_ID[match.rule]
    message = match.message
    if rule.id == "SES016":
        operation = _V1_OPERATION.match(message)
        key = operation.group(1).replace("_", "").lower() if operation else ""
        key = re.sub(r"(withcontext|async|command|input|request)$", "", key)
        if key in V2_REPLACEMENT:
            message = f"{message} Replacement: {V2_REPLACEMENT[key]}."  # the v2 call
    if rule.id == "SES019" and known is not None and known.streams:
        message = f"{message} Known sets ({known.source}): {', '.join(sorted(known.streams))}."
    return CodeFinding(
        rule.id, rule.severity, None, f"{file}:{match.line}", message, rule.fix, file, match.line
    )


def _unknown_name(
    rule_id: str,
    kind: tuple[str, str],  # what the name is, and what it is one of
    name: str,
    known: KnownSets | None,
    file: str,
    line: int,
) -> CodeFinding | None:
    """SES017 (a set) and SES038 (a tenant) need the names that exist: without --plan,
    --config or --tenants a name is only counted."""
    from ..rules import RULES_BY_ID

    if known is None or name in known.streams:
        return None
    rule = RULES_BY_ID[rule_id]
    closest = known.closest(name)
    hint = f" Did you mean {closest!r}?" if closest else ""
    message = f"{kind[0]} {name!r} is not a {kind[1]} of {known.source}.{hint}"
    remediation = f"Use {closest!r}." if closest else rule.fix
    return CodeFinding(
        rule.id, rule.severity, None, f"{file}:{line}", message, remediation, file, line
    )


def _not_analysed(file: str, reason: str) -> CodeFinding:
    """A file the scan read only in part, or not at all: not a pass (rule SES041)."""
    from ..rules import RULES_BY_ID

    rule = RULES_BY_ID["SES041"]
    what = reason if reason.startswith("not fully analysed") else f"not analysed: {reason}"
    message = f"{file}: {what}; a send in it may have been missed."
    return CodeFinding(rule.id, rule.severity, None, file, message, rule.fix, file, 1)


def _order(finding: CodeFinding):
    return (finding.file, finding.line, SEVERITIES.index(finding.severity), finding.rule)
