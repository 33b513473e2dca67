"""The generated polling runtime (`_polling.py`) against a real server on 127.0.0.1:
each final-state-via and status header, provisioning states, Retry-After, a poll
answered 500 then recovered, Failed and Canceled as typed errors, timeouts, resuming
from a continuation token in a fresh client, and the async poller."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import httpx
import pytest

from pages_server import Server, generated_package, serve


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return generated_package(tmp_path_factory.mktemp("polling_runtime"), "polling_runtime")


@pytest.fixture
def server() -> Iterator[Server]:
    yield from serve()


def _operation(package: ModuleType, server: Server, via: str | None = None, interval: float = 0.0) -> Any:
    def final(response: httpx.Response) -> Any:
        return response.json() if response.content else None

    def failure(response: httpx.Response, kind: type) -> Any:
        return kind.from_response(response, package.models.CloudError.from_dict)

    return package._polling.Operation(server.endpoint, final, failure, via, interval)


def _begin(package: ModuleType, server: Server, method: str, path: str, via: str | None = None,
           token: str | None = None, interval: float = 0.0, asynchronous: bool = False) -> Any:
    polling, pipeline = package._polling, package._pipeline
    request = httpx.Request(method, server.endpoint + path, headers={"Accept": "application/json"}, content=b"{}")
    retry = pipeline.RetryPolicy(backoff=0.01)
    operation = _operation(package, server, via, interval)
    if asynchronous:
        return polling.AsyncPoller.start(httpx.AsyncClient(), retry, operation, request, token)
    return polling.Poller(httpx.Client(), retry, operation, None if token else request, token)


MONITOR = {"Azure-AsyncOperation": "/operations/1", "Retry-After": "0"}


def test_azure_async_operation_then_the_original_uri_for_put(package: ModuleType, server: Server) -> None:
    server.route("PUT /items/1", (201, MONITOR, {"properties": {"provisioningState": "Creating"}}))
    server.route("GET /operations/1", (200, {}, {"status": "InProgress"}), (200, {}, {"status": "succeeded"}))
    server.route("GET /items/1", (200, {}, {"id": "1"}))
    poller = _begin(package, server, "PUT", "/items/1")
    assert poller.status() == "InProgress" and not poller._operation.done()
    assert poller.result() == {"id": "1"}
    assert poller.done() and poller.status() == "succeeded"
    assert server.paths() == ["PUT /items/1", "GET /operations/1", "GET /operations/1", "GET /items/1"]


@pytest.mark.parametrize("header", ["Azure-AsyncOperation", "Operation-Location"])
def test_monitor_body_is_the_result_of_a_post_with_final_state_via_the_monitor(package: ModuleType, server: Server, header: str) -> None:
    server.route("POST /run", (202, {header: "http://127.0.0.1:{port}/operations/2", "Location": "/results/2"}, None))
    server.route("GET /operations/2", (200, {}, {"status": "Succeeded", "answer": 42}))
    via = "azure-async-operation" if header.startswith("Azure") else "operation-location"
    assert _begin(package, server, "POST", "/run", via).result() == {"status": "Succeeded", "answer": 42}
    assert "GET /results/2" not in server.paths()


def test_final_state_via_location_reads_the_location(package: ModuleType, server: Server) -> None:
    server.route("POST /run", (202, {"Azure-AsyncOperation": "/operations/3", "Location": "/results/3"}, None))
    server.route("GET /operations/3", (200, {}, {"status": "Succeeded"}))
    server.route("GET /results/3", (200, {}, {"id": "r3"}))
    assert _begin(package, server, "POST", "/run", "location").result() == {"id": "r3"}


def test_final_state_via_original_uri(package: ModuleType, server: Server) -> None:
    server.route("DELETE /items/4", (202, {"Operation-Location": "/operations/4"}, None))
    server.route("GET /operations/4", (200, {}, {"status": "Succeeded"}))
    server.route("GET /items/4", (200, {}, {"id": "gone"}))
    assert _begin(package, server, "DELETE", "/items/4", "original-uri").result() == {"id": "gone"}


def test_location_header_polls_until_not_202(package: ModuleType, server: Server) -> None:
    server.route("POST /run", (202, {"Location": "/results/5", "Retry-After": "0"}, None))
    server.route("GET /results/5", (202, {"Location": "/results/5b"}, None))
    server.route("GET /results/5b", (200, {}, {"id": "r5"}))
    assert _begin(package, server, "POST", "/run").result() == {"id": "r5"}
    assert server.paths() == ["POST /run", "GET /results/5", "GET /results/5b"]


def test_provisioning_state_of_the_resource_for_put_without_headers(package: ModuleType, server: Server) -> None:
    server.route("PUT /items/6", (201, {}, {"properties": {"provisioningState": "Creating"}}))
    server.route("GET /items/6", (200, {}, {"properties": {"provisioningState": "Succeeded"}, "id": "6"}))
    assert _begin(package, server, "PUT", "/items/6").result()["id"] == "6"


def test_a_poll_answered_500_is_retried_and_recovers(package: ModuleType, server: Server) -> None:
    server.route("PUT /items/7", (201, MONITOR, None))
    server.route("GET /operations/1", (500, {}, None), (200, {}, {"status": "Succeeded"}))
    server.route("GET /items/7", (200, {}, {"id": "7"}))
    assert _begin(package, server, "PUT", "/items/7").result() == {"id": "7"}
    assert server.paths().count("GET /operations/1") == 2


@pytest.mark.parametrize("status", ["Failed", "canceled", "CANCELED"])
def test_failed_or_canceled_raises_the_typed_error_with_the_services_body(package: ModuleType, server: Server, status: str) -> None:
    server.route("PUT /items/8", (201, MONITOR, None))
    server.route("GET /operations/1", (200, {}, {"status": status, "error": {"code": "Quota", "message": "too many"}}))
    poller = _begin(package, server, "PUT", "/items/8")
    with pytest.raises(package._polling.OperationFailedError) as raised:
        poller.result()
    assert isinstance(raised.value, package.ApiError)
    assert raised.value.status == status and raised.value.error.code == "Quota"


def test_a_failed_first_answer_raises_the_typed_error(package: ModuleType, server: Server) -> None:
    server.route("PUT /items/9", (400, {}, {"error": {"code": "Bad", "message": "no"}}))
    with pytest.raises(package.ApiError) as raised:
        _begin(package, server, "PUT", "/items/9")
    assert raised.value.status_code == 400 and raised.value.error.code == "Bad"


def test_retry_after_spaces_the_polls_and_timeouts_end_the_wait(package: ModuleType, server: Server) -> None:
    server.route("PUT /items/10", (201, {"Azure-AsyncOperation": "/operations/10", "Retry-After": "1"}, None))
    server.route("GET /operations/10", (200, {"Retry-After": "1"}, {"status": "Running"}))
    poller = _begin(package, server, "PUT", "/items/10", interval=0.0)
    started = time.monotonic()
    with pytest.raises(package._polling.PollingTimeoutError):
        poller.result(timeout=1.5)
    assert 0.9 < time.monotonic() - started < 1.6
    assert server.paths().count("GET /operations/10") == 1


def test_the_interval_applies_when_the_service_names_no_delay(package: ModuleType, server: Server) -> None:
    server.route("PUT /items/11", (201, {"Azure-AsyncOperation": "/operations/11"}, None))
    server.route("GET /operations/11", (200, {}, {"status": "Running"}), (200, {}, {"status": "Succeeded"}))
    server.route("GET /items/11", (200, {}, {"id": "11"}))
    started = time.monotonic()
    assert _begin(package, server, "PUT", "/items/11", interval=0.3).result() == {"id": "11"}
    assert time.monotonic() - started >= 0.6


def test_resume_from_a_continuation_token_in_a_fresh_client(package: ModuleType, server: Server) -> None:
    server.route("PUT /items/12", (201, {"Azure-AsyncOperation": "/operations/12"}, None))
    server.route("GET /operations/12", (200, {}, {"status": "Running"}), (200, {}, {"status": "Succeeded"}))
    server.route("GET /items/12", (200, {}, {"id": "12"}))
    token = _begin(package, server, "PUT", "/items/12").continuation_token()
    assert isinstance(token, str) and server.paths() == ["PUT /items/12"]
    resumed = _begin(package, server, "PUT", "/items/12", token=token)
    assert resumed.result() == {"id": "12"}
    assert server.paths() == ["PUT /items/12", "GET /operations/12", "GET /operations/12", "GET /items/12"]
    with pytest.raises(ValueError, match="not a continuation token"):
        _begin(package, server, "PUT", "/items/12", token="garbage")


def test_async_poller(package: ModuleType, server: Server) -> None:
    server.route("PUT /items/13", (201, MONITOR, None))
    server.route("GET /operations/1", (200, {}, {"status": "InProgress"}), (200, {}, {"status": "Succeeded"}))
    server.route("GET /items/13", (200, {}, {"id": "13"}))

    async def run() -> tuple[str, Any, bool]:
        poller = await _begin(package, server, "PUT", "/items/13", asynchronous=True)
        status = await poller.status()
        result = await poller.result()
        return status, result, await poller.done()

    assert asyncio.run(run()) == ("InProgress", {"id": "13"}, True)
