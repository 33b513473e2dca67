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
from pages_server import Server, generated_package, serve

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

    with pytest.raises(package.ApiError) as raised:
        asyncio.run(run())
    assert raised.value.error.code == "Conflict" and raised.value.status == "Failed"
