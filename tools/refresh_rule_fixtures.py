#!/usr/bin/env python3
"""Refresh the gate's checked-in test fixtures (tests/gate/fixtures), so rule tests run
without Terraform and stay real:

- plans/: the offline `terraform plan` JSON of every env and of the gate's test roots
  (runs Terraform; `--no-plans` keeps the checked-in plans);
- SESNNN/findings.json: the exact findings of each violation planted for the rule
  (tests/gate/planted.py) in the production plan;
- snapshots/: the whole report of every env plan and test root plan in each format.

`--check` writes nothing and exits 1 when a fixture is stale (tests/gate/test_fixtures_current.py
runs the same comparisons).
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "gate")]

from plan_fixtures import (  # noqa: E402
    FIXTURES,
    PLANS,
    ROOT_NAMES,
    TEXT_ROOTS,
    load_plan,
    log_text,
    plan_file,
    plan_text,
)
from sesguard.report import FORMATS, file_ending  # noqa: E402
from terraform_runner import env_names  # noqa: E402

SESGUARD = REPO / ".venv" / "bin" / "sesguard"
SNAPSHOTS = FIXTURES / "snapshots"
VERSION_MARK = "VERSION"


def fresh_plans() -> dict[Path, str]:
    """Every env and test root planned now (Terraform; cached by build/plans' keys)."""
    from terraform_runner import PLANS as BUILT
    from terraform_runner import plan_env, plan_root

    files = {plan_file(env): plan_text(plan_env(env)) for env in env_names()}
    for name in ROOT_NAMES:
        text = name in TEXT_ROOTS
        plan = plan_root(REPO / "tests" / "gate" / "roots" / name, f"test-{name}", text=text)
        files[plan_file(name)] = plan_text(plan)
        if text:
            log = (BUILT / f"test-{name}.log.jsonl").read_text()
            files[PLANS / f"{name}.log.jsonl"] = log_text(log)
            files[PLANS / f"{name}.txt"] = (BUILT / f"test-{name}.txt").read_text()
    return files


def finding_rows(findings) -> list[list]:
    """Findings as sorted [rule, severity, stream, address] rows."""
    rows = {(f.rule, f.severity, f.stream, f.address) for f in findings}
    return [list(row) for row in sorted(rows, key=lambda r: tuple(x or "" for x in r))]


def rule_findings() -> dict[Path, str]:
    """Per rule, the exact findings of each violation planted for it."""
    from gate_runs import violation_name
    from planted import VIOLATIONS, run

    production = load_plan("production")
    by_rule: dict[str, dict[str, list]] = {}
    for rule, mutate, _ in VIOLATIONS:
        plan = copy.deepcopy(production)
        config = mutate(plan)
        findings = run(plan, config).findings
        by_rule.setdefault(rule, {})[violation_name(rule, mutate)] = finding_rows(findings)
    return {FIXTURES / rule / "findings.json": cases_text(cases) for rule, cases in by_rule.items()}


def cases_text(cases: dict[str, list]) -> str:
    """JSON with one finding a line, so a refresh's diff reads finding by finding."""
    blocks = []
    for name, rows in cases.items():
        lines = ",\n".join(f"    {json.dumps(row)}" for row in rows)
        blocks.append(
            f"  {json.dumps(name)}: [\n{lines}\n  ]" if rows else f"  {json.dumps(name)}: []"
        )
    return "{\n" + ",\n".join(blocks) + "\n}\n"


def report_snapshot(name: str, fmt: str) -> str:
    """`sesguard check` of a checked-in plan, run where its path reads the same anywhere."""
    plan = plan_file(name).relative_to(FIXTURES)
    result = subprocess.run(
        [str(SESGUARD), "check", str(plan), "--format", fmt],
        cwd=FIXTURES,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode not in (0, 1):
        raise SystemExit(f"sesguard check {plan} --format {fmt}: {result.stderr.strip()}")
    from sesguard import __version__

    return result.stdout.replace(__version__, VERSION_MARK)


def snapshots() -> dict[Path, str]:
    jobs = [(name, fmt) for name in [*env_names(), *ROOT_NAMES] for fmt in FORMATS]
    with ThreadPoolExecutor(max_workers=4) as pool:
        texts = list(pool.map(lambda job: report_snapshot(*job), jobs))
    return {
        SNAPSHOTS / f"{name}.{file_ending(fmt)}": text
        for (name, fmt), text in zip(jobs, texts, strict=True)
    }


def stale(files: dict[Path, str]) -> list[Path]:
    return [p for p, text in files.items() if not p.is_file() or p.read_text() != text]


def main(argv: list[str]) -> int:
    check = "--check" in argv
    wanted = {} if "--no-plans" in argv else fresh_plans()
    if not check:  # the findings and snapshots are made from the plans just written
        write(wanted)
    wanted.update(rule_findings())
    wanted.update(snapshots())
    if check:
        for path in stale(wanted):
            print(f"{path.relative_to(REPO)} is stale: run tools/refresh_rule_fixtures.py")
        return 1 if stale(wanted) else 0
    write(wanted)
    return 0


def write(files: dict[Path, str]) -> None:
    for path in stale(files):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[path])
        print(f"wrote {path.relative_to(REPO)}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
