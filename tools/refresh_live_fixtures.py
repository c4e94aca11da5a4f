#!/usr/bin/env python3
"""Refresh the live rules' account fixtures (tests/audit/fixtures): each violation made on
the good account in an emulator of this script's own (started here, stopped by its pid),
read by the audit's reader into a snapshot, and the exact findings of each. No Terraform.

`--check` writes nothing and exits 1 naming each stale fixture
(tests/audit/test_live_fixtures_current.py runs the same comparison).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "tools"), str(REPO / "tests"), str(REPO / "tests" / "audit")]

from live_fixtures import CaseFailed, fresh_files  # noqa: E402
from refresh_rule_fixtures import stale, write  # noqa: E402
from ses_emulator import lifecycle  # noqa: E402


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="live-fixtures-") as state_dir:
        try:
            url = lifecycle.start(Path(state_dir)).url
        except lifecycle.EmulatorError as error:
            print(f"SES emulator: {error}", file=sys.stderr)
            return 2
        try:
            files = fresh_files(url)
        except CaseFailed as error:
            print(" ".join(str(error).split()), file=sys.stderr)
            return 2
        finally:
            lifecycle.stop(Path(state_dir))
    if "--check" in argv:
        for path in stale(files):
            print(f"{path.relative_to(REPO)} is stale: run tools/refresh_live_fixtures.py")
        return 1 if stale(files) else 0
    write(files)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
