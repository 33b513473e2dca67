"""constants.json: constants on the client (dist/test-routes/constants.js).

The server counts one scenario: PUT /constants/clientConstants/path with the query
`query-constant=100` and the header `header-constant: true`, the client's defaults for
its three constant properties. The spec's other operations (`contants_put_*`, single-
and two-valued enums) have no route on the server; they are checked on the request
they build.
"""

from __future__ import annotations

from typing import Any

import httpx

import conformance_harness as harness

GROUP = "constants"


def test_put_client_constants(client: Any) -> None:
    assert client.contants_put_client_constants() is None


def test_client_constants_are_sent_where_declared(api: Any) -> None:
    recorder = harness.RecordingTransport()
    with api.new_client(transport=recorder) as client:
        client.contants_put_client_constants()
    sent = recorder.requests[-1]
    assert sent.url.path == "/constants/clientConstants/path"
    assert sent.url.params["query-constant"] == "100"
    assert sent.headers["header-constant"] == "true"


def test_operation_constants_have_their_only_value_by_default(api: Any) -> None:
    """A required one-valued enum is a constant (AutoRest's rule): sent without being given."""
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(201)

    with api.new_client(transport=httpx.MockTransport(answer)) as client:
        client.contants_put_no_model_as_string_required_one_value_default()
        client.contants_put_model_as_string_required_one_value_no_default()
        client.contants_put_no_model_as_string_required_two_value_no_default("value1")
    assert [r.url.params.get("input") for r in sent] == ["value1", "value1", "value1"]
