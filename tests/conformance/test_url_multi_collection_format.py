"""url-multi-collectionFormat.json: an array query parameter with `collectionFormat:
multi` (the parameter repeated, once per item).

Expected values from the operations' descriptions and the server's route
(legacy/routes/queries.js, `/queries/array/:format/string/:scenario` with format `multi`).
"""

from __future__ import annotations

from typing import Any

GROUP = "url-multi-collectionFormat"

# ['ArrayQuery1', 'begin!*'();:@ &=+$,/?#[]end', null, ''] of the description: the items
# are plain strings (not nullable), so the null item is sent as an empty one.
ARRAY_QUERY = ["ArrayQuery1", "begin!*'();:@ &=+$,/?#[]end", None, ""]  # items are `x-nullable`: None is sent empty


def test_queries_array_string_multi_null(client: Any) -> None:
    """No array: no `arrayQuery` at all."""
    assert client.queries_array_string_multi_null() is None
    assert client.queries_array_string_multi_null(array_query=None) is None


def test_queries_array_string_multi_empty(client: Any) -> None:
    """An empty array repeats the parameter zero times: no `arrayQuery` either."""
    assert client.queries_array_string_multi_empty(array_query=[]) is None


def test_queries_array_string_multi_valid(client: Any) -> None:
    """`arrayQuery=ArrayQuery1&arrayQuery=begin...end&arrayQuery=&arrayQuery=`: four values."""
    assert client.queries_array_string_multi_valid(array_query=ARRAY_QUERY) is None
