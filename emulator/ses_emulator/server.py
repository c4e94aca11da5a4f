"""The emulator's WSGI app: moto's server, with SES v2 answered by this package.

Why a WSGI middleware and not more `url_paths` on moto's sesv2 backend: in
server mode moto turns each url_path regex into a werkzeug rule
(`convert_regex_to_flask_path`), which keeps only named groups; its
`{0}/v2/.*$` catch-all becomes the literal path `/v2/.*` and never matches, so
every v2 route moto does not list answers an HTML 404 (an unsigned one even
falls through to S3's XML `NoSuchBucket`). Sitting in front of moto and routing
every `/v2/email/...` request by the botocore model keeps the change in one
place, patches nothing inside moto, and guarantees a JSON answer for every v2
path. Everything else (STS, SNS, CloudWatch, IAM, KMS, ...) is moto's."""

from __future__ import annotations

import importlib
import io
import json
import os
import pkgutil
import re
import sys
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, quote

from moto.iam.models import get_account_id_from
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

from . import (
    HEALTH_PATH,
    cloudwatch_api,
    control,
    local_api,
    ses_v1,
    stepfunctions_api,
)
from .exceptions import (
    EmulatorFault,
    NotImplementedException,
    SesV2Error,
    UnknownOperationException,
)
from .guard import Allowed, Guard
from .models import sesv2_extension_backends
from .registry import HANDLERS
from .replay import Replay
from .service_model import Operation, sesv2

# The Go SDK still sends PutEmailIdentityDkimSigningAttributes under /v1 (data/sesv2_routes.json).
SESV2_PREFIXES = ("/v2/email", "/v1/email")
_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/\d{8}/([^/]+)/")
_STATUS_TEXT = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found",
                429: "Too Many Requests", 500: "Internal Server Error",
                501: "Not Implemented"}  # fmt: skip

StartResponse = Callable[..., Any]
# Run or manage the server from outside (and pytest_plugin needs pytest): they serve nothing.
NOT_SERVING = frozenset({"__main__", "lifecycle", "pytest_plugin"})


def _import_every_module() -> None:
    """Every module of the package, for what it registers (SES v2 handlers with `@handles`,
    v1 ones with `@handles_v1`, the clock's /_ses/ routes): a new area module is served
    without a line here."""
    package = __name__.rpartition(".")[0]
    for module in pkgutil.iter_modules(sys.modules[package].__path__):
        if module.name not in NOT_SERVING:
            importlib.import_module(f"{package}.{module.name}")


_import_every_module()
local_api.ROUTES.update(control.ROUTES)  # the SES v2 model's controls, beside the sending ones


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    error_type: str | None = None  # rest-json clients read the error code from x-amzn-ErrorType


class SesV2Extension:
    def __init__(self, moto_app: Callable[[dict, StartResponse], Iterable[bytes]]) -> None:
        self.moto_app = moto_app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == HEALTH_PATH:
            payload = json.dumps({"status": "ok", "operations": sorted(HANDLERS)}).encode()
            return _send(start_response, Answer(200, payload))
        if path in SESV2_PREFIXES or path.startswith(tuple(p + "/" for p in SESV2_PREFIXES)):
            try:
                return self._sesv2(environ, start_response)
            except Exception as error:  # a bug or a malformed request: still a JSON answer
                message = f"SES v2 emulator: unexpected {type(error).__name__}: {error}"
                body = json.dumps({"message": message}).encode()
                return _send(start_response, Answer(500, body, "InternalFailure"))
        if path == local_api.PREFIX or path.startswith(local_api.PREFIX + "/"):
            return local_api.app(environ, start_response)
        if cloudwatch_api.is_history_request(environ, lambda: _peek_body(environ)):
            return cloudwatch_api.app(environ, start_response)
        if stepfunctions_api.is_served(environ):
            return stepfunctions_api.app(environ, start_response)
        backend = lambda: _backend(_headers(environ))  # noqa: E731
        sent = ses_v1.intercept(environ, start_response, backend, self.moto_app)
        return sent if sent is not None else self.moto_app(environ, start_response)

    def _sesv2(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method, raw_path = environ["REQUEST_METHOD"], _raw_path(environ)
        routed = sesv2().resolve(method, raw_path)
        # Always drain the body: closing a socket with unread bytes resets the connection.
        body = _body(environ)
        headers = _headers(environ)
        return _send(start_response, _answer(routed, method, raw_path, environ, headers, body))


def _answer(
    routed: tuple[Operation, dict[str, str]] | None,
    method: str,
    raw_path: str,
    environ: dict[str, Any],
    headers: dict[str, str],
    body: bytes,
) -> Answer:
    try:
        if routed is None:
            raise UnknownOperationException(f"No SES v2 operation matches {method} {raw_path}.")
        op, uri_members = routed
        handler = HANDLERS.get(op.name)
        if handler is None:
            raise NotImplementedException(
                f"The SES v2 emulator does not implement {op.name} ({method} {op.request_uri})."
            )
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        params = sesv2().parse_request(op, uri_members, query, headers, body)
        result = handler(_backend(headers), params)
        return Answer(200, sesv2().render_output(op, result))
    except SesV2Error as error:
        status = {UnknownOperationException: 404, NotImplementedException: 501}.get(
            type(error), getattr(error, "http_status", None) or sesv2().error_status(error.code)
        )
        return Answer(status, json.dumps({"message": error.message}).encode(), error.code)
    except EmulatorFault as fault:
        return Answer(500, json.dumps({"message": str(fault)}).encode(), "InternalFailure")


def _send(start_response: StartResponse, answer: Answer) -> Iterable[bytes]:
    headers = [
        ("Content-Type", "application/json"),
        ("Content-Length", str(len(answer.body))),
        ("x-amzn-RequestId", str(uuid.uuid4())),
    ]
    if answer.error_type:
        headers.append(("x-amzn-ErrorType", answer.error_type))
    start_response(f"{answer.status} {_STATUS_TEXT.get(answer.status, 'Error')}", headers)
    return [answer.body]


def _raw_path(environ: dict[str, Any]) -> str:
    # Match on the path as sent (percent-encoded), so an encoded '/' inside a
    # member cannot split it; members are decoded after routing.
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if raw:
        return raw.split("?", 1)[0]
    return quote(environ.get("PATH_INFO", ""))


def _headers(environ: dict[str, Any]) -> dict[str, str]:
    return {
        key[5:].replace("_", "-").lower(): value
        for key, value in environ.items()
        if key.startswith("HTTP_")
    }


def _body(environ: dict[str, Any]) -> bytes:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    return environ["wsgi.input"].read(length) if length else b""


def _peek_body(environ: dict[str, Any]) -> bytes:
    # Reading the body consumes it: put it back for whoever answers the request.
    body = _body(environ)
    environ["wsgi.input"] = io.BytesIO(body)
    return body


def _backend(headers: dict[str, str]):
    """The backend of the caller's account and region, identified as moto does it."""
    credential = _CREDENTIAL.search(headers.get("authorization", ""))
    access_key, region = credential.groups() if credential else ("AKIAEXAMPLE", "us-east-1")
    account = (
        os.environ.get("MOTO_ACCOUNT_ID")
        or headers.get("x-moto-account-id")
        or get_account_id_from(access_key)
    )
    return sesv2_extension_backends[account][region]


def create_app(allowed: Allowed | None = None) -> Guard:
    """The whole emulator, behind the guard that keeps web pages out (guard.py)."""
    extension = SesV2Extension(DomainDispatcherApplication(create_backend_app))
    return Guard(Replay(extension), allowed or Allowed.from_settings())
