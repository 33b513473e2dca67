"""custom-baseUrl-paging.json: listings under a host built from
`x-ms-parameterized-host` (`{accountName}{host}`), whose next links are relative.

Expected values from the server's route (legacy/routes/paging.js, `customurl`). As in
test_custom_base_url.py, the account name and the host are the two halves of the
server's address: `127.0.0.1` and `:<port>`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

GROUP = "custom-baseUrl-paging"


@pytest.fixture
def client(api: Any) -> Iterator[Any]:
    server = urlsplit(api.base_url)
    with api.client_class(server.hostname, host=f":{server.port}") as instance:
        yield instance


def ids(pager: Any) -> list[int]:
    return [item.properties.id for item in pager]


def test_get_pages_partial_url(client: Any) -> None:
    """A next link that is a path (`/paging/customurl/partialnextlink/page/2`): relative to the host."""
    assert ids(client.paging.get_pages_partial_url()) == [1, 2]


def test_get_pages_partial_url_operation(client: Any) -> None:
    """`operationName`: the next link (`partialnextlinkop/page/2`) is the path parameter
    of `getPagesPartialUrlOperationNext` (`/paging/customurl/{nextLink}`)."""
    assert ids(client.paging.get_pages_partial_url_operation()) == [1, 2]
