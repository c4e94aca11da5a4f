"""Sending quotas: `Max24HourSend` and `MaxSendRate`, enforced as SES enforces them, on the
emulator clock (docs/emulator-sending.md#quotas-and-sending-rate).

SES counts recipients, not messages, and lets a call through while any of the quota is
left: a message to five recipients with one left in the day goes out, the next is refused.
The rate works the same way over one second of allowance that refills at `MaxSendRate` per
second: any allowance left admits the message, its recipients are paid for after, and the
sends that follow are refused until it has refilled. Both checks cost O(1) per send
(the day is a `DayWindow`).
"""

from __future__ import annotations

import datetime as dt

from .window import DayWindow

# The emulator's account is a production account whose quota was raised past what the lab's
# day (about 114,000 recipients) and the benchmark send; SES grants such quotas on request.
DEFAULT_MAX_24_HOUR_SEND = 1_000_000.0
# A new production account's rate, reported by GetSendQuota/GetAccount but enforced only
# when switched on: with a pinned clock a scenario sends each step at one instant, and the
# tests and benchmark send hundreds per wall-clock second.
DEFAULT_MAX_SEND_RATE = 14.0


class SendQuota:
    def __init__(self) -> None:
        self.max_24_hour_send = DEFAULT_MAX_24_HOUR_SEND
        self.max_send_rate = DEFAULT_MAX_SEND_RATE
        self.send_rate_enforced = False
        self._day = DayWindow()
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
        return self._day.totals(now)["recipients"]

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
        self._day.add(now, {"recipients": recipients})
        if self.send_rate_enforced:
            self._allowance -= recipients

    def answer(self, now: dt.datetime) -> dict[str, float]:
        """The quota as GetAccount's SendQuota and v1 GetSendQuota name it."""
        return {
            "Max24HourSend": self.max_24_hour_send,
            "MaxSendRate": self.max_send_rate,
            "SentLast24Hours": float(self.sent_last_24_hours(now)),
        }
