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


class Attrs:
    """A view on one object of ``after`` and the matching part of ``after_unknown``."""

    __slots__ = ("values", "unknown", "where")

    def __init__(self, values: Any, unknown: Any, where: str) -> None:
        if not isinstance(values, dict):
            raise InputError(f"{where} must be an object, not {type_name(values)}")
        self.values = values
        self.unknown = unknown if isinstance(unknown, dict) else {}
        self.where = where

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
        return self._typed(key, (str,), "a string")

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
        return tuple(value)

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
        return value

    def blocks(self, key: str) -> Any:
        """Nested blocks as a list of :class:`Attrs`; ABSENT when none, UNKNOWN when unknown."""
        value = self._typed(key, (list,), "an array of blocks")
        if not isinstance(value, list):
            return value
        if not value:
            return ABSENT
        marks = self.unknown.get(key)
        marks = marks if isinstance(marks, list) else []
        return [
            Attrs(item, marks[i] if i < len(marks) else None, f"{self.where}.{key}[{i}]")
            for i, item in enumerate(value)
        ]

    def block(self, key: str) -> Any:
        """The first (usually only) nested block of that name."""
        found = self.blocks(key)
        return found[0] if isinstance(found, list) else found
