"""required-optional.json: required and optional parameters, bodies, body properties
and headers, at operation and at client level.

Expected values from the operations' descriptions and the server's routes
(dist/test-routes/required-optional-params/*.js):

- An optional value left out is not sent at all: no query parameter, no header, no body
  (`bodyEmpty`), or a wrapper whose `value` is absent or null. The server counts
  `Optional<Type><Scenario>` on POST /reqopt/optional/{type}/{scenario}, and
  OptionalImplicitQuery / OptionalImplicitHeader / OptionalImplicitBody /
  OptionalGlobalQuery / *BinaryBody on their routes.
- A required value given as None ("Please put null") must make the client throw
  *before* the request is sent: the server has no route for those requests (the
  Swagger paths say `requied`), so nothing is counted; the tests check that no request
  left the client.
- The Swagger file's global parameters (`#/parameters/required-global-path`,
  `required-global-query`, `optional-global-query`, referenced from path items and
  without `x-ms-parameter-location: method`) are client parameters, AutoRest's rule:
  given once to the client's constructor and sent by the operations that use them.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import conformance_harness as harness

GROUP = "required-optional"

GLOBALS = {"required_global_path": "path", "required_global_query": "query"}

NOT_CHECKED = "deliberate: required arguments are typed non-optional; mypy, not a run-time check, rejects None"
KNOWN_GAPS = {
    "test_explicit_post_required_integer_parameter": NOT_CHECKED,
    "test_explicit_post_required_integer_property": NOT_CHECKED,
    "test_explicit_post_required_integer_header": NOT_CHECKED,
    "test_explicit_post_required_string_parameter": NOT_CHECKED,
    "test_explicit_post_required_string_property": NOT_CHECKED,
    "test_explicit_post_required_class_parameter": NOT_CHECKED,
    "test_explicit_post_required_class_property": NOT_CHECKED,
    "test_explicit_post_required_array_parameter": NOT_CHECKED,
    "test_explicit_post_required_array_property": NOT_CHECKED,
    "test_implicit_get_required_global_query": NOT_CHECKED + " (here the client's required global query parameter)",
}


class Recorder(harness.RecordingTransport):
    """The recording transport, for a test that sends one request."""

    @property
    def sent(self) -> httpx.Request:
        assert len(self.requests) == 1, self.requests
        return self.requests[0]


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def client(api: Any, recorder: Recorder) -> Iterator[Any]:
    """A client on the server, recording its requests. It takes the two required global
    parameters when the generated client has them (the test_*global* tests require it
    to); the other tests do not depend on them."""
    accepted = inspect.signature(api.client_class).parameters
    arguments = {name: value for name, value in GLOBALS.items() if name in accepted}
    with api.new_client(transport=recorder, **arguments) as instance:
        yield instance


def _throws_before_sending() -> Any:
    """A required value given as None: the client must refuse it, not the server."""
    return pytest.raises((TypeError, ValueError))


# ------------------------------------------------------------------ implicit (no `required`)


def test_implicit_get_required_path(client: Any, recorder: Recorder) -> None:
    """A path parameter is always required."""
    with _throws_before_sending():
        client.implicit_get_required_path(None)
    assert recorder.requests == []


def test_implicit_put_optional_query(client: Any, recorder: Recorder) -> None:
    assert client.implicit_put_optional_query() is None
    assert "queryParameter" not in recorder.sent.url.params


def test_implicit_put_optional_header(client: Any, recorder: Recorder) -> None:
    """The optional header (named `queryParameter` in the Swagger file) is left out."""
    assert client.implicit_put_optional_header() is None
    assert "queryParameter" not in recorder.sent.headers


def test_implicit_put_optional_body(client: Any, recorder: Recorder) -> None:
    assert client.implicit_put_optional_body() is None
    assert recorder.sent.content == b""


def test_implicit_put_optional_binary_body(client: Any, recorder: Recorder) -> None:
    assert client.implicit_put_optional_binary_body() is None
    assert recorder.sent.content == b""


def test_explicit_put_optional_binary_body(client: Any, recorder: Recorder) -> None:
    assert client.explicit_put_optional_binary_body() is None
    assert recorder.sent.content == b""


def test_explicit_put_required_binary_body(client: Any, recorder: Recorder) -> None:
    """`type: object, format: file` with `application/octet-stream`: the bytes as they are."""
    assert client.explicit_put_required_binary_body(b"\x00binary \xffbody") is None
    assert recorder.sent.headers["Content-Type"] == "application/octet-stream"
    assert recorder.sent.content == b"\x00binary \xffbody"


# ------------------------------------------------------------------ explicit: integer


def test_explicit_post_required_integer_parameter(client: Any, recorder: Recorder) -> None:
    with _throws_before_sending():
        client.explicit_post_required_integer_parameter(None)
    assert recorder.requests == []


def test_explicit_post_optional_integer_parameter(client: Any, recorder: Recorder) -> None:
    """OptionalIntegerParameter: no body at all."""
    assert client.explicit_post_optional_integer_parameter() is None
    assert recorder.sent.content == b""


def test_explicit_post_required_integer_property(client: Any, api: Any, recorder: Recorder) -> None:
    """`value` is a required property of int-wrapper."""
    with _throws_before_sending():
        client.explicit_post_required_integer_property(api.models.IntWrapper(value=None))
    assert recorder.requests == []


def test_explicit_post_optional_integer_property(client: Any, api: Any) -> None:
    """OptionalIntegerProperty: an int-optional-wrapper whose value is null."""
    assert client.explicit_post_optional_integer_property(body_parameter=api.models.IntOptionalWrapper()) is None


def test_explicit_post_required_integer_header(client: Any, recorder: Recorder) -> None:
    with _throws_before_sending():
        client.explicit_post_required_integer_header(None)
    assert recorder.requests == []


def test_explicit_post_optional_integer_header(client: Any, recorder: Recorder) -> None:
    """OptionalIntegerHeader: no `headerParameter` header."""
    assert client.explicit_post_optional_integer_header() is None
    assert "headerParameter" not in recorder.sent.headers


# ------------------------------------------------------------------ explicit: string


def test_explicit_post_required_string_parameter(client: Any, recorder: Recorder) -> None:
    with _throws_before_sending():
        client.explicit_post_required_string_parameter(None)
    assert recorder.requests == []


def test_explicit_post_optional_string_parameter(client: Any, recorder: Recorder) -> None:
    """OptionalStringParameter."""
    assert client.explicit_post_optional_string_parameter() is None
    assert recorder.sent.content == b""


def test_explicit_post_required_string_property(client: Any, api: Any, recorder: Recorder) -> None:
    with _throws_before_sending():
        client.explicit_post_required_string_property(api.models.StringWrapper(value=None))
    assert recorder.requests == []


def test_explicit_post_optional_string_property(client: Any, api: Any) -> None:
    """OptionalStringProperty."""
    assert client.explicit_post_optional_string_property(body_parameter=api.models.StringOptionalWrapper()) is None


def test_explicit_post_required_string_header(client: Any, recorder: Recorder) -> None:
    with _throws_before_sending():
        client.explicit_post_required_string_header(None)
    assert recorder.requests == []


def test_explicit_post_optional_string_header(client: Any, recorder: Recorder) -> None:
    """OptionalStringHeader (its parameter is named `bodyParameter` in the Swagger file)."""
    assert client.explicit_post_optional_string_header() is None
    assert "bodyParameter" not in recorder.sent.headers


# ------------------------------------------------------------------ explicit: class


def test_explicit_post_required_class_parameter(client: Any, recorder: Recorder) -> None:
    with _throws_before_sending():
        client.explicit_post_required_class_parameter(None)
    assert recorder.requests == []


def test_explicit_post_optional_class_parameter(client: Any, recorder: Recorder) -> None:
    """OptionalClassParameter."""
    assert client.explicit_post_optional_class_parameter() is None
    assert recorder.sent.content == b""


def test_explicit_post_required_class_property(client: Any, api: Any, recorder: Recorder) -> None:
    with _throws_before_sending():
        client.explicit_post_required_class_property(api.models.ClassWrapper(value=None))
    assert recorder.requests == []


def test_explicit_post_optional_class_property(client: Any, api: Any) -> None:
    """OptionalClassProperty."""
    assert client.explicit_post_optional_class_property(body_parameter=api.models.ClassOptionalWrapper()) is None


# ------------------------------------------------------------------ explicit: array


def test_explicit_post_required_array_parameter(client: Any, recorder: Recorder) -> None:
    with _throws_before_sending():
        client.explicit_post_required_array_parameter(None)
    assert recorder.requests == []


def test_explicit_post_optional_array_parameter(client: Any, recorder: Recorder) -> None:
    """OptionalArrayParameter."""
    assert client.explicit_post_optional_array_parameter() is None
    assert recorder.sent.content == b""


def test_explicit_post_required_array_property(client: Any, api: Any, recorder: Recorder) -> None:
    with _throws_before_sending():
        client.explicit_post_required_array_property(api.models.ArrayWrapper(value=None))
    assert recorder.requests == []


def test_explicit_post_optional_array_property(client: Any, api: Any) -> None:
    """OptionalArrayProperty."""
    assert client.explicit_post_optional_array_property(body_parameter=api.models.ArrayOptionalWrapper()) is None


def test_explicit_post_required_array_header(client: Any, recorder: Recorder) -> None:
    with _throws_before_sending():
        client.explicit_post_required_array_header(None)
    assert recorder.requests == []


def test_explicit_post_optional_array_header(client: Any, recorder: Recorder) -> None:
    """OptionalArrayHeader."""
    assert client.explicit_post_optional_array_header() is None
    assert "headerParameter" not in recorder.sent.headers


# ------------------------------------------------------------------ global (client) parameters


def test_global_parameters_are_client_parameters(api: Any) -> None:
    """Given once to the client, sent by every operation that uses them. (The server
    answers 400 to any request on the two required routes, so a mock transport answers.)"""
    sent: list[httpx.URL] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.url)
        return httpx.Response(200)

    transport = httpx.MockTransport(handler)
    with api.new_client(
        required_global_path="a/path", required_global_query="a query", optional_global_query=7, transport=transport
    ) as client:
        assert client.implicit_get_required_global_path() is None
        assert client.implicit_get_required_global_query() is None
        assert client.implicit_get_optional_global_query() is None
    path, query, optional = sent
    assert path.raw_path == b"/reqopt/global/required/path/a%2Fpath"
    assert query.path == "/reqopt/global/required/query"
    assert query.params["required-global-query"] == "a query"
    assert optional.path == "/reqopt/global/optional/query"
    assert optional.params["optional-global-query"] == "7"


def test_implicit_get_required_global_path(api: Any, recorder: Recorder) -> None:
    """A client whose required global path parameter is None throws before sending."""
    with api.new_client(**GLOBALS):  # the client takes its global parameters
        pass
    with _throws_before_sending():
        with api.new_client(required_global_path=None, required_global_query="query", transport=recorder) as client:
            client.implicit_get_required_global_path()
    assert recorder.requests == []


def test_implicit_get_required_global_query(api: Any, recorder: Recorder) -> None:
    with api.new_client(**GLOBALS):  # the client takes its global parameters
        pass
    with _throws_before_sending():
        with api.new_client(required_global_path="path", required_global_query=None, transport=recorder) as client:
            client.implicit_get_required_global_query()
    assert recorder.requests == []


def test_implicit_get_optional_global_query(api: Any, recorder: Recorder) -> None:
    """OptionalGlobalQuery: a client without the optional global parameter does not send it."""
    with api.new_client(transport=recorder, **GLOBALS) as client:
        assert client.implicit_get_optional_global_query() is None
    assert "optional-global-query" not in recorder.sent.url.params
