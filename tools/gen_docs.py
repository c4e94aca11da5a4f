#!/usr/bin/env python3
"""`make docs`: run every generator of a generated page; `--check` says which page is stale.

Each generator is a script in tools/ that rewrites its page (or its block of a page) and,
with ``--check``, writes nothing, exits 1 and names the stale page. A new generator is one
line in ``GENERATORS``. Benchmark tables are not here: they are measurements (`make bench`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
GENERATORS = (
    "module_docs.py",  # modules/*/README.md: inputs and outputs from the HCL
    "gen_class_table.py",  # modules/ses_stream/README.md: class table from classes.json
    "gen_rules_table.py",  # docs/rules.md: rule table from the rules' metadata
    "gen_audit_coverage.py",  # docs/audit.md: live rules and what each read feeds
    "gen_audit_policy.py",  # docs/audit-policy.json: the IAM actions of the declared reads
    "gen_emulator_coverage.py",  # docs/emulator-coverage.md: operations the emulator serves
    "gen_scan_corpus_table.py",  # docs/scan-corpus.md: the public-code corpus and its measure
)


def run(generators: tuple[str, ...], check: bool) -> list[str]:
    """What each generator said, one entry per generator that failed or found a stale page."""
    failed = []
    for name in generators:
        done = subprocess.run(
            [sys.executable, str(TOOLS / name), *(["--check"] if check else [])],
            capture_output=True,
            text=True,
            check=False,
        )
        said = (done.stdout + done.stderr).strip()
        if done.returncode != 0:
            failed.append(f"{name}: {said or f'exit {done.returncode}'}")
        elif said and not check:
            print(said)
    return failed


def main(argv: list[str]) -> int:
    if argv not in ([], ["--check"]):
        print("usage: gen_docs.py [--check]", file=sys.stderr)
        return 2
    failed = run(GENERATORS, check=bool(argv))
    for line in failed:
        print(line, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
