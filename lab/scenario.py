"""A lab scenario: who receives mail, what is sent through which lane, hour by hour.

Read from a TOML file (format: docs/lab.md). Everything is validated up front, so
a typo fails with one line naming the key, before any emulator starts.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

SUPPRESSION_REASONS = ("BOUNCE", "COMPLAINT")
REPUTATION_POLICIES = ("none", "standard", "strict")
DEFAULT_POLICY = "standard"  # SES's policy for a new tenant
# Recipient addresses are built from these: a domain or local part with CR/LF (or any
# character an address cannot hold) would inject headers into every message sent.
DOMAIN = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}", re.I)
LOCAL_PART = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")


class ScenarioError(ValueError):
    """The scenario file cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Population:
    name: str
    domain: str
    size: int
    bounce_rate: float = 0.0
    complaint_rate: float = 0.0
    suppressed: str | None = None  # on the account suppression list (reason) before hour 0

    def address(self, number: int) -> str:
        return f"user{number % self.size}@{self.domain}"


@dataclass(frozen=True)
class Traffic:
    name: str
    lane: str  # the stream it belongs to (a configuration set of the lanes run)
    sender: str  # local part of the From address; the domain is the lane's identity
    recipients: tuple[tuple[str, float], ...]  # (population, share), shares sum to 1
    hourly: tuple[int, ...]


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    start: dt.datetime
    hours: int
    step_minutes: int
    populations: dict[str, Population]
    traffic: tuple[Traffic, ...]
    pause_on_alarm: tuple[str, ...]  # the lanes run: lanes whose alarms pause them (module input)
    tenant_policies: dict[str, str]  # the tenants run: lane -> its tenant's reputation policy
    resets: str  # the traffic whose delivery to suppressed users the verdict follows
    campaign: str  # the traffic whose start the verdict times the alarms from
    source: Path

    @property
    def steps(self) -> int:
        return self.hours * 60 // self.step_minutes

    @property
    def step(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.step_minutes)

    @property
    def messages(self) -> int:
        return sum(sum(t.hourly) for t in self.traffic)

    def tenant_policy(self, lane: str) -> str:
        return self.tenant_policies.get(lane, DEFAULT_POLICY)

    def traffic_named(self, name: str) -> Traffic:
        return next(t for t in self.traffic if t.name == name)

    def campaign_start(self) -> dt.datetime:
        hour = next(h for h, count in enumerate(self.traffic_named(self.campaign).hourly) if count)
        return self.start + dt.timedelta(hours=hour)

    def volume(self, traffic: Traffic, step: int) -> list[tuple[Population, int]]:
        """How many messages of `traffic` go to each population during `step`."""
        per_hour = 60 // self.step_minutes
        hour, within = divmod(step, per_hour)
        hourly = traffic.hourly[hour]
        count = hourly * (within + 1) // per_hour - hourly * within // per_hour
        before = sum(traffic.hourly[:hour]) + hourly * within // per_hour
        result, given = [], 0
        for index, (name, share) in enumerate(traffic.recipients):
            last = index == len(traffic.recipients) - 1
            part = count - given if last else (
                math.floor((before + count) * share) - math.floor(before * share))  # fmt: skip
            given += part
            if part:
                result.append((self.populations[name], part))
        return result


