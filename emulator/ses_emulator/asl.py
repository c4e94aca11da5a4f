"""Structural checks of an Amazon States Language definition, as ValidateStateMachineDefinition
answers them: the hashicorp/aws provider calls that API while planning a state machine, so
the emulator and offline plans answer it with these checks instead of an unconditional OK."""

from __future__ import annotations

import json
from typing import Any

STATE_TYPES = frozenset({"Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"})
_TERMINAL = frozenset({"Succeed", "Fail"})


def diagnostics(definition: str) -> list[dict[str, str]]:
    """Problems with the definition (empty when valid), in the API's diagnostic shape."""
    try:
        machine = json.loads(definition)
    except (TypeError, ValueError) as err:
        return [_error("INVALID_JSON_DESCRIPTION", f"definition is not JSON: {err}", "/")]
    if not isinstance(machine, dict):
        return [_error("SCHEMA_VALIDATION_FAILED", "definition must be a JSON object", "/")]
    states = machine.get("States")
    if not isinstance(states, dict) or not states:
        return [_error("SCHEMA_VALIDATION_FAILED", "States must be a non-empty object", "/States")]
    found = []
    if machine.get("StartAt") not in states:
        start = machine.get("StartAt")
        found.append(
            _error("MISSING_TRANSITION_TARGET", f"StartAt {start!r} names no state", "/StartAt")
        )
    for name, state in states.items():
        found += _state_problems(name, state, states)
    return found


def _state_problems(name: str, state: Any, states: dict[str, Any]) -> list[dict[str, str]]:
    where = f"/States/{name}"
    if not isinstance(state, dict) or state.get("Type") not in STATE_TYPES:
        kind = state.get("Type") if isinstance(state, dict) else None
        return [_error("SCHEMA_VALIDATION_FAILED", f"unknown state Type {kind!r}", where)]
    targets = [state["Next"]] if "Next" in state else []
    if state["Type"] == "Choice":
        targets += [choice.get("Next") for choice in state.get("Choices", [])]
        targets += [state["Default"]] if "Default" in state else []
        if not state.get("Choices"):
            return [_error("SCHEMA_VALIDATION_FAILED", "a Choice state needs Choices", where)]
    elif state["Type"] not in _TERMINAL and "Next" not in state and state.get("End") is not True:
        return [_error("SCHEMA_VALIDATION_FAILED", "state needs Next or End", where)]
    if state["Type"] == "Task" and not isinstance(state.get("Resource"), str):
        return [_error("SCHEMA_VALIDATION_FAILED", "a Task state needs a Resource", where)]
    return [
        _error("MISSING_TRANSITION_TARGET", f"Next {target!r} names no state", where)
        for target in targets
        if target not in states
    ]


def _error(code: str, message: str, location: str) -> dict[str, str]:
    return {"severity": "ERROR", "code": code, "message": message, "location": location}
