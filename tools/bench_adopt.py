#!/usr/bin/env python3
"""Benchmark `sesguard adopt` on a hand-built emulator account of 100 streams (`make bench`).

Starts its own emulator (build/bench/adopt-emulator), builds the account through boto3 the
way people build one by hand (a mix of v2 and v1 sets, TLS optional, no suppression
options, MANAGED pools, CloudWatch destinations, one identity per set with its default
set, dead alarms), then measures the whole `sesguard adopt` process (best of --repeat),
`terraform init`, the first `terraform plan` (imports, deletes, replacements counted),
`terraform apply` and the plan after it (it must be empty). Results go to
docs/performance.md and docs/adopt.md between the bench-adopt markers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUILD = REPO / "build" / "bench"
STATE, ROOT = BUILD / "adopt-emulator", BUILD / "adopt-root"
DOCS = (REPO / "docs" / "performance.md", REPO / "docs" / "adopt.md")
START, END = "<!-- bench-adopt:start -->", "<!-- bench-adopt:end -->"
CLASSES = ("transactional", "marketing", "bulk-notifications")


def build_account(url: str, streams: int) -> None:
    """Stream i: class CLASSES[i % 3] in its name; every 4th made through the v1 API (no
    pool then), the other marketing ones on a MANAGED pool of their own; every 10th with
    the blog post's dead Reputation.BounceRate alarm."""
    import boto3
    from adopted_root import REGION
    from ses_account import cloudwatch_destination, dead_bounce_alarm

    urllib.request.urlopen(urllib.request.Request(f"{url}/moto-api/reset", method="POST"))
    ses, v1, cloudwatch, sns = (
        boto3.client(s, endpoint_url=url, region_name=REGION)
        for s in ("sesv2", "ses", "cloudwatch", "sns")
    )
    alerts = sns.create_topic(Name="ses-alerts")["TopicArn"]
    for i in range(streams):
        name = f"{CLASSES[i % 3]}-{i:03d}"
        events = ["SEND", "BOUNCE", "COMPLAINT"]
        if i % 4 == 0:
            v1.create_configuration_set(ConfigurationSet={"Name": name})
            v1.create_configuration_set_event_destination(
                ConfigurationSetName=name,
                EventDestination={
                    "Name": "metrics",
                    "Enabled": True,
                    "MatchingEventTypes": [e.lower() for e in events],
                    "CloudWatchDestination": {
                        "DimensionConfigurations": [
                            {
                                "DimensionName": "stream",
                                "DimensionValueSource": "messageTag",
                                "DefaultDimensionValue": name,
                            }
                        ]
                    },
                },
            )
        else:
            delivery = {"TlsPolicy": "OPTIONAL"}
            if CLASSES[i % 3] == "marketing":
                ses.create_dedicated_ip_pool(PoolName=f"pool-{i:03d}", ScalingMode="MANAGED")
                delivery["SendingPoolName"] = f"pool-{i:03d}"
            ses.create_configuration_set(ConfigurationSetName=name, DeliveryOptions=delivery)
            ses.create_configuration_set_event_destination(
                ConfigurationSetName=name,
                EventDestinationName="to-cloudwatch",
                EventDestination=cloudwatch_destination(name, events),
            )
        ses.create_email_identity(EmailIdentity=f"{name}.example.test", ConfigurationSetName=name)
        if i % 10 == 0:
            cloudwatch.put_metric_alarm(**dead_bounce_alarm(f"{name}-bounce-rate", name, alerts))


def timed(step, *args):
    started = time.perf_counter()
    result = step(*args)
    return result, time.perf_counter() - started


def run(url: str, streams: int, repeat: int) -> dict:
    from adopted_root import adopt, apply, emulator_override, init, plan, replan

    build_account(url, streams)
    shutil.rmtree(ROOT, ignore_errors=True)
    adopt_seconds = float("inf")
    for _ in range(repeat):
        written, seconds = timed(adopt, url, ROOT)
        if written.returncode != 0:
            raise SystemExit(f"bench-adopt: adopt exited {written.returncode}: {written.stderr}")
        adopt_seconds = min(adopt_seconds, seconds)
    print(written.stdout.strip())
    (ROOT / "emulator_override.tf").write_text(emulator_override(url))
    _, init_seconds = timed(init, ROOT)
    planned, plan_seconds = timed(plan, ROOT)
    actions = Counter("replace" if len(a) > 1 else a[0] for a in planned.actions().values())
    applied, apply_seconds = timed(apply, ROOT)
    (code, output), replan_seconds = timed(replan, ROOT)
    if code != 0:
        raise SystemExit(f"bench-adopt: the plan after apply is not empty:\n{output[-2000:]}")
    summary = applied.strip().splitlines()[-1]
    return {
        "streams": streams,
        "adopt": adopt_seconds,
        "imports": len(planned.imported()),
        "actions": actions,
        "init": init_seconds,
        "plan": plan_seconds,
        "apply": apply_seconds,
        "replan": replan_seconds,
        "applied": summary,
    }


def render(row: dict) -> str:
    a = row["actions"]
    return "\n".join([
        f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores (load average "
        f"{os.getloadavg()[0]:.1f} at the end) against the local emulator (`make bench`):",
        "",
        "| streams | adopt, whole process | imports | first plan: create / update / delete "
        "/ replace | init | plan | apply | plan after apply |",
        "|---:|---:|---:|---|---:|---:|---:|---|",
        f"| {row['streams']} | {row['adopt']:.2f} s | {row['imports']} | {a['create']} / "
        f"{a['update']} / {a['delete']} / {a['replace']} | {row['init']:.1f} s "
        f"| {row['plan']:.1f} s | {row['apply']:.1f} s | no changes ({row['replan']:.1f} s) |",
        "",
        f"Apply: `{row['applied']}`",
        "",
    ])  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=2, help="adopt runs (the best counts)")
    parser.add_argument("--update-docs", action="store_true", help="write the table into docs")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO / "emulator"))
    from adopted_root import CREDENTIALS
    from doc_blocks import write_block
    from ses_emulator import lifecycle

    os.environ.update(CREDENTIALS)  # the emulator takes any key
    url = lifecycle.start(STATE).url
    try:
        row = run(url, args.streams, args.repeat)
    finally:
        lifecycle.stop(STATE)
    table = render(row)
    print(table)
    if row["actions"]["delete"] or row["actions"]["replace"]:
        print("bench-adopt: the first plan deletes or replaces", file=sys.stderr)
        return 1
    if args.update_docs:
        for doc in DOCS:
            write_block(doc, START, END, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
