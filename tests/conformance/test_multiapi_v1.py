"""multiapi-v1.json: API version 1.0.0 of the multi-API service
(legacy/routes/multiapi.js, mounted at `/multiapi`, optional category).

Each route checks `api-version`; the client sends its `api_version` (1.0.0 by
default). `MultiapiDifferentCalls*` are named by the route but never counted by it (the
handler reads the counter without incrementing it): the call is checked on its answer.
"""

from __future__ import annotations

from typing import Any

GROUP = "multiapi-v1"


def test_one(client: Any) -> None:
    """PUT /multiapi/testOneEndpoint?id=1&api-version=1.0.0: 200 without a body."""
    assert client.test_one(1) is None


def test_two(client: Any) -> None:
    assert client.operation_group_one.test_two() is None


def test_lro(client: Any, api: Any) -> None:
    """PUT /multiapi/lro answers 200 with the product at once: the poller is done."""
    poller = client.begin_test_lro(product=api.models.Product(id=100), polling_interval=0)
    assert poller.result() == api.models.Product(id=100)


def test_lro_and_paging(client: Any, api: Any) -> None:
    """POST /multiapi/lroAndPaging answers 200 with one page: its items."""
    poller = client.begin_test_lro_and_paging(polling_interval=0)
    assert list(poller.result()) == [api.models.Product(id=100)]


def test_different_calls(client: Any) -> None:
    """GET /multiapi/testDifferentCalls with `greetingInEnglish: hello` only."""
    assert client.test_different_calls("hello") is None

TRUSTS_TYPES = (
    "deliberate: from_dict trusts the declared JSON types and does not check them (as in body-complex): "
    'the server sends `"id": "100"` for an integer id, which comes back as the string'
)
KNOWN_GAPS = {"test_lro": TRUSTS_TYPES, "test_lro_and_paging": TRUSTS_TYPES}
