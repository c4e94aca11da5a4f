"""Step Functions executions the emulator runs itself, on its clock.

An EventBridge target (default_bus.py) starts one: the state machine moto stores is read
and run to its end at once, every history event stamped with the emulator's current time.
States run: Task (the integrations of sfn_tasks.py), Pass, Choice, Succeed, Fail, with
InputPath, Parameters (`.$` keys), ResultSelector, ResultPath, OutputPath and Catch. Retry
is not replayed (an emulator call fails the same way twice). Any other state type fails the
execution naming it. The execution is kept in moto's Step Functions backend, so
ListExecutions, DescribeExecution and GetExecutionHistory answer with what happened.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from moto.stepfunctions.models import Execution
from moto.stepfunctions.responses import get_backend

from . import asl_data, clock, sfn_tasks
from .asl_data import DataError
from .sfn_tasks import TaskError

RUNS = frozenset({"Task", "Pass", "Choice", "Succeed", "Fail"})
MAX_TRANSITIONS = 1000  # a Choice loop must not hang the emulator


class EmulatedExecution(Execution):
    """moto's execution record, with the status, dates and history of a real run."""

    def __init__(self, machine: Any, name: str, execution_input: str) -> None:
        super().__init__(machine.backend.region_name, machine.backend.account_id, machine.name,
                         name, machine.arn, execution_input)  # fmt: skip
        self.start_date = _naive_now()  # moto serves naive UTC dates
        self.status = "RUNNING"
        self.events: list[dict[str, Any]] = []

    def get_execution_history(self, roleArn: str) -> list[dict[str, Any]]:  # noqa: N803
        return list(self.events)

    def record(self, kind: str, details_key: str | None = None, **details: Any) -> None:
        event: dict[str, Any] = {
            "timestamp": clock.now(),
            "type": kind,
            "id": len(self.events) + 1,
            "previousEventId": len(self.events),
        }
        if details_key:
            event[details_key] = details
        self.events.append(event)

    def finish(self, status: str, **fields: Any) -> None:
        self.status, self.stop_date = status, _naive_now()
        for name, value in fields.items():
            setattr(self, name, value)


def start(account_id: str, region: str, machine_arn: str, document: Any) -> EmulatedExecution:
    """Start and run an execution of the state machine; raises KeyError when it does not exist."""
    backend = get_backend(account_id, region)
    machine = next((m for m in backend.state_machines if m.arn == machine_arn), None)
    if machine is None:
        raise KeyError(machine_arn)
    text = json.dumps(document)
    execution = EmulatedExecution(machine, str(uuid.uuid4()), text)
    machine.executions.append(execution)
    execution.record("ExecutionStarted", "executionStartedEventDetails", input=text,
                     inputDetails={"truncated": False}, roleArn=machine.roleArn)  # fmt: skip
    try:
        output = _run(json.loads(machine.definition), document, execution)
    except (DataError, TaskError) as failure:
        execution.record("ExecutionFailed", "executionFailedEventDetails",
                         error=failure.error, cause=failure.cause)  # fmt: skip
        execution.finish("FAILED", error=failure.error, cause=failure.cause)
    else:
        text = json.dumps(output)
        execution.record("ExecutionSucceeded", "executionSucceededEventDetails",
                         output=text, outputDetails={"truncated": False})  # fmt: skip
        execution.finish("SUCCEEDED", output=text, output_details={"truncated": False})
    return execution


def recent(account_id: str, region: str, limit: int = 20) -> list[EmulatedExecution]:
    """The emulator's own executions in this account and region, newest first."""
    machines = get_backend(account_id, region).state_machines
    runs = [e for m in machines for e in m.executions if isinstance(e, EmulatedExecution)]
    return sorted(runs, key=lambda e: e.start_date, reverse=True)[:limit]


