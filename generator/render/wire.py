"""What examples put on the wire, independent of any target language.

Template sets use these to write the exact request an example sends (a test's
expectation, a reference page's sample request) and to make up small values of a type
where an example gives none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from ..formats import FORMATS, example_text
from ..ir import model as ir


@dataclass(frozen=True)
class ExampleRequest:
    """The request an example makes. `values` holds the JSON value of every parameter
    sent, by IR name (client-level ones included); `server_values` the server
    variables'; `headers` the header parameters as sent, in order."""

    method: str
    url: str
    headers: list[tuple[str, str]]
    body: Any
    values: dict[str, Any]
    server_values: dict[str, Any]


def example_request(api: ir.Api, operation: ir.Operation, example: ir.Example | None) -> ExampleRequest:
    given = dict(example.parameters) if example is not None else {}
    server_values: dict[str, Any] = {
        variable.name: given.get(variable.wire_name, variable.default or "https://example.com")
        for variable in api.server.variables
    }
    base_url = "".join(
        part.text if part.parameter is None else str(server_values[part.parameter]) for part in api.server.url_parts
    )
    values: dict[str, Any] = {}
    for parameter in operation.parameters:
        if parameter.wire_name in given:
            values[parameter.name] = given[parameter.wire_name]
        elif parameter.required and not parameter.has_default:
            values[parameter.name] = sample(parameter.type, api, parameter.wire_name)
        elif parameter.has_default:
            values[parameter.name] = parameter.default
    for parameter in api.client_parameters:
        if parameter.name not in values and (parameter.required or parameter.wire_name in given):
            values[parameter.name] = given.get(parameter.wire_name, sample(parameter.type, api, parameter.wire_name))
    by_name = {p.name: p for p in operation.parameters}
    path = ""
    for part in operation.path_parts:
        if part.parameter is None:
            path += part.text
        else:
            parameter = by_name[part.parameter]
            text = wire_text(parameter, values[part.parameter])
            path += text if parameter.skip_url_encoding else quote(text, safe="")
    query: list[tuple[str, str]] = []
    headers: list[tuple[str, str]] = []
    for parameter in operation.parameters:
        if parameter.name not in values:
            continue
        value = values[parameter.name]
        if parameter.location == "query":
            if parameter.collection_format == "multi" and isinstance(value, (list, tuple)):
                query += [(parameter.wire_name, wire_text(parameter, item, scalar=True)) for item in value]
            else:
                query.append((parameter.wire_name, wire_text(parameter, value)))
        elif parameter.location == "header":
            headers.append((parameter.wire_name, wire_text(parameter, value)))
    body = None
    if operation.body is not None:
        if example is not None and example.has_body:
            body = example.body
        elif operation.body.required:
            body = sample(operation.body.type, api, operation.body.name)
    url = base_url.rstrip("/") + path + ("?" + urlencode(query) if query else "")
    return ExampleRequest(operation.method.upper(), url, headers, body, values, server_values)


def wire_text(parameter: ir.Parameter, value: Any, scalar: bool = False) -> str:
    if isinstance(value, (list, tuple)) and not scalar:
        separator = {"csv": ",", "ssv": " ", "tsv": "\t", "pipes": "|"}.get(parameter.collection_format, ",")
        return separator.join(wire_text(parameter, item, scalar=True) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    t = parameter.type.items if isinstance(parameter.type, ir.ArrayType) else parameter.type
    entry = FORMATS.get(t.format or "") if isinstance(t, ir.PrimitiveType) and t.kind == "string" else None
    if entry is not None and entry.wire_text is not None and isinstance(value, str):
        return entry.wire_text(value)
    return str(value)


def sample(t: ir.TypeRef, api: ir.Api, name: str = "value", path: frozenset[str] = frozenset()) -> Any:
    """A small JSON value of type `t`, for tests: required fields only, arrays of one
    item (empty where an item would recurse into a model already being built)."""
    if isinstance(t, ir.PrimitiveType):
        return {
            "integer": 1,
            "number": 1.5,
            "boolean": True,
            "any": f"example-{name}",
        }.get(t.kind, _sample_string(t.format, name))
    if isinstance(t, ir.EnumType):
        enum = next(e for e in api.enums if e.name == t.name)
        return enum.values[0].value
    if isinstance(t, ir.ArrayType):
        return [] if _recurses(t.items, path) else [sample(t.items, api, name, path)]
    if isinstance(t, ir.MapType):
        return {} if _recurses(t.values, path) else {"key": sample(t.values, api, name, path)}
    if isinstance(t, ir.UnionType):
        return sample(t.variants[0], api, name, path)
    if t.name in path:
        return {}  # a cycle (through a union, say): stop here rather than recurse forever
    model = next(m for m in api.models if m.name == t.name)
    inner = path | {t.name}
    return {
        f.json_name: sample(f.type, api, f.json_name, inner)
        for f in model.fields
        if f.required and not f.read_only and not (isinstance(f.type, ir.ModelType) and f.type.name in inner)
    }


def _recurses(t: ir.TypeRef, path: frozenset[str]) -> bool:
    while isinstance(t, (ir.ArrayType, ir.MapType)):
        t = t.items if isinstance(t, ir.ArrayType) else t.values
    return isinstance(t, ir.ModelType) and t.name in path


def _sample_string(format: str | None, name: str) -> str:
    example = example_text(format)
    return example if example is not None else f"example-{name}"
