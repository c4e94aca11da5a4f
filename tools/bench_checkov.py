#!/usr/bin/env python3
"""Side-by-side benchmark: `sesguard check` vs checkov with the SES adapter, same plans.

Each tool runs as a whole process (start-up included, as CI pays it) on each plan;
wall time comes from a monotonic clock and peak RSS from the child's rusage. Both
processes' findings are counted so a reader sees they did the same work.

    tools/bench_checkov.py [--markdown F] [--json F] [--update-docs] [--timeout S]
                           [--max-mb N] PLAN...

Exit 2 with one line when a plan or a tool is missing; a tool that fails or times out
is reported in its cell, not hidden.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from checkov_run import CHECKOV, REPO, environment, failed_checks, ses_rule_ids, ses_scan_argv
from doc_blocks import PERFORMANCE_PAGE, write_block

SESGUARD = REPO / ".venv" / "bin" / "sesguard"
BLOCK_START, BLOCK_END = "<!-- bench-checkov:start -->", "<!-- bench-checkov:end -->"


@dataclass
class Run:
    seconds: float | None
    cpu_seconds: float | None  # user + system: what the run costs when the cores are shared
    peak_rss_mb: float | None
    findings: int | None
    status: str  # "ok" (exit 0 or 1: passed / findings), "timeout", "exit N", "skipped (size)"
    exit_code: int | None = None


@dataclass
class Row:
    plan: str
    size_mb: float
    resources: int
    sesguard: Run
    checkov: Run

    @property
    def ratio(self) -> float | None:
        """checkov / sesguard in CPU time, which other load on the machine barely moves."""
        if self.sesguard.cpu_seconds and self.checkov.cpu_seconds:
            return self.checkov.cpu_seconds / self.sesguard.cpu_seconds
        return None


def measure(argv: list[str], env: dict[str, str] | None, timeout: float) -> tuple[Run, str]:
    """Run argv once; wall seconds, peak RSS of that child and its stdout."""
    with tempfile.TemporaryFile() as out:
        started = time.monotonic()
        child = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL, env=env)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                child.send_signal(signal.SIGKILL)
                os.wait4(child.pid, 0)
                child.returncode = -9  # reaped here: keep Popen from waiting again
                return Run(None, None, None, None, "timeout"), ""
            time.sleep(0.02)
        seconds = time.monotonic() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    code = child.returncode
    # Both tools exit 1 for findings: anything else means the run itself failed.
    status = "ok" if code in (0, 1) else f"exit {code}"
    rss_mb = round(usage.ru_maxrss / 1024, 1)
    return Run(round(seconds, 3), round(cpu, 3), rss_mb, None, status, code), text


def run_sesguard(plan: Path, timeout: float) -> Run:
    run, text = measure([str(SESGUARD), "check", str(plan), "--format", "json"], None, timeout)
    if run.status == "ok":
        try:
            run.findings = len(json.loads(text)["findings"])
        except (ValueError, KeyError):
            run.status = "unreadable output"
    return run


def run_checkov(plan: Path, rule_ids: list[str], timeout: float) -> Run:
    run, text = measure(ses_scan_argv([plan], rule_ids), environment(), timeout)
    if run.status == "ok":
        try:
            run.findings = len(failed_checks(text))
        except (ValueError, AttributeError):
            run.status = "unreadable output"
    return run


def count_resources(plan: Path) -> int:
    with plan.open("rb") as handle:
        doc = json.load(handle)
    return len(doc.get("resource_changes") or [])


def bench(plans: list[Path], timeout: float, max_mb: float) -> list[Row]:
    rule_ids = ses_rule_ids()
    rows = []
    for plan in plans:
        size_mb = plan.stat().st_size / 1e6
        sesguard = run_sesguard(plan, timeout)
        if size_mb > max_mb:
            checkov = Run(None, None, None, None, "skipped (size)")
        else:
            checkov = run_checkov(plan, rule_ids, timeout)
        rows.append(Row(plan.name, round(size_mb, 2), count_resources(plan), sesguard, checkov))
        print(f"bench: {plan.name} done", file=sys.stderr)
    return rows


def _cell(value: float | None, fmt: str) -> str:
    return "–" if value is None else format(value, fmt)


def _times(run: Run) -> str:
    return f"{_cell(run.seconds, '.2f')} / {_cell(run.cpu_seconds, '.2f')}"


def markdown(rows: list[Row]) -> str:
    lines = [
        "| plan | MB | resources | sesguard wall / CPU s | sesguard RSS MB "
        "| checkov+adapter wall / CPU s | checkov RSS MB | checkov / sesguard (CPU) "
        "| findings (sesguard / checkov) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        s, c = row.sesguard, row.checkov
        checkov_time = _times(c) if c.status == "ok" else c.status
        lines.append(
            f"| {row.plan} | {row.size_mb:.1f} | {row.resources} | {_times(s)} "
            f"| {_cell(s.peak_rss_mb, '.0f')} | {checkov_time} | {_cell(c.peak_rss_mb, '.0f')} "
            f"| {_cell(row.ratio, '.0f')}× | {s.findings} / {c.findings} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plans", nargs="+", type=Path, metavar="PLAN")
    parser.add_argument("--markdown", type=Path, help="also write the table here")
    parser.add_argument("--json", type=Path, help="write the measurements here")
    parser.add_argument("--update-docs", action="store_true", help="table into docs/performance.md")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per run")
    parser.add_argument("--max-mb", type=float, default=40.0, help="larger plans: sesguard only")
    args = parser.parse_args(argv)
    missing = [str(p) for p in (*args.plans, SESGUARD, CHECKOV) if not p.exists()]
    if missing:
        print(f"bench_checkov: not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    rows = bench(args.plans, args.timeout, args.max_mb)
    table = markdown(rows)
    print(table, end="")
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(table)
    if args.update_docs:
        write_block(PERFORMANCE_PAGE, BLOCK_START, BLOCK_END, table)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        data = [{**asdict(row), "ratio": row.ratio} for row in rows]
        args.json.write_text(json.dumps(data, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
