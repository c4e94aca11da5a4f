"""The gate reads only what it can hold: devices and oversized inputs are refused before they
are read, stdin that is closed is one line, and a plan that is JSON but not a plan's shape
(a key twice, a field of the wrong type) is refused rather than half-read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sesguard.cli import main

SESGUARD = Path(sys.executable).with_name("sesguard")


def one_line_exit_2(capsys, argv: list[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("sesguard: "), err
    return err


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "/dev/zero"],
        ["summary", "/dev/zero"],
        ["check", "plan.json", "--config", "/dev/zero"],
        ["scan", ".", "--plan", "/dev/zero"],
        ["audit", "--region", "us-east-1", "--plan", "/dev/zero"],
    ],
)
def test_a_device_is_refused_before_a_byte_is_read(capsys, argv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.json").write_text("{}")
    err = one_line_exit_2(capsys, argv)
    assert "/dev/zero is not a regular file" in err


def test_a_plan_over_the_cap_is_refused_with_the_flag_that_raises_it(capsys, tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_bytes(b" " * (2 * 1024 * 1024))
    err = one_line_exit_2(capsys, ["check", str(plan), "--max-input-mib", "1"])
    assert "larger than 1 MiB" in err and "--max-input-mib" in err


def test_stdin_past_the_cap_stops_reading_at_the_cap():
    # /dev/zero on stdin never ends: the gate must stop at the cap, not grow until killed.
    with open("/dev/zero", "rb") as zeros:
        done = subprocess.run(
            [str(SESGUARD), "check", "-", "--max-input-mib", "4"],
            stdin=zeros,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert (
        done.stderr
        == "sesguard: plan stdin is larger than 4 MiB: raise --max-input-mib if it really is one\n"
    )


def test_a_pipe_within_the_cap_is_read(production, tmp_path):
    done = subprocess.run(
        [str(SESGUARD), "check", "-", "--format", "json"],
        input=json.dumps(production).encode(),
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_closed_stdin_is_one_line_not_a_traceback():
    done = subprocess.run(
        [str(SESGUARD), "check", "-"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    closed = subprocess.run(
        f"{SESGUARD} check - <&-", shell=True, capture_output=True, text=True, timeout=60
    )
    assert closed.returncode == 2, closed.stderr
    assert closed.stderr == "sesguard: plan from stdin, but standard input is closed\n"


@pytest.mark.parametrize("value", ["0", "-5", "lots"])
def test_the_cap_takes_a_positive_whole_number(capsys, value):
    err = one_line_exit_2(capsys, ["check", "plan.json", "--max-input-mib", value])
    assert f"argument --max-input-mib: {value!r} is not a whole number above 0" in err


def test_a_top_level_key_twice_is_refused(capsys, production, tmp_path):
    # json.loads keeps the last copy: an empty second list would hide every real change.
    real = json.dumps(production)
    doubled = real[:-1] + ', "resource_changes": []}'
    path = tmp_path / "plan.json"
    path.write_text(doubled)
    err = one_line_exit_2(capsys, ["check", str(path)])
    assert "top-level key 'resource_changes' twice" in err


@pytest.mark.parametrize(
    "field, value, wanted",
    [
        ("configuration", "x", "an object, not str"),
        ("resource_changes", {}, "an array, not dict"),
        ("planned_values", [], "an object, not list"),
        ("prior_state", 3, "an object, not int"),
        ("variables", "x", "an object, not str"),
    ],
)
def test_a_top_level_field_of_the_wrong_type_is_refused(
    capsys, production, tmp_path, field, value, wanted
):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps({**production, field: value}))
    err = one_line_exit_2(capsys, ["check", str(path)])
    assert f"plan field '{field}' must be {wanted}" in err


def test_the_top_level_reader_reports_broken_json_as_before(capsys, tmp_path):
    for broken, wanted in [
        ('{"format_version": "1.2", ', "plan is truncated"),
        ('{"format_version": "1.2" "x": 1}', "Expecting ',' delimiter"),
        ('{"format_version": "1.2"} trailing', "Extra data"),
        ("{format_version: 1}", "Expecting property name"),
    ]:
        path = tmp_path / "plan.json"
        path.write_text(broken)
        assert wanted in one_line_exit_2(capsys, ["check", str(path)])


def test_a_config_is_read_through_the_same_bounds(capsys, tmp_path):
    err = one_line_exit_2(capsys, ["check", "plan.json", "--config", str(tmp_path)])
    assert "config path is a directory" in err
    err = one_line_exit_2(capsys, ["check", "plan.json", "--config", str(tmp_path / "none.toml")])
    assert "config file not found" in err
