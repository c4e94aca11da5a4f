"""Events AWS services put on an account's default EventBridge bus, delivered to its rules.

The rules and targets are the ones moto's events backend stores (Terraform and boto3 create
them over HTTP); their patterns are matched by moto's EventBridge pattern matcher (exact
values, prefix, suffix, anything-but, exists, numeric, `$or`). A Step Functions target starts
an execution the emulator runs at once (sfn_runner.py); every other target type moto delivers
(SQS, CloudWatch Logs, another bus). A disabled rule delivers nothing.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from moto.events.models import Rule, events_backends

from . import asl_data, clock, sfn_runner


@dataclass
class Delivery:
    started: list[str] = field(default_factory=list)  # execution ARNs
    failed: list[str] = field(default_factory=list)  # one line per target that took nothing


def event(account_id: str, region: str, source: str, detail_type: str, resources: list[str],
          detail: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
    """An event as EventBridge hands it to targets, stamped with the emulator's clock."""
    return {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": detail_type,
        "source": source,
        "account": account_id,
        "time": clock.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": region,
        "resources": resources,
        "detail": detail,
    }


def publish(message: dict[str, Any]) -> Delivery:
    """Deliver `message` to every enabled rule of its account's default bus that matches it."""
    delivery = Delivery()
    account_id, region = message["account"], message["region"]
    backend = events_backends[account_id][region]
    bus = backend.event_buses.get("default")
    for rule in list(bus.rules.values()) if bus else []:
        if rule.state != "ENABLED" or not rule.event_pattern.matches_event(message):
            continue
        for target in rule.targets:
            if ":states:" in target["Arn"]:
                _start(rule.name, target, message, delivery)
        others = [t for t in rule.targets if ":states:" not in t["Arn"]]
        if others:
            _moto_delivers(rule, others, message, delivery)
    return delivery


def _moto_delivers(rule: Any, targets: list[dict], message: dict, delivery: Delivery) -> None:
    """SQS, CloudWatch Logs and bus targets, delivered by moto as its PutEvents does."""
    # moto reads `time` as epoch seconds and formats it back; its templates read `ingestion-time`
    stamped = {**message, "time": clock.now().timestamp()}
    # Without an InputTransformer the target gets the whole event (moto's default template
    # would drop `account`).
    plain = [t for t in targets if "InputTransformer" not in t]
    try:
        for group, transform in ((plain, False), ([t for t in targets if t not in plain], True)):
            if group:
                copy = Rule(rule.name, rule.account_id, rule.region_name, None,
                            rule.event_pattern.dump(), None, None, "default", "ENABLED",
                            targets=group)  # fmt: skip
                extra = {"ingestion-time": stamped["time"]} if transform else {}
                copy.send_to_targets({**stamped, **extra}, transform_input=transform)
    except Exception as error:  # a target that is gone: EventBridge counts a failed invocation
        delivery.failed.append(f"rule {rule.name}: {type(error).__name__}: {error}")


def _start(rule: str, target: dict[str, Any], message: dict[str, Any], delivery: Delivery) -> None:
    where = f"rule {rule}, target {target['Id']}"
    try:
        document = _input(target, message)
        execution = sfn_runner.start(message["account"], message["region"], target["Arn"],
                                     document)  # fmt: skip
    except KeyError:
        delivery.failed.append(f"{where}: state machine {target['Arn']} does not exist")
    except (ValueError, asl_data.DataError) as error:
        delivery.failed.append(f"{where}: {error}")
    else:
        delivery.started.append(execution.execution_arn)


def _input(target: dict[str, Any], message: dict[str, Any]) -> Any:
    if "InputTransformer" in target:
        raise ValueError("InputTransformer is not supported by the SES emulator")
    if target.get("Input") is not None:
        return json.loads(target["Input"])
    if target.get("InputPath"):
        return asl_data.read(target["InputPath"], message, {})
    return message
