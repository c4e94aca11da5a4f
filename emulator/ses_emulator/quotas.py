"""Sending quotas: `Max24HourSend` and `MaxSendRate`, enforced as SES enforces them, on the
emulator clock (docs/emulator-sending.md#quotas-and-sending-rate).

SES counts recipients, not messages, and lets a call through while any of the quota is
left: a message to five recipients with one left in the day goes out, the next is refused.
The rate works the same way over one second of allowance that refills at `MaxSendRate` per
second: any allowance left admits the message, its recipients are paid for after, and the
sends that follow are refused until it has refilled. Both checks cost O(1) per send: the
day is counted in one-minute buckets (the window is exact to the minute) that fall off
the front as the clock moves.
"""

from __future__ import annotations

import datetime as dt
from collections import deque

# The emulator's account is a production account whose quota was raised past what the lab's
# day (about 114,000 recipients) and the benchmark send; SES grants such quotas on request.
DEFAULT_MAX_24_HOUR_SEND = 1_000_000.0
# A new production account's rate, reported by GetSendQuota/GetAccount but enforced only
# when switched on: with a pinned clock a scenario sends each step at one instant, and the
# tests and benchmark send hundreds per wall-clock second.
DEFAULT_MAX_SEND_RATE = 14.0

WINDOW_SECONDS = 24 * 3600
BUCKET_SECONDS = 60


class SendQuota:
    def __init__(self) -> None:
        self.max_24_hour_send = DEFAULT_MAX_24_HOUR_SEND
        self.max_send_rate = DEFAULT_MAX_SEND_RATE
        self.send_rate_enforced = False
        self._buckets: deque[list[int]] = deque()  # [minute since the epoch, recipients]
        self._in_window = 0
        self._allowance = self.max_send_rate  # recipients this second may still take
        self._allowance_at = 0.0  # clock time (epoch seconds) the allowance was counted at

    def configure(
        self,
        max_24_hour_send: float | None = None,
        max_send_rate: float | None = None,
        send_rate_enforced: bool | None = None,
    ) -> None:
        if max_24_hour_send is not None:
            self.max_24_hour_send = float(max_24_hour_send)
        if max_send_rate is not None:
            self.max_send_rate = float(max_send_rate)
        if send_rate_enforced is not None:
            self.send_rate_enforced = send_rate_enforced
        self._allowance, self._allowance_at = self.max_send_rate, 0.0  # a full second

    def sent_last_24_hours(self, now: dt.datetime) -> int:
        oldest = int(now.timestamp()) // BUCKET_SECONDS - WINDOW_SECONDS // BUCKET_SECONDS
        while self._buckets and self._buckets[0][0] <= oldest:
            self._in_window -= self._buckets.popleft()[1]
        return self._in_window

    def refusal(self, now: dt.datetime) -> str | None:
        """ "daily_quota" or "rate" when SES would throttle a send at `now`, else None."""
        if self.sent_last_24_hours(now) >= self.max_24_hour_send:
            return "daily_quota"
        if self.send_rate_enforced:
            seconds = now.timestamp()
            if seconds > self._allowance_at:
                refill = (seconds - self._allowance_at) * self.max_send_rate
                self._allowance = min(self.max_send_rate, self._allowance + refill)
                self._allowance_at = seconds
            if self._allowance <= 0:
                return "rate"
        return None

    def record(self, now: dt.datetime, recipients: int) -> None:
        minute = int(now.timestamp()) // BUCKET_SECONDS
        if self._buckets and self._buckets[-1][0] == minute:
            self._buckets[-1][1] += recipients
        else:
            self._buckets.append([minute, recipients])
        self._in_window += recipients
        if self.send_rate_enforced:
            self._allowance -= recipients

    def answer(self, now: dt.datetime) -> dict[str, float]:
        """The quota as GetAccount's SendQuota and v1 GetSendQuota name it."""
        return {
            "Max24HourSend": self.max_24_hour_send,
            "MaxSendRate": self.max_send_rate,
            "SentLast24Hours": float(self.sent_last_24_hours(now)),
        }
