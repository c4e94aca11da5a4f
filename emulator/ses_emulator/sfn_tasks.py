"""The Task resources an emulated execution can call, answered inside the emulator.

`arn:aws:states:::aws-sdk:sesv2:<action>` runs the emulator's own SES v2 handler for the
action (parameters in the API's PascalCase members, checked against the botocore model like
an HTTP request), so a pause reaches the same configuration set a send reads.
`arn:aws:states:::sns:publish` publishes through moto's SNS backend, so the topic's
subscriptions receive the message. Failures are named as Step Functions names them
(`SesV2.NotFoundException`); any other resource is `TaskError` naming it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from moto.sns.models import sns_backends

from .exceptions import BadRequestException, SesV2Error
from .models import sesv2_extension_backends
from .registry import HANDLERS
from .service_model import sesv2

SDK_PREFIX = ":states:::aws-sdk:"
SNS_PUBLISH = ":states:::sns:publish"


class TaskError(Exception):
    def __init__(self, error: str, cause: str) -> None:
        super().__init__(cause)
        self.error = error
        self.cause = cause


@dataclass(frozen=True)
class Resource:
    resource_type: str  # as the history names it: "aws-sdk:sesv2", "sns"
    resource: str  # the action: "putConfigurationSetSendingOptions", "publish"


def resource_of(arn: str) -> Resource:
    """The integration a Task's Resource names; TaskError for one the emulator does not run."""
    if SDK_PREFIX in arn:
        service, _, action = arn.split(SDK_PREFIX, 1)[1].partition(":")
        if service == "sesv2" and action:
            return Resource("aws-sdk:sesv2", action)
    elif arn.endswith(SNS_PUBLISH):
        return Resource("sns", "publish")
    raise TaskError("States.Runtime", f"Task resource {arn} is not supported by the SES emulator "
                                      "(it runs aws-sdk:sesv2:* and sns:publish)")  # fmt: skip


def call(resource: Resource, parameters: Any, account_id: str, region: str) -> dict[str, Any]:
    """Run the integration; its result (the API's response members) or TaskError."""
    if not isinstance(parameters, dict):
        raise TaskError("States.Runtime", "the Task's Parameters must be a JSON object")
    if resource.resource_type == "sns":
        return _sns_publish(parameters, account_id, region)
    return _sesv2(resource.resource, parameters, account_id, region)


def _sesv2(action: str, parameters: dict[str, Any], account_id: str, region: str) -> dict:
    operation_name = action[:1].upper() + action[1:]
    operation = sesv2().operations.get(operation_name)
    handler = HANDLERS.get(operation_name)
    if operation is None or handler is None:
        raise TaskError("States.Runtime", f"SES v2 action {action} is not served by the SES "
                                          "emulator")  # fmt: skip
    try:
        if operation.input_shape is not None:
            problems = list(sesv2().check(operation.input_shape, parameters, ""))
            if problems:
                raise BadRequestException("; ".join(problems))
        result = handler(sesv2_extension_backends[account_id][region], dict(parameters))
    except SesV2Error as error:
        raise TaskError(f"SesV2.{error.code}", error.message) from None
    return json.loads(json.dumps(result, default=_timestamp))


def _sns_publish(parameters: dict[str, Any], account_id: str, region: str) -> dict[str, Any]:
    topic, message = parameters.get("TopicArn"), parameters.get("Message")
    if not isinstance(topic, str) or message is None:
        raise TaskError("SNS.InvalidParameterException", "TopicArn and Message are required")
    # Step Functions serialises a JSON Message; subscribers receive the text.
    text = message if isinstance(message, str) else json.dumps(message)
    parts = topic.split(":")
    if len(parts) != 6:
        raise TaskError("SNS.InvalidParameterException", f"{topic} is not a topic ARN")
    try:
        message_id = sns_backends[parts[4]][parts[3]].publish(
            text, arn=topic, subject=parameters.get("Subject")
        )
    except Exception as error:  # moto's SNS errors: the topic is gone, the subject too long
        code = getattr(error, "error_type", None) or type(error).__name__
        raise TaskError(f"SNS.{code}", str(getattr(error, "message", error))) from None
    return {"MessageId": message_id}


def _timestamp(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.timestamp()
    raise TypeError(f"{type(value).__name__} is not JSON")
