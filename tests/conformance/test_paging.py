"""paging.json: listings across pages (`x-ms-pageable`), each operation returning a
pager that fetches the next page as it is iterated.

Expected values from the server's routes (legacy/routes/paging.js, mounted at
`/paging`, and dist/test-routes/paging.js): a multiple-page listing has ten pages of
one product each, numbered from 1 (from the offset plus the page number for
`withpath`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

GROUP = "paging"

POLL = 0.01  # seconds between polls of the pageable long-running operation


@pytest.fixture
def client(api: Any) -> Iterator[Any]:
    """Retries without waiting (the `retry*` scenarios answer 500 first)."""
    retry = api.package.RetryPolicy(backoff=0.01, max_backoff=0.05)
    with api.new_client(retry=retry) as instance:
        yield instance


def ids(pager: Any) -> list[int]:
    return [item.properties.id for item in pager]


def test_get_no_item_name_pages(client: Any) -> None:
    """No `itemName`: the items are under `value`."""
    assert ids(client.paging.get_no_item_name_pages()) == [1]


def test_get_empty_next_link_name_pages(client: Any) -> None:
    """An empty next link ends the listing."""
    assert ids(client.paging.get_empty_next_link_name_pages()) == [1]


def test_get_null_next_link_name_pages(client: Any) -> None:
    """`nextLinkName: null`: one page, whatever the answer holds (its `nextLink` leads to a 404)."""
    assert ids(client.paging.get_null_next_link_name_pages()) == [1]


def test_get_single_pages(client: Any) -> None:
    assert ids(client.paging.get_single_pages()) == [1]


def test_get_single_pages_with_body_params(api: Any, client: Any) -> None:
    """A GET with a body: the body goes with the first request."""
    pager = client.paging.get_single_pages_with_body_params(api.models.BodyParam(name="body"))
    assert ids(pager) == [1]


def test_first_response_empty(client: Any) -> None:
    """An empty first page with a next link is not the end."""
    assert ids(client.paging.first_response_empty()) == [1]


def test_get_multiple_pages(client: Any) -> None:
    assert ids(client.paging.get_multiple_pages()) == list(range(1, 11))


def test_get_multiple_pages_by_page(client: Any) -> None:
    """`by_page()` gives the pages; a continuation token starts a new listing at its page."""
    pages = list(client.paging.get_multiple_pages().by_page())
    assert [len(page.items) for page in pages] == [1] * 10
    assert pages[-1].continuation_token is None
    resumed = client.paging.get_multiple_pages(continuation_token=pages[7].continuation_token)
    assert ids(resumed) == [9, 10]


def test_get_with_query_params(client: Any) -> None:
    """`operationName`: the next page is `nextOperationWithQueryParams`, called with the
    first call's `queryConstant`."""
    assert ids(client.paging.get_with_query_params(100)) == [1, 2]


def test_next_operation_with_query_params(client: Any) -> None:
    """The next-page operation called on its own: one page (`nextLinkName: null`)."""
    assert ids(client.paging.next_operation_with_query_params()) == [2]


def test_duplicate_params(client: Any) -> None:
    """The next link's own `$filter` wins over the first call's."""
    assert ids(client.paging.duplicate_params(filter="foo")) == [1]


def test_page_with_max_page_size(client: Any) -> None:
    """An optional `$maxpagesize` left out is not sent."""
    assert ids(client.paging.page_with_max_page_size()) == []


def test_get_odata_multiple_pages(client: Any) -> None:
    """`nextLinkName: odata.nextLink`: one JSON key with a dot, not a path."""
    assert ids(client.paging.get_odata_multiple_pages()) == list(range(1, 11))


def test_get_multiple_pages_with_offset(client: Any) -> None:
    assert ids(client.paging.get_multiple_pages_with_offset(100)) == [1] + list(range(102, 111))


def test_get_multiple_pages_retry_first(client: Any) -> None:
    """A 500 to the first page is retried."""
    assert ids(client.paging.get_multiple_pages_retry_first()) == list(range(1, 11))


def test_get_multiple_pages_retry_second(client: Any) -> None:
    """A 500 to the second page is retried."""
    assert ids(client.paging.get_multiple_pages_retry_second()) == [1, 1] + list(range(3, 11))


def test_get_single_pages_failure(api: Any, client: Any) -> None:
    """An error answer to the first page raises `ApiError` when iterated."""
    pager = client.paging.get_single_pages_failure()
    with pytest.raises(api.package.ApiError) as raised:
        list(pager)
    assert raised.value.status_code == 400


def test_get_multiple_pages_failure(api: Any, client: Any) -> None:
    """An error answer to the second page raises after the first page's items."""
    seen: list[int] = []
    with pytest.raises(api.package.ApiError) as raised:
        for item in client.paging.get_multiple_pages_failure():
            seen.append(item.properties.id)
    assert (seen, raised.value.status_code) == ([1], 400)


def test_get_multiple_pages_failure_uri(api: Any, client: Any) -> None:
    """A next link that is no usable URL (`*&*#&$`) raises a `ClientError` after the first page."""
    seen: list[int] = []
    with pytest.raises(api.package.ClientError):
        for item in client.paging.get_multiple_pages_failure_uri():
            seen.append(item.properties.id)
    assert seen == [1]


def test_get_multiple_pages_fragment_next_link(client: Any) -> None:
    """`operationName: Paging_nextFragment`: the next link (`next?page=2`) is a path
    parameter of the next-page operation, with the first call's tenant and api_version."""
    pager = client.paging.get_multiple_pages_fragment_next_link("1.6", "test_user")
    assert ids(pager) == list(range(1, 11))
    pages = list(pager.by_page())
    assert pages[7].continuation_token == "next?page=9"  # the fragment, as the service gave it
    resumed = client.paging.get_multiple_pages_fragment_next_link(
        "1.6", "test_user", continuation_token=pages[7].continuation_token
    )
    assert ids(resumed) == [9, 10]


def test_get_multiple_pages_fragment_with_grouping_next_link(client: Any) -> None:
    pager = client.paging.get_multiple_pages_fragment_with_grouping_next_link("1.6", "test_user")
    assert ids(pager) == list(range(1, 11))


def test_get_multiple_pages_lro(client: Any) -> None:
    """Pageable and long-running: the poller's result is the listing, every page of it."""
    poller = client.paging.begin_get_multiple_pages_lro(polling_interval=POLL)
    assert ids(poller.result(timeout=30)) == list(range(1, 11))


def test_append_api_version(client: Any) -> None:
    """The client's `api-version` is added to a next link without one."""
    assert ids(client.paging.append_api_version()) == [1]


def test_replace_api_version(client: Any) -> None:
    """The client's `api-version` replaces the next link's (`Api-Version=notMe`)."""
    assert ids(client.paging.replace_api_version()) == [1]
