"""The emulator's clock: wall time until a caller sets or advances it.

A scenario cannot wait hours for an alarm period to pass, so the control API
(`/_ses/clock`) can pin the clock to a moment and move it forward. Everything
that stamps a time asks `now()`: message and event timestamps, CloudWatch
datapoints, suppression list entries, alarm evaluation and alarm history.
Once set, the clock stands still between calls (a scenario is reproducible
to the second). `/moto-api/reset` returns it to wall time.
"""

from __future__ import annotations

import datetime as dt

from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.base_backend import BackendDict, BaseBackend


class Clock(BaseBackend):
    """One per emulator process (held in a moto BackendDict so a reset clears it)."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.pinned: dt.datetime | None = None  # None: wall time

    def now(self) -> dt.datetime:
        return self.pinned or dt.datetime.now(dt.timezone.utc)

    def release(self) -> None:
        """Follow wall time again."""
        self.pinned = None

    def set(self, moment: dt.datetime) -> None:
        self.pinned = moment.astimezone(dt.timezone.utc)

    def advance(self, seconds: float) -> tuple[dt.datetime, dt.datetime]:
        """Move forward; returns (before, after)."""
        before = self.now()
        self.pinned = before + dt.timedelta(seconds=seconds)
        return before, self.pinned


_clocks = BackendDict(Clock, "sesv2")


def clock() -> Clock:
    return _clocks[DEFAULT_ACCOUNT_ID]["us-east-1"]


def now() -> dt.datetime:
    """The emulator's current time (timezone-aware UTC)."""
    return clock().now()
