"""The python view (generator/view/) and the value formats (generator/formats.py), on
their own: what they compute from small IR values, without rendering a template."""

from __future__ import annotations

import json

import pytest

from generator.formats import FORMATS, HELPERS, value_format
from generator.ir import model as ir
from generator.ir.naming import Identifier
from generator.view.conversions import annotation, decode, encode, value_literal
from generator.view.models import models_module

from dataclasses import replace

from generator.cache import Cache
from generator.errors import Warnings
from generator.ir.build import BuildOptions
from generator.pipeline import Job, load_api

from helpers import REPO


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_entry_is_complete(name: str) -> None:
    entry = FORMATS[name]
    assert entry.name == name
    if entry.converts:
        assert value_format(entry.json_kind, name) is entry
        assert entry.literal is not None, "a converting format writes its defaults as Python values"
    for needed in (entry.decode_needs, entry.encode_needs):
        assert not needed or needed in HELPERS or needed in ("date", "base64", "format_datetime")
    if entry.example is not None:
        assert entry.accepts(entry.example)
        if entry.round_trip is not None:
            assert entry.round_trip(entry.example) == entry.example


def test_a_format_drives_annotation_conversions_and_literals() -> None:
    moment = ir.PrimitiveType("string", "date-time")
    assert annotation(moment, True) == "datetime | None"
    assert decode(moment, "x") == "parse_datetime_iso(x)"
    assert encode(moment, "x") == "format_datetime_iso(x)"
    assert value_literal(moment, "2024-01-01T01:00:00+01:00") == 'datetime.fromisoformat("2024-01-01T00:00:00Z")'
    assert value_format("string", "unixtime") is None  # unixtime is carried by integers only
    assert not FORMATS["date"].accepts("2024-13-01")


def _field(name: str, t: ir.TypeRef, required: bool = False) -> ir.Field:
    return ir.Field(
        name=Identifier(name), json_name=name, type=t, required=required, nullable=False, read_only=False,
        deprecated=False, has_default=False, default=None, description="",
    )


def _model(name: str, *fields: ir.Field) -> ir.Model:
    return ir.Model(
        name=Identifier(name), schema_name=name, description="", fields=fields, base=None, discriminator=None,
        discriminator_value=None, additional_properties=None, usage="both", deprecated=False,
    )


def _api(models: tuple[ir.Model, ...]) -> ir.Api:
    spec = REPO / "specs" / "transfer_to_participant.yaml"
    base = load_api(spec, Job(specs=(spec,), options=BuildOptions()), Warnings(), Cache(None))
    return replace(base, models=models, enums=(), operations=())


def test_models_module_imports_only_what_it_uses() -> None:
    module = models_module(_api((_model("Event", _field("when", ir.PrimitiveType("string", "date"), True)),)))
    assert "from datetime import date" in module.imports
    assert "import enum" not in module.imports and "TypeVar" not in module.imports
    assert module.helpers == ""  # date.fromisoformat and .isoformat need no helper
    (model, view), = module.models
    assert view.class_line == "class Event:"
    assert '"when": self.when.isoformat(),' in view.to_dict
    assert 'when=date.fromisoformat(data["when"]),' in view.from_dict


def test_models_module_defines_the_helpers_its_formats_need() -> None:
    module = models_module(_api((_model("Job", _field("span", ir.PrimitiveType("string", "duration"))),)))
    assert "def parse_duration(" in module.helpers and "def format_duration(" in module.helpers
    assert "import re" in module.imports and "timedelta" in module.imports
    (_, view), = module.models
    assert "_span = data.get(\"span\")" in view.from_dict  # an optional value converted after a None check


