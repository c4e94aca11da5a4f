"""What keeps an audit finite and its answers honest, hooked into every boto3 client.

- The deadline (`--timeout`): once it has passed, no request leaves; the reads not made
  are failures like any other ("not read"), and the audit exits 2.
- The answers: botocore turns `{"ConfigurationSets": "notalist"}` into a list of letters
  and an empty 200 body into an empty answer ("no sets": a pass). Each body is checked
  against the operation's output shape before botocore parses it; one that does not fit
  is a read error naming the field.
"""

from __future__ import annotations

import json
import time
from typing import Any

DEFAULT_TIMEOUT = 300  # seconds for the whole audit (--timeout)


# Not botocore's exception classes: the gate imports without boto3, and anything but a
# connection error raised from a hook ends the call without a retry, which is the point.
class DeadlinePassed(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"not read: the audit's {seconds:g} s deadline (--timeout) passed first")


class MalformedAnswer(Exception):
    def __init__(self, why: str) -> None:
        super().__init__(f"the answer is not what the API returns: {why}")


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return max(0.0, self.end - time.monotonic())

    def passed(self) -> bool:
        return time.monotonic() >= self.end

    def check(self, **_: Any) -> None:
        """botocore's before-send hook: every attempt, retries included, stops here."""
        if self.passed():
            raise DeadlinePassed(self.seconds)


def guard(client, deadline: Deadline) -> None:
    """Bound `client` by the deadline and check every answer's body before it is parsed."""
    # First: botocore's adaptive rate limiter also waits in before-send.
    client.meta.events.register_first("before-send", deadline.check)
    client.meta.events.register("before-parse", check_answer)


def check_answer(operation_model, response_dict: dict, **_: Any) -> None:
    """botocore's before-parse hook: raise MalformedAnswer for a 200 body of the wrong shape."""
    if response_dict.get("status_code") != 200 or operation_model.has_streaming_output:
        return  # error answers become ClientErrors; botocore reads their codes leniently
    body = response_dict.get("body") or b""
    if not body.strip():
        raise MalformedAnswer(why="an empty body")
    protocol = operation_model.metadata.get("protocol")
    if protocol not in ("rest-json", "json"):
        return  # XML and CBOR parsers refuse what they cannot read themselves
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise MalformedAnswer(why=f"not UTF-8 JSON ({type(error).__name__})") from None
    shape = operation_model.output_shape
    payload = shape.serialization.get("payload") if shape is not None else None
    if payload:  # the body is that one member
        shape = shape.members[payload]
    why = _misfit(document, shape, "") if shape is not None else None
    if why:
        raise MalformedAnswer(why=why)


_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "structure": (dict,),
    "map": (dict,),
    "list": (list,),
    "string": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "long": (int,),
    "float": (int, float),
    "double": (int, float),
    "timestamp": (int, float, str),
    "blob": (str,),
}


def _misfit(value: Any, shape, where: str) -> str | None:
    """The first place where `value` (decoded JSON) does not fit `shape`, or None."""
    if value is None:
        return None  # JSON null: botocore treats it as absent
    expected = _PYTHON_TYPES.get(shape.type_name)
    numeric = shape.type_name in ("integer", "long", "float", "double")
    wrong_bool = isinstance(value, bool) and numeric  # JSON true is a Python int
    if expected is not None and (not isinstance(value, expected) or wrong_bool):
        return f"{where or 'the body'} is {type(value).__name__}, not {shape.type_name}"
    if shape.type_name == "structure":
        for name, member in shape.members.items():
            if member.serialization.get("location") not in (None, "body"):
                continue  # a header or the status code, not in the body
            key = member.serialization.get("name", name)
            if key in value:
                why = _misfit(value[key], member, f"{where}.{key}".lstrip("."))
                if why:
                    return why
    elif shape.type_name == "list":
        for index, item in enumerate(value):
            why = _misfit(item, shape.member, f"{where}[{index}]")
            if why:
                return why
    elif shape.type_name == "map":
        for key, item in value.items():
            why = _misfit(item, shape.value, f"{where}.{key}")
            if why:
                return why
    return None
