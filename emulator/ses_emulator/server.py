"""The emulator's WSGI app: moto's server, with SES v2 answered by this package.

Why a WSGI middleware and not extra `url_paths` on moto's backend: moto's server
picks a backend per request from the signing name and host, and SES v1 and v2
share the signing name `ses`; its `{0}/v2/.*$` catch-all is then never reached,
so unknown v2 routes fall out as an HTML 404. Sitting in front of moto and
routing every `/v2/email/...` request by the botocore model keeps the whole
change in one place, patches nothing inside moto, and guarantees a JSON answer
for every v2 path. Everything else (STS, SNS, CloudWatch, IAM, ...) is moto's.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs, quote

from botocore import xform_name
from moto.iam.models import get_account_id_from
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from moto.sesv2.responses import SESV2Response

from . import HEALTH_PATH
from .exceptions import (
    EmulatorFault,
    NotImplementedException,
    SesV2Error,
    UnknownOperationException,
)
from .models import sesv2_extension_backends
from .responses import HANDLERS
from .service_model import sesv2

SESV2_PREFIX = "/v2/email"
_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/\d{8}/([^/]+)/")
_STATUS_TEXT = {200: "OK", 400: "Bad Request", 404: "Not Found", 429: "Too Many Requests",
                500: "Internal Server Error", 501: "Not Implemented"}  # fmt: skip

# SES v2 operations moto 5.2 already serves well enough (sending, contact
# lists, identity policies): passed through untouched.
DELEGATED_TO_MOTO = frozenset(
    name
    for name in sesv2().operations
    if name not in HANDLERS and hasattr(SESV2Response, xform_name(name))
)

StartResponse = Callable[..., Any]


class SesV2Extension:
    def __init__(self, moto_app: Callable[[dict, StartResponse], Iterable[bytes]]) -> None:
        self.moto_app = moto_app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == HEALTH_PATH:
            return _json(start_response, 200, {"status": "ok", "operations": sorted(HANDLERS)})
        if path == SESV2_PREFIX or path.startswith(SESV2_PREFIX + "/"):
            return self._sesv2(environ, start_response)
        return self.moto_app(environ, start_response)

    def _sesv2(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        raw_path = _raw_path(environ)
        request_id = str(uuid.uuid4())
        try:
            routed = sesv2().resolve(method, raw_path)
            if routed is None:
                raise UnknownOperationException(f"No SES v2 operation matches {method} {raw_path}.")
            op, uri_members = routed
            if op.name in DELEGATED_TO_MOTO:
                return self.moto_app(environ, start_response)
            handler = HANDLERS.get(op.name)
            if handler is None:
                raise NotImplementedException(
                    f"The SES v2 emulator does not implement {op.name} ({method} {op.request_uri})."
                )
            headers = {
                key[5:].replace("_", "-").lower(): value
                for key, value in environ.items()
                if key.startswith("HTTP_")
            }
            query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
            params = sesv2().parse_request(op, uri_members, query, headers, _body(environ))
            result = handler(_backend(environ, headers), params)
            body = sesv2().render_output(op, result)
        except SesV2Error as error:
            status = {UnknownOperationException: 404, NotImplementedException: 501}.get(
                type(error), sesv2().error_status(error.code)
            )
            return _json(start_response, status, {"message": error.message}, error.code, request_id)
        except EmulatorFault as fault:
            message = {"message": str(fault)}
            return _json(start_response, 500, message, "InternalFailure", request_id)
        start_response(
            "200 OK",
            [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(body))),
                ("x-amzn-RequestId", request_id),
            ],
        )
        return [body]


def _raw_path(environ: dict[str, Any]) -> str:
    # Match on the path as sent (percent-encoded), so an encoded '/' inside a
    # member cannot split it; members are decoded after routing.
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if raw:
        return raw.split("?", 1)[0]
    return quote(environ.get("PATH_INFO", ""))


def _body(environ: dict[str, Any]) -> bytes:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    return environ["wsgi.input"].read(length) if length else b""


def _backend(environ: dict[str, Any], headers: dict[str, str]):
    """The backend of the caller's account and region, identified as moto does it."""
    credential = _CREDENTIAL.search(headers.get("authorization", ""))
    access_key, region = credential.groups() if credential else ("AKIAEXAMPLE", "us-east-1")
    account = (
        os.environ.get("MOTO_ACCOUNT_ID")
        or headers.get("x-moto-account-id")
        or get_account_id_from(access_key)
    )
    return sesv2_extension_backends[account][region]


def _json(
    start_response: StartResponse,
    status: int,
    payload: dict[str, Any],
    error_type: str | None = None,
    request_id: str | None = None,
) -> Iterable[bytes]:
    body = json.dumps(payload).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    if error_type:
        # rest-json clients (botocore, the Go SDK) read the error code from this header.
        headers.append(("x-amzn-ErrorType", error_type))
    if request_id:
        headers.append(("x-amzn-RequestId", request_id))
    start_response(f"{status} {_STATUS_TEXT.get(status, 'Error')}", headers)
    return [body]


def create_app() -> SesV2Extension:
    return SesV2Extension(DomainDispatcherApplication(create_backend_app))
