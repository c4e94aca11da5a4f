"""Counts over the last 24 hours of the emulator clock, for quotas and reputation.

One-minute buckets: adding is O(1), and buckets fall off the front as the clock moves, so
the window is exact to the minute. A clock set back in time counts into the newest bucket
(the window never runs backwards), so a scenario that rewinds keeps what it sent.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, deque

DAY_SECONDS = 24 * 3600
BUCKET_SECONDS = 60


class DayWindow:
    def __init__(self, seconds: int = DAY_SECONDS) -> None:
        self._span = seconds // BUCKET_SECONDS
        self._buckets: deque[tuple[int, Counter[str]]] = deque()  # (minute since epoch, counts)
        self._totals: Counter[str] = Counter()

    def add(self, now: dt.datetime, counts: dict[str, int]) -> None:
        minute = int(now.timestamp()) // BUCKET_SECONDS
        if not self._buckets or self._buckets[-1][0] < minute:
            self._buckets.append((minute, Counter()))
        bucket = self._buckets[-1][1]
        bucket.update(counts)
        self._totals.update(counts)

    def totals(self, now: dt.datetime) -> Counter[str]:
        """What was added in the last 24 hours before `now` (do not modify)."""
        oldest = int(now.timestamp()) // BUCKET_SECONDS - self._span
        while self._buckets and self._buckets[0][0] <= oldest:
            self._totals.subtract(self._buckets.popleft()[1])
        return self._totals
