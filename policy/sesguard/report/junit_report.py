"""JUnit XML for CI test tabs: the tab's pass/fail must match the gate's exit code.

One test suite per stream with one case per finding, then a "sesguard rules" suite with
one passing case per rule that found nothing, so even a clean run shows what was checked:
the rules that apply to what was checked (a plan is not judged by the scan's rules).

A rule left without a verdict somewhere (an audit read it needs failed, or was skipped)
is a <skipped> case naming the reads, never a passing one. Only error findings are
<failure>s. Warning and info findings are passing cases whose
<system-out> carries the finding: GitLab's test report and GitHub's JUnit actions
(mikepenz/action-junit-report, dorny/test-reporter) show a case's output in its details
without turning the run red. <skipped> would also keep the run green but says "this
check did not run", which is false here and hides the rule from coverage counts.

A waived or baselined finding is the exception: <skipped> with the waiver's date and
reason (or "baseline"), because the team chose not to act on it yet and the tab should show
that count apart. An expired waiver is a failing case of its own in a "sesguard waivers"
suite, so the red tab names the waiver to renew or the finding to fix.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from ..findings import Report
from ..suppress import expired_note, stale_note, waiver_label
from . import by_stream, checked_rules

FILE_ENDING = "xml"

# Characters XML 1.0 cannot hold even escaped; ElementTree would write them and CI's parser
# would reject the whole file. Names and messages from a plan or code may carry them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def render(report: Report, source: str) -> str:
    suites = ET.Element("testsuites", name=xml_text(f"sesguard {source}"))
    for stream, findings in by_stream(report).items():
        failing = sum(f.fails for f in findings)
        skipped = sum(f.suppression_note is not None for f in findings)
        suite = _suite(suites, stream, len(findings), failing, skipped)
        for f in findings:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"sesguard.{f.rule}",
                name=xml_text(f.address or stream),
            )
            detail = xml_text(f"{f.rule} {f.severity}: {f.message}\nfix: {f.remediation}")
            if f.suppression_note is not None:
                ET.SubElement(case, "skipped", message=xml_text(f.suppression_note)).text = detail
            elif f.severity == "error":
                failure = ET.SubElement(
                    case, "failure", type=f.severity, message=xml_text(f.message)
                )
                failure.text = detail
            else:
                ET.SubElement(case, "system-out").text = detail
    _waivers(suites, report)
    found = {f.rule for f in report.findings}
    quiet = [rule for rule in checked_rules(report) if rule.id not in found]
    unread = _not_checked(report)
    if quiet:
        skipped = sum(rule.id in unread for rule in quiet)
        suite = _suite(suites, "sesguard rules", len(quiet), 0, skipped)
        for rule in quiet:
            case = ET.SubElement(
                suite, "testcase", classname=f"sesguard.{rule.id}", name=f"{rule.id} {rule.summary}"
            )
            if rule.id in unread:
                message = "not checked where a read failed: " + "; ".join(unread[rule.id])
                ET.SubElement(case, "skipped", message=message)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _waivers(suites: ET.Element, report: Report) -> None:
    """Expired waivers fail; stale ones pass with a note (nothing left to waive)."""
    waivers = [(w, expired_note(w), True) for w in report.expired_waivers]
    waivers += [(w, stale_note(w), False) for w in report.stale_waivers]
    if not waivers:
        return
    suite = _suite(suites, "sesguard waivers", len(waivers), len(report.expired_waivers))
    for waiver, note, expired in waivers:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"sesguard.{waiver.rule}",
            name=xml_text(waiver_label(waiver)),
        )
        if expired:
            ET.SubElement(
                case, "failure", type="expired-waiver", message=xml_text(note)
            ).text = xml_text(note)
        else:
            ET.SubElement(case, "system-out").text = xml_text(note)


def _not_checked(report: Report) -> dict[str, list[str]]:
    """Rule → the reads (and where) that left it without a verdict."""
    unread: dict[str, list[str]] = {}
    for entry in getattr(report.summary, "not_checked", ()):
        where = entry.get("stream") or entry.get("address") or "the account"
        for rule in entry["rules"]:
            unread.setdefault(rule, []).append(f"{entry['read']} ({where})")
    return unread


def _suite(
    parent: ET.Element, name: str, tests: int, failures: int, skipped: int = 0
) -> ET.Element:
    # CI tabs trust these counters rather than counting the cases.
    return ET.SubElement(
        parent,
        "testsuite",
        name=xml_text(name),
        tests=str(tests),
        failures=str(failures),
        errors="0",
        skipped=str(skipped),
    )
