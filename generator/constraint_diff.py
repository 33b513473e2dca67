"""Which way a validation constraint moved between two descriptions.

A constraint is **tighter** when it accepts fewer values (a smaller maximum, a new
pattern, a new `contains` or `not`), **looser** when it accepts more, and **changed**
when neither can be told (one pattern for another, other `if`/`then`/`else`, another
`not`: the values it excludes are not compared). `diff` makes
a tighter (or changed) constraint on what the client sends breaking, and reports
every other move as news.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from typing import Literal

from .ir import model as ir

Direction = Literal["tightened", "loosened", "changed"]

# field -> the keyword users know it by
_LOWER_BOUNDS = {
    "minimum": "minimum", "exclusive_minimum": "exclusiveMinimum", "min_length": "minLength",
    "min_items": "minItems", "min_properties": "minProperties", "min_contains": "minContains",
}
_UPPER_BOUNDS = {
    "maximum": "maximum", "exclusive_maximum": "exclusiveMaximum", "max_length": "maxLength",
    "max_items": "maxItems", "max_properties": "maxProperties", "max_contains": "maxContains",
}
# keywords that restrict when present and whose changes have no direction we can tell
_RESTRICTING = {
    "pattern": "pattern", "prefix_items": "prefixItems", "contains": "contains",
    "pattern_properties": "patternProperties", "property_names": "propertyNames",
    "dependent_required": "dependentRequired", "dependent_schemas": "dependentSchemas",
    "if_schema": "if", "then_schema": "then", "else_schema": "else",
    "unevaluated_properties": "unevaluatedProperties", "unevaluated_items": "unevaluatedItems",
    "content_schema": "contentSchema", "not_schema": "not",
}


@dataclasses.dataclass(frozen=True)
class ConstraintMove:
    keyword: str  # as the spec writes it; `items.maxLength` for an array's items
    direction: Direction
    detail: str


def constraint_moves(before: ir.Constraints, after: ir.Constraints, prefix: str = "") -> Iterator[ConstraintMove]:
    """Every keyword that differs, with the way it moved."""
    if before == after:
        return
    for field, keyword in _LOWER_BOUNDS.items():
        yield from _bound(prefix + keyword, getattr(before, field), getattr(after, field), lower=True)
    for field, keyword in _UPPER_BOUNDS.items():
        yield from _bound(prefix + keyword, getattr(before, field), getattr(after, field), lower=False)
    old_step, new_step = before.multiple_of, after.multiple_of
    if old_step != new_step:
        if old_step is None or new_step is None:
            direction: Direction = "tightened" if old_step is None else "loosened"
        elif new_step % old_step == 0:
            direction = "tightened"  # every multiple of the new step is one of the old
        elif old_step % new_step == 0:
            direction = "loosened"
        else:
            direction = "changed"
        yield ConstraintMove(prefix + "multipleOf", direction, f"{prefix}multipleOf {_text(old_step)} -> {_text(new_step)}")
    if before.unique_items != after.unique_items:
        yield ConstraintMove(prefix + "uniqueItems", "tightened" if after.unique_items else "loosened",
                             f"{prefix}uniqueItems {before.unique_items} -> {after.unique_items}")
    for field, keyword in _RESTRICTING.items():
        old, new = getattr(before, field), getattr(after, field)
        if old != new:
            direction = "tightened" if old is None else "loosened" if new is None else "changed"
            yield ConstraintMove(prefix + keyword, direction, f"{prefix}{keyword} {_text(old)} -> {_text(new)}")
    if before.content_media_type != after.content_media_type:
        yield ConstraintMove(prefix + "contentMediaType", "changed",
                             f"{prefix}contentMediaType {_text(before.content_media_type)} -> {_text(after.content_media_type)}")
    yield from constraint_moves(before.items or ir.NO_CONSTRAINTS, after.items or ir.NO_CONSTRAINTS, prefix + "items.")


def extensible_values(constraints: ir.Constraints, prefix: str = "") -> dict[str, tuple[ir.JsonValue, ...]]:
    """The x-extensible-enum values of a schema and of its items, by where they sit."""
    found = {prefix: constraints.extensible_values} if constraints.extensible_values else {}
    if constraints.items is not None:
        found.update(extensible_values(constraints.items, prefix + "items."))
    return found


def _bound(keyword: str, old: int | float | None, new: int | float | None, lower: bool) -> Iterator[ConstraintMove]:
    if old == new:
        return
    if old is None or new is None:
        direction: Direction = "tightened" if old is None else "loosened"
    else:
        direction = "tightened" if (new > old) == lower else "loosened"
    yield ConstraintMove(keyword, direction, f"{keyword} {_text(old)} -> {_text(new)}")


def value_text(value: object) -> str:
    """A JSON value as compact JSON, cut at 60 characters."""
    text = json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"))
    return text if len(text) <= 60 else text[:57] + "..."


def _text(value: object) -> str:
    """A keyword's value: numbers and text as they are, schemas as JSON."""
    if value is None:
        return "none"
    return str(value) if isinstance(value, (int, float, str)) and not isinstance(value, bool) else value_text(value)


def _plain(value: object) -> object:
    if isinstance(value, ir.FrozenDict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value
