"""The emitted tests: the calls examples make, the values the models send back, the
keys of their JSON payloads."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..formats import FORMATS, HELPERS
from ..ir import model as ir
from ..render.wire import example_request, sample
from .conversions import _annotation, _value_format, read_as, written_types
from .operations import error_responses, result_annotation, success_responses


def test_imports(api: ir.Api) -> dict[str, list[str]]:
    """What the emitted tests import to build typed arguments: `models` (classes and
    helpers from the generated models module) and `modules` (`from x import y` lines)."""
    types: list[ir.TypeRef] = []
    constants = False  # JSON objects and arrays are payloads: read from the JSON file beside the tests
    for operation in api.operations:
        if operation.examples and any(r.type and r.type.type_kind == "model" for r in error_responses(operation)):
            constants = True
        for example in operation.examples:
            plan = example_call(api, operation, example)
            answer = plan["answer"]
            if answer is not None and (
                (operation.body is not None and isinstance(plan["body"], (Mapping, list, tuple)))
                or (answer["has_body"] and isinstance(answer["body"], (Mapping, list, tuple)))
            ):
                constants = True
            types += [parameter.type for parameter, _ in plan["client_args"] + plan["arguments"]]
            types += [operation.body.type] if operation.body is not None and plan["body"] is not None else []
            if answer is not None and answer["type"] is not None and (answer["type"].type_kind != "model" or answer["narrow"]):
                types.append(answer["type"])
    names: set[str] = set()
    modules: set[str] = set()
    for t in written_types(types):
        if isinstance(t, ir.ModelType):
            names.add(t.name)
        elif isinstance(t, ir.EnumType):
            names.update((t.name, "known_value"))
        elif isinstance(t, ir.PrimitiveType):
            entry = _value_format(t)
            needed = entry.decode_needs if entry is not None else ""
            if needed in HELPERS:
                names.add(needed)
            elif needed == "date":
                modules.add("from datetime import date")
            elif needed == "base64":
                modules.add("import base64")
    if constants:
        modules.update(("from functools import cache", "from pathlib import Path", "from typing import Any"))
    return {"models": sorted(names), "modules": sorted(modules)}


# ---------------------------------------------------------------------- examples for tests


def as_sent(t: ir.TypeRef, value: Any, api: ir.Api) -> Any:
    """An example value as the generated models write it back: an optional property
    given as null is left out, since the models do not tell null from unset there, and
    so are read-only properties; a required property with a default is filled in."""
    if isinstance(t, ir.ModelType) and isinstance(value, Mapping):
        model = next(m for m in api.models if m.name == t.name)
        if model.discriminator is not None:  # parsed as the subtype it names, like from_dict
            kind = str(value.get(model.discriminator.property))
            case = next((c for c in model.discriminator.mapping if c.value == kind and c.model != model.name), None)
            if case is not None:
                return as_sent(ir.ModelType(case.model), value, api)
        fields = {f.json_name: f for f in model.fields}
        result = {}
        for key, item in value.items():
            field = fields.get(key)
            if field is None:
                if model.additional_properties is not None:
                    result[key] = as_sent(model.additional_properties.values, item, api)
                continue  # unknown properties are ignored when parsing
            if field.read_only or item is None and not (field.required and field.nullable):
                continue  # read-only properties are never sent
            result[key] = as_sent(field.type, item, api)
        for field in model.fields:  # a required property with a default is filled in when absent
            if field.required and field.has_default and not field.read_only and field.json_name not in value:
                result[field.json_name] = field.default
        return result
    if isinstance(t, ir.ArrayType) and isinstance(value, (list, tuple)):
        return [as_sent(t.items, item, api) for item in value]
    if isinstance(t, ir.MapType) and isinstance(value, Mapping):
        return {key: as_sent(t.values, item, api) for key, item in value.items()}
    entry = FORMATS.get(t.format or "") if isinstance(t, ir.PrimitiveType) and t.kind == "string" else None
    if entry is not None and entry.round_trip is not None and isinstance(value, str):
        return entry.round_trip(value)  # as the generated models write it back
    return value


def example_call(api: ir.Api, operation: ir.Operation, example: ir.Example | None) -> dict[str, Any]:
    """Everything a generated test needs to make one call and check what was sent.

    The expected request comes from `generator.render.wire`, computed from the
    example's raw values independently of the generated client.
    """
    request = example_request(api, operation, example)
    given = dict(example.parameters) if example is not None else {}
    server_args = [
        (variable, request.server_values[variable.name])
        for variable in api.server.variables
        if variable.required or variable.wire_name in given
    ]
    client_args = [
        (parameter, request.values[parameter.name])
        for parameter in api.client_parameters
        if parameter.name in request.values and (parameter.required or parameter.wire_name in given)
    ]
    arguments = [
        (parameter, request.values[parameter.name])
        for parameter in operation.parameters
        if parameter.name in request.values
        and not parameter.client_level
        and (parameter.wire_name in given or not parameter.has_default)
    ]
    return {
        "server_args": server_args,
        "client_args": client_args,
        "arguments": arguments,
        "body": request.body,
        "url": request.url,
        "headers": request.headers,
        "answer": _answer(api, operation, example),
    }


def _answer(api: ir.Api, operation: ir.Operation, example: ir.Example | None) -> dict[str, Any] | None:
    """The success answer a test's mock transport gives: the example's, or one made
    from the declared success response. None for an example that shows only errors."""
    successes = success_responses(operation)
    shown = [r for r in (example.responses if example else ()) if r.status_code and 200 <= r.status_code < 300]
    if example is not None and example.responses and not shown:
        return None
    if shown:
        declared = next((r for r in successes if r.status == shown[0].status), successes[0] if successes else None)
        status, has_body, body = shown[0].status_code, shown[0].has_body, shown[0].body
    else:
        declared = successes[0] if successes else None
        status = (declared.status_code if declared is not None else None) or 200
        has_body = declared is not None and declared.type is not None
        body = sample(declared.type, api) if has_body else None  # type: ignore[union-attr, arg-type]
    result_type = declared.type if declared is not None and has_body else None
    read = read_as(declared) if declared is not None and has_body else "json"
    # A model answer of an operation that returns more (a union, or None too): the test
    # checks its class before calling its methods.
    narrow = isinstance(result_type, ir.ModelType) and result_annotation(operation) != _annotation(result_type)
    return {"status": status, "body": body, "has_body": has_body, "type": result_type, "read_as": read, "narrow": narrow}


def payload_key(parts: Iterable[str], role: str) -> str:
    """The key of a JSON payload of the emitted tests (in the payloads file beside
    them): the parts (names from the naming rules) and the role (a fixed word),
    lower-cased and joined by `_`."""
    words = [*parts, role]
    for word in words:
        if not word.isidentifier():
            raise ValueError(f"payload_key: {word!r} is not a name")
    return "_".join(word.lower() for word in words)
