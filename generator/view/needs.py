"""What each generated module must import or define, computed from what it uses."""

from __future__ import annotations

from collections.abc import Iterable

from ..formats import HELPERS
from ..ir import model as ir
from ..ir.walk import nested_types
from ..render.escaping import Code
from .conversions import _is_any_union, _is_structured, _value_format, body_content, decode, written_types
from .operations import head_as_boolean, method_parameters, success_responses
from .examples import test_imports


# ---------------------------------------------------------------------- what a module needs


def _model_types(api: ir.Api) -> list[ir.TypeRef]:
    # the events' own classes (events.py) use the helpers models.py defines
    types = [f.type for m in (*api.models, *(e.model for e in api.events)) for f in m.fields]
    types += [h.type for result in headers_results(api) for h in result.headers]
    return types + [m.additional_properties for m in api.models if m.additional_properties is not None]


def _client_types(api: ir.Api) -> list[ir.TypeRef]:
    """The types the operations module sends and receives."""
    types: list[ir.TypeRef] = [p.type for op in api.operations for p in op.parameters]
    types += [p.type for p in api.client_parameters]
    types += [op.body.type for op in api.operations if op.body is not None]
    return types + [r.type for op in api.operations for r in op.responses if r.type is not None]


def _annotated_types(api: ir.Api) -> list[ir.TypeRef]:
    """The types the client module's annotations name: its arguments and what its
    methods return (not the error bodies, which only the operations module parses)."""
    types: list[ir.TypeRef] = [p.type for op in api.operations for p in method_parameters(op)]
    types += [p.type for p in api.client_parameters]
    types += [op.body.type for op in api.operations if op.body is not None]
    returned = [op for op in api.operations if op.headers_result is None and not head_as_boolean(op)]
    return types + [r.type for op in returned for r in success_responses(op) if r.type is not None]


def _needs(types: Iterable[ir.TypeRef], encoding: bool, decoding: bool) -> set[str]:
    found = set()
    for t in written_types(types):
        if _is_any_union(t):
            found.add("Any")
        elif isinstance(t, ir.PrimitiveType):
            if t.kind == "any":
                found.add("Any")
            elif (entry := _value_format(t)) is not None:
                found.update(
                    need
                    for need, wanted in ((entry.annotation_needs, True), (entry.encode_needs, encoding), (entry.decode_needs, decoding))
                    if wanted and need
                )
        elif isinstance(t, ir.EnumType) and decoding:
            found.add("known_value")
    return found


def features(api: ir.Api, module: str) -> set[str]:
    """The names a module must import or define: `models`, `operations` or `client`.

    Models both encode and decode every field; the operations module encodes parameters
    and decodes the responses it returns directly (model bodies convert themselves); the
    client module only names types in its annotations.
    """
    if module == "client":
        return _needs(_annotated_types(api), encoding=False, decoding=False)
    if module == "models":
        found = _needs(_model_types(api), encoding=True, decoding=True)
        # Helpers are defined here for the models, the client and the emitted tests, each
        # when one of them uses it: known_value with the enums.
        enums = {"enum", "known_value", "Any"} if api.enums else set()
        used = found | features(api, "operations") | set(test_imports(api)["models"])
        helpers = {name for name in HELPERS if name in used}
        helpers |= {need for name in helpers for need in HELPERS[name].needs}
        return found | ({"Any"} if api.models else set()) | enums | helpers
    sent: list[ir.TypeRef] = [p.type for op in api.operations for p in op.parameters]
    sent += [p.type for p in api.client_parameters]
    bodies = [op.body.type for op in api.operations if op.body is not None]
    received = [r.type for op in api.operations for r in op.responses if r.type is not None]
    found = _needs(sent, True, False) | _needs(bodies, True, False) | _needs(received, False, True)
    if any(p.location == "path" and not p.skip_url_encoding for op in api.operations for p in op.parameters):
        found.add("quote")
    parameters = [p.type for op in api.operations for p in op.parameters] + [p.type for p in api.client_parameters]
    items = [t.items if isinstance(t, ir.ArrayType) else t for t in parameters]
    bodies_as_json = any(op.body is not None and "json.dumps(" in body_content(op.body) for op in api.operations)
    if bodies_as_json or any(_is_structured(t) for t in items):
        found.add("json")
    return found


def model_helpers(needs: Iterable[str]) -> list[str]:
    """The helpers of the models module among `needs` (a module's `features`), sorted."""
    return sorted(name for name in needs if name in HELPERS or name == "known_value")


def model_helper_sources(needs: Iterable[str]) -> list[Code]:
    """The definitions of the format helpers among `needs` that models.py defines, in
    their fixed order (`generator.formats.HELPERS`)."""
    wanted = set(needs)
    return [Code(helper.source) for name, helper in HELPERS.items() if name in wanted]


def headers_results(api: ir.Api) -> list[ir.HeadersResult]:
    """The classes of the answers' headers that operations return, in operation order."""
    return [op.headers_result for op in api.operations if op.headers_result is not None]


def from_header(t: ir.TypeRef, expression: str) -> Code:
    """An expression turning header text `expression` into a value of type `t`: numbers
    and booleans are parsed from text, lists split at commas, the rest as in JSON."""
    if isinstance(t, ir.PrimitiveType) and t.format != "unixtime":
        if t.kind == "integer":
            return Code(f"int({expression})")
        if t.kind == "number":
            return Code(f"float({expression})")
        if t.kind == "boolean":
            return Code(f'{expression}.lower() == "true"')
    if isinstance(t, ir.PrimitiveType) and t.format == "unixtime":
        return decode(t, Code(f"int({expression})"))
    if isinstance(t, ir.ArrayType):
        item = from_header(t.items, "item.strip()")  # httpx joins repeated headers with ", "
        return Code(f'[{item} for item in {expression}.split(",")]')
    return decode(t, expression)


def referenced_names(api: ir.Api, module: str = "client") -> list[str]:
    """Model and enum classes the `client` or the `operations` module refers to, sorted."""
    names = {result.name for result in headers_results(api)}
    for t in written_types(_annotated_types(api) if module == "client" else _client_types(api)):
        if isinstance(t, (ir.ModelType, ir.EnumType)):
            names.add(t.name)
    return sorted(names)
