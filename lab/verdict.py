"""What a run shows, in the terms of the story: read by the report and by the test."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sesguard.config import SES_PAUSE_LEVELS, SES_REVIEW_LEVELS

from .runner import Pause, RunResult

# SES enforcement: the account is reviewed at the first rate and may be paused at the second.
BOUNCE_LEVELS = (SES_REVIEW_LEVELS.bounce_rate, SES_PAUSE_LEVELS.bounce_rate)
COMPLAINT_LEVELS = (SES_REVIEW_LEVELS.complaint_rate, SES_PAUSE_LEVELS.complaint_rate)
# Each run in the report's and the charts' words, in the order they are shown.
TITLES = {"lanes": "lanes (envs/local)", "catch-all": "catch-all (lab/catch_all)",
          "catch-all-pause": "catch-all with pause (lab/catch_all_pause)",
          "tenants": "lanes as SES tenants (envs/local)"}  # fmt: skip


@dataclass(frozen=True)
class Summary:
    kind: str
    sent: int
    campaign_sent: int
    campaign_planned: int
    first_alarm: dict[str, dt.datetime]  # alarm -> first time it went to ALARM
    alarm_routes: set[tuple[str, str]]  # (route, alarm) of every ALARM notification
    resets_delivered: int  # resets to users on the suppression list: delivered,
    resets_suppressed: int  # suppressed by the list,
    resets_refused: int  # or refused by SES, their set or tenant paused
    all_resets_refused: int  # every reset refused so
    all_resets_planned: int
    peak_bounce: float  # account rates, as the emulator's Reputation.* metrics
    peak_complaint: float
    paused: list[Pause]

    @property
    def paged(self) -> list[str]:
        return sorted({alarm for route, alarm in self.alarm_routes if "oncall" in route})

    def minutes_after(self, alarm: str, start: dt.datetime) -> float | None:
        moment = self.first_alarm.get(alarm)
        return None if moment is None else (moment - start).total_seconds() / 60

    def level(self, rate: float, levels: tuple[float, float]) -> str:
        return "pause level" if rate >= levels[1] else "review" if rate >= levels[0] else "healthy"


def summarize(result: RunResult) -> Summary:
    scenario = result.scenario
    campaign = scenario.traffic_named(scenario.campaign)
    first: dict[str, dt.datetime] = {}
    for transition in result.transitions:
        if transition.new == "ALARM":
            first.setdefault(transition.alarm, transition.time)
    rates = result.account_rates()
    return Summary(
        kind=result.kind,
        sent=result.sent,
        campaign_sent=sum(campaign.hourly) - result.refused[campaign.name],
        campaign_planned=sum(campaign.hourly),
        first_alarm=first,
        alarm_routes={(n.route, n.alarm) for n in result.notifications if n.new == "ALARM"},
        resets_delivered=sum(p.delivered for p in result.protected),
        resets_suppressed=sum(p.suppressed for p in result.protected),
        resets_refused=sum(p.refused for p in result.protected),
        all_resets_refused=result.refused[scenario.resets],
        all_resets_planned=sum(scenario.traffic_named(scenario.resets).hourly),
        peak_bounce=max((b for _, b, _ in rates), default=0.0),
        peak_complaint=max((c for _, _, c in rates), default=0.0),
        paused=list(result.paused),
    )


def stream_alarm(result: RunResult, lane: str, kind: str) -> str | None:
    """The name of the `kind` (bounce | complaint) alarm watching `lane`'s configuration set."""
    configuration_set = result.lane_sets.get(lane)
    names = [a.name for a in result.alarms.values()
             if a.configuration_set == configuration_set and a.kind == kind]  # fmt: skip
    return names[0] if len(names) == 1 else None
