"""The v1 `ses` query API's SendEmail, SendRawEmail and SendTemplatedEmail, through the
same pipeline; every other v1 action (SendBulkTemplatedEmail included) stays moto's.

v1 sends take the account's suppression reasons, never a configuration set's
override (that override exists only in the v2 API), which is the trap this
emulator must show.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

from .addresses import check_identity
from .content import DESTINATION_KINDS, Draft, apply_raw, render
from .exceptions import SesV2Error
from .sending import SendRefused, send_one

ACTIONS = ("SendEmail", "SendRawEmail", "SendTemplatedEmail")
# The v1 actions that create an identity, and the member naming it.
IDENTITY_ACTIONS = {
    "VerifyEmailIdentity": "EmailAddress",
    "VerifyEmailAddress": "EmailAddress",
    "VerifyDomainIdentity": "Domain",
    "VerifyDomainDkim": "Domain",
}
_XMLNS = "http://ses.amazonaws.com/doc/2010-12-01/"


def intercept(
    environ: dict[str, Any], start_response: Callable[..., Any], backend_of: Callable[..., Any]
) -> Iterable[bytes] | None:
    """Answer a v1 send; None (with the body put back for moto) for anything else."""
    if environ.get("REQUEST_METHOD") != "POST" or "/ses/aws4_request" not in environ.get(
        "HTTP_AUTHORIZATION", ""
    ):
        return None
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)
    form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), True).items()}
    named = form.get(IDENTITY_ACTIONS.get(form.get("Action", ""), ""))
    if named is not None:  # moto creates the identity; only its name is checked here
        try:
            check_identity(named)
        except SesV2Error as error:
            return _reply(start_response, 400, _error("InvalidParameterValue", error.message))
        return None
    if form.get("Action") not in ACTIONS:
        return None
    try:
        backend = backend_of()
        message = send_one(backend, _draft(backend, form))
    except SesV2Error as error:
        code = error.refusal.v1_code if isinstance(error, SendRefused) else _V1_CODES.get(
            error.code, "InvalidParameterValue")  # fmt: skip
        return _reply(start_response, 400, _error(code, error.message))
    action = form["Action"]
    result = f"<MessageId>{message.message_id}</MessageId>"
    return _reply(start_response, 200, _document(f"{action}Response", f"{action}Result", result))


_V1_CODES = {
    "NotFoundException": "TemplateDoesNotExist",
    "BadRequestException": "InvalidParameterValue",
}


def _draft(backend: Any, form: dict[str, str]) -> Draft:
    draft = Draft(
        api="v1",
        operation=form["Action"],
        source=form.get("Source", ""),
        destination={},
        tags={
            form[f"Tags.member.{n}.Name"]: form.get(f"Tags.member.{n}.Value", "")
            for n in _members(form, "Tags.member", ".Name")
        },  # fmt: skip
        configuration_set=form.get("ConfigurationSetName"),
    )
    if form["Action"] in ("SendEmail", "SendTemplatedEmail"):
        draft.destination = {
            kind: [form[f"Destination.{kind}.member.{n}"]
                   for n in _members(form, f"Destination.{kind}.member")]
            for kind in DESTINATION_KINDS
        }  # fmt: skip
        draft.destination = {k: v for k, v in draft.destination.items() if v}
        draft.subject = form.get("Message.Subject.Data", "")
        if form["Action"] == "SendTemplatedEmail":
            template = {
                "TemplateName": form.get("Template"),
                "TemplateArn": form.get("TemplateArn"),
            }
            render(draft, backend, template, form.get("TemplateData"))
    else:
        listed = [form[f"Destinations.member.{n}"] for n in _members(form, "Destinations.member")]
        if listed:
            draft.destination = {"ToAddresses": listed}
        apply_raw(draft, form.get("RawMessage.Data", ""))
    if not draft.source:
        raise SesV2Error("Missing required header 'From'.")
    return draft


def _members(form: dict[str, str], prefix: str, suffix: str = "") -> list[int]:
    numbers = []
    n = 1
    while f"{prefix}.{n}{suffix}" in form:
        numbers.append(n)
        n += 1
    return numbers


def _document(root: str, result_tag: str, inner: str) -> bytes:
    return (
        f'<{root} xmlns="{_XMLNS}"><{result_tag}>{inner}</{result_tag}>'
        f"<ResponseMetadata><RequestId>{uuid.uuid4()}</RequestId></ResponseMetadata></{root}>"
    ).encode()


# XML parsers turn a literal CR into LF: a character reference keeps the message as SES wrote it.
_KEEP_CR = {"\r": "&#13;"}


def _error(code: str, message: str) -> bytes:
    return (
        f'<ErrorResponse xmlns="{_XMLNS}"><Error><Type>Sender</Type><Code>{code}</Code>'
        f"<Message>{escape(message, _KEEP_CR)}</Message></Error>"
        f"<RequestId>{uuid.uuid4()}</RequestId></ErrorResponse>"
    ).encode()


def _reply(start_response: Callable[..., Any], status: int, body: bytes) -> Iterable[bytes]:
    start_response(
        f"{status} {'OK' if status == 200 else 'Bad Request'}",
        [("Content-Type", "text/xml"), ("Content-Length", str(len(body)))],
    )
    return [body]
