"""Generated methods that page and poll, end to end against a server on 127.0.0.1:
the whole Call Automation client lists `GetParticipants` across three pages, and a
`begin_<name>` method polls to its typed result and resumes from a token."""

from __future__ import annotations

import asyncio
import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from generator.errors import Warnings
from generator.ir.options import BuildOptions
from generator.output import write
from generator.pipeline import Job, generate_plan

from helpers import shared_path
from pages_server import SPEC, Server, generated_package, serve

CALL_AUTOMATION = "CallAutomation/stable/2024-09-15/communicationservicescallautomation.json"


@pytest.fixture(scope="module")
def call_automation(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    spec = shared_path("reference", "upstream") / CALL_AUTOMATION
    folder = tmp_path_factory.mktemp("call_automation_pages")
    job = Job(specs=(spec,), options=BuildOptions(package_name="call_automation_pages"), ref_root=spec.parents[3])
    write(generate_plan(job, Warnings()), folder)
    sys.path.insert(0, str(folder / "python"))
    try:
        return importlib.import_module("call_automation_pages")
    finally:
        sys.path.pop(0)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return generated_package(tmp_path_factory.mktemp("paging_client"), "paging_client")


@pytest.fixture
def server() -> Iterator[Server]:
    yield from serve()


def _participant(raw_id: str) -> dict[str, object]:
    return {"identifier": {"rawId": raw_id, "kind": "communicationUser", "communicationUser": {"id": raw_id}}, "isMuted": False}


def _three_pages(server: Server) -> None:
    base = "/calling/callConnections/call-1/participants"
    server.route(f"GET {base}?api-version=2024-09-15",
                 (200, {}, {"value": [_participant("8:a"), _participant("8:b")], "nextLink": f"{base}?skip=2"}))
    server.route(f"GET {base}?skip=2&api-version=2024-09-15",
                 (200, {}, {"value": [_participant("8:c")], "nextLink": "http://127.0.0.1:{port}" + f"{base}?skip=3"}))
    server.route(f"GET {base}?skip=3&api-version=2024-09-15", (200, {}, {"value": [_participant("8:d")]}))


def test_call_automation_get_participants_lists_every_page(call_automation: ModuleType, server: Server) -> None:
    _three_pages(server)
    with call_automation.CallAutomationPagesClient(server.endpoint) as client:
        participants = list(client.call_connection.get_participants("call-1"))
    assert [p.identifier.raw_id for p in participants] == ["8:a", "8:b", "8:c", "8:d"]
    assert isinstance(participants[0], call_automation.CallParticipant)
    assert len(server.seen) == 3


def test_call_automation_pages_and_tokens_async(call_automation: ModuleType, server: Server) -> None:
    _three_pages(server)

    async def run() -> tuple[list[str], list[str]]:
        async with call_automation.AsyncCallAutomationPagesClient(server.endpoint) as client:
            pager = client.call_connection.get_participants("call-1")
            first = [page async for page in pager.by_page()][0]
            assert first.continuation_token is not None
            resumed = client.call_connection.get_participants("call-1", continuation_token=first.continuation_token)
            rest = [p.identifier.raw_id async for p in resumed]
            return [p.identifier.raw_id for p in first.items], rest

    assert asyncio.run(run()) == (["8:a", "8:b"], ["8:c", "8:d"])


def test_begin_polls_to_the_typed_result_and_resumes_from_a_token(package: ModuleType, server: Server) -> None:
    server.route("PUT /items/1", (201, {"Azure-AsyncOperation": "/operations/1", "Retry-After": "0"}, None))
    server.route("GET /operations/1", (200, {}, {"status": "Running"}), (200, {}, {"status": "Succeeded"}))
    server.route("GET /items/1", (200, {}, {"id": "1"}))
    with package.PagingClientClient(base_url=server.endpoint) as client:
        poller = client.items.begin_create("1", polling_interval=0)
        token = poller.continuation_token()
    with package.PagingClientClient(base_url=server.endpoint) as client:
        result = client.items.begin_create("1", continuation_token=token, polling_interval=0).result()
    assert result == package.Item(id="1")
    assert server.paths() == ["PUT /items/1", "GET /operations/1", "GET /operations/1", "GET /items/1"]


def test_begin_raises_the_typed_error_of_a_failed_operation(package: ModuleType, server: Server) -> None:
    server.route("PUT /items/2", (201, {"Azure-AsyncOperation": "/operations/2", "Retry-After": "0"}, None))
    server.route("GET /operations/2", (200, {}, {"status": "Failed", "error": {"code": "Conflict", "message": "taken"}}))

    async def run() -> None:
        async with package.AsyncPagingClientClient(base_url=server.endpoint) as client:
            poller = await client.items.begin_create("2")
            await poller.result()

    with pytest.raises(package.OperationFailedError) as raised:  # exported beside the other errors
        asyncio.run(run())
    assert isinstance(raised.value, package.ApiError)
    assert raised.value.error.code == "Conflict" and raised.value.status == "Failed"


def test_the_runtime_errors_are_exported(package: ModuleType) -> None:
    """The package exports the errors of its pagers and pollers with the others."""
    exported = {"NextLinkError", "OperationFailedError", "PollingError", "PollingTimeoutError"}
    assert exported <= set(package.__all__)
    assert package.NextLinkError is package._paging.NextLinkError
    assert package.PollingTimeoutError is package._polling.PollingTimeoutError


# Azure's `operationName`: the next pages come from `Items_ListNext`, an operation that
# `x-ms-paths` declares at the same path as `Items_List` (its key's `?op=next` only tells
# the two apart); it takes the next link in its `nextLink` query parameter, and the
# first call's tenant and api-version.
NEXT_OPERATION_SPEC = {
    "swagger": "2.0",
    "info": {"title": "Next pages", "version": "2024-01-01"},
    "host": "example.com",
    "schemes": ["https"],
    "paths": {
        "/tenants/{tenant}/items": {
            "get": {
                "operationId": "Items_List",
                "parameters": [
                    {"name": "tenant", "in": "path", "required": True, "type": "string"},
                    {"name": "api-version", "in": "query", "required": True, "type": "string"},
                    {"name": "top", "in": "query", "required": False, "type": "integer"},
                ],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Page"}}},
                "x-ms-pageable": {"nextLinkName": "nextLink", "operationName": "Items_ListNext"},
            },
        },
    },
    "x-ms-paths": {
        "/tenants/{tenant}/items?op=next": {
            "get": {
                "operationId": "Items_ListNext",
                "parameters": [
                    {"name": "tenant", "in": "path", "required": True, "type": "string"},
                    {"name": "op", "in": "query", "required": True, "type": "string", "enum": ["next"]},
                    {"name": "nextLink", "in": "query", "required": True, "type": "string"},
                    {"name": "api-version", "in": "query", "required": True, "type": "string"},
                ],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Page"}}},
            },
        },
    },
    "definitions": SPEC["definitions"],
}


@pytest.fixture(scope="module")
def next_pages(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return generated_package(tmp_path_factory.mktemp("next_pages"), "next_pages", NEXT_OPERATION_SPEC)


def _pages_by_operation(server: Server) -> None:
    server.route("GET /tenants/t1/items?api-version=v1&top=5", (200, {}, {"value": [{"id": "a"}], "nextLink": "p/2"}))
    server.route(
        "GET /tenants/t1/items?nextLink=p%2F2&op=next&api-version=v1", (200, {}, {"value": [{"id": "b"}], "nextLink": "p/3"})
    )
    server.route("GET /tenants/t1/items?nextLink=p%2F3&op=next&api-version=v1", (200, {}, {"value": [{"id": "c"}]}))


def test_operation_name_fetches_the_next_pages(next_pages: ModuleType, server: Server) -> None:
    _pages_by_operation(server)
    with next_pages.NextPagesClient(base_url=server.endpoint) as client:
        pager = client.items.list_("t1", api_version="v1", top=5)
        assert [item.id for item in pager] == ["a", "b", "c"]
        assert server.paths()[1:] == [
            "GET /tenants/t1/items?nextLink=p%2F2&op=next&api-version=v1",
            "GET /tenants/t1/items?nextLink=p%2F3&op=next&api-version=v1",
        ]
        # the next-page operation stays a method of its own
        assert [item.id for item in client.items.list_next("t1", "p/3", api_version="v1").value] == ["c"]


def test_operation_name_pages_resume_from_a_token_async(next_pages: ModuleType, server: Server) -> None:
    _pages_by_operation(server)

    async def run() -> tuple[str | None, list[str]]:
        async with next_pages.AsyncNextPagesClient(base_url=server.endpoint) as client:
            first = [page async for page in client.items.list_("t1", api_version="v1", top=5).by_page()][0]
            resumed = client.items.list_("t1", api_version="v1", top=5, continuation_token=first.continuation_token)
            return first.continuation_token, [item.id async for item in resumed]

    assert asyncio.run(run()) == ("p/2", ["b", "c"])
