"""Malformed input of every kind a user can hand the gate: exit 2, one stderr line, no traceback."""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plan_mutations import config_set, one
from sesguard import InputError, check_plan
from sesguard.cli import main
from sesguard.report import FORMATS, render

SESGUARD = Path(sys.executable).with_name("sesguard")


def text(plan: dict) -> bytes:
    return json.dumps(plan).encode()


def edited(edit):
    """Bytes of the production plan after `edit(plan)`: wrong types in real fields."""

    def make(plan: dict) -> bytes:
        plan = copy.deepcopy(plan)
        edit(plan)
        return text(plan)

    return make


def _set(plan, stream="marketing"):
    return config_set(plan, stream)["change"]["after"]


def _zip(plan: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("tfplan", b"\x00binary plan")
    return buffer.getvalue()


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def _deep_in_plan(plan: dict) -> bytes:
    return text(plan).replace(
        b'"format_version"', b'"deep": ' + _nested(200_000) + b', "format_version"', 1
    )


BAD_PLANS = {
    "empty file": lambda p: b"",
    "only whitespace": lambda p: b" \n\t\n",
    "not JSON": lambda p: b"this is not json",
    "HCL instead of JSON": lambda p: b'resource "aws_sesv2_configuration_set" "x" {}\n',
    "truncated in half": lambda p: text(p)[: len(text(p)) // 2],
    "truncated last byte": lambda p: text(p)[:-1],
    "binary plan file (zip)": _zip,
    "UTF-32 with BOM": lambda p: json.dumps(p).encode("utf-32"),
    "UTF-16 without BOM": lambda p: json.dumps(p).encode("utf-16-le"),
    "Latin-1 bytes": lambda p: b'{"format_version": "1.2", "x": "caf\xe9"}',
    "NaN literal": lambda p: text(p).replace(b'"applyable": true', b'"applyable": NaN'),
    "huge integer": lambda p: text(p).replace(b'"applyable": true', b'"applyable": ' + b"9" * 5000),
    "float overflow": lambda p: text(p).replace(b'"applyable": true', b'"applyable": 1e400'),
    "deeply nested array": lambda p: _nested(200_000),
    "deep nesting inside a plan": _deep_in_plan,
    "top-level array": lambda p: b"[]",
    "top-level string": lambda p: b'"plan"',
    "top-level null": lambda p: b"null",
    "raw state file": lambda p: text({"version": 4, "serial": 3, "lineage": "x", "resources": []}),
    "state JSON from terraform show": lambda p: text(
        {"format_version": p["format_version"], "values": p["prior_state"]["values"]}
    ),
    "older plan format 0.1": edited(lambda p: p.update(format_version="0.1")),
    "future plan format 2.0": edited(lambda p: p.update(format_version="2.0")),
    "format_version a number": edited(lambda p: p.update(format_version=1.2)),
    "format_version missing": edited(lambda p: p.pop("format_version")),
    "no resource changes or planned values": edited(
        lambda p: [p.pop("resource_changes"), p.pop("planned_values")]
    ),
    "resource_changes an object": edited(lambda p: p.update(resource_changes={})),
    "resource change a string": edited(lambda p: p["resource_changes"].append("x")),
    "address a number": edited(lambda p: config_set(p, "marketing").update(address=7)),
    "type empty": edited(lambda p: config_set(p, "marketing").update(type="")),
    "actions a string": edited(
        lambda p: config_set(p, "marketing")["change"].update(actions="create")
    ),
    "unknown action": edited(
        lambda p: config_set(p, "marketing")["change"].update(actions=["explode"])
    ),
    "after a list": edited(lambda p: config_set(p, "marketing")["change"].update(after=[])),
    "after_unknown a string": edited(
        lambda p: config_set(p, "marketing")["change"].update(after_unknown="yes")
    ),
    "suppression_options a string": edited(lambda p: _set(p).update(suppression_options="all")),
    "suppressed_reasons holds a number": edited(
        lambda p: _set(p)["suppression_options"][0].update(suppressed_reasons=[1])
    ),
    "tags a list": edited(lambda p: _set(p).update(tags=["stream"])),
    "pool name a number": edited(
        lambda p: _set(p)["delivery_options"][0].update(sending_pool_name=3)
    ),
    "alarm threshold a string": edited(
        lambda p: (
            one(p, "aws_cloudwatch_metric_alarm", "marketing", "rate")["change"]["after"]
            if False
            else [
                rc["change"]["after"].update(threshold="high")
                for rc in p["resource_changes"]
                if rc["type"] == "aws_cloudwatch_metric_alarm"
            ]
        )
    ),
    "event types an object": edited(
        lambda p: [
            rc["change"]["after"]["event_destination"][0].update(matching_event_types={})
            for rc in p["resource_changes"]
            if rc["type"] == "aws_sesv2_configuration_set_event_destination"
        ]
    ),
    "module address malformed": edited(
        lambda p: config_set(p, "marketing").update(module_address="module..x")
    ),
    "module_calls a list": edited(
        lambda p: p["configuration"]["root_module"].update(module_calls=[])
    ),
}

# The real CLI in a subprocess for a representative subset; the rest in-process (fast).
SUBPROCESS = {
    "empty file",
    "truncated in half",
    "binary plan file (zip)",
    "raw state file",
    "deeply nested array",
    "alarm threshold a string",
}


def assert_one_line_exit_2(code: int, out: str, err: str) -> None:
    assert code == 2, (code, err)
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("sesguard: ") and "Traceback" not in err


@pytest.mark.parametrize("name", sorted(BAD_PLANS))
def test_malformed_plan_exits_2_with_one_line(name, env_plans, tmp_path, capsys):
    path = tmp_path / "plan.json"
    path.write_bytes(BAD_PLANS[name](env_plans["production"]))
    if name in SUBPROCESS:
        done = subprocess.run(
            [str(SESGUARD), "check", str(path)], capture_output=True, text=True, timeout=60
        )
        assert_one_line_exit_2(done.returncode, done.stdout, done.stderr)
    else:
        code = main(["check", str(path)])
        captured = capsys.readouterr()
        assert_one_line_exit_2(code, captured.out, captured.err)


BAD_CONFIGS = {
    "invalid TOML": "streams = [",
    "unknown top-level key": "dimensions = 'stream'\n",
    "unknown class key": "[classes.marketing]\nmax_bounce = 0.02\n",
    "rate not a number": "[classes.marketing]\nmax_bounce_rate = 'high'\n",
    "rate a percentage": "[classes.marketing]\nmax_bounce_rate = 2\n",
    "unknown suppression reason": "[classes.marketing]\nsuppressed_reasons = ['SPAM']\n",
    "stream with unknown class": "[streams.receipts]\nclass = 'receipts'\n",
    "new class missing thresholds": "[classes.alerts]\nmax_bounce_rate = 0.01\n",
    "external_pools not a list": "[account]\nexternal_pools = 'legacy'\n",
    "streams not a table": "streams = 3\n",
}


@pytest.mark.parametrize("name", sorted(BAD_CONFIGS))
def test_invalid_config_exits_2_naming_the_key(name, env_plans, tmp_path, capsys):
    plan, config = tmp_path / "plan.json", tmp_path / "sesguard.toml"
    plan.write_bytes(text(env_plans["production"]))
    config.write_text(BAD_CONFIGS[name])
    code = main(["check", str(plan), "--config", str(config)])
    captured = capsys.readouterr()
    assert_one_line_exit_2(code, captured.out, captured.err)
    assert "config" in captured.err


BAD_ARGS = {
    "no command": [],
    "check without plan": ["check"],
    "unknown format": ["check", "plan.json", "--format", "xml"],
    "missing plan file": ["check", "does-not-exist.json"],
    "plan is a directory": ["check", "."],
    "missing config file": ["check", "PLAN", "--config", "nope.toml"],
    "unwritable output": ["check", "PLAN", "--output", "no/such/dir/report.txt"],
    "unknown rule": ["rules", "SES999"],
    "unknown option": ["check", "PLAN", "--strict"],
    "output is a directory": ["check", "PLAN", "--output", "."],
    "plan path through a file (unreadable)": ["check", "PLAN/plan.json"],
    "config is a directory": ["check", "PLAN", "--config", "."],
    "config path through a file (unreadable)": ["check", "PLAN", "--config", "PLAN/x.toml"],
}


@pytest.mark.parametrize("name", sorted(BAD_ARGS))
def test_unusable_arguments_exit_2_with_one_line(name, env_plans, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "PLAN").write_bytes(text(env_plans["production"]))
    code = main(BAD_ARGS[name])
    captured = capsys.readouterr()
    assert_one_line_exit_2(code, captured.out, captured.err)


@pytest.mark.parametrize(
    "argv", [["check", "PLAN"], ["check", "PLAN", "--format", "sarif"], ["rules"]]
)
def test_stdout_closed_early_exits_2_with_one_line(argv, env_plans, tmp_path):
    """`sesguard check plan.json | head -1`: the reader goes away before the report is out."""
    (tmp_path / "PLAN").write_bytes(text(env_plans["production"]))
    proc = subprocess.Popen(
        [str(SESGUARD), *argv], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    proc.stdout.close()  # nobody reads: the first write gets EPIPE
    err = proc.stderr.read().decode()
    assert_one_line_exit_2(proc.wait(timeout=60), "", err)
    assert "output" in err


@pytest.mark.parametrize("argv", [["check", "PLAN"], ["rules"]])
def test_stdout_on_a_full_disk_exits_2_with_one_line(argv, env_plans, tmp_path):
    (tmp_path / "PLAN").write_bytes(text(env_plans["production"]))
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [str(SESGUARD), *argv], cwd=tmp_path, stdout=full, stderr=subprocess.PIPE, timeout=60
        )
    assert_one_line_exit_2(done.returncode, "", done.stderr.decode())
    assert "No space left" in done.stderr.decode()


def test_ascii_only_terminal_gets_the_report_not_a_traceback(env_plans, tmp_path):
    (tmp_path / "PLAN").write_bytes(text(env_plans["production"]))
    done = subprocess.run(
        [str(SESGUARD), "check", "PLAN", "--format", "markdown"],
        cwd=tmp_path,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert b"sesguard: passed" in done.stdout


def test_bad_input_catalogue_is_large_enough():
    assert len(BAD_PLANS) + len(BAD_CONFIGS) + len(BAD_ARGS) >= 30
    assert len(BAD_PLANS) >= 30


@pytest.mark.parametrize(
    ("label", "encode"),
    [
        ("UTF-8 with BOM", lambda s: b"\xef\xbb\xbf" + s.encode()),
        ("UTF-16 with BOM (PowerShell >)", lambda s: s.encode("utf-16")),
        ("UTF-16BE with BOM", lambda s: b"\xfe\xff" + s.encode("utf-16-be")),
    ],
)
def test_plan_in_other_unicode_encodings_is_read(label, encode, env_plans, tmp_path, capsys):
    path = tmp_path / "plan.json"
    path.write_bytes(encode(json.dumps(env_plans["staging"])))
    assert main(["check", str(path)]) == 0
    assert "PASS" in capsys.readouterr().out


def test_plan_from_stdin(env_plans):
    done = subprocess.run(
        [str(SESGUARD), "check", "-", "--format", "json"],
        input=json.dumps(env_plans["local"]),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["errors"] == 0


# --- property: random damage to a real plan never escapes as an exception -------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*prefix, i))


@pytest.fixture(scope="module")
def ses_slice(env_plans) -> dict:
    """The staging plan cut down to its SES/alarm/IAM changes plus configuration (fast to copy)."""
    plan = copy.deepcopy(env_plans["staging"])
    plan["resource_changes"] = [
        rc
        for rc in plan["resource_changes"]
        if rc["type"].startswith(("aws_sesv2", "aws_cloudwatch_metric", "aws_iam"))
    ]
    plan.pop("planned_values", None)
    plan.pop("prior_state", None)
    return plan


@settings(
    max_examples=int(os.environ.get("SESGUARD_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_damage_to_a_real_plan_never_raises(ses_slice, data):
    plan = copy.deepcopy(ses_slice)
    paths = [
        *_paths(plan["resource_changes"], ("resource_changes",)),
        *_paths(plan["configuration"], ("configuration",)),
    ]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths[1:]))
        parent = plan
        try:
            for key in path[:-1]:
                parent = parent[key]
            if data.draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = data.draw(JSON_VALUES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit already removed this path
    try:
        report = check_plan(plan)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    for fmt in FORMATS:
        render(report, fmt)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            lambda p: json.dumps(p).encode("utf-16-le"),
            "plan is UTF-16LE without a byte-order mark: re-save it as UTF-8",
        ),
        (
            lambda p: json.dumps(p).encode("utf-32-be"),
            "plan is UTF-32BE without a byte-order mark: re-save it as UTF-8",
        ),
        (
            lambda p: b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4,
            "plan is binary data, not JSON text (a zero byte at offset 7): make one with "
            "`terraform plan -out=tfplan && terraform show -json tfplan > plan.json`",
        ),
    ],
    ids=["UTF-16LE", "UTF-32BE", "random bytes"],
)
def test_zero_bytes_are_named_for_what_they_are(content, message, env_plans, tmp_path, capsys):
    path = tmp_path / "plan.json"
    path.write_bytes(content(env_plans["production"]))
    assert main(["check", str(path)]) == 2
    assert capsys.readouterr().err == f"sesguard: {message}\n"
