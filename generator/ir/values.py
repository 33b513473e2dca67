"""Spec values as they enter the IR: JSON made immutable, prose normalised."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from ..formats import FORMATS

from .naming import Identifier
from .model import ArrayType, EnumType, FrozenDict, JsonValue, MapType, Model, ModelType, PrimitiveType, TypeRef, UnionType


def freeze(value: Any) -> JsonValue:
    """A parsed JSON value as an immutable `JsonValue` (objects keep their key order)."""
    if isinstance(value, dict):
        return FrozenDict({str(key): freeze(item) for key, item in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(freeze(item) for item in value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)  # YAML dates and the like: keep their text


def thaw(value: JsonValue) -> Any:
    """A `JsonValue` as parsed JSON again (for messages that quote the spec)."""
    if isinstance(value, Mapping):
        return {key: thaw(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [thaw(item) for item in value]
    return value


def prose(value: Any) -> str:
    """Spec prose, normalised: line endings to \\n, trailing spaces and outer blank lines dropped."""
    if not isinstance(value, str):
        return ""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def coerce(value: Any, t: TypeRef) -> tuple[bool, Any]:
    """A default value in the type it belongs to (`"100"` for an integer is 100, and so
    is each item of an array of integers).

    Returns (False, None) when the value cannot be read as that type: null (whether a
    null default stands depends on where it is: the callers decide), a list or an
    object for a scalar, text for an array, `true` for a number, or a string in a format
    generated code converts (such as `date-time`) that is not in that format.
    """
    if value is None:
        return False, None
    if isinstance(t, ArrayType):
        if not isinstance(value, (list, tuple)):
            return False, None
        items = [(True, None) if item is None and t.nullable_items else coerce(item, t.items) for item in value]
        return (True, [item for _, item in items]) if all(fits for fits, _ in items) else (False, None)
    if isinstance(t, MapType):
        if not isinstance(value, Mapping):
            return False, None
        entries = {
            key: (True, None) if item is None and t.nullable_values else coerce(item, t.values)
            for key, item in value.items()
        }
        return (True, {key: item for key, (_, item) in entries.items()}) if all(
            fits for fits, _ in entries.values()
        ) else (False, None)
    if isinstance(t, ModelType):
        return (True, value) if isinstance(value, Mapping) else (False, None)
    if isinstance(t, EnumType):
        return coerce(value, PrimitiveType(t.value_kind))
    if isinstance(t, UnionType):  # kept as written when it is one of the variants
        return (True, value) if any(coerce(value, variant)[0] for variant in t.variants) else (False, None)
    if t.kind == "any":
        return True, value
    if isinstance(value, (Mapping, list, tuple)):
        return False, None
    try:
        if t.kind in ("integer", "number") and isinstance(value, bool):
            return False, None
        if t.kind == "integer":
            if isinstance(value, float) and not value.is_integer():
                return False, None
            if t.format == "unixtime":
                datetime.fromtimestamp(int(value), timezone.utc)  # in range, or OverflowError/ValueError
            return True, int(value)
        if t.kind == "number":
            return True, float(value) if not isinstance(value, int) else value
        if t.kind == "boolean":
            if isinstance(value, bool):
                return True, value
            if str(value).lower() in ("true", "false"):
                return True, str(value).lower() == "true"
            return False, None
        text = value if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
        # A format whose values generated code converts: the default must convert too.
        return (True, text) if _parses(t.format, text) else (False, None)
    except (TypeError, ValueError, OverflowError, OSError):
        return False, None


def conforms(t: TypeRef, value: Any, models: Mapping[Identifier, Model]) -> bool:
    """Whether a JSON value has the shape of type `t` (used to vet examples)."""
    if isinstance(t, PrimitiveType):
        if t.kind == "any":
            return True
        if t.kind == "integer":
            return isinstance(value, int) and not isinstance(value, bool)
        if t.kind == "number":
            return isinstance(value, (int, float)) and not isinstance(value, bool)
        if t.kind == "boolean":
            return isinstance(value, bool)
        return isinstance(value, str) and _parses(t.format, value)
    if isinstance(t, EnumType):
        return isinstance(value, str) if t.value_kind == "string" else isinstance(value, (int, float))
    if isinstance(t, ArrayType):
        return isinstance(value, (list, tuple)) and all(conforms(t.items, item, models) for item in value)
    if isinstance(t, MapType):
        return isinstance(value, Mapping) and all(conforms(t.values, item, models) for item in value.values())
    if isinstance(t, UnionType):
        return any(conforms(variant, value, models) for variant in t.variants)
    model = models[t.name]
    if not isinstance(value, Mapping):
        return False
    for field in model.fields:
        if field.json_name not in value:
            if field.required and not field.read_only:
                return False
            continue
        item = value[field.json_name]
        if item is None:
            if field.required and not field.nullable:
                return False
            continue
        if not conforms(field.type, item, models):
            return False
    return True


def _parses(format: str | None, text: str) -> bool:
    """Whether a string in this format can be read by the generated models."""
    entry = FORMATS.get(format or "")
    return entry is None or entry.accepts(text)


def text_or_none(value: Any) -> str | None:
    """A scalar extension value as text (a YAML date `2025-01-01` included)."""
    return None if value is None or isinstance(value, (dict, list)) else str(value)
