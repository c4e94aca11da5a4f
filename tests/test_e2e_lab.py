"""The lab's story on the shortened scenario, through the real module and alarms.

Lanes: envs/local as the end-to-end test applies it (shared session fixture); the
runner leaves it as it found it. Catch-all: lab/catch_all applied to a fresh
emulator of its own, in parallel with the lanes run.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from emulator_clients import clients
from local_env import BUILD

from lab import environments, runner
from lab.scenario import load
from lab.series import set_periods
from lab.verdict import BOUNCE_LEVELS, stream_alarm, summarize

pytestmark = [pytest.mark.e2e, pytest.mark.terraform]

SHORT = Path(__file__).resolve().parent.parent / "lab" / "scenarios" / "short.toml"
PERIOD = dt.timedelta(seconds=300)  # envs/local's alarm_period_seconds
DELIVERABILITY, ONCALL = "ses-local-deliverability", "ses-local-oncall"


def _catch_all(scenario) -> runner.RunResult:
    state_dir = BUILD / "lab-test" / "emulator"
    try:
        url = environments.fresh_emulator(state_dir)
        environments.apply("catch-all", url, BUILD / "lab-test" / "terraform")
        return runner.run(url, scenario, "catch-all", progress=lambda _: None)
    finally:
        environments.lifecycle.stop(state_dir)


@pytest.fixture(scope="module")
def scenario():
    return load(SHORT)


@pytest.fixture(scope="module")
def runs(request, scenario, emulator) -> dict[str, runner.RunResult]:
    with ThreadPoolExecutor(1) as pool:
        catch_all = pool.submit(_catch_all, scenario)  # its apply overlaps the lanes' apply
        request.getfixturevalue("applied")
        lanes = runner.run(emulator, scenario, "lanes", progress=lambda _: None, cleanup=True)
        return {"lanes": lanes, "catch-all": catch_all.result()}


def planned_resets(scenario, population: str) -> int:
    resets = scenario.traffic_named(scenario.resets)
    return sum(count for step in range(scenario.steps)
               for p, count in scenario.volume(resets, step) if p.name == population)  # fmt: skip


def test_lanes_marketing_bounce_alarm_fires_within_two_periods_of_the_campaign(runs, scenario):
    lanes = runs["lanes"]
    alarm = stream_alarm(lanes, "marketing", "bounce")
    fired = summarize(lanes).first_alarm[alarm]
    start = scenario.campaign_start()
    assert start < fired <= start + 2 * PERIOD
    assert lanes.paused == [(fired, "marketing")]  # the runbook pauses the lane at once


def test_lanes_notify_the_deliverability_route_only(runs):
    lanes = runs["lanes"]
    alarm = stream_alarm(lanes, "marketing", "bounce")
    assert {(n.route, n.alarm, n.new) for n in lanes.notifications} == {
        (DELIVERABILITY, alarm, "ALARM"),
        (DELIVERABILITY, alarm, "OK"),  # the paused lane sends nothing: notBreaching
    }
    assert summarize(lanes).paged == []


def test_lanes_transactional_alarms_stay_ok(runs, emulator):
    lanes = runs["lanes"]
    names = [stream_alarm(lanes, "transactional", kind) for kind in ("bounce", "complaint")]
    assert None not in names
    assert [t for t in lanes.transitions if t.alarm in names] == []
    found = clients(emulator).cloudwatch.describe_alarms(AlarmNames=names)["MetricAlarms"]
    states = {a["AlarmName"]: a["StateValue"] for a in found}
    assert states == dict.fromkeys(names, "OK")


def test_lanes_deliver_every_reset_to_a_marketing_complainer(runs, scenario):
    summary = summarize(runs["lanes"])
    expected = planned_resets(scenario, "complained-about-marketing")
    assert expected > 0
    assert (summary.resets_delivered, summary.resets_suppressed) == (expected, 0)


def test_catch_all_crosses_the_review_level_and_suppresses_the_resets(runs, scenario):
    summary = summarize(runs["catch-all"])
    assert summary.peak_bounce >= BOUNCE_LEVELS[0]
    expected = planned_resets(scenario, "complained-about-marketing")
    assert (summary.resets_delivered, summary.resets_suppressed) == (0, expected)
    assert summary.campaign_sent == summary.campaign_planned  # nothing to pause but everything


def test_one_complaint_in_a_quiet_hour_pages_nobody(runs, scenario):
    lanes = runs["lanes"]
    night = scenario.start + dt.timedelta(hours=2)
    steps = zip(lanes.times, lanes.counts, strict=True)
    quiet = [counts["transactional"] for moment, counts in steps if moment >= night]
    assert sum(c["complaints"] for c in quiet) == 1
    assert sum(c["sends"] for c in quiet) == 37  # below the alarms' minimum volume per period
    assert [n for n in lanes.notifications if n.time > night] == []


def test_the_charts_draw_the_quiet_night_complaint_as_not_counted_by_its_alarm(runs, scenario):
    lanes = runs["lanes"]
    alarm = lanes.alarms[stream_alarm(lanes, "transactional", "complaint")]
    assert alarm.guard is not None  # read back from the applied alarm's expression
    night = scenario.start + dt.timedelta(hours=2)
    complained = [p for p in set_periods(lanes, "transactional", "complaint", alarm)
                  if p.start >= night and p.events]  # fmt: skip
    assert [(p.events, p.rate > alarm.threshold, p.counted) for p in complained] == [
        (1, True, False)
    ]
