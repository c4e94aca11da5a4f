"""The v1 `ses` query API: every action of botocore's `ses` model gets an SES answer.

Actions the emulator serves (v1_*.py, registered in `v1_protocol.HANDLERS`) run on
the same state as the v2 API. The rest of what moto serves well (identity
verification, templates, receipt rules, ...) goes to moto, and a moto failure comes
back as SES's XML `InternalFailure`, never moto's HTML page. An action of the model
that neither serves is a 501 `NotImplemented` naming it; an action the model lacks is
SES's `InvalidAction`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from botocore import xform_name
from moto.ses.responses import EmailResponse

from .addresses import check_identity
from .exceptions import EmulatorFault, SesV2Error
from .v1_protocol import HANDLERS, V1Error, error, model, parse, render
from .v1_sending import v1_error

# The v1 actions that create an identity, and the member naming it.
IDENTITY_ACTIONS = {
    "VerifyEmailIdentity": "EmailAddress",
    "VerifyEmailAddress": "EmailAddress",
    "VerifyDomainIdentity": "Domain",
    "VerifyDomainDkim": "Domain",
}
_STATUS_TEXT = {200: "OK", 400: "Bad Request", 500: "Internal Server Error",
                501: "Not Implemented"}  # fmt: skip

StartResponse = Callable[..., Any]


def left_to_moto() -> frozenset[str]:
    """The v1 actions moto answers: those it implements that no area module registered (asked
    when serving, after the server has imported every area module)."""
    return frozenset(
        name
        for name in model()["operations"]
        if name not in HANDLERS and hasattr(EmailResponse, xform_name(name))
    )


def is_v1_request(environ: dict[str, Any]) -> bool:
    return environ.get("REQUEST_METHOD") == "POST" and "/ses/aws4_request" in environ.get(
        "HTTP_AUTHORIZATION", ""
    )


def intercept(
    environ: dict[str, Any],
    start_response: StartResponse,
    backend_of: Callable[[], Any],
    moto_app: Callable[[dict[str, Any], StartResponse], Iterable[bytes]],
) -> Iterable[bytes] | None:
    """Answer a v1 request; None for any other request (left to moto untouched)."""
    if not is_v1_request(environ):
        return None
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)
    form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), True).items()}
    action = form.get("Action", "")
    try:
        handler = HANDLERS.get(action)
        if handler is not None:
            result = handler(backend_of(), parse(action, form))
            return _reply(start_response, 200, render(action, result))
        if action in left_to_moto():
            parse(action, form)  # required members refused as SES refuses them, before moto
            named = form.get(IDENTITY_ACTIONS.get(action, ""))
            if named is not None:  # moto creates the identity; only its name is checked here
                check_identity(named)
            return _moto(environ, start_response, moto_app, action)
        if action in model()["operations"]:
            raise V1Error(
                "NotImplemented", f"The SES emulator does not implement {action}.", status=501
            )
        raise V1Error(
            "InvalidAction", f"The action {action or '(none)'} is not valid for this web service."
        )
    except SesV2Error as failure:
        refused = v1_error(failure)
        return _reply(start_response, refused.status, error(refused.code, refused.message))
    except EmulatorFault as fault:
        return _reply(start_response, 500, error("InternalFailure", str(fault)))


def _moto(
    environ: dict[str, Any],
    start_response: StartResponse,
    moto_app: Callable[[dict[str, Any], StartResponse], Iterable[bytes]],
    action: str,
) -> Iterable[bytes]:
    """moto's answer, unless moto failed: then SES's XML error instead of its HTML page."""
    answered: list[Any] = []
    try:
        body = b"".join(moto_app(environ, lambda *answer: answered.append(answer[:2])))
    except Exception as failure:  # moto raised: werkzeug would answer its HTML page
        message = f"moto could not serve {action}: {type(failure).__name__}: {failure}"
        return _reply(start_response, 500, error("InternalFailure", message))
    status, headers = answered[0]
    if int(status.split()[0]) < 500:
        start_response(status, headers)
        return [body]
    message = f"moto could not serve {action} (HTTP {status.split()[0]})."
    return _reply(start_response, 500, error("InternalFailure", message))


def _reply(start_response: StartResponse, status: int, body: bytes) -> Iterable[bytes]:
    start_response(
        f"{status} {_STATUS_TEXT.get(status, 'Error')}",
        [("Content-Type", "text/xml"), ("Content-Length", str(len(body)))],
    )
    return [body]
