"""What adoption decided, as data: the module calls, the imports and the notes of
ADOPTION.md. `mapping` fills it; `writer` and `report` render it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Import:
    address: str  # the resource's address inside the written root
    id: str  # the provider's import ID
    what: str  # the existing object, in words


@dataclass
class ModuleCall:
    label: str
    subject: str  # what it adopts: "configuration set `x`", "identity `d`"
    inputs: dict[str, Any]
    comments: dict[str, str] = field(default_factory=dict)  # input → why, above it


@dataclass
class Note:
    subject: str  # "`newsletters`", "alarm `x`"
    text: str
    rule: str | None = None  # the rule it fixes, or the finding that remains
    # The live object it is about, as the audit addresses it: its audit errors are listed.
    address: str | None = None


@dataclass
class Adoption:
    account: str
    region: str
    streams: list[ModuleCall] = field(default_factory=list)
    identities: list[ModuleCall] = field(default_factory=list)
    imports: list[Import] = field(default_factory=list)
    changes: list[Note] = field(default_factory=list)  # the first plan changes in place
    kept: list[Note] = field(default_factory=list)  # the existing value wins over the module's
    remaining: list[Note] = field(default_factory=list)  # gate findings the root keeps
    outside: list[Note] = field(default_factory=list)  # stays outside the module
    not_adopted: list[Note] = field(default_factory=list)
    variables: dict[str, str] = field(default_factory=dict)  # root variable → description
