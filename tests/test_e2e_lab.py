"""The lab's story on the shortened scenario, through the real module and alarms.

Lanes: envs/local as the end-to-end test applies it (shared session fixture, whose
class-default pause_on_alarm is what the scenario asks for); the runner leaves it as it
found it. Catch-all, catch-all-pause, tenants: each applied to a fresh emulator of its
own, in parallel with the lanes run.
"""

from __future__ import annotations

import datetime as dt
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from emulator_clients import clients
from local_env import BUILD

from lab import environments, runner
from lab.lanes import lanes as known_lanes
from lab.runner import Pause
from lab.scenario import load
from lab.series import set_periods
from lab.verdict import BOUNCE_LEVELS, stream_alarm, summarize

pytestmark = [pytest.mark.e2e, pytest.mark.terraform]

REPO = Path(__file__).resolve().parent.parent
SHORT = REPO / "lab" / "scenarios" / "short.toml"
CLASSES = json.loads((REPO / "modules" / "ses_stream" / "classes.json").read_text())["classes"]
OWN_EMULATOR = ("catch-all", "catch-all-pause", "tenants")
PERIOD = dt.timedelta(seconds=300)  # envs/local's alarm_period_seconds
DELIVERABILITY, ONCALL = "ses-local-deliverability", "ses-local-oncall"


def _own(kind: str, scenario) -> tuple[runner.RunResult, dict]:
    """The `kind` run on a fresh emulator; with what the account holds after it."""
    state_dir = BUILD / "lab-test" / kind / "emulator"
    try:
        url = environments.fresh_emulator(state_dir)
        environments.prepare(kind, url, scenario, known_lanes(), BUILD / "lab-test" / kind)
        result = runner.run(url, scenario, kind, progress=lambda _: None)
        return result, _after(url, result)
    finally:
        environments.lifecycle.stop(state_dir)


def _after(url: str, result: runner.RunResult) -> dict:
    aws = clients(url)
    statuses = {t.name: aws.sesv2.get_reputation_entity(
                    ReputationEntityType="RESOURCE", ReputationEntityReference=t.arn
                )["ReputationEntity"]["SendingStatusAggregate"]
                for t in result.tenants.values()}  # fmt: skip
    machines = [m["name"] for m in aws.stepfunctions.list_state_machines()["stateMachines"]]
    return {"tenant_status": statuses, "state_machines": machines}


@pytest.fixture(scope="module")
def scenario():
    return load(SHORT)


@pytest.fixture(scope="module")
def played(request, scenario, emulator) -> dict[str, tuple[runner.RunResult, dict]]:
    # The shared apply takes the class defaults: the lanes run must ask for just those.
    assert environments.pause_on_alarm(scenario, known_lanes(), "lanes") == {
        lane: CLASSES[lane]["pause_on_alarm"] for lane in known_lanes()}  # fmt: skip
    with ThreadPoolExecutor(len(OWN_EMULATOR)) as pool:
        # their applies overlap the lanes' apply
        own = {kind: pool.submit(_own, kind, scenario) for kind in OWN_EMULATOR}
        request.getfixturevalue("applied")
        lanes = runner.run(emulator, scenario, "lanes", progress=lambda _: None, cleanup=True)
        return {"lanes": (lanes, {}), **{kind: future.result() for kind, future in own.items()}}


@pytest.fixture(scope="module")
def runs(played) -> dict[str, runner.RunResult]:
    return {kind: result for kind, (result, _) in played.items()}


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
    # the module's pause: its state machine told the alarm topic, in the same clock step
    assert lanes.paused == [Pause(fired, "marketing", "its bounce alarm")]


def test_lanes_marketing_paused_by_the_module_while_every_reset_is_accepted(runs, scenario):
    lanes = runs["lanes"]
    pause = lanes.paused[0]
    assert lanes.refused[scenario.campaign] > 0  # its sends were refused after the pause
    assert lanes.refused[scenario.resets] == 0
    after = [p for p in lanes.protected if p.time >= pause.time]
    assert sum(p.delivered for p in after) > 0  # resets kept arriving after the pause


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
    assert (summary.resets_delivered, summary.resets_suppressed, summary.resets_refused) == (
        expected, 0, 0)  # fmt: skip


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


def test_catch_all_pause_stops_the_campaign_and_the_resets_with_it(runs, scenario):
    paused = runs["catch-all-pause"]
    alarm = stream_alarm(paused, "marketing", "bounce")  # the one set's own alarm
    fired = summarize(paused).first_alarm[alarm]
    assert paused.paused == [Pause(fired, "catch-all", "its bounce alarm")]
    resets = scenario.traffic_named(scenario.resets)
    after = sum(count for step in range(scenario.steps)
                if scenario.start + step * scenario.step >= fired
                for _, count in scenario.volume(resets, step))  # fmt: skip
    assert after > 0
    assert paused.refused[scenario.resets] == after  # every reset from the pause on
    summary = summarize(paused)
    assert summary.resets_delivered == 0  # before it: the account list; after: refused
    assert summary.resets_refused > 0
    assert summary.peak_bounce < BOUNCE_LEVELS[0]  # the pause did save the account


def test_tenants_strict_marketing_paused_by_ses_standard_transactional_keeps_sending(
    played, scenario
):
    tenants, after = played["tenants"]
    assert after["state_machines"] == []  # no lane pauses on its alarm in this run
    assert {t.name: t.policy for t in tenants.tenants.values()} == {
        "marketing": "strict", "transactional": "standard"}  # fmt: skip
    tick = scenario.campaign_start() + dt.timedelta(hours=1)  # SES's first evaluation after it
    assert tenants.paused == [Pause(tick, "marketing", "SES, tenant policy strict")]
    assert after["tenant_status"] == {"marketing": "DISABLED", "transactional": "ENABLED"}
    assert tenants.refused[scenario.resets] == 0
    summary = summarize(tenants)
    expected = planned_resets(scenario, "complained-about-marketing")
    assert (summary.resets_delivered, summary.resets_refused) == (expected, 0)
    later = [
        c["transactional"]["sends"]
        for moment, c in zip(tenants.times, tenants.counts, strict=True)
        if moment >= tick
    ]
    assert sum(later) > 0  # transactional kept sending after marketing's pause
