"""Two Step Functions calls moto 5.2 does not serve and the hashicorp/aws provider makes for
every aws_sfn_state_machine: ValidateStateMachineDefinition while planning, answered with
the emulator's own checks (asl.py) so a definition that would fail in AWS fails here too,
and ListStateMachineVersions while reading, answered with no versions (a 500 there makes
the provider retry for many minutes). Nothing here publishes a version."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from .asl import diagnostics

_VALIDATE = "AWSStepFunctions.ValidateStateMachineDefinition"
_VERSIONS = "AWSStepFunctions.ListStateMachineVersions"
StartResponse = Callable[..., Any]


def is_validate_request(environ: dict[str, Any]) -> bool:
    return environ.get("REQUEST_METHOD") == "POST" and environ.get("HTTP_X_AMZ_TARGET") == _VALIDATE


def is_served(environ: dict[str, Any]) -> bool:
    """Whether this module answers the request (the server sends the rest to moto)."""
    return environ.get("REQUEST_METHOD") == "POST" and environ.get("HTTP_X_AMZ_TARGET") in (
        _VALIDATE,
        _VERSIONS,
    )


def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    if environ.get("HTTP_X_AMZ_TARGET") == _VERSIONS:
        return _json(start_response, "200 OK", {"stateMachineVersions": []})
    length = int(environ.get("CONTENT_LENGTH") or 0)
    try:
        request = json.loads(environ["wsgi.input"].read(length) or b"{}")
    except ValueError:
        request = None
    if not isinstance(request, dict) or not isinstance(request.get("definition"), str):
        body = {"__type": "ValidationException", "message": "definition is required"}
        return _json(start_response, "400 Bad Request", body)
    found = diagnostics(request["definition"])
    return _json(start_response, "200 OK",
                 {"result": "FAIL" if found else "OK", "diagnostics": found})  # fmt: skip


def _json(start_response: StartResponse, status: str, body: dict[str, Any]) -> Iterable[bytes]:
    payload = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/x-amz-json-1.0"),
                            ("Content-Length", str(len(payload)))])  # fmt: skip
    return [payload]