def _run(definition: dict[str, Any], document: Any, execution: EmulatedExecution) -> Any:
    states, name = definition["States"], definition["StartAt"]
    context = {
        "Execution": {"Id": execution.execution_arn, "Name": execution.name,
                      "Input": document, "StartTime": clock.now().isoformat()},
        "StateMachine": {"Id": execution.state_machine_arn, "Name": execution.state_machine_arn
                         .rsplit(":", 1)[-1]},
    }  # fmt: skip
    for _ in range(MAX_TRANSITIONS):
        state = states[name]
        kind = state.get("Type")
        if kind not in RUNS:
            raise DataError("States.Runtime", f"state {name!r} is a {kind} state, which the SES "
                                              "emulator does not run")  # fmt: skip
        context["State"] = {"Name": name, "EnteredTime": clock.now().isoformat()}
        execution.record(f"{kind}StateEntered", "stateEnteredEventDetails", name=name,
                         input=json.dumps(document), inputDetails={"truncated": False})  # fmt: skip
        if kind == "Fail":
            raise DataError(state.get("Error", "States.Fail"), state.get("Cause", ""))
        document, following = _step(name, state, document, context, execution)
        execution.record(f"{kind}StateExited", "stateExitedEventDetails", name=name,
                         output=json.dumps(document),
                         outputDetails={"truncated": False})  # fmt: skip
        if following is None:
            return document
        name = following
    raise DataError("States.Runtime", f"more than {MAX_TRANSITIONS} state transitions")


def _step(name: str, state: dict, document: Any, context: dict, execution: EmulatedExecution):
    """(the state's output, the next state's name or None at the end)."""
    input_path = state.get("InputPath", "$")
    effective = {} if input_path is None else asl_data.read(input_path, document, context)
    kind = state["Type"]
    if kind == "Choice":
        for rule in state.get("Choices", []):
            if asl_data.matches(rule, effective, context):
                return _output(state, effective, context), rule["Next"]
        if "Default" not in state:
            raise DataError("States.NoChoiceMatched", f"no Choice rule of {name!r} matched")
        return _output(state, effective, context), state["Default"]
    if kind == "Succeed":
        return _output(state, effective, context), None
    if "Parameters" in state:
        effective = asl_data.fill(state["Parameters"], effective, context)
    if kind == "Pass":
        result = state.get("Result", effective)
    else:
        try:
            result = _task(state, effective, context, execution)
        except TaskError as failure:
            handler = _catcher(state, failure.error)
            if handler is None:
                raise
            error_output = {"Error": failure.error, "Cause": failure.cause}
            return asl_data.place(error_output, handler.get("ResultPath", "$"), document), (
                handler["Next"])  # fmt: skip
    placed = asl_data.place(result, state.get("ResultPath", "$"), document)
    return _output(state, placed, context), None if state.get("End") else state.get("Next")


def _task(state: dict, parameters: Any, context: dict, execution: EmulatedExecution) -> Any:
    resource = sfn_tasks.resource_of(state["Resource"])
    kind, action = resource.resource_type, resource.resource
    execution.record("TaskScheduled", "taskScheduledEventDetails", resourceType=kind,
                     resource=action, region=execution.region_name,
                     parameters=json.dumps(parameters))  # fmt: skip
    execution.record("TaskStarted", "taskStartedEventDetails", resourceType=kind, resource=action)
    try:
        result = sfn_tasks.call(resource, parameters, execution.account_id, execution.region_name)
    except TaskError as failure:
        execution.record("TaskFailed", "taskFailedEventDetails", resourceType=kind,
                         resource=action, error=failure.error, cause=failure.cause)  # fmt: skip
        raise
    execution.record("TaskSucceeded", "taskSucceededEventDetails", resourceType=kind,
                     resource=action, output=json.dumps(result),
                     outputDetails={"truncated": False})  # fmt: skip
    if "ResultSelector" in state:
        result = asl_data.fill(state["ResultSelector"], result, context)
    return result


def _catcher(state: dict, error: str) -> dict | None:
    for catcher in state.get("Catch", []):
        names = catcher.get("ErrorEquals", [])
        if (
            error in names
            or "States.ALL" in names
            or ("States.TaskFailed" in names and not error.startswith("States."))
        ):
            return catcher
    return None


def _output(state: dict, document: Any, context: dict) -> Any:
    path = state.get("OutputPath", "$")
    return {} if path is None else asl_data.read(path, document, context)


def _naive_now() -> dt.datetime:
    return clock.now().astimezone(dt.timezone.utc).replace(tzinfo=None)
