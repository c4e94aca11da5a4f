"""ValidateStateMachineDefinition, which the hashicorp/aws provider calls while planning a
state machine: the emulator answers with real structural checks, over boto3."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.config import Config
from test_alarm_pause import PAUSE  # the module's definition of a lane's pause


@pytest.fixture
def sfn(emulator: str):
    return boto3.client(
        "stepfunctions",
        endpoint_url=emulator,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(retries={"max_attempts": 1}),
    )


def validate(sfn, definition: object) -> tuple[str, list[tuple[str, str]]]:
    text = definition if isinstance(definition, str) else json.dumps(definition)
    answer = sfn.validate_state_machine_definition(definition=text, type="STANDARD")
    return answer["result"], [(d["code"], d["location"]) for d in answer["diagnostics"]]


def test_a_well_formed_definition_is_ok(sfn):
    assert validate(sfn, PAUSE) == ("OK", [])


def test_a_transition_to_a_missing_state_fails_naming_the_state(sfn):
    broken = json.loads(json.dumps(PAUSE))
    broken["States"]["PauseSending"]["Next"] = "Notify"
    assert validate(sfn, broken) == (
        "FAIL",
        [("MISSING_TRANSITION_TARGET", "/States/PauseSending")],
    )


def test_unknown_start_type_and_a_dead_end_each_fail(sfn):
    broken = {
        "StartAt": "Nowhere",
        "States": {"A": {"Type": "Lambda"}, "B": {"Type": "Pass"}},
    }
    assert validate(sfn, broken) == (
        "FAIL",
        [
            ("MISSING_TRANSITION_TARGET", "/StartAt"),
            ("SCHEMA_VALIDATION_FAILED", "/States/A"),
            ("SCHEMA_VALIDATION_FAILED", "/States/B"),
        ],
    )


def test_text_that_is_not_json_fails(sfn):
    assert validate(sfn, "{not json") == ("FAIL", [("INVALID_JSON_DESCRIPTION", "/")])


def test_a_state_machine_lists_no_versions_so_the_provider_can_read_it(sfn):
    created = sfn.create_state_machine(
        name="pause",
        definition=json.dumps(PAUSE),
        roleArn="arn:aws:iam::123456789012:role/ses-pause/pause",
    )
    answer = sfn.list_state_machine_versions(stateMachineArn=created["stateMachineArn"])
    assert answer["stateMachineVersions"] == []
