"""JUnit XML: one test suite per stream, one failing test case per finding.

Error and warning findings are <failure>s (CI dashboards show them); info findings
are passing cases with the message in <system-out>.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..findings import Report
from . import by_stream


def render(report: Report, source: str) -> str:
    suites = ET.Element("testsuites", name=f"sesguard {source}")
    for stream, findings in by_stream(report).items():
        failures = [f for f in findings if f.severity != "info"]
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=stream,
            tests=str(len(findings)),
            failures=str(len(failures)),
            errors="0",
        )
        for f in findings:
            case = ET.SubElement(
                suite, "testcase", classname=f"sesguard.{f.rule}", name=f.address or stream
            )
            if f.severity == "info":
                ET.SubElement(case, "system-out").text = f.message
            else:
                failure = ET.SubElement(case, "failure", type=f.severity, message=f.message)
                failure.text = f"{f.rule} {f.severity}: {f.message}\nfix: {f.remediation}"
    if not report.findings:
        suite = ET.SubElement(suites, "testsuite", name="sesguard", tests="1", failures="0")
        ET.SubElement(suite, "testcase", classname="sesguard", name="all rules")
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
