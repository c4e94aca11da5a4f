"""The SES v2 handler registry: which function answers which operation of the model.

Each area module registers its handlers with `@handles("Operation")`; the server routes a
request by the botocore model and calls `HANDLERS[operation](backend, members)`. A
handler takes the backend and the request members (already routed, collected and
checked against the model by `service_model`) and returns the response members;
`service_model.render_output` checks those against the output shape before they go on
the wire. An operation no module registers answers a JSON NotImplementedException.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .exceptions import BadRequestException
from .service_model import sesv2

Handler = Callable[[Any, dict[str, Any]], dict[str, Any]]
HANDLERS: dict[str, Handler] = {}


def handles(*operations: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        for name in operations:
            assert name in sesv2().operations, f"{name} is not an SES v2 operation"
            # Area modules are found, in no order a reader should depend on: one owner each.
            assert name not in HANDLERS, f"{name} is answered by two handlers"
            HANDLERS[name] = handler
        return handler

    return register


def paginate(items: Sequence[Any], params: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    """One page of `items` and the NextToken member, if any (token = next offset)."""
    try:
        start = int(params.get("NextToken") or 0)
    except ValueError:
        raise BadRequestException("NextToken is invalid.") from None
    size = params.get("PageSize") or 100
    end = start + size
    return list(items[start:end]), ({"NextToken": str(end)} if end < len(items) else {})
