"""lro-parameterized-endpoints.json: long-running operations under a host built from
`x-ms-parameterized-host` (`{accountName}{host}`), whose polling URL is relative.

Expected values from the server's route (legacy/routes/lroParameterizedEndpoints.js):
the final status monitor answers `{"status": "Succeeded"}` and the final GET the
string "success". As in test_custom_base_url.py, the account name and the host are
the two halves of the server's address.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

GROUP = "lro-parameterized-endpoints"

POLL = 0.01


@pytest.fixture
def client(api: Any) -> Iterator[Any]:
    server = urlsplit(api.base_url)
    with api.client_class(server.hostname, host=f":{server.port}") as instance:
        yield instance


def test_poll_with_parameterized_endpoints(client: Any) -> None:
    poller = client.begin_poll_with_parameterized_endpoints(polling_interval=POLL)
    assert poller.result(timeout=30) == "success"


def test_poll_with_constant_parameterized_endpoints(client: Any) -> None:
    poller = client.begin_poll_with_constant_parameterized_endpoints(polling_interval=POLL)
    assert poller.result(timeout=30) == "success"
