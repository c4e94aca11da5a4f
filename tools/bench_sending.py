#!/usr/bin/env python3
"""Benchmark the emulator's sending path over HTTP (`make bench-sending`, part of `make bench`).

Starts its own emulator (build/bench/sending-emulator), makes one lane the way the
Terraform module does (identity whose default set has an enabled CloudWatch
destination and an SNS destination), then measures, with
--threads concurrent boto3 clients:

  * SendEmail: one recipient per request;
  * SendBulkEmail: 50 destinations per request (each destination is one message).

Every message goes through the whole pipeline (identity, set, suppression, simulator,
events, CloudWatch PutMetricData, SNS -> SQS, message store). The figure of merit is
messages accepted per second; --update-docs writes the table into docs/emulator-sending.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

import emulator_clients
from ses_emulator import lifecycle

REPO = Path(__file__).resolve().parent.parent
STATE = REPO / "build" / "bench" / "sending-emulator"
DOC = REPO / "docs" / "emulator-sending.md"
DOC_START, DOC_END = "<!-- bench-sending:start -->", "<!-- bench-sending:end -->"
BULK_SIZE = 50
RECIPIENTS = ("success@simulator.amazonses.com", "bounce@simulator.amazonses.com",
              "complaint@simulator.amazonses.com", "someone@customer.test")  # fmt: skip


def prepare(url: str) -> None:
    kit = emulator_clients.fresh(url)
    # No queue subscribed: moto's SQS scans every queued message on each send, so a queue
    # nobody drains would make the benchmark measure moto's SQS, not the emulator.
    topic = kit.sns.create_topic(Name="bench-events")["TopicArn"]
    kit.lane(
        "bench",
        emulator_clients.cloudwatch("SEND", "DELIVERY", "BOUNCE", "COMPLAINT", default="bench"),
        emulator_clients.sns(topic, "BOUNCE", "COMPLAINT"),
        ReputationOptions={"ReputationMetricsEnabled": True},
    )
    kit.sesv2.put_email_identity_configuration_set_attributes(
        EmailIdentity=emulator_clients.DOMAIN, ConfigurationSetName="bench"
    )


def run(url: str, threads: int, seconds: float, bulk: bool) -> tuple[int, float]:
    """(messages accepted, elapsed seconds) over `seconds` with `threads` clients."""
    counts = [0] * threads
    failures: list[BaseException] = []
    # Clients are made before the clock starts: botocore's start-up is not the emulator's cost.
    kits = [emulator_clients.clients(url, services=("sesv2",)) for _ in range(threads)]
    stop = time.monotonic() + seconds

    def worker(index: int) -> None:
        kit = kits[index]
        n = 0
        try:
            while time.monotonic() < stop:
                if bulk:
                    entries = [{"Destination": {"ToAddresses": [RECIPIENTS[(n + i) % 4]]}}
                               for i in range(BULK_SIZE)]  # fmt: skip
                    # sesguard: ignore[SES015] measures the identity's default set, the safety net
                    results = kit.sesv2.send_bulk_email(
                        FromEmailAddress=emulator_clients.SENDER,
                        DefaultContent={"Template": {"TemplateContent": {"Subject": "s",
                                        "Text": "t"}, "TemplateData": "{}"}},
                        BulkEmailEntries=entries,
                    )["BulkEmailEntryResults"]  # fmt: skip
                    counts[index] += sum(r["Status"] == "SUCCESS" for r in results)
                else:
                    kit.send(RECIPIENTS[n % 4])
                    counts[index] += 1
                n += 1
        except BaseException as error:  # reported after the run
            failures.append(error)

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    started = time.monotonic()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    elapsed = time.monotonic() - started
    if failures:
        raise SystemExit(f"bench_sending: a send failed: {failures[0]}")
    return sum(counts), elapsed


def update_docs(table: str) -> None:
    text = DOC.read_text()
    start, end = text.index(DOC_START) + len(DOC_START), text.index(DOC_END)
    DOC.write_text(text[:start] + "\n" + table + "\n" + text[end:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--update-docs", action="store_true")
    args = parser.parse_args()
    load = os.getloadavg()[0]  # the machine may be shared: say how busy it was
    emulator = lifecycle.start(STATE)
    try:
        prepare(emulator.url)
        rows = []
        for label, bulk in (("SendEmail (1 recipient)", False),
                            (f"SendBulkEmail ({BULK_SIZE} destinations)", True)):  # fmt: skip
            messages, elapsed = run(emulator.url, args.threads, args.seconds, bulk)
            rows.append(f"| {label} | {messages} | {elapsed:.1f} | {messages / elapsed:,.0f} |")
            print(rows[-1], flush=True)
    finally:
        lifecycle.stop(STATE)
    table = "\n".join([
        f"Measured by `make bench-sending` ({args.threads} client threads, {os.cpu_count()} "
        f"CPUs, emulator and clients on the same machine, load average {load:.1f} at the "
        "start):",
        "",
        "| request | messages | seconds | messages/s |",
        "|---|---:|---:|---:|",
        *rows,
    ])  # fmt: skip
    if args.update_docs:
        update_docs(table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
