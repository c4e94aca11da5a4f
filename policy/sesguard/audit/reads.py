"""The audit's reads, each declared once where it is made: `@declares(name, calls...)` on the
function that makes it. Rules name these reads in their `reads`; `Reader.call` takes the
read a call belongs to, refuses a call its read did not declare, and records a failure
against the rules that read feeds. audit/coverage.py and docs/audit.md list the
declarations; nothing restates them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

Function = TypeVar("Function", bound=Callable[..., Any])


@dataclass(frozen=True)
class Read:
    name: str
    calls: tuple[str, ...]  # "sesv2:GetAccount": the boto3 client and the operation
    condition: str = ""  # when the audit makes it ("with --iam"); always when empty
    # Reads whose rules a failure of this one leaves unverified too: built on it, or trusted
    # only once it is read.
    feeds: tuple[str, ...] = ()
    # A Reader method whose answer reaches the rules as read (`Model.live.answers[name]`),
    # made by `Reader.snapshot` without a line of its own; None: the reader places it.
    answer: Callable[..., Any] | None = None

    def service(self, operation: str) -> str:
        """The client of one of this read's calls; a call it did not declare is a bug."""
        for call in self.calls:
            service, _, declared_operation = call.partition(":")
            if declared_operation == operation:
                return service
        raise RuntimeError(f"the read {self.name!r} does not declare the call {operation}")

    def actions(self) -> tuple[str, ...]:
        """The IAM actions of its calls (a DNS look-up is none)."""
        return tuple(
            f"{IAM_PREFIX[service]}:{operation}"
            for service, _, operation in (call.partition(":") for call in self.calls)
            if service in IAM_PREFIX
        )

    def describe(self) -> str:
        return ", ".join(self.calls) + (f" ({self.condition})" if self.condition else "")


DECLARED: dict[str, Read] = {}
# The IAM action prefix of each client's operations (SES v2 operations are `ses:` actions).
IAM_PREFIX = {"sesv2": "ses", "cloudwatch": "cloudwatch", "sts": "sts", "sns": "sns", "iam": "iam",
              "events": "events", "stepfunctions": "states"}  # fmt: skip


def declares(
    name: str,
    *calls: str,
    condition: str = "",
    feeds: tuple[str, ...] = (),
    answer: bool = False,
) -> Callable[[Function], Function]:
    """Declare the read `name` that the decorated function makes, and its API calls.
    `answer`: the function is a Reader method whose answer the rules read as it is."""

    def declare(function: Function) -> Function:
        if name in DECLARED:
            raise RuntimeError(f"the read {name!r} is declared twice")
        DECLARED[name] = Read(name, calls, condition, feeds, function if answer else None)
        return function

    return declare


def declared(name: str) -> Read:
    try:
        return DECLARED[name]
    except KeyError:
        raise ValueError(f"no such read: {name}") from None


def rules_reading(*reads: str) -> tuple[str, ...]:
    """The IDs of the rules that declare any of these reads, in ID order."""
    from ..rules import RULES

    for name in reads:
        declared(name)
    return tuple(rule.id for rule in RULES if set(rule.reads) & set(reads))


@cache
def unverified_by(read: str) -> tuple[str, ...]:
    """The rules a failure of this read leaves unverified: those that read it or one of the
    reads it `feeds`."""
    return rules_reading(read, *declared(read).feeds)
