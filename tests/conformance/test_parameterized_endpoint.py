"""parameterized-endpoint.json: a host that is one client parameter, `endpoint`
(`x-ms-parameterized-host` `{endpoint}` with `useSchemePrefix: false`: it carries its
own scheme).

Expected values from the server's route (dist/test-routes/parameterized-endpoint.js:
GET /parameterizedEndpoint/get answers 200).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

GROUP = "parameterized-endpoint"


@pytest.fixture
def client(api: Any) -> Iterator[Any]:
    """The client takes the endpoint, scheme included, as its one required argument."""
    with api.client_class(api.base_url) as instance:
        yield instance


def test_get(client: Any) -> None:
    assert client.get() is None


def test_get_endpoint_with_trailing_slash(api: Any) -> None:
    """`http://host:port/` and `http://host:port` name the same endpoint."""
    with api.client_class(endpoint=api.base_url + "/") as client:
        assert client.get() is None