def test_reference_page_tables_escape_spec_text_and_link_definitions() -> None:
    from generator.view.reference import reference_page, table

    hostile = "a | b\n<script>`x`</script> [link](http://e)"
    body = _model("Order", replace(_field("note", ir.PrimitiveType("string"), True), description=hostile))
    spec = REPO / "specs" / "transfer_to_participant.yaml"
    base = load_api(spec, Job(specs=(spec,), options=BuildOptions()), Warnings(), Cache(None))
    operation = replace(base.operations[0], body=replace(base.operations[0].body, type=ir.ModelType(body.name)))
    page = reference_page(replace(base, models=(*base.models, body)), operation)
    (request_body,) = page.request_bodies
    assert request_body.header == "| Name | Required | Type | Description |\n| --- | --- | --- | --- |"
    (row,) = request_body.rows
    assert row.count(" | ") == 3 and "\n" not in row  # the pipe and the line break cannot split the row
    assert "&lt;script&gt;" in row and "\\[link\\]" in row and "\\`x\\`" in row
    assert "Order" in [d.name for d in page.definition_sections]
    assert any(r.startswith("| [Order](#order) |") for r in page.definitions.rows)  # type: ignore[union-attr]
    assert table(("A",), []).rows == ()


def test_reference_page_fences_outlast_backticks_in_examples() -> None:
    from generator.view.reference import md_fence

    assert md_fence("a ```` b", "json") == "`````json\na ```` b\n`````"
    assert md_fence("plain") == "```\nplain\n```"


def test_the_emitted_tests_payloads_are_json_data_with_stable_unique_keys() -> None:
    from generator.view.emitted_tests import _Payloads
    from generator.view.examples import payload_key

    payloads = _Payloads()
    assert payloads.text() == ""  # no payload: no file
    key = payload_key(["calls", "answer", "example"], "request")
    assert key == "calls_answer_example_request"
    assert payloads.ref(key, "text") == '"text"'  # a scalar stays an inline literal
    assert payloads.ref(key, {"a": (1, 2)}) == '_payloads()["calls_answer_example_request"]'
    # the same value (an IR tuple or a list) again: the same key; another value: a new one
    assert payloads.ref(key, {"a": [1, 2]}) == '_payloads()["calls_answer_example_request"]'
    assert payloads.ref(key, [{"b": None}]) == '_payloads()["calls_answer_example_request_2"]'
    assert payloads.ref("x", {"é": "\ud800"}) == '_payloads()["x"]'
    text = payloads.text()
    assert text.endswith("}\n") and text == payloads.text()
    # UTF-8 cannot hold a lone surrogate: the whole file is then written with JSON escapes
    assert text.encode("utf-8") and "\\u00e9" in text
    assert json.loads(text) == {
        "calls_answer_example_request": {"a": [1, 2]},
        "calls_answer_example_request_2": [{"b": None}],
        "x": {"é": "\ud800"},
    }
    readable = _Payloads()
    readable.ref("y", ["ü"])
    assert readable.text() == '{\n  "y": [\n    "ü"\n  ]\n}\n'  # UTF-8 text as the description gave it
    with pytest.raises(ValueError, match="not a name"):
        payload_key(["a-b"], "request")


def _swagger_api(tmp_path: object, document: dict[str, object]) -> ir.Api:
    import json
    from pathlib import Path

    path = Path(str(tmp_path)) / "spec.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return load_api(path, Job(specs=(path,)), Warnings(), Cache(None))


def test_bearer_scopes_are_those_the_security_requirements_name(tmp_path: object) -> None:
    """AutoRest's security-aad.json: the scheme declares no scope, the requirement names
    `https://security.microsoft.com/.default`: the token is asked for that one."""
    from generator.view.auth import bearer_scopes

    flow = {"type": "oauth2", "flow": "implicit", "authorizationUrl": "https://login.example/authorize"}
    document: dict[str, object] = {
        "swagger": "2.0",
        "info": {"title": "T", "version": "1"},
        "securityDefinitions": {"AADToken": {**flow, "scopes": {"read": "r", "write": "w"}}, "Key": {"type": "apiKey", "name": "k", "in": "header"}},
        "security": [{"AADToken": ["https://security.microsoft.com/.default"]}, {"Key": []}],
        "paths": {"/a": {"get": {"operationId": "a", "responses": {"200": {"description": "ok"}}}}},
    }
    api = _swagger_api(tmp_path, document)
    assert bearer_scopes(api, {}) == ["https://security.microsoft.com/.default"]
    assert bearer_scopes(api, {"bearer-scopes": ["x"]}) == ["x"]
    document["security"] = [{"AADToken": []}]  # no scope named: the scheme's own
    assert bearer_scopes(_swagger_api(tmp_path, document), {}) == ["read", "write"]
