"""The emulator judged on SES answers recorded by LocalStack (tools/oracle_localstack.py).

Needs a localstack checkout ($LOCALSTACK_CHECKOUT); CI has no network to fetch one, so the
test skips without it. docs/emulator.md records the numbers measured with one.
"""

from __future__ import annotations

import os
from pathlib import Path

import oracle_localstack as oracle
import pytest

CHECKOUT = os.environ.get("LOCALSTACK_CHECKOUT", "")


@pytest.fixture
def checkout() -> Path:
    path = Path(CHECKOUT).expanduser()
    if not CHECKOUT or not (path / oracle.SNAPSHOT).is_file():
        pytest.skip(f"no LocalStack snapshots: set LOCALSTACK_CHECKOUT to a localstack "
                    f"checkout holding {oracle.SNAPSHOT}")  # fmt: skip
    return path


def test_every_replayed_test_agrees_with_the_answers_ses_recorded(emulator, checkout, capsys):
    verdicts = oracle.judge(checkout, emulator)
    with capsys.disabled():
        print("\n" + oracle.report(verdicts))
    replayed = [v for v in verdicts if v.outcome != "not replayed"]
    assert len(replayed) >= 25  # the rebuildable tests of the recording are all replayed
    # The one known difference: the recording's account was in the sandbox (200 a day,
    # 1 a second); the emulator's account is a production one (docs/emulator.md).
    assert [v.test for v in replayed if v.outcome == "differs"] == ["test_sent_message_counter"]


def test_placeholders_stand_for_any_value_and_names_become_placeholders():
    recorded = {"Error": {"Message": "Configuration set <<config-set>> does not exist."},
                "CreatedTimestamp": "timestamp"}  # fmt: skip
    answer = {"Error": {"Message": "Configuration set <cs-1> does not exist."},
              "CreatedTimestamp": "2026-01-01T00:00:00"}  # fmt: skip
    got = oracle.normalized(answer, {"cs-1": "<config-set>"})
    assert oracle.difference(recorded, got) is None
    assert oracle.difference({"a": "x"}, {"a": "y"}) == "$.a: 'y', recorded 'x'"


def test_a_path_without_the_snapshots_is_bad_input(tmp_path, capsys):
    assert oracle.main(["--localstack", str(tmp_path), "--endpoint-url", "http://127.0.0.1:1"]) == 2
    assert capsys.readouterr().err.startswith("oracle: no tests/aws/services/ses/")
