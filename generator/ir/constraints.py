"""JSON Schema validation keywords -> `ir.Constraints`.

The generated client does not check them; `diff` compares them (a tighter request
constraint makes the server reject what an old client sends), and templates may use
them. Swagger 2.0, OpenAPI 3.0 and 3.1 differ only in the exclusive bounds (a flag
beside `maximum` before 3.1, a number of its own since), which are read as numbers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from ..loading.refs import Node
from . import model as ir
from .values import freeze

_ITEMS_DEPTH = 8  # arrays of arrays of ...: deeper items are not read (recursive schemas)
# keyword -> field, for the keywords whose value is kept as it is (type-checked below)
_INTEGER_KEYWORDS = {
    "minLength": "min_length", "maxLength": "max_length", "minItems": "min_items", "maxItems": "max_items",
    "minProperties": "min_properties", "maxProperties": "max_properties",
    "minContains": "min_contains", "maxContains": "max_contains",
}
_SCHEMA_KEYWORDS = {
    "prefixItems": "prefix_items", "contains": "contains", "patternProperties": "pattern_properties",
    "propertyNames": "property_names", "dependentRequired": "dependent_required",
    "dependentSchemas": "dependent_schemas", "if": "if_schema", "then": "then_schema", "else": "else_schema",
    "unevaluatedProperties": "unevaluated_properties", "unevaluatedItems": "unevaluated_items",
    "contentSchema": "content_schema", "not": "not_schema",
}


def _number(value: Any) -> int | float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def constraints_of(node: Node, look_through: Callable[[Node], Node], depth: int = 0) -> ir.Constraints:
    """The constraints of a schema: its own keywords over those of the schema it
    refers to (`look_through` follows `$ref`s and annotation-only wrappers), with
    the constraints of its items for an array."""
    if not isinstance(node.value, dict):
        return ir.NO_CONSTRAINTS
    target = look_through(node)
    value = {**target.value, **node.value} if isinstance(target.value, dict) else node.value
    constraints = read_constraints(value)
    items = target.get("items") if isinstance(target.value, dict) and "items" in target.value else node.get("items")
    if items is not None and isinstance(items.value, dict) and depth < _ITEMS_DEPTH:
        item_constraints = constraints_of(items, look_through, depth + 1)
        if item_constraints != ir.NO_CONSTRAINTS:
            constraints = dataclasses.replace(constraints, items=item_constraints)
    return constraints


def read_constraints(value: Any) -> ir.Constraints:
    """The constraints a schema object declares itself (its items' not included)."""
    if not isinstance(value, dict):
        return ir.NO_CONSTRAINTS
    found: dict[str, Any] = {}
    for bound, exclusive in (("minimum", "exclusive_minimum"), ("maximum", "exclusive_maximum")):
        number = _number(value.get(bound))
        flag = value.get("exclusiveMinimum" if bound == "minimum" else "exclusiveMaximum")
        if flag is True and number is not None:  # Swagger 2.0, OpenAPI 3.0
            found[exclusive] = number
        else:
            if number is not None:
                found[bound] = number
            if _number(flag) is not None:  # OpenAPI 3.1
                found[exclusive] = flag
    if _number(value.get("multipleOf")) is not None:
        found["multiple_of"] = value["multipleOf"]
    for keyword, field in _INTEGER_KEYWORDS.items():
        if isinstance(value.get(keyword), int) and not isinstance(value.get(keyword), bool):
            found[field] = value[keyword]
    if isinstance(value.get("pattern"), str):
        found["pattern"] = value["pattern"]
    if value.get("uniqueItems") is True:
        found["unique_items"] = True
    for keyword, field in _SCHEMA_KEYWORDS.items():
        if keyword in value:
            found[field] = freeze(value[keyword])
    if isinstance(value.get("contentMediaType"), str):
        found["content_media_type"] = value["contentMediaType"]
    extensible = value.get("x-extensible-enum")
    if isinstance(extensible, list):
        found["extensible_values"] = tuple(dict.fromkeys(freeze(v) for v in extensible if v is not None))
    return ir.Constraints(**found) if found else ir.NO_CONSTRAINTS
