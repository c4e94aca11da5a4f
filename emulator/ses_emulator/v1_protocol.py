"""The SES v1 query protocol, read from botocore's `ses` service model.

A request is a form (`Action=...&Destination.ToAddresses.member.1=...`); the model
says which members an action takes, how lists (`.member.N`) and maps
(`.entry.N.key`/`.value`) are flattened, which are required, and what the answer
holds. Answers and errors are the XML SES writes. The same model lists every v1
action, so an action the emulator does not serve is named, never passed on blind.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import uuid
from collections.abc import Callable, Mapping
from typing import Any
from xml.sax.saxutils import escape

import botocore.loaders

from .exceptions import EmulatorFault, SesV2Error

XMLNS = "http://ses.amazonaws.com/doc/2010-12-01/"
# XML parsers turn a literal CR into LF: a character reference keeps a message as SES wrote it.
_KEEP_CR = {"\r": "&#13;"}

V1Handler = Callable[[Any, dict[str, Any]], Mapping[str, Any] | None]
HANDLERS: dict[str, V1Handler] = {}


class V1Error(SesV2Error):
    """An SES v1 error: the query protocol's code (e.g. `ConfigurationSetDoesNotExist`)."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


def handles_v1(*actions: str) -> Callable[[V1Handler], V1Handler]:
    def register(handler: V1Handler) -> V1Handler:
        for action in actions:
            if action not in model()["operations"]:
                raise EmulatorFault(f"{action} is not an operation of the SES v1 model")
            if action in HANDLERS:  # area modules are found in no set order: one owner each
                raise EmulatorFault(f"{action} is answered by two handlers")
            HANDLERS[action] = handler
        return handler

    return register


@functools.cache
def model() -> Mapping[str, Any]:
    return botocore.loaders.Loader().load_service_model("ses", "service-2")


# --- requests ------------------------------------------------------------------------
def parse(action: str, form: Mapping[str, str]) -> dict[str, Any]:
    """The action's input members from the form, required members checked as SES checks them."""
    shape = (model()["operations"][action].get("input") or {}).get("shape")
    if shape is None:
        return {}
    params = _read(shape, form, "") or {}
    _check_required(shape, params, "")
    return params


def _read(shape_name: str, form: Mapping[str, str], key: str) -> Any:
    shape = model()["shapes"][shape_name]
    kind = shape["type"]
    if kind == "structure":
        found = {}
        for member, spec in shape["members"].items():
            value = _read(spec["shape"], form, f"{key}.{member}" if key else member)
            if value is not None:
                found[member] = value
        return found or None
    if kind == "list":
        if form.get(key) == "":  # botocore sends an empty list as the bare key
            return []
        items = []
        while True:
            item = _read(shape["member"]["shape"], form, f"{key}.member.{len(items) + 1}")
            if item is None:
                return items or None
            items.append(item)
    if kind == "map":
        entries = {}
        while f"{key}.entry.{len(entries) + 1}.key" in form:
            n = len(entries) + 1
            entries[form[f"{key}.entry.{n}.key"]] = form.get(f"{key}.entry.{n}.value", "")
        return entries or None
    text = form.get(key)
    if text is None:
        return None
    if kind == "boolean":
        return text.lower() == "true"
    if kind in ("integer", "long"):
        return _number(int, text, key)
    if kind in ("double", "float"):
        return _number(float, text, key)
    return text


def _number(kind: type, text: str, key: str) -> Any:
    try:
        return kind(text)
    except ValueError:
        message = f"Value {text!r} for {key} is not a number."
        raise V1Error("InvalidParameterValue", message) from None


def _check_required(shape_name: str, value: Mapping[str, Any], where: str) -> None:
    shape = model()["shapes"][shape_name]
    for member in shape.get("required", []):
        if value.get(member) is None:
            # SES's own wording for a missing member (lower camel case path).
            path = ".".join(p[:1].lower() + p[1:] for p in f"{where}{member}".split("."))
            raise V1Error(
                "ValidationError",
                f"1 validation error detected: Value null at '{path}' failed to satisfy "
                "constraint: Member must not be null",
            )
    for member, spec in shape["members"].items():
        item = value.get(member)
        inner = model()["shapes"][spec["shape"]]
        if isinstance(item, dict) and inner["type"] == "structure":
            _check_required(spec["shape"], item, f"{where}{member}.")
        elif isinstance(item, list) and inner["type"] == "list":
            element = inner["member"]["shape"]
            if model()["shapes"][element]["type"] == "structure":
                for entry in item:
                    _check_required(element, entry, f"{where}{member}.")


# --- answers ---------------------------------------------------------------------------
def render(action: str, result: Mapping[str, Any] | None) -> bytes:
    """The XML answer; a member the output shape lacks is an emulator bug (a 500)."""
    output = model()["operations"][action].get("output") or {}
    inner = _xml(output["shape"], dict(result or {}), action) if output else ""
    wrapper = output.get("resultWrapper", f"{action}Result")
    return (
        f'<{action}Response xmlns="{XMLNS}"><{wrapper}>{inner}</{wrapper}>'
        f"<ResponseMetadata><RequestId>{uuid.uuid4()}</RequestId></ResponseMetadata>"
        f"</{action}Response>"
    ).encode()


def _xml(shape_name: str, value: Any, where: str) -> str:
    shape = model()["shapes"][shape_name]
    kind = shape["type"]
    if kind == "structure":
        unknown = set(value) - set(shape["members"])
        if unknown:
            raise EmulatorFault(f"{where}: {shape_name} has no member {', '.join(sorted(unknown))}")
        return "".join(
            f"<{name}>{_xml(spec['shape'], value[name], f'{where}.{name}')}</{name}>"
            for name, spec in shape["members"].items()
            if value.get(name) is not None
        )
    if kind == "list":
        element = shape["member"]["shape"]
        return "".join(f"<member>{_xml(element, item, where)}</member>" for item in value)
    if kind == "map":
        return "".join(
            f"<entry><key>{escape(str(k))}</key>"
            f"<value>{_xml(shape['value']['shape'], v, where)}</value></entry>"
            for k, v in value.items()
        )
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "timestamp":
        moment = value if isinstance(value, dt.datetime) else dt.datetime.fromtimestamp(value)
        return moment.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds")
    if kind == "blob":
        return base64.b64encode(value if isinstance(value, bytes) else value.encode()).decode()
    return escape(str(value), _KEEP_CR)


def error(code: str, message: str) -> bytes:
    return (
        f'<ErrorResponse xmlns="{XMLNS}"><Error><Type>Sender</Type><Code>{code}</Code>'
        f"<Message>{escape(message, _KEEP_CR)}</Message></Error>"
        f"<RequestId>{uuid.uuid4()}</RequestId></ErrorResponse>"
    ).encode()
