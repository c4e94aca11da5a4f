#!/usr/bin/env python3
"""Benchmark `sesguard scan` on a generated tree of 5,000 source files (`make bench`).

The tree (build/bench/scan-tree, regenerated each run) holds the four languages in equal
parts: small service modules shaped like the fixtures under tests/scan/fixtures, where one
file in ten sends without a configuration set, one in ten sends through the v1 API and the
rest either send with a set or do not send at all. A cold run is a fresh `sesguard scan`
process (semgrep keeps no cache between runs). Reports wall time, peak RSS of the process
tree, and checks the finding count, so a fast run that found nothing cannot pass.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TREE = REPO / "build" / "bench" / "scan-tree"
DOC = REPO / "docs" / "scan.md"
START, END = "<!-- bench-scan:start -->", "<!-- bench-scan:end -->"

PYTHON = """\
import boto3

client = boto3.client("sesv2")


def handler_{i}(to: str, text: str) -> dict:
    total = sum(range({i} % 17))
    body = f"{{text}} #{{total}}"
{send}
    return {{"ok": True, "n": total}}
"""
PYTHON_SENDS = {
    "none": "    print(to, body)",
    "set": '    client.send_email(FromEmailAddress="a@example.com", '
    'Destination={{"ToAddresses": [to]}}, Content={{"Simple": {{}}}}, '
    'ConfigurationSetName="transactional")',
    "missing": '    client.send_email(FromEmailAddress="a@example.com", '
    'Destination={{"ToAddresses": [to]}}, Content={{"Simple": {{}}}})',
    "v1": '    boto3.client("ses").send_raw_email(RawMessage={{"Data": body}})',
}
TYPESCRIPT = """\
import {{ SESv2Client, SendEmailCommand }} from "@aws-sdk/client-sesv2";
import {{ SESClient, SendRawEmailCommand }} from "@aws-sdk/client-ses";

const client = new SESv2Client({{}});
const legacy = new SESClient({{}});

export async function handler{i}(to: string, text: string): Promise<number> {{
  const total = [1, 2, 3].map((x) => x * {i}).reduce((a, b) => a + b, 0);
{send}
  return total;
}}
"""
TYPESCRIPT_SENDS = {
    "none": "  console.log(to, text);",
    "set": '  await client.send(new SendEmailCommand({{ FromEmailAddress: "a@example.com", '
    "Destination: {{ ToAddresses: [to] }}, Content: {{ Simple: {{}} }}, "
    'ConfigurationSetName: "marketing" }}));',
    "missing": '  await client.send(new SendEmailCommand({{ FromEmailAddress: "a@example.com", '
    "Destination: {{ ToAddresses: [to] }}, Content: {{ Simple: {{}} }} }}));",
    "v1": "  await legacy.send(new SendRawEmailCommand({{ RawMessage: {{ Data: text }} }}));",
}
GO = """\
package svc{i}

import (
\t"context"

\t"github.com/aws/aws-sdk-go-v2/aws"
\t"github.com/aws/aws-sdk-go-v2/service/ses"
\t"github.com/aws/aws-sdk-go-v2/service/sesv2"
)

func Handler{i}(ctx context.Context, c *sesv2.Client, l *ses.Client, to string) error {{
\ttotal := 0
\tfor i := 0; i < {i}%17; i++ {{
\t\ttotal += i
\t}}
\t_ = aws.String(to)
{send}
\treturn nil
}}
"""
GO_SENDS = {
    "none": "\t_ = total",
    "set": '\t_, _ = c.SendEmail(ctx, &sesv2.SendEmailInput{{FromEmailAddress: aws.String("a"), '
    'ConfigurationSetName: aws.String("bulk-notifications")}})',
    "missing": "\t_, _ = c.SendEmail(ctx, &sesv2.SendEmailInput{{"
    'FromEmailAddress: aws.String("a")}})',
    "v1": "\t_, _ = l.SendRawEmail(ctx, &ses.SendRawEmailInput{{}})",
}
JAVA = """\
package com.example.svc{i};

import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

public final class Handler{i} {{
    private final SesV2Client ses = SesV2Client.create();
    private final SesClient legacy = SesClient.create();

    public int handle(String to, String text) {{
        int total = 0;
        for (int i = 0; i < {i} % 17; i++) {{
            total += i;
        }}
{send}
        return total;
    }}
}}
"""
JAVA_SENDS = {
    "none": "        System.out.println(to + text);",
    "set": "        ses.sendEmail(SendEmailRequest.builder().fromEmailAddress(to)"
    '.configurationSetName("transactional").build());',
    "missing": "        ses.sendEmail(SendEmailRequest.builder().fromEmailAddress(to).build());",
    "v1": "        legacy.sendRawEmail(r -> r.source(to));",
}
LANGUAGES = [
    ("py", PYTHON, PYTHON_SENDS, "svc_{i}.py"),
    ("ts", TYPESCRIPT, TYPESCRIPT_SENDS, "handler{i}.ts"),
    ("go", GO, GO_SENDS, "svc{i}/handler.go"),
    ("java", JAVA, JAVA_SENDS, "com/example/svc{i}/Handler{i}.java"),
]
# Per ten files: 1 without a set (SES015), 1 v1 send (SES016), 4 with a set, 4 no send.
KINDS = ["missing", "v1", "set", "set", "set", "set", "none", "none", "none", "none"]


def generate(files: int) -> int:
    """Write the tree; return the number of error findings it must give."""
    shutil.rmtree(TREE, ignore_errors=True)
    expected = 0
    for n in range(files):
        folder, template, sends, name = LANGUAGES[n % len(LANGUAGES)]
        i = n // len(LANGUAGES)
        kind = KINDS[i % len(KINDS)]
        expected += kind in ("missing", "v1")
        path = TREE / folder / name.format(i=i)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(i=i, send=sends[kind].format()))
    return expected


def run_scan() -> tuple[float, float, int, dict]:
    sesguard = Path(sys.executable).parent / "sesguard"
    start = time.perf_counter()
    done = subprocess.run(
        [str(sesguard), "scan", str(TREE), "--format", "json"], capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"sesguard scan failed (exit {done.returncode}): {done.stderr.strip()}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, json.loads(done.stdout)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--update-docs", action="store_true", help="write into docs/scan.md")
    args = parser.parse_args(argv)
    expected = generate(args.files)
    # Wall time on a shared machine tracks its load; CPU time much less so: report both.
    load = os.getloadavg()[0]
    seconds, cpu, peak_kib, doc = run_scan()
    summary = doc["summary"]
    if summary["files_scanned"] != args.files or summary["errors"] != expected:
        raise SystemExit(
            f"scan found {summary['errors']} errors in {summary['files_scanned']} files; "
            f"expected {expected} in {args.files}"
        )
    table = "\n".join(
        [
            "| files | error findings | wall time (cold) | CPU time | peak RSS | load before "
            "| machine |",
            "|---|---|---|---|---|---|---|",
            f"| {args.files:,} (Python, TypeScript, Go, Java) | {summary['errors']:,} "
            f"| {seconds:.1f} s | {cpu:.1f} s | {peak_kib / 1024:.0f} MiB | {load:.1f} "
            f"| {_machine()} |",
        ]
    )
    print(table)
    if args.update_docs:
        text = DOC.read_text()
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        DOC.write_text(f"{head}{START}\n{table}\n{END}{tail}")
    return 0


def _machine() -> str:
    from sesguard.scan.engine import PINNED_VERSION

    cores = os.cpu_count()
    return f"{cores} cores, semgrep {PINNED_VERSION}, Python {platform.python_version()}"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
