"""The live rules' account fixtures (tests/audit/fixtures) are what
tools/refresh_live_fixtures.py makes today: each violation made on the good account in the
emulator and read by the audit's reader gives the checked-in snapshot, and the live rules
find in it what findings.json lists."""

from __future__ import annotations

from live_fixtures import fresh_files


def test_account_fixtures_are_what_the_emulator_and_the_rules_give_today(emulator):
    stale = [
        str(path) for path, text in fresh_files(emulator).items()
        if not path.is_file() or path.read_text() != text
    ]  # fmt: skip
    assert not stale, f"stale: {', '.join(stale)}: run `make fixtures-live` and review the diff"
