"""Schemas and parameters as the IR reads them, for the Swagger 2.0 shapes (many from
AutoRest's extensions) that the conformance suite found read wrongly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.cache import Cache
from generator.errors import Warnings
from generator.ir import model as ir
from generator.ir.naming import Identifier
from generator.pipeline import Job, load_api


def api_of(tmp_path: Path, definitions: dict[str, Any], parameters: list[dict[str, Any]] | None = None) -> ir.Api:
    """The IR of a Swagger 2.0 document with one operation: `parameters`, and a response
    of every definition (as `{"<name>": <definition>}` properties of one object)."""
    spec = {
        "swagger": "2.0",
        "info": {"title": "T", "version": "1"},
        "paths": {
            "/things": {
                "get": {
                    "operationId": "getThings",
                    "parameters": parameters or [],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "schema": {
                                "type": "object",
                                "properties": {name: {"$ref": f"#/definitions/{name}"} for name in definitions},
                            },
                        }
                    },
                }
            }
        },
        "definitions": definitions,
    }
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return load_api(path, Job(specs=(path,)), Warnings(), Cache(None))


def field_types(api: ir.Api) -> dict[str, ir.TypeRef]:
    response = api.operations[0].responses[0].type
    assert isinstance(response, ir.ModelType)
    model = next(m for m in api.models if m.name == response.name)
    return {f.json_name: f.type for f in model.fields}


def test_an_enum_of_a_value_format_is_that_format(tmp_path: Path) -> None:
    api = api_of(
        tmp_path,
        {
            "MinDate": {"type": "string", "format": "date", "enum": ["0001-01-01"]},
            "Stamp": {"type": "string", "format": "date-time", "enum": ["0001-01-01T00:00:00Z"]},
            "Empty": {"type": "string", "format": "byte", "enum": [""]},
            "Color": {"type": "string", "enum": ["red"]},
        },
    )
    assert field_types(api) == {
        "MinDate": ir.PrimitiveType("string", "date"),
        "Stamp": ir.PrimitiveType("string", "date-time"),
        "Empty": ir.PrimitiveType("string", "byte"),
        "Color": ir.EnumType(Identifier("Color"), "string"),
    }
    assert [e.name for e in api.enums] == ["Color"]


def test_x_ms_client_name_renames_a_definition(tmp_path: Path) -> None:
    api = api_of(tmp_path, {"A": {"type": "object", "x-ms-client-name": "MyException", "properties": {"x": {"type": "string"}}}})
    assert [(m.name, m.schema_name) for m in api.models if m.schema_name] == [("MyException", "A")]


def test_x_ms_client_default_is_the_default_of_a_parameter(tmp_path: Path) -> None:
    parameters = [
        {"name": "models", "in": "query", "type": "string", "x-ms-client-default": "value1"},
        {"name": "both", "in": "query", "type": "string", "default": "a", "x-ms-client-default": "b"},
    ]
    api = api_of(tmp_path, {}, parameters)
    assert [(p.wire_name, p.has_default, p.default) for p in api.operations[0].parameters] == [
        ("models", True, "value1"),
        ("both", True, "a"),
    ]


def test_a_file_written_as_an_object_is_binary(tmp_path: Path) -> None:
    """AutoRest's `type: object, format: file` is a file (`type: file`), not a map."""
    api = api_of(tmp_path, {"Upload": {"type": "object", "format": "file"}})
    assert field_types(api) == {"Upload": ir.PrimitiveType("string", "binary")}


def test_a_required_constant_defaults_to_its_only_value(tmp_path: Path) -> None:
    color = {"type": "string", "enum": ["green-color"], "x-ms-enum": {"name": "ColorConstant", "modelAsString": False}}
    api = api_of(
        tmp_path,
        {"Paint": {"type": "object", "required": ["color"], "properties": {"color": color, "other": color}}},
    )
    paint = next(m for m in api.models if m.name == "Paint")
    fields = {f.json_name: (f.has_default, f.default) for f in paint.fields}
    assert fields == {"color": (True, "green-color"), "other": (False, None)}


def test_an_x_ms_enum_met_again_is_reused(tmp_path: Path) -> None:
    """One x-ms-enum name at several places with the same values is one enum, not
    `Color`, `Color2`, ...; other values under that name make another enum."""

    def color(*values: str) -> dict[str, Any]:
        return {"type": "string", "enum": list(values), "x-ms-enum": {"name": "Color"}}

    api = api_of(
        tmp_path,
        {
            "A": {"type": "object", "properties": {"c": color("red", "blue")}},
            "B": {"type": "object", "properties": {"c": color("red", "blue"), "d": color("green")}},
        },
    )
    types = {(m.name, f.json_name): f.type for m in api.models for f in m.fields if m.name in ("A", "B")}
    assert types[("A", "c")] == types[("B", "c")] == ir.EnumType(Identifier("Color"), "string")
    assert types[("B", "d")] != types[("A", "c")]
    assert len(api.enums) == 2


def test_a_required_constant_parameter_defaults_to_its_only_value(tmp_path: Path) -> None:
    """AutoRest's constants: a required parameter with a one-value enum (a boolean one
    too, which has no enum class) need not be passed; optional ones and longer enums
    keep no default."""
    parameters = [
        {"name": "one", "in": "query", "required": True, "type": "integer", "enum": [1000000]},
        {"name": "flag", "in": "query", "required": True, "type": "boolean", "enum": [True]},
        {"name": "optional", "in": "query", "type": "string", "enum": ["x"]},
        {"name": "two", "in": "query", "required": True, "type": "string", "enum": ["a", "b"]},
    ]
    api = api_of(tmp_path, {}, parameters)
    assert {p.wire_name: (p.has_default, p.default) for p in api.operations[0].parameters} == {
        "one": (True, 1000000),
        "flag": (True, True),
        "optional": (False, None),
        "two": (False, None),
    }


def test_lifecycle_extensions_and_not_are_read(tmp_path: Path) -> None:
    """`x-sunset` on parameters and properties, `x-stability-level` on properties, and a
    schema's `not` reach the IR (diff compares them); absent, they are None."""
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": {"/things": {"post": {
            "operationId": "addThing",
            "parameters": [
                {"name": "old", "in": "query", "deprecated": True, "x-sunset": "2026-01-01", "schema": {"type": "string"}},
                {"name": "plain", "in": "query", "schema": {"type": "string"}},
            ],
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
            "responses": {"204": {"description": "ok"}},
        }}},
        "components": {"schemas": {"Thing": {"type": "object", "properties": {
            "code": {"type": "string", "not": {"enum": ["x"]}, "x-sunset": "2026-06-30", "x-stability-level": "beta"},
            "name": {"type": "string"},
        }}}},
    }
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    api = load_api(path, Job(specs=(path,)), Warnings(), Cache(None))
    assert [(p.wire_name, p.sunset) for p in api.operations[0].parameters] == [("old", "2026-01-01"), ("plain", None)]
    fields = {f.json_name: f for f in api.models[0].fields}
    assert (fields["code"].sunset, fields["code"].stability) == ("2026-06-30", "beta")
    assert (fields["name"].sunset, fields["name"].stability) == (None, None)
    assert fields["code"].constraints.not_schema == ir.FrozenDict({"enum": ("x",)})
    assert fields["name"].constraints.not_schema is None
