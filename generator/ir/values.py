"""Spec values as they enter the IR: JSON made immutable, prose normalised."""

from __future__ import annotations

from typing import Any

from .model import FrozenDict, JsonValue


def freeze(value: Any) -> JsonValue:
    """A parsed JSON value as an immutable `JsonValue` (objects keep their key order)."""
    if isinstance(value, dict):
        return FrozenDict({str(key): freeze(item) for key, item in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(freeze(item) for item in value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)  # YAML dates and the like: keep their text


def prose(value: Any) -> str:
    """Spec prose, normalised: line endings to \\n, trailing spaces and outer blank lines dropped."""
    if not isinstance(value, str):
        return ""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()
