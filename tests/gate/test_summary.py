"""`sesguard summary`: the reviewer's table, built from the same model the rules read."""

from __future__ import annotations

import json

import pytest
from sesguard.cli import main
from sesguard.model import model_from_plan
from sesguard.summary import render_summary, threshold_text


def summary(plan: dict, title: str = "plan") -> str:
    return render_summary(model_from_plan(plan), title)


def rows_by_stream(text: str) -> dict[str, str]:
    return {line.split()[0]: line for line in text.splitlines() if line.split()[:1]}


def test_summary_lists_every_stream_with_pool_suppression_and_thresholds(env_plans):
    text = summary(env_plans["production"], "production")
    assert text.startswith("production: 66 create\n")
    rows = rows_by_stream(text)
    assert rows["marketing"].split("  ")[0] == "marketing"
    assert "marketing-pool (MANAGED)" in rows["marketing"]
    assert "(shared)" in rows["transactional"] and " BOUNCE " in rows["transactional"]
    assert " 1 % " in rows["transactional"] and " 0.05 % " in rows["transactional"]
    assert rows["transactional"].endswith("ses-production-oncall")
    assert rows["marketing"].endswith("ses-production-deliverability")
    assert "identity mail.example.com: default configuration set transactional" in text


def test_summary_gives_root_level_sets_a_row_each():
    def change(rtype: str, name: str, after: dict) -> dict:
        return {
            "address": f"{rtype}.{name}",
            "mode": "managed",
            "type": rtype,
            "name": name,
            "change": {"actions": ["create"], "after": after},
        }

    plan = {
        "resource_changes": [
            change("aws_sesv2_configuration_set", "r", {"configuration_set_name": "receipts"}),
            change("aws_sesv2_configuration_set", "n", {"configuration_set_name": "newsletter"}),
            change(
                "aws_sesv2_configuration_set_event_destination",
                "cw",
                {
                    "configuration_set_name": "newsletter",
                    "event_destination_name": "cw",
                    "event_destination": [{"enabled": True}],
                },
            ),
        ]
    }
    rows = [
        line for line in summary(plan).splitlines() if line.startswith(("receipts", "newsletter"))
    ]
    assert [row.split()[0] for row in rows] == ["newsletter", "receipts"]
    assert " cw " in rows[0] + " " and " cw" not in rows[1]


def test_summary_keeps_root_level_sets_of_a_foreign_plan_apart(production):
    """Someone else's plan: sets at the root, no stream modules. One row each, not one merged."""
    for rc in production["resource_changes"]:
        rc.pop("module_address", None)
    text = summary(production, "foreign")
    assert {"transactional", "marketing", "bulk-notifications"} <= set(rows_by_stream(text))
    marketing = next(line for line in text.splitlines() if line.startswith("marketing "))
    assert "marketing-pool (MANAGED)" in marketing and "cloudwatch" in marketing


@pytest.mark.parametrize(
    ("threshold", "percent", "shown"),
    [(0.02, False, "2 %"), (0.0005, False, "0.05 %"), (2, True, "2 %"), (None, False, "(unknown)")],
)
def test_thresholds_read_as_percentages(threshold, percent, shown):
    assert threshold_text(threshold, percent) == shown


def test_summary_cli_titles_the_table_with_the_plan_name(tmp_path, env_plans, capsys):
    plan = tmp_path / "staging.json"
    plan.write_text(json.dumps(env_plans["staging"]))
    assert main(["summary", str(plan)]) == 0
    out = capsys.readouterr().out
    assert out == summary(env_plans["staging"], "staging")


def test_summary_of_unusable_input_is_one_line_and_exit_2(tmp_path, capsys):
    plan = tmp_path / "plan.json"
    plan.write_text('{"resource_changes": "nope"}')
    assert main(["summary", str(plan)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sesguard: ") and err.count("\n") == 1
