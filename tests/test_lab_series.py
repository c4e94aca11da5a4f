"""What the lab's charts draw, as data: the alarm's guard and the periods it counts."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from lab.series import Guard, guard_of, periods

REPO = Path(__file__).resolve().parent.parent
START = dt.datetime(2026, 1, 5, 22, 0, tzinfo=dt.timezone.utc)
STEP = dt.timedelta(minutes=5)
ALARM_METRICS = {"send": "Send", "events": "Bounce"}  # query id -> metric, as the module names them


def module_expression(min_sends: int, min_events: int) -> str:
    """The stream module's rate expression with the module's own template, filled in."""
    text = (REPO / "modules" / "ses_stream" / "alarms.tf").read_text()
    template = re.search(r'key => "(IF\(.*\))"', text).group(1)
    return (template.replace("${var.alarms.min_send_volume}", str(min_sends))
            .replace("${alarm.min_count}", str(min_events)))  # fmt: skip


def steps(*counts: tuple[int, int, int]) -> list[tuple[dt.datetime, Counter[str]]]:
    """(sends, bounces, suppressed) per 5-minute step from START."""
    return [(START + i * STEP, Counter(sends=s, bounces=b, suppressed=q, complaints=0))
            for i, (s, b, q) in enumerate(counts)]  # fmt: skip


def test_the_guard_is_read_from_the_stream_module_alarm_expression():
    expression = module_expression(10, 5)
    assert guard_of("ses-x-bounce-rate", expression, ALARM_METRICS) == Guard(10, 5)


def test_an_alarm_without_an_if_guard_has_no_guard():
    assert guard_of("account", None, {}) is None
    assert guard_of("plain", "events / send", ALARM_METRICS) is None


def test_an_if_whose_send_minimum_cannot_be_read_is_refused():
    with pytest.raises(ValueError, match="ses-x-bounce-rate: no `Send >= N` guard"):
        guard_of("ses-x-bounce-rate", "IF(events >= 5, events / send, 0)", ALARM_METRICS)


def test_periods_below_either_minimum_are_masked_and_empty_ones_dropped():
    series = periods(
        steps((120, 6, 0), (9, 3, 0), (0, 0, 0), (40, 4, 0), (40, 3, 2), (10, 5, 0)),
        "bounce", STEP, Guard(min_sends=10, min_events=5),
    )  # fmt: skip
    masked = [(p.start - START) // STEP for p in series if not p.counted]
    counted = [(p.start - START) // STEP for p in series if p.counted]
    assert masked == [1, 3]  # 9 sends; 40 sends but 4 bounces
    assert counted == [0, 4, 5]  # suppression-list bounces count as Bounce; 10 sends is enough
    assert [p.rate for p in series if p.counted] == [0.05, 0.125, 0.5]


def test_steps_are_summed_into_the_alarm_period_before_the_guard_applies():
    series = periods(steps((4, 1, 0), (4, 1, 0), (4, 3, 0), (3, 0, 0), (0, 0, 0), (0, 0, 0)),
                     "bounce", 3 * STEP, Guard(min_sends=10, min_events=5))  # fmt: skip
    assert [(p.start, p.sends, p.events, p.counted) for p in series] == [
        (START, 12, 5, True),  # three steps of 4 sends: one 15-minute period of 12
        # the second period (3 sends) is below the guard; an empty step adds nothing
        (START + 3 * STEP, 3, 0, False),
    ]


def test_without_a_guard_every_period_with_sends_is_counted():
    series = periods(steps((1, 1, 0), (0, 0, 0), (3, 0, 0)), "bounce", STEP, None)
    assert [(p.sends, p.counted) for p in series] == [(1, True), (3, True)]


def test_account_rates_cover_the_last_24_hours_as_the_emulator_reputation_does():
    from lab.runner import RunResult
    from lab.scenario import load

    scenario = load(REPO / "lab" / "scenarios" / "short.toml")  # 5-minute steps
    result = RunResult("lanes", scenario, {}, {})
    bad = Counter(deliveries=0, bounces=10, complaints=0)
    good = Counter(deliveries=10, bounces=0, complaints=0)
    result.times = [START, START + dt.timedelta(hours=12), START + dt.timedelta(hours=24)]
    result.counts = [{"s": bad}, {"s": good}, {"s": good}]
    # Sent with the clock pinned at START: 24 hours later they have left the window.
    assert [bounce for _, bounce, _ in result.account_rates()] == [1.0, 0.5, 0.0]
