"""Lab scenario files: the shipped ones load, a bad one is one line and exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lab.lanes import lanes
from lab.scenario import ScenarioError, load

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = REPO / "lab" / "scenarios"
GOOD = """
name = "x"
start = 2026-01-05T06:00:00Z
hours = 2
[populations.users]
domain = "users.example"
size = 10
[[traffic]]
name = "resets"
lane = "transactional"
recipients = { users = 1.0 }
hourly = [12, 0]
[verdict]
resets = "resets"
campaign = "resets"
"""


def test_the_default_scenario_is_a_day_of_at_least_100000_messages():
    scenario = load(SCENARIOS / "saas-day.toml")
    assert (scenario.hours, scenario.steps) == (24, 288)
    assert scenario.messages >= 100_000
    assert scenario.campaign_start().hour == 9  # hour 3 of a day that starts at 06:00


def test_volume_spreads_each_hour_over_its_steps_and_shares():
    scenario = load(SCENARIOS / "short.toml")
    resets = scenario.traffic_named("password resets")
    per_step = [scenario.volume(resets, step) for step in range(scenario.steps)]
    assert sum(n for step in per_step for _, n in step) == sum(resets.hourly)
    by_population: dict[str, int] = {}
    for step in per_step:
        for population, count in step:
            by_population[population.name] = by_population.get(population.name, 0) + count
    assert by_population == {"customers": 1175, "complained-about-marketing": 49}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("hours = 2", "hours = 0"), "hours must be a whole number from 1 to 168"),
        (("hourly = [12, 0]", "hourly = [12]"),
         "traffic[0].hourly must list 2 whole numbers of messages (one per hour, 0 to 1000000)"),
        (("users = 1.0", "users = 0.5"), "traffic[0].recipients: the shares must add up to 1"),
        (("users = 1.0", "nobody = 1.0"),
         "traffic[0].recipients: no population 'nobody' (populations: users)"),
        (("size = 10", "size = 10\nbounce_rate = 2"),
         "populations.users.bounce_rate must be a fraction from 0 to 1"),
        (('campaign = "resets"', 'campaign = "launch"'),
         "verdict.campaign = 'launch' names no traffic (traffic: resets)"),
        (("start = 2026-01-05T06:00:00Z", "start = 2026-01-05T06:00:00"),
         "start must be a TOML date-time with an offset, e.g. 2026-01-05T06:00:00Z"),
        (('name = "x"', 'name = "x"\nspeed = 3'),
         "unknown key speed (known: description, hours, lanes, name, populations, start, "
         "step_minutes, tenants, traffic, verdict)"),
        (("[verdict]", '[response]\npause_lanes = ["marketing"]\n[verdict]'),
         "unknown key response (known: description, hours, lanes, name, populations, start, "
         "step_minutes, tenants, traffic, verdict)"),
        (("[verdict]", '[lanes]\npause_on_alarm = "marketing"\n[verdict]'),
         "lanes.pause_on_alarm must be a list of lane names"),
        (("[verdict]", '[tenants]\nmarketing = "lenient"\n[verdict]'),
         "tenants.marketing must be one of none, standard, strict"),
    ],
)  # fmt: skip
def test_a_bad_scenario_names_what_is_wrong(tmp_path, change, message):
    path = tmp_path / "bad.toml"
    path.write_text(GOOD.replace(*change))
    with pytest.raises(ScenarioError) as error:
        load(path)
    assert str(error.value) == f"{path}: {message}"


def test_make_lab_refuses_a_bad_scenario_with_one_line_and_exit_2(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("name = ")
    result = subprocess.run([sys.executable, "-m", "lab", "--scenario", str(path)], cwd=REPO,
                            capture_output=True, text=True, check=False)  # fmt: skip
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"error: {path}: not TOML")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('domain = "users.example"', 'domain = "users.example\\r\\nBcc: x@y"'),
         "populations.users.domain 'users.example\\r\\nBcc: x@y' is not a domain name "
         "(dot-separated labels of letters, digits and hyphens)"),
        (('domain = "users.example"', 'domain = "../../etc/passwd"'),
         "populations.users.domain '../../etc/passwd' is not a domain name "
         "(dot-separated labels of letters, digits and hyphens)"),
        (('lane = "transactional"', 'lane = "transactional"\nsender = "a\\nBcc: x@y"'),
         "traffic[0].sender 'a\\nBcc: x@y' is not the local part of an address"),
    ],
    ids=["crlf-domain", "path-domain", "newline-sender"],
)  # fmt: skip
def test_an_address_part_that_could_inject_headers_is_refused(tmp_path, change, message):
    path = tmp_path / "bad.toml"
    path.write_text(GOOD.replace(*change))
    with pytest.raises(ScenarioError) as error:
        load(path)
    assert str(error.value) == f"{path}: {message}"


@pytest.mark.parametrize(
    ("change", "where"),
    [(('lane = "transactional"', 'lane = "no-such-lane"'), "traffic[0].lane"),
     (("[verdict]", '[lanes]\npause_on_alarm = ["no-such-lane"]\n[verdict]'),
      "lanes.pause_on_alarm"),
     (("[verdict]", '[tenants]\nno-such-lane = "strict"\n[verdict]'), "tenants")],
    ids=["traffic", "pause_on_alarm", "tenants"],
)  # fmt: skip
def test_a_lane_the_lanes_run_does_not_create_is_refused_before_any_apply(tmp_path, change, where):
    path = tmp_path / "lane.toml"
    path.write_text(GOOD.replace(*change))
    began = time.monotonic()
    # No emulator or Terraform on PATH: reaching either would fail differently.
    result = subprocess.run([sys.executable, "-m", "lab", "--scenario", str(path), "--out",
                             str(tmp_path / "out")], cwd=REPO, capture_output=True, text=True,
                            check=False, env={"PATH": "/nonexistent"})  # fmt: skip
    assert time.monotonic() - began < 5
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {path}: {where} = 'no-such-lane' is not a lane "
        "(lanes: transactional, marketing, bulk-notifications)\n"
    )
    assert not (tmp_path / "out").exists()


def test_the_pause_key_becomes_envs_local_pause_on_alarm_for_every_lane():
    from lab.environments import pause_on_alarm

    scenario = load(SCENARIOS / "saas-day.toml")
    assert pause_on_alarm(scenario, lanes(), "lanes") == {
        "transactional": False, "marketing": True, "bulk-notifications": True}  # fmt: skip
    # the tenants run: SES's reputation policies are the only pause
    assert pause_on_alarm(scenario, lanes(), "tenants") == dict.fromkeys(lanes(), False)
    assert [scenario.tenant_policy(lane) for lane in lanes()] == ["standard", "strict", "standard"]


def test_the_lanes_known_before_apply_are_the_sets_envs_local_plans(env_plan_files):
    plan = json.loads(env_plan_files["local"].read_text())
    planned = {
        change["change"]["after"]["configuration_set_name"]
        for change in plan["resource_changes"]
        if change["type"] == "aws_sesv2_configuration_set"
    }
    assert set(lanes()) == planned and len(lanes()) == len(planned)
