"""custom-baseUrl-more-options.json: a host template of three parts
(`{vault}{secret}{dnsSuffix}`, `useSchemePrefix: false`) and a path with client and
method parameters (legacy/routes/customUri.js, mounted at `/customUri`).

GET /customuri/{subscriptionId}/{keyName} counts `CustomBaseUriMoreOptions` for
subscription `test12`, key `key1` and the only query `keyVersion=v1` (its default).
As AutoRest's own test does, the three host parts together are the server's address:
`http://127.0.0.1`, `:<port>` and an empty DNS suffix.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

GROUP = "custom-baseUrl-more-options"


@pytest.fixture
def client(api: Any) -> Iterator[Any]:
    server = urlsplit(api.base_url)
    with api.client_class(f"http://{server.hostname}", f":{server.port}", "test12", dns_suffix="") as instance:
        yield instance


def test_paths_get_empty(client: Any) -> None:
    assert client.paths_get_empty("key1") is None