def load(path: Path | str) -> Scenario:
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ScenarioError(f"{path}: cannot read: {error.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ScenarioError(f"{path}: not TOML: {error}") from None
    return _scenario(raw, path)


def _scenario(raw: dict[str, Any], path: Path) -> Scenario:
    where = str(path)
    _keys(raw, where, required={"name", "start", "hours", "populations", "traffic"},
          optional={"description", "step_minutes", "lanes", "tenants", "verdict"})  # fmt: skip
    start = raw["start"]
    if not isinstance(start, dt.datetime) or start.tzinfo is None:
        raise ScenarioError(f"{where}: start must be a TOML date-time with an offset, "
                            "e.g. 2026-01-05T06:00:00Z")  # fmt: skip
    hours = _integer(raw, "hours", where, 1, 24 * 7)
    step_minutes = _integer(raw, "step_minutes", where, 1, 60, default=5)
    if 60 % step_minutes:
        raise ScenarioError(f"{where}: step_minutes must divide an hour (1, 2, 5, 10, 15, 30, 60)")
    if not isinstance(raw["populations"], dict) or not raw["populations"]:
        raise ScenarioError(f"{where}: [populations] must name at least one population")
    populations = {name: _population(name, value, f"{where}: populations.{name}")
                   for name, value in raw["populations"].items()}  # fmt: skip
    if not isinstance(raw["traffic"], list) or not raw["traffic"]:
        raise ScenarioError(f"{where}: give at least one [[traffic]] table")
    traffic = tuple(_traffic(value, f"{where}: traffic[{i}]", populations, hours)
                    for i, value in enumerate(raw["traffic"]))  # fmt: skip
    names = [t.name for t in traffic]
    if len(set(names)) != len(names):
        raise ScenarioError(f"{where}: two [[traffic]] tables share a name")
    lanes = raw.get("lanes", {})
    _keys(lanes, f"{where}: lanes", required=set(), optional={"pause_on_alarm"})
    pause_on_alarm = lanes.get("pause_on_alarm", [])
    if not isinstance(pause_on_alarm, list) or not all(isinstance(x, str) for x in pause_on_alarm):
        raise ScenarioError(f"{where}: lanes.pause_on_alarm must be a list of lane names")
    tenant_policies = raw.get("tenants", {})
    if not isinstance(tenant_policies, dict):
        raise ScenarioError(f"{where}: tenants must be a table")
    for lane, policy in tenant_policies.items():
        if policy not in REPUTATION_POLICIES:
            raise ScenarioError(f"{where}: tenants.{lane} must be one of "
                                f"{', '.join(REPUTATION_POLICIES)}")  # fmt: skip
    verdict = raw.get("verdict", {})
    _keys(verdict, f"{where}: verdict", required={"resets", "campaign"}, optional=set())
    for key in ("resets", "campaign"):
        if verdict[key] not in names:
            raise ScenarioError(f"{where}: verdict.{key} = {verdict[key]!r} names no traffic "
                                f"(traffic: {', '.join(names)})")  # fmt: skip
    if not any(traffic[names.index(verdict["campaign"])].hourly):
        raise ScenarioError(f"{where}: the campaign traffic {verdict['campaign']!r} sends nothing")
    return Scenario(
        name=_text(raw, "name", where),
        description=str(raw.get("description", "")).strip(),
        start=start.astimezone(dt.timezone.utc),
        hours=hours,
        step_minutes=step_minutes,
        populations=populations,
        traffic=traffic,
        pause_on_alarm=tuple(pause_on_alarm),
        tenant_policies=dict(tenant_policies),
        resets=verdict["resets"],
        campaign=verdict["campaign"],
        source=path,
    )


def _population(name: str, raw: Any, where: str) -> Population:
    if not isinstance(raw, dict):
        raise ScenarioError(f"{where} must be a table")
    _keys(raw, where, required={"domain", "size"},
          optional={"bounce_rate", "complaint_rate", "suppressed"})  # fmt: skip
    suppressed = raw.get("suppressed")
    if suppressed is not None and suppressed not in SUPPRESSION_REASONS:
        raise ScenarioError(f"{where}.suppressed must be one of {', '.join(SUPPRESSION_REASONS)}")
    rates = {key: _fraction(raw, key, where) for key in ("bounce_rate", "complaint_rate")}
    domain = _text(raw, "domain", where)
    if not DOMAIN.fullmatch(domain):
        raise ScenarioError(f"{where}.domain {domain!r} is not a domain name "
                            "(dot-separated labels of letters, digits and hyphens)")  # fmt: skip
    return Population(name, domain, _integer(raw, "size", where, 1, 10**7),
                      suppressed=suppressed, **rates)  # fmt: skip


def _traffic(raw: Any, where: str, populations: dict[str, Population], hours: int) -> Traffic:
    if not isinstance(raw, dict):
        raise ScenarioError(f"{where} must be a table")
    _keys(raw, where, required={"name", "lane", "recipients", "hourly"}, optional={"sender"})
    recipients = raw["recipients"]
    if not isinstance(recipients, dict) or not recipients:
        raise ScenarioError(f"{where}.recipients must map population names to shares")
    for population, share in recipients.items():
        if population not in populations:
            raise ScenarioError(f"{where}.recipients: no population {population!r} "
                                f"(populations: {', '.join(populations)})")  # fmt: skip
        if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 1:
            raise ScenarioError(f"{where}.recipients.{population} must be a share above 0, to 1")
    if abs(sum(recipients.values()) - 1) > 1e-9:
        raise ScenarioError(f"{where}.recipients: the shares must add up to 1")
    hourly = raw["hourly"]
    if (not isinstance(hourly, list) or len(hourly) != hours
            or not all(isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= 10**6
                       for n in hourly)):  # fmt: skip
        raise ScenarioError(f"{where}.hourly must list {hours} whole numbers of messages "
                            "(one per hour, 0 to 1000000)")  # fmt: skip
    sender = raw.get("sender", "no-reply")
    if not isinstance(sender, str) or len(sender) > 64 or not LOCAL_PART.fullmatch(sender):
        raise ScenarioError(f"{where}.sender {sender!r} is not the local part of an address")
    return Traffic(_text(raw, "name", where), _text(raw, "lane", where), sender,
                   tuple(recipients.items()), tuple(hourly))  # fmt: skip


def check_lanes(scenario: Scenario, lanes: tuple[str, ...]) -> None:
    """Every lane the scenario sends through, pauses or puts in a tenant is one the lanes
    run creates."""
    named = [(f"traffic[{i}].lane", t.lane) for i, t in enumerate(scenario.traffic)]
    named += [("lanes.pause_on_alarm", lane) for lane in scenario.pause_on_alarm]
    named += [("tenants", lane) for lane in scenario.tenant_policies]
    for key, lane in named:
        if lane not in lanes:
            raise ScenarioError(f"{scenario.source}: {key} = {lane!r} is not a lane "
                                f"(lanes: {', '.join(lanes)})")  # fmt: skip


def _keys(raw: Any, where: str, required: set[str], optional: set[str]) -> None:
    if not isinstance(raw, dict):
        raise ScenarioError(f"{where} must be a table")
    missing = sorted(required - set(raw))
    if missing:
        raise ScenarioError(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(set(raw) - required - optional)
    if unknown:
        raise ScenarioError(f"{where}: unknown key {', '.join(unknown)} "
                            f"(known: {', '.join(sorted(required | optional))})")  # fmt: skip


def _text(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw[key]
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(f"{where}: {key} must be a non-empty string")
    return value


def _integer(raw, key, where, low, high, default=None) -> int:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ScenarioError(f"{where}: {key} must be a whole number from {low} to {high}")
    return value


def _fraction(raw: dict[str, Any], key: str, where: str) -> float:
    value = raw.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ScenarioError(f"{where}.{key} must be a fraction from 0 to 1")
    return float(value)
