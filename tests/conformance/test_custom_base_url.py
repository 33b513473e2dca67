"""custom-baseUrl.json: a host built from `x-ms-parameterized-host`
(`{accountName}{host}`, no `schemes`, so AutoRest's default scheme `http`).

Expected values from the server's route (legacy/routes/customUri.js, mounted at
`/customUri`: any GET counts `CustomBaseUri`). As AutoRest's own test does with
`accountName="local"` and `host="host:3000"`, the account name and the host are the
two halves of the server's address: `127.0.0.1` and `:<port>`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

GROUP = "custom-baseUrl"



@pytest.fixture
def client(api: Any) -> Iterator[Any]:
    """The client is built from the host template's parameters, not from a base URL."""
    server = urlsplit(api.base_url)
    no_retry = api.package.RetryPolicy(max_attempts=1)
    with api.client_class(server.hostname, host=f":{server.port}", retry=no_retry) as instance:
        yield instance


def test_paths_get_empty(client: Any) -> None:
    """GET {accountName}{host}/customuri."""
    assert client.paths_get_empty() is None


def test_paths_get_empty_bad_host(api: Any) -> None:
    """An account name that names no host: the request cannot be sent."""
    server = urlsplit(api.base_url)
    no_retry = api.package.RetryPolicy(max_attempts=1)
    with api.client_class("bad.invalid", host=f":{server.port}", retry=no_retry) as client:
        with pytest.raises(api.package.TransportError):
            client.paths_get_empty()
