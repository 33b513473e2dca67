"""Paging and long-running operations in the IR: every input the issue names, and a
located warning for what cannot be honoured."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cache import Cache
from generator.config import load_config
from generator.errors import GeneratorError, Warnings
from generator.ir import model as ir
from generator.ir.options import BuildOptions, PaginationRule
from generator.pipeline import Job, load_api

from helpers import shared_path

PAGE = {
    "type": "object",
    "properties": {
        "value": {"type": "array", "items": {"$ref": "#/definitions/Item"}},
        "nextLink": {"type": "string"},
    },
}
SWAGGER: dict[str, Any] = {
    "swagger": "2.0",
    "info": {"title": "Pages", "version": "2024-01-01"},
    "host": "example.com",
    "paths": {
        "/items": {
            "get": {
                "operationId": "Items_List",
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Page"}}},
                "x-ms-pageable": {"nextLinkName": "nextLink"},
            },
            "put": {
                "operationId": "Items_Create",
                "responses": {
                    "200": {"description": "ok", "schema": {"$ref": "#/definitions/Item"}},
                    "201": {"description": "created", "schema": {"$ref": "#/definitions/Item"}},
                },
                "x-ms-long-running-operation": True,
                "x-ms-long-running-operation-options": {"final-state-via": "azure-async-operation"},
            },
        }
    },
    "definitions": {"Page": PAGE, "Item": {"type": "object", "properties": {"id": {"type": "string"}}}},
}
OPENAPI: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Cursors", "version": "1"},
    "paths": {
        "/repos": {
            "get": {
                "operationId": "listRepos",
                "parameters": [{"name": "per_page", "in": "query", "schema": {"type": "integer"}}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "headers": {"Link": {"schema": {"type": "string"}}},
                        "content": {"application/json": {"schema": {"type": "array", "items": {"type": "string"}}}},
                    }
                },
            }
        },
        "/events": {
            "get": {
                "operationId": "listEvents",
                "parameters": [{"name": "after", "in": "query", "schema": {"type": "string"}}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "data": {"type": "array", "items": {"type": "integer"}},
                                        "meta": {"type": "object", "properties": {"next": {"type": "string"}}},
                                    },
                                }
                            }
                        },
                    }
                },
            }
        },
    },
}


def _load(document: dict[str, Any], tmp_path: Path, **options: Any) -> tuple[ir.Api, list[str]]:
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    warnings = Warnings()
    api = load_api(path, Job(specs=(path,), options=BuildOptions(**options)), warnings, Cache(None))
    return api, [str(problem) for problem in warnings.sorted()]


def _operation(api: ir.Api, operation_id: str) -> ir.Operation:
    return next(op for op in api.operations if op.operation_id == operation_id)


def test_x_ms_pageable_and_long_running(tmp_path: Path) -> None:
    api, warnings = _load(SWAGGER, tmp_path)
    assert warnings == []
    listing = _operation(api, "Items_List")
    assert listing.paging is not None and listing.long_running is None
    assert (listing.paging.kind, listing.paging.next_path, listing.paging.source) == ("next_link", ("nextLink",), "x-ms-pageable")
    assert [f.json_name for f in listing.paging.items] == ["value"]  # itemName's default
    assert listing.paging.item_type == ir.ModelType(name="Item")  # type: ignore[arg-type]
    create = _operation(api, "Items_Create")
    assert create.paging is None and create.long_running is not None
    assert create.long_running.method_name == "begin_create"
    assert create.long_running.final_state_via == "azure-async-operation"
    assert create.long_running.result is not None and create.long_running.result.status == "200"


def test_null_next_link_is_one_page_and_a_missing_next_operation_is_a_located_warning(tmp_path: Path) -> None:
    document = copy.deepcopy(SWAGGER)
    document["paths"]["/items"]["get"]["x-ms-pageable"] = {"nextLinkName": None}
    paging = _operation(_load(document, tmp_path)[0], "Items_List").paging
    assert paging is not None and (paging.kind, paging.next_path) == ("single", ())
    document["paths"]["/items"]["get"]["x-ms-pageable"] = {"operationName": "Items_ListNext"}
    api, warnings = _load(document, tmp_path)
    paging = _operation(api, "Items_List").paging
    assert paging is not None and (paging.kind, paging.next_operation) == ("next_link", None)
    assert len(warnings) == 1 and "operationName names no operation" in warnings[0]
    assert "the pager follows the next link itself" in warnings[0]
    assert "#/paths/~1items/get/x-ms-pageable" in warnings[0] and "spec.yaml:" in warnings[0]


def _next_operation_document() -> dict[str, Any]:
    """`Items_List` pages with `Items_ListNext`, declared in `x-ms-paths` at the same path."""
    document = copy.deepcopy(SWAGGER)
    listing = document["paths"]["/items"]["get"]
    listing["parameters"] = [
        {"name": "api-version", "in": "query", "required": True, "type": "string"},
        {"name": "tenant", "in": "query", "required": True, "type": "string"},
        {"name": "top", "in": "query", "type": "integer"},
    ]
    listing["x-ms-pageable"] = {"nextLinkName": "nextLink", "operationName": "Items_ListNext"}
    document["x-ms-paths"] = {
        "/items/{nextLink}?op=next": {
            "get": {
                "operationId": "Items_ListNext",
                "parameters": [
                    {"name": "nextLink", "in": "path", "required": True, "type": "string", "x-ms-skip-url-encoding": True},
                    {"name": "tenant", "in": "query", "required": True, "type": "string"},
                    {"name": "api-version", "in": "query", "required": True, "type": "string"},
                    {"name": "top", "in": "query", "type": "string"},  # not an integer: not passed
                    # the key's `?op=next` is not sent: the parameter sends it
                    {"name": "op", "in": "query", "required": True, "type": "string", "enum": ["next"]},
                ],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Page"}}},
            }
        }
    }
    return document


def test_x_ms_paths_operations_and_the_next_operation(tmp_path: Path) -> None:
    api, warnings = _load(_next_operation_document(), tmp_path)
    assert warnings == []
    following = _operation(api, "Items_ListNext")
    assert (following.method, following.path) == ("get", "/items/{nextLink}")  # the query only told it apart
    assert [p.wire_name for p in following.parameters if p.location == "query"] == ["tenant", "api-version", "top", "op"]
    paging = _operation(api, "Items_List").paging
    assert paging is not None and paging.next_operation == ir.NextOperation(
        operation_id="Items_ListNext",
        link_parameter="next_link",  # type: ignore[arg-type]
        arguments=(("tenant", "tenant"), ("api_version", "api_version")),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda op: op["parameters"].append({"name": "region", "in": "query", "required": True, "type": "string"}),
         "'Items_ListNext': its parameter 'region' gets no value from this operation"),
        (lambda op: op["responses"]["200"].update(schema={"$ref": "#/definitions/Item"}),
         "'Items_ListNext' does not answer with the page type of this operation"),
        (lambda op: op.update({"x-ms-long-running-operation": True}), "'Items_ListNext' is long-running"),
    ],
)
def test_a_next_operation_that_cannot_be_called_is_a_located_warning(tmp_path: Path, change: Any, message: str) -> None:
    document = _next_operation_document()
    change(document["x-ms-paths"]["/items/{nextLink}?op=next"]["get"])
    api, warnings = _load(document, tmp_path)
    paging = _operation(api, "Items_List").paging
    assert paging is not None and paging.next_operation is None
    assert len(warnings) == 1 and message in warnings[0] and "#/paths/~1items/get/x-ms-pageable" in warnings[0]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("items?op=next", {}, "x-ms-paths key 'items?op=next' must start with `/`"),
        ("/items?", {}, "x-ms-paths key '/items?' has nothing after its `?`"),
        ("/items#x", {}, "must not hold a fragment"),
    ],
)
def test_malformed_x_ms_paths_keys_are_located_errors(tmp_path: Path, key: str, value: Any, message: str) -> None:
    document = copy.deepcopy(SWAGGER)
    document["x-ms-paths"] = {key: value}
    with pytest.raises(GeneratorError) as raised:
        _load(document, tmp_path)
    assert message in str(raised.value) and "spec.yaml:" in str(raised.value)
    assert "#/x-ms-paths/" in str(raised.value)


def test_an_undeclared_query_of_an_x_ms_paths_key_is_a_located_warning(tmp_path: Path) -> None:
    document = _next_operation_document()
    document["x-ms-paths"]["/items/{nextLink}?op=next&color=red"] = document["x-ms-paths"].pop("/items/{nextLink}?op=next")
    api, warnings = _load(document, tmp_path)
    assert _operation(api, "Items_ListNext").path == "/items/{nextLink}"
    assert len(warnings) == 1 and "'color' is no query parameter of the operation" in warnings[0]  # `op` is one
    assert "#/x-ms-paths/~1items~1{nextLink}?op=next&color=red/get" in warnings[0]


def test_x_ms_paths_must_be_an_object(tmp_path: Path) -> None:
    document = copy.deepcopy(SWAGGER)
    document["x-ms-paths"] = ["/items"]
    with pytest.raises(GeneratorError, match="x-ms-paths must be an object"):
        _load(document, tmp_path)


@pytest.mark.parametrize(
    ("extension", "value", "message"),
    [
        ("x-ms-pageable", {"itemName": "items"}, "x-ms-pageable: the answer has no field 'items'; generated as a plain call"),
        ("x-ms-pageable", {"itemName": "nextLink"}, "x-ms-pageable: 'nextLink' is not an array; generated as a plain call"),
        ("x-ms-pageable", True, "x-ms-pageable must be an object; generated as a plain call"),
        ("x-apiforge-pagination", {"next-link": "nextLink"}, "x-apiforge-pagination: the answer is not an array; generated as a plain call"),
        ("x-apiforge-pagination", {"items": "value"}, "x-apiforge-pagination give either `next-link`, or `cursor`"),
    ],
)
def test_what_cannot_be_honoured_is_a_located_warning(tmp_path: Path, extension: str, value: Any, message: str) -> None:
    document = copy.deepcopy(SWAGGER)
    get = document["paths"]["/items"]["get"]
    del get["x-ms-pageable"]
    get[extension] = value
    api, warnings = _load(document, tmp_path)
    assert _operation(api, "Items_List").paging is None
    assert len(warnings) == 1 and message in warnings[0]
    assert f"#/paths/~1items/get/{extension}" in warnings[0] and "spec.yaml:" in warnings[0]


def test_unknown_final_state_is_a_located_warning(tmp_path: Path) -> None:
    document = copy.deepcopy(SWAGGER)
    document["paths"]["/items"]["put"]["x-ms-long-running-operation-options"] = {"final-state-via": "somewhere"}
    api, warnings = _load(document, tmp_path)
    long_running = _operation(api, "Items_Create").long_running
    assert long_running is not None and long_running.final_state_via is None
    assert len(warnings) == 1 and "final-state-via 'somewhere' is not one of" in warnings[0]
    assert "#/paths/~1items/put/x-ms-long-running-operation-options" in warnings[0]


def test_a_declared_link_header_on_an_array_answer_pages(tmp_path: Path) -> None:
    api, warnings = _load(OPENAPI, tmp_path)
    paging = _operation(api, "listRepos").paging
    assert paging is not None and (paging.kind, paging.items, paging.source) == ("link_header", (), "link-header")
    assert paging.item_type == ir.PrimitiveType("string")
    assert _operation(api, "listEvents").paging is None  # no rule, no Link header: one piece


def test_configured_cursor_rule_and_extension(tmp_path: Path) -> None:
    rule = PaginationRule(operations=("list*",), items=("data",), cursor=("meta", "next"), cursor_parameter="after")
    api, warnings = _load(OPENAPI, tmp_path, pagination=(rule,))
    assert warnings == []
    paging = _operation(api, "listEvents").paging
    assert paging is not None and paging.source == "configuration"
    assert (paging.kind, paging.next_path, paging.cursor_parameter) == ("cursor", ("meta", "next"), "after")
    assert _operation(api, "listRepos").paging is not None  # the rule does not fit it: its Link header still pages
    document = copy.deepcopy(OPENAPI)
    document["paths"]["/events"]["get"]["x-apiforge-pagination"] = {"items": "data", "cursor": ["meta", "next"], "cursor-parameter": "before"}
    api, warnings = _load(document, tmp_path)
    assert _operation(api, "listEvents").paging is None
    assert len(warnings) == 1 and "the operation has no query parameter 'before'" in warnings[0]


def test_pyproject_pagination_tables(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[[tool.apiforge.pagination]]\noperations = ["list*"]\nitems = "data"\nnext-link = ["links", "next"]\n'
    )
    config = load_config(tmp_path)
    assert config.pagination == (PaginationRule(operations=("list*",), items=("data",), next_link=("links", "next")),)
    (tmp_path / "pyproject.toml").write_text('[[tool.apiforge.pagination]]\nitems = "data"\n')
    with pytest.raises(GeneratorError, match="number 1: give either `next-link`"):
        load_config(tmp_path)


def test_call_automation_get_participants_pages() -> None:
    spec = shared_path("reference", "upstream") / "CallAutomation/stable/2024-09-15/communicationservicescallautomation.json"
    api = load_api(spec, Job(specs=(spec,), ref_root=spec.parents[3]), Warnings(), Cache(None))
    pageable = {op.operation_id for op in api.operations if op.paging}
    assert pageable == {"CallConnection_GetParticipants"}
    assert not [op for op in api.operations if op.long_running]
