"""reserved-words.json: operations, parameters and enum members named like Python
keywords, builtins or the generated code's own names (`import`, `content`, `json`,
`data`, `files`, `url`, `headerParameters`, `queryParameters`).

Expected values from the operations' descriptions and the server's routes
(dist/test-routes/reserved-words.js). Every route answers 200 without a body when the
request is right (400, or no route, otherwise), although the Swagger file declares a
`type: object` answer: the generated client refuses an absent body for a schema not
declared nullable (deliberate, conftest.py's NOT_NULLABLE), so each test checks that
the server answered 200 and that the client then refused the missing object. Required
parameters are passed positionally (in the Swagger file's order), since a parameter
named like a reserved word may be renamed by the generator.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from conformance_harness import rejects_payload

GROUP = "reserved-words"


class StatusTransport(httpx.HTTPTransport):
    """The real transport, noting every request and the status of every answer."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[httpx.Request] = []
        self.statuses: list[int] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        response = super().handle_request(request)
        self.statuses.append(response.status_code)
        return response


@pytest.fixture
def transport() -> StatusTransport:
    return StatusTransport()


@pytest.fixture
def client(api: Any, transport: StatusTransport) -> Iterator[Any]:
    with api.new_client(transport=transport) as instance:
        yield instance


@pytest.fixture
def accepted(api: Any, transport: StatusTransport) -> Callable[[Callable[[], Any]], None]:
    """`accepted(call)`: the server accepts the request (200, no body), and the client
    refuses the absent `type: object` answer."""

    def check(call: Callable[[], Any]) -> None:
        with rejects_payload(api.package):
            call()
        assert transport.statuses == [200]

    return check


def test_import_operation_one(client: Any, accepted: Any) -> None:
    """The operation group `import` (a keyword): the query parameter `parameter1=foo`."""
    accepted(lambda: client.import_operation_one("foo"))


def test_operation_with_content_param(client: Any, accepted: Any) -> None:
    """A binary body named `content`: the bytes `hello, world`, as they are."""
    accepted(lambda: client.operation_with_content_param(b"hello, world"))


def test_operation_with_json_param(client: Any, accepted: Any) -> None:
    """A JSON body (schema `{}`) named `json`: `{"hello": "world"}`."""
    accepted(lambda: client.operation_with_json_param({"hello": "world"}))


def test_operation_with_data_param(client: Any, accepted: Any) -> None:
    """Two `formData` fields, `data` and `world`, sent urlencoded: `data=hello&world=world`."""
    accepted(lambda: client.operation_with_data_param("hello", "world"))


def test_operation_with_files_param(client: Any, accepted: Any, transport: StatusTransport) -> None:
    """A multipart body: the file `files` and the field `fileName=my.txt` (the server
    does not check the body: the test does)."""
    accepted(lambda: client.operation_with_files_param(b"the file's content", "my.txt"))
    (request,) = transport.requests
    media_type, _, boundary = request.headers["Content-Type"].partition("; boundary=")
    assert media_type == "multipart/form-data"
    parts = request.content.split(b"--" + boundary.encode())[1:-1]
    assert len(parts) == 2
    field, upload = sorted(parts, key=lambda part: b"filename=" in part)
    assert b'name="fileName"' in field and field.endswith(b"\r\n\r\nmy.txt\r\n")
    assert b'name="files"' in upload and upload.endswith(b"\r\n\r\nthe file's content\r\n")


def test_operation_with_url(client: Any, accepted: Any) -> None:
    """The path parameter `url=foo`, the header `headerParameters: x-ms-header`, and the
    query parameter `queryParameters` with `collectionFormat: multi`: one each for
    `one` and `two`."""
    accepted(lambda: client.operation_with_url("foo", "x-ms-header", query_parameters=["one", "two"]))


def test_reserved_enum(client: Any, api: Any, accepted: Any) -> None:
    """The enum MyEnum has a member named `import`: the header `enumParameter: import`."""
    member = next(m for m in api.models.MyEnum if m.value == "import")
    accepted(lambda: client.reserved_enum(member))
