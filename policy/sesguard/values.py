"""Typed, type-checked access to one resource's planned attributes.

Terraform's plan JSON tells four states apart and so must every rule:
``ABSENT`` (key or block not set), ``None`` (explicit null), an empty value, and
``UNKNOWN`` (known only after apply: omitted from ``after``, ``true`` in
``after_unknown``). A value of the wrong JSON type is an :class:`InputError`.
"""

from __future__ import annotations

from typing import Any

from .errors import InputError


class _Marker:
    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __repr__(self) -> str:
        return self._name

    def __bool__(self) -> bool:
        return False


UNKNOWN: Any = _Marker("UNKNOWN")
ABSENT: Any = _Marker("ABSENT")


def is_set(value: Any) -> bool:
    """True for a real value (not absent, not null, not unknown)."""
    return value is not UNKNOWN and value is not ABSENT and value is not None


def type_name(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean"}.get(
        type(value), "number" if isinstance(value, (int, float)) else type(value).__name__
    )


class Redacted(str):
    """A sensitive string: compares as its value, prints as ``(sensitive)``.

    `terraform show -json` writes sensitive values in clear text and flags them in
    `after_sensitive`; rules may compare them but a report must never show them.
    """

    def __repr__(self) -> str:
        return "(sensitive)"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return format("(sensitive)", spec)


def redact(value: Any, marks: Any) -> Any:
    """Wrap the strings `marks` (an `after_sensitive` fragment) flags as sensitive."""
    if not marks:
        return value
    if isinstance(value, str):
        return Redacted(value) if marks is True else value
    if isinstance(value, tuple):
        if marks is True:
            each = [True] * len(value)
        elif isinstance(marks, list):
            each = (marks + [None] * len(value))[: len(value)]
        else:
            return value
        return tuple(redact(v, m) for v, m in zip(value, each, strict=True))
    if isinstance(value, dict):
        if marks is True:
            return {k: redact(v, True) for k, v in value.items()}
        if isinstance(marks, dict):
            return {k: redact(v, marks.get(k)) for k, v in value.items()}
    return value


class Attrs:
    """A view on one object of ``after`` and the matching parts of ``after_unknown`` and
    ``after_sensitive``."""

    __slots__ = ("values", "unknown", "sensitive", "where")

    def __init__(self, values: Any, unknown: Any, where: str, sensitive: Any = None) -> None:
        if not isinstance(values, dict):
            raise InputError(f"{where} must be an object, not {type_name(values)}")
        self.values = values
        self.unknown = unknown if isinstance(unknown, dict) else {}
        # `after_sensitive: true` marks the whole object.
        self.sensitive = sensitive if isinstance(sensitive, dict) or sensitive is True else {}
        self.where = where

    def _marks(self, key: str) -> Any:
        return True if self.sensitive is True else self.sensitive.get(key)

    def raw(self, key: str) -> Any:
        if self.unknown.get(key) is True:
            return UNKNOWN
        return self.values.get(key, ABSENT)

    def _typed(self, key: str, types: tuple, label: str) -> Any:
        value = self.raw(key)
        if value is UNKNOWN or value is ABSENT or value is None:
            return value
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            raise InputError(f"{self.where}.{key} must be {label}, not {type_name(value)}")
        return value

    def text(self, key: str) -> Any:
        return redact(self._typed(key, (str,), "a string"), self._marks(key))

    def flag(self, key: str) -> Any:
        return self._typed(key, (bool,), "a boolean")

    def number(self, key: str) -> Any:
        return self._typed(key, (int, float), "a number")

    def strings(self, key: str) -> Any:
        """A list/set of strings as a tuple; UNKNOWN when any element is unknown."""
        value = self._typed(key, (list,), "an array")
        if not isinstance(value, list):
            return value
        marks = self.unknown.get(key)
        if isinstance(marks, list) and any(m is True for m in marks):
            return UNKNOWN
        for item in value:
            if item is None:
                return UNKNOWN  # element left out of `after` because it is unknown
            if not isinstance(item, str):
                raise InputError(f"{self.where}.{key} must hold strings, not {type_name(item)}")
        return redact(tuple(value), self._marks(key))

    def mapping(self, key: str) -> Any:
        """A map of strings; UNKNOWN when any value is unknown."""
        value = self._typed(key, (dict,), "an object")
        if not isinstance(value, dict):
            return value
        marks = self.unknown.get(key)
        if isinstance(marks, dict) and any(m is True for m in marks.values()):
            return UNKNOWN
        for item_key, item in value.items():
            if not isinstance(item, str):
                raise InputError(f"{self.where}.{key}.{item_key} must be a string")
        return redact(value, self._marks(key))

    def blocks(self, key: str) -> Any:
        """Nested blocks as a list of :class:`Attrs`; ABSENT when none, UNKNOWN when unknown."""
        value = self._typed(key, (list,), "an array of blocks")
        # Terraform writes a missing nested block as []; null (hand-edited or damaged
        # JSON) can only mean the same, never a block whose attributes are all null.
        if value is None or value == []:
            return ABSENT
        if not isinstance(value, list):
            return value
        marks = self.unknown.get(key)
        marks = marks if isinstance(marks, list) else []
        secret = self._marks(key)
        return [
            Attrs(
                item,
                marks[i] if i < len(marks) else None,
                f"{self.where}.{key}[{i}]",
                secret
                if secret is True or not isinstance(secret, list)
                else (secret[i] if i < len(secret) else None),
            )
            for i, item in enumerate(value)
        ]

    def block(self, key: str) -> Any:
        """The first (usually only) nested block of that name."""
        found = self.blocks(key)
        return found[0] if isinstance(found, list) else found
