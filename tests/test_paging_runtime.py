"""The generated paging runtime (`_paging.py`) against a real server on 127.0.0.1:
next links across three pages, `Link` headers, cursors, an empty first page, a page
that fails mid-way, resuming from a token, next links to another origin, async."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from pages_server import Server, generated_package, serve


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return generated_package(tmp_path_factory.mktemp("paging_runtime"), "paging_runtime")


@pytest.fixture
def server() -> Iterator[Server]:
    yield from serve()


def _pager(package: ModuleType, server: Server, rule: Any, path: str, *, asynchronous: bool = False,
           token: str | None = None, auth: httpx.Auth | None = None) -> Any:
    paging, pipeline = package._paging, package._pipeline

    def items(response: httpx.Response) -> list[Any]:
        if response.status_code != 200:
            raise package.ApiError.from_response(response, package.models.CloudError.from_dict)
        body = response.json()
        found = body if isinstance(body, list) else body
        for name in ("data",) if rule.kind == "cursor" else ("value",) if isinstance(body, dict) else ():
            found = found[name]
        return list(found)

    request = httpx.Request("GET", server.endpoint + path, headers={"Accept": "application/json"})
    listing = paging.Listing(request, items, rule, server.endpoint, True)
    retry = pipeline.RetryPolicy(backoff=0.01)
    if asynchronous:
        return paging.AsyncPager(httpx.AsyncClient(auth=auth), retry, listing, token)
    return paging.Pager(httpx.Client(auth=auth), retry, listing, token)


def _three_pages(server: Server) -> None:
    server.route("GET /items?api-version=1", (200, {}, {"value": [1, 2], "nextLink": "http://127.0.0.1:{port}/items?page=2"}))
    server.route("GET /items?page=2&api-version=1", (200, {}, {"value": [3], "nextLink": "/items?page=3&api-version=0"}))
    server.route("GET /items?page=3&api-version=1", (200, {}, {"value": [4, 5]}))


class Bearer(httpx.Auth):
    def auth_flow(self, request: httpx.Request) -> Iterator[httpx.Request]:
        request.headers["Authorization"] = "Bearer secret"
        yield request


def test_next_links_absolute_and_relative_keep_api_version_and_auth(package: ModuleType, server: Server) -> None:
    _three_pages(server)
    rule = package._paging.PageRule(kind="next_link", path=("nextLink",))
    assert list(_pager(package, server, rule, "/items?api-version=1", auth=Bearer())) == [1, 2, 3, 4, 5]
    assert server.paths() == ["GET /items?api-version=1", "GET /items?page=2&api-version=1", "GET /items?page=3&api-version=1"]
    assert {s.headers.get("authorization") for s in server.seen} == {"Bearer secret"}
    assert {s.headers.get("accept") for s in server.seen} == {"application/json"}


def test_link_headers(package: ModuleType, server: Server) -> None:
    server.route("GET /repos", (200, {"Link": '<http://127.0.0.1:{port}/repos?page=2>; rel="next", <x>; rel="last"'}, ["a"]))
    server.route("GET /repos?page=2", (200, {"Link": '</repos?page=3>; rel="next"'}, ["b", "c"]))
    server.route("GET /repos?page=3", (200, {"Link": '</repos?page=1>; rel="first"'}, ["d"]))
    rule = package._paging.PageRule(kind="link_header")
    assert list(_pager(package, server, rule, "/repos")) == ["a", "b", "c", "d"]


def test_cursor_in_the_body_goes_back_in_a_query_parameter(package: ModuleType, server: Server) -> None:
    server.route("GET /events?limit=2", (200, {}, {"data": [1, 2], "meta": {"next": "c2"}}))
    server.route("GET /events?limit=2&after=c2", (200, {}, {"data": [3], "meta": {"next": "c3"}}))
    server.route("GET /events?limit=2&after=c3", (200, {}, {"data": [], "meta": {"next": None}}))
    rule = package._paging.PageRule(kind="cursor", path=("meta", "next"), cursor_parameter="after")
    assert list(_pager(package, server, rule, "/events?limit=2")) == [1, 2, 3]
    assert len(server.seen) == 3


def test_empty_first_page(package: ModuleType, server: Server) -> None:
    server.route("GET /items", (200, {}, {"value": []}))
    rule = package._paging.PageRule(kind="next_link", path=("nextLink",))
    assert list(_pager(package, server, rule, "/items")) == []
    assert server.paths() == ["GET /items"]


def test_a_page_that_fails_midway_raises_there_and_earlier_items_stay_yielded(package: ModuleType, server: Server) -> None:
    server.route("GET /items", (200, {}, {"value": [1, 2], "nextLink": "/items?page=2"}))
    server.route("GET /items?page=2", (400, {}, {"error": {"code": "BadPage", "message": "no"}}))
    rule = package._paging.PageRule(kind="next_link", path=("nextLink",))
    got: list[int] = []
    with pytest.raises(package.ApiError) as raised:
        for item in _pager(package, server, rule, "/items"):
            got.append(item)
    assert got == [1, 2]
    assert raised.value.status_code == 400 and raised.value.error.code == "BadPage"


def test_a_page_answered_500_is_retried(package: ModuleType, server: Server) -> None:
    server.route("GET /items", (200, {}, {"value": [1], "nextLink": "/items?page=2"}))
    server.route("GET /items?page=2", (500, {}, None), (200, {}, {"value": [2]}))
    rule = package._paging.PageRule(kind="next_link", path=("nextLink",))
    assert list(_pager(package, server, rule, "/items")) == [1, 2]
    assert server.paths().count("GET /items?page=2") == 2


def test_resume_from_a_token(package: ModuleType, server: Server) -> None:
    _three_pages(server)
    rule = package._paging.PageRule(kind="next_link", path=("nextLink",))
    first = next(iter(_pager(package, server, rule, "/items?api-version=1").by_page()))
    assert first.items == [1, 2] and first.continuation_token is not None
    resumed = _pager(package, server, rule, "/items?api-version=1", token=first.continuation_token)
    assert list(resumed) == [3, 4, 5]
    pages = list(_pager(package, server, rule, "/items?api-version=1").by_page(first.continuation_token))
    assert [p.items for p in pages] == [[3], [4, 5]] and pages[-1].continuation_token is None


def test_a_next_link_to_another_origin_is_not_followed(package: ModuleType, server: Server) -> None:
    server.route("GET /items", (200, {}, {"value": [1], "nextLink": "http://localhost:{port}/items?page=2"}))
    rule = package._paging.PageRule(kind="next_link", path=("nextLink",))
    got: list[int] = []
    with pytest.raises(package._paging.NextLinkError, match="not to the client's endpoint"):
        for item in _pager(package, server, rule, "/items", auth=Bearer()):
            got.append(item)
    assert got == [1] and server.paths() == ["GET /items"]


def test_a_single_page_rule_stops_after_one_page(package: ModuleType, server: Server) -> None:
    server.route("GET /items", (200, {}, {"value": [1], "nextLink": "/items?page=2"}))
    assert list(_pager(package, server, package._paging.PageRule(kind="single"), "/items")) == [1]
    assert len(server.seen) == 1


def test_async_pager(package: ModuleType, server: Server) -> None:
    _three_pages(server)
    rule = package._paging.PageRule(kind="next_link", path=("nextLink",))

    async def run() -> tuple[list[int], list[list[int]]]:
        items = [item async for item in _pager(package, server, rule, "/items?api-version=1", asynchronous=True)]
        pager = _pager(package, server, rule, "/items?api-version=1", asynchronous=True)
        pages = [page.items async for page in pager.by_page()]
        return items, pages

    items, pages = asyncio.run(run())
    assert items == [1, 2, 3, 4, 5] and pages == [[1, 2], [3], [4, 5]]
