"""The SES v2 wire protocol, read from botocore's `sesv2` service model.

Routing (HTTP method + URI template -> operation), where each request member
lives (URI, query string, header, JSON body), the input checks (required
members, enums, numeric ranges, lengths, types) and the output shapes all come
from the same `service-2.json` that boto3 and the AWS SDKs are generated from,
so the emulator cannot drift from the real API by a typo.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

import botocore.loaders

from .exceptions import BadRequestException, EmulatorFault

_URI_VARIABLE = re.compile(r"\{(\w+)(\+?)\}")


@dataclass(frozen=True)
class Operation:
    name: str
    method: str
    request_uri: str
    pattern: re.Pattern[str]
    input_shape: str | None
    output_shape: str | None
    literal_segments: int


class ServiceModel:
    """One botocore service model (protocol rest-json) and what it says about the wire."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.shapes: Mapping[str, Any] = raw["shapes"]
        operations = [self._operation(name, spec) for name, spec in raw["operations"].items()]
        # The most specific template wins: `/identities/{X}/policies` before `/identities/{X}`.
        operations.sort(key=lambda op: (-op.literal_segments, -len(op.request_uri)))
        self.operations: dict[str, Operation] = {op.name: op for op in operations}

    @staticmethod
    def _operation(name: str, spec: Mapping[str, Any]) -> Operation:
        uri = spec["http"]["requestUri"]
        regex = ""
        position = 0
        for match in _URI_VARIABLE.finditer(uri):
            regex += re.escape(uri[position : match.start()])
            greedy = match.group(2) == "+"
            regex += f"(?P<{match.group(1)}>{'.+' if greedy else '[^/]+'})"
            position = match.end()
        regex += re.escape(uri[position:])
        literal = sum(1 for seg in uri.split("/") if seg and not seg.startswith("{"))
        return Operation(
            name=name,
            method=spec["http"]["method"],
            request_uri=uri,
            pattern=re.compile(f"^{regex}$"),
            input_shape=(spec.get("input") or {}).get("shape"),
            output_shape=(spec.get("output") or {}).get("shape"),
            literal_segments=literal,
        )

    # --- routing ---------------------------------------------------------------
    def resolve(self, method: str, raw_path: str) -> tuple[Operation, dict[str, str]] | None:
        """The operation a request targets and its URI members (percent-decoded)."""
        for op in self.operations.values():
            if op.method != method:
                continue
            match = op.pattern.match(raw_path)
            if match:
                return op, {key: unquote(value) for key, value in match.groupdict().items()}
        return None

    # --- requests --------------------------------------------------------------
    def parse_request(
        self,
        op: Operation,
        uri_members: Mapping[str, str],
        query: Mapping[str, list[str]],
        headers: Mapping[str, str],
        body: bytes,
    ) -> dict[str, Any]:
        """Collect the input members from wherever the model says they travel, then check them."""
        if op.input_shape is None:
            return {}
        shape = self.shapes[op.input_shape]
        try:
            params: dict[str, Any] = json.loads(body) if body.strip() else {}
        except ValueError as err:
            raise BadRequestException(f"Request body is not valid JSON: {err}") from None
        if not isinstance(params, dict):
            raise BadRequestException("Request body must be a JSON object.")
        for member, spec in shape["members"].items():
            location = spec.get("location")
            wire_name = spec.get("locationName", member)
            if location == "uri" and member in uri_members:
                params[member] = uri_members[member]
            elif location == "querystring" and wire_name in query:
                values = query[wire_name]
                params[member] = self._from_text(spec["shape"], values)
            elif location == "header" and wire_name.lower() in headers:
                params[member] = self._from_text(spec["shape"], [headers[wire_name.lower()]])
        # Input members the model does not know are dropped, not refused: a client
        # built from a newer SES model than the pinned botocore must keep working
        # (AWS JSON services are expected to tolerate them; not verified against a
        # live account). Our own outputs are still checked strictly.
        params = self.known_members(op.input_shape, params)
        problems = list(self.check(op.input_shape, params, ""))
        if problems:
            raise BadRequestException("; ".join(problems))
        return params

    def known_members(self, shape_name: str, value: Any) -> Any:
        """`value` without the structure members (at any depth) that `shape_name` lacks."""
        shape = self.shapes[shape_name]
        kind = shape["type"]
        if kind == "structure" and isinstance(value, dict):
            members = shape["members"]
            return {
                name: self.known_members(members[name]["shape"], item)
                for name, item in value.items()
                if name in members
            }
        if kind == "list" and isinstance(value, list):
            return [self.known_members(shape["member"]["shape"], item) for item in value]
        if kind == "map" and isinstance(value, dict):
            return {k: self.known_members(shape["value"]["shape"], v) for k, v in value.items()}
        return value

    def _from_text(self, shape_name: str, values: list[str]) -> Any:
        shape = self.shapes[shape_name]
        kind = shape["type"]
        if kind == "list":
            return [self._from_text(shape["member"]["shape"], [v]) for v in values]
        text = values[0]
        if kind in ("integer", "long"):
            try:
                return int(text)
            except ValueError:
                return text  # reported by check() with the member name
        if kind == "boolean":
            return {"true": True, "false": False}.get(text.lower(), text)
        if kind == "timestamp":
            return _timestamp(text)
        return text

    # --- shape checks (inputs and, in the response layer, our own outputs) ----
    def check(self, shape_name: str, value: Any, where: str) -> Iterator[str]:
        """Yield one message per way `value` violates shape `shape_name`."""
        shape = self.shapes[shape_name]
        kind = shape["type"]
        label = where or "request"
        if kind == "structure":
            if not isinstance(value, dict):
                yield f"{label} must be an object"
                return
            members = shape["members"]
            for name in shape.get("required", []):
                if value.get(name) is None:
                    yield f"{_join(where, name)} is required"
            for name, item in value.items():
                if name not in members:
                    yield f"{_join(where, name)} is not a member of {shape_name}"
                elif item is not None:
                    yield from self.check(members[name]["shape"], item, _join(where, name))
        elif kind == "list":
            if not isinstance(value, list):
                yield f"{label} must be a list"
                return
            yield from _length(shape, len(value), label)
            for index, item in enumerate(value):
                yield from self.check(shape["member"]["shape"], item, f"{label}[{index}]")
        elif kind == "map":
            if not isinstance(value, dict):
                yield f"{label} must be an object"
                return
            for key, item in value.items():
                yield from self.check(shape["value"]["shape"], item, f"{label}.{key}")
        elif kind == "string":
            if not isinstance(value, str):
                yield f"{label} must be a string"
                return
            if "enum" in shape and value not in shape["enum"]:
                yield f"{label} must be one of {', '.join(shape['enum'])} (got {value!r})"
            yield from _length(shape, len(value), label)
        elif kind in ("integer", "long"):
            if isinstance(value, bool) or not isinstance(value, int):
                yield f"{label} must be an integer"
                return
            if "min" in shape and value < shape["min"]:
                yield f"{label} must be at least {shape['min']} (got {value})"
            if "max" in shape and value > shape["max"]:
                yield f"{label} must be at most {shape['max']} (got {value})"
        elif kind in ("double", "float"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                yield f"{label} must be a number"
        elif kind == "boolean":
            if not isinstance(value, bool):
                yield f"{label} must be true or false"
        elif kind == "timestamp":
            if not isinstance(value, (dt.datetime, int, float)):
                yield f"{label} must be a timestamp"
        elif kind == "blob" and not isinstance(value, (str, bytes)):
            yield f"{label} must be base64 data"

    # --- responses -------------------------------------------------------------
    def render_output(self, op: Operation, result: Mapping[str, Any]) -> bytes:
        """JSON body for `result`, refusing any member the output shape does not declare.

        A phantom or mistyped field is an emulator bug: it surfaces as a 500 (and
        a failing test) instead of reaching a client that might accept it.
        """
        if op.output_shape is None:
            return b"{}"
        problems = list(self.check(op.output_shape, dict(result), ""))
        if problems:
            raise EmulatorFault(f"{op.name} response violates the model: {'; '.join(problems)}")
        return json.dumps(result, default=_json_timestamp).encode()

    def error_status(self, code: str) -> int:
        shape = self.shapes.get(code) or {}
        return int(shape.get("error", {}).get("httpStatusCode", 400))


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def _length(shape: Mapping[str, Any], size: int, label: str) -> Iterator[str]:
    if "min" in shape and size < shape["min"]:
        yield f"{label} must have at least {shape['min']} item(s)/character(s)"
    if "max" in shape and size > shape["max"]:
        yield f"{label} must have at most {shape['max']} item(s)/character(s)"


def _timestamp(text: str) -> dt.datetime | str:
    """A query-string timestamp (botocore sends ISO 8601; epoch seconds also accepted)."""
    try:
        return dt.datetime.fromtimestamp(float(text), dt.timezone.utc)
    except ValueError:
        pass
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text  # reported by check() with the member name
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def _json_timestamp(value: Any) -> float:
    # rest-json bodies carry timestamps as epoch seconds unless the model says otherwise.
    if isinstance(value, dt.datetime):
        return value.timestamp()
    raise TypeError(f"cannot encode {type(value).__name__}")


@functools.cache
def sesv2() -> ServiceModel:
    return ServiceModel(botocore.loaders.Loader().load_service_model("sesv2", "service-2"))
