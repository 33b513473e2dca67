"""Walking IR types: the one implementation every stage and template set uses."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from . import model as ir
from .naming import Identifier


def nested_types(
    types: Iterable[ir.TypeRef], opaque: Callable[[ir.TypeRef], bool] = lambda t: False
) -> Iterator[ir.TypeRef]:
    """Each type and the types inside it (array items, map values, union variants);
    models are not entered, nor the types for which `opaque` is true."""
    pending = list(types)
    while pending:
        current = pending.pop()
        yield current
        if opaque(current):
            continue
        if isinstance(current, ir.ArrayType):
            pending.append(current.items)
        elif isinstance(current, ir.MapType):
            pending.append(current.values)
        elif isinstance(current, ir.UnionType):
            pending.extend(current.variants)


def mentions_model(t: ir.TypeRef) -> bool:
    """Whether a value of type `t` may hold an object of a model type."""
    return any(isinstance(inner, ir.ModelType) for inner in nested_types([t]))


def reachable(models: Mapping[Identifier, ir.Model], types: Iterable[ir.TypeRef]) -> set[str]:
    """Names of the models and enums `types` reach: through fields, typed additional
    properties and the subtypes of polymorphic models."""
    seen: set[str] = set()
    pending = list(types)
    while pending:
        for t in nested_types([pending.pop()]):
            if not isinstance(t, (ir.ModelType, ir.EnumType)) or t.name in seen:
                continue
            seen.add(t.name)
            model = models.get(t.name)
            if model is not None:
                pending += [f.type for f in model.fields]
                pending += [model.additional_properties] if model.additional_properties else []
                pending += [ir.ModelType(c.model) for c in (model.discriminator.mapping if model.discriminator else ())]
    return seen
