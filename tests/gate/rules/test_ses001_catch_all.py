"""SES001 catch-all sets: near misses and edge cases beyond the planted violations."""

from __future__ import annotations

from planted import catch_all_set, run


def test_catch_all_set_fails_declared_streams_too(production):
    catch_all_set(production)
    report = run(production)
    assert report.exit_code == 1
