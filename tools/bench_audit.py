#!/usr/bin/env python3
"""Benchmark `sesguard audit` on emulator accounts of 10 and 100 streams (`make bench`).

Starts its own emulator (build/bench/audit-emulator), builds each account through boto3
(per stream: a configuration set with every option, a CloudWatch destination, bounce and
complaint rate alarms, an identity with its default set), then measures the whole
`sesguard audit --format json` process (best of --repeat) and counts the API calls one
audit makes, by action: they must grow with the number of sets, with one paginated
DescribeAlarms for the region. Results go to docs/audit.md between the bench markers.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STATE = REPO / "build" / "bench" / "audit-emulator"
DOC = REPO / "docs" / "audit.md"
START, END = "<!-- bench-audit:start -->", "<!-- bench-audit:end -->"
REGION = "us-east-1"
CLASSES = ("transactional", "marketing", "bulk-notifications")
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench"}


def build_account(url: str, streams: int) -> None:
    import boto3
    from ses_account import cloudwatch_destination, rate_alarm_metrics

    urllib.request.urlopen(urllib.request.Request(f"{url}/moto-api/reset", method="POST"))
    ses = boto3.client("sesv2", endpoint_url=url, region_name=REGION)
    cloudwatch = boto3.client("cloudwatch", endpoint_url=url, region_name=REGION)
    for i in range(streams):
        name, cls = f"bench-{i:04d}", CLASSES[i % 3]
        reasons = ["BOUNCE"] if cls == "transactional" else ["BOUNCE", "COMPLAINT"]
        ses.create_configuration_set(
            ConfigurationSetName=name,
            DeliveryOptions={"TlsPolicy": "REQUIRE"},
            ReputationOptions={"ReputationMetricsEnabled": True},
            SuppressionOptions={"SuppressedReasons": reasons},
            Tags=[{"Key": "class", "Value": cls}],
        )
        ses.create_configuration_set_event_destination(
            ConfigurationSetName=name,
            EventDestinationName="cloudwatch",
            EventDestination=cloudwatch_destination(name, ["SEND", "BOUNCE", "COMPLAINT"]),
        )
        for kind in ("Bounce", "Complaint"):
            cloudwatch.put_metric_alarm(
                AlarmName=f"{name}-{kind.lower()}-rate",
                Metrics=rate_alarm_metrics(name, kind),
                Threshold=0.0005 if kind == "Complaint" else 0.01,
                ComparisonOperator="GreaterThanThreshold",
                EvaluationPeriods=1,
                AlarmActions=[f"arn:aws:sns:{REGION}:123456789012:bench-alerts"],
            )
        ses.create_email_identity(EmailIdentity=f"{name}.example.test", ConfigurationSetName=name)


def time_audit(url: str, repeat: int) -> tuple[float, int]:
    """Best wall time of the whole process, and its exit code."""
    sesguard = str(REPO / ".venv" / "bin" / "sesguard")
    command = [sesguard, "audit", "--endpoint-url", url, "--region", REGION, "--no-dns",
               "--format", "json", "--output", os.devnull]  # fmt: skip
    best, code = float("inf"), -1
    for _ in range(repeat):
        started = time.perf_counter()
        code = subprocess.run(command).returncode
        best = min(best, time.perf_counter() - started)
    return best, code


def count_calls(url: str) -> Counter:
    from sesguard.audit import AuditOptions, audit

    calls: Counter = Counter()
    audit(
        AuditOptions(
            regions=[REGION],
            endpoint_url=url,
            dns=False,
            on_call=lambda action: calls.update([action]),
        )
    )
    return calls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--update-docs", action="store_true", help=f"write the table into {DOC}")
    args = parser.parse_args(argv)
    os.environ.update(CREDENTIALS)  # the emulator takes any key
    sys.path.insert(0, str(REPO / "emulator"))
    from ses_emulator import lifecycle

    url = lifecycle.start(STATE).url
    rows = []
    try:
        for streams in args.streams:
            build_account(url, streams)
            seconds, code = time_audit(url, args.repeat)
            calls = count_calls(url)
            rows.append((streams, seconds, code, calls))
            alarms = calls["cloudwatch:DescribeAlarms"]
            print(f"{streams:>5} streams: {seconds:.2f} s (exit {code}), "
                  f"{sum(calls.values())} API calls, DescribeAlarms x{alarms}")  # fmt: skip
    finally:
        lifecycle.stop(STATE)
    table = render(rows)
    print(table)
    if args.update_docs:
        text = DOC.read_text()
        head, rest = text.split(START, 1)
        DOC.write_text(f"{head}{START}\n{table}{END}{rest.split(END, 1)[1]}")
    return 0


def render(rows) -> str:
    lines = [
        f"Measured on {os.cpu_count()} cores against the local emulator (`make bench`):",
        "",
        "| streams | audit, whole process | API calls | of which DescribeAlarms |",
        "|---:|---:|---:|---:|",
    ]
    for streams, seconds, _code, calls in rows:
        lines.append(
            f"| {streams} | {seconds:.2f} s | {sum(calls.values())} "
            f"| {calls['cloudwatch:DescribeAlarms']} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
