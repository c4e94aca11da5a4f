"""Time `make lab` on the default and the shortened scenario (`make bench-lab`, in `make bench`).

For each scenario: the whole run (a fresh emulator and a `terraform apply` per run, every
run at once, report and charts) and the scenario play alone (the slowest run, apply
excluded). --update-docs writes the table into docs/lab.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from lab import report  # noqa: E402
from lab.__main__ import run_all  # noqa: E402
from lab.scenario import load  # noqa: E402

SCENARIOS = ("saas-day", "short")
DOC = REPO / "docs" / "lab.md"
DOC_START, DOC_END = "<!-- bench-lab:start -->", "<!-- bench-lab:end -->"


def measure(name: str) -> str:
    scenario = load(REPO / "lab" / "scenarios" / f"{name}.toml")
    out = REPO / "build" / "bench" / f"lab-{name}"
    began = time.monotonic()
    results = run_all(scenario, out, lambda line: None)
    out.mkdir(parents=True, exist_ok=True)
    report.write(list(results.values()), out)
    whole = time.monotonic() - began
    played = max(r.seconds for r in results.values())
    sent = sum(r.sent for r in results.values())
    row = (f"| {name}.toml | {scenario.messages:,} | {sent:,} | {played:.0f} | "
           f"{sent / played:,.0f} | {whole:.0f} |")  # fmt: skip
    print(row, flush=True)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update-docs", action="store_true")
    args = parser.parse_args()
    rows = [measure(name) for name in SCENARIOS]
    table = "\n".join([
        f"Measured by `make bench-lab` ({os.cpu_count()} CPUs shared by every run's emulator, "
        "Terraform and client):",
        "",
        "| scenario | messages per run | accepted, all runs | play, s | messages/s | "
        "whole run with every apply, s |",
        "|---|---:|---:|---:|---:|---:|",
        *rows,
    ])  # fmt: skip
    if args.update_docs:
        text = DOC.read_text()
        start, end = text.index(DOC_START) + len(DOC_START), text.index(DOC_END)
        DOC.write_text(text[:start] + "\n" + table + "\n" + text[end:])
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
