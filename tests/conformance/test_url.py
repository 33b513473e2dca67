"""url.json: path and query parameters of every primitive type, arrays in the path and
the query (csv, ssv, tsv, pipes), and parameters declared at the path-item and global
levels.

Expected values from the operations' descriptions and the server's routes
(dist/test-routes/paths.js for `/paths`, legacy/routes/queries.js for `/queries`,
legacy/routes/pathitem.js for `/pathitem`). The global parameters (`#/parameters`,
without `x-ms-parameter-location: method`) are the client's (AutoRest's rule): every
client here takes `globalStringPath` and `globalStringQuery` as the path-item scenarios
ask. The `/paths/*/null` operations have no
server scenario: the server has no route that accepts them, the client must refuse a
`None` required path parameter without sending anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timezone
from typing import Any

import pytest

GROUP = "url"

MULTIBYTE = "\u554a\u9f44\u4e02\u72db\u72dc\uf9f1\uf92c\uf9f1\ufa0c\ufa29"  # 啊齄丂狛狜隣郎隣兀﨩
URL_ENCODED = "begin!*'();:@ &=+$,/?#[]end"
URL_NON_ENCODED = "begin!*'();:@&=+$,end"
DATE = date(2012, 1, 1)
DATETIME = datetime(2012, 1, 1, 1, 1, 1, tzinfo=timezone.utc)
UNIX_TIME = datetime(2016, 4, 13, tzinfo=timezone.utc)  # 1460505600
# ['ArrayQuery1', 'begin!*'();:@ &=+$,/?#[]end', null, ''] of the descriptions: the items
# are plain strings (not nullable), so the null item is sent as an empty one.
ARRAY_QUERY = ["ArrayQuery1", URL_ENCODED, "", ""]
ARRAY_PATH = ["ArrayPath1", URL_ENCODED, "", ""]

NONE_NOT_CHECKED = "deliberate: required arguments are typed non-optional; mypy, not a run-time check, rejects None"

KNOWN_GAPS = {
    "test_paths_enum_null": NONE_NOT_CHECKED + ": str(None) puts 'None' in the path",
    "test_paths_date_null": NONE_NOT_CHECKED + ": None.isoformat() fails with AttributeError",
    "test_paths_date_time_null": NONE_NOT_CHECKED + ": format_datetime_iso(None) fails with AttributeError",
}


GLOBALS = {"global_string_path": "globalStringPath", "global_string_query": "globalStringQuery"}


@pytest.fixture
def client(api: Any) -> Iterator[Any]:
    """A client on the server with the global parameters the path-item scenarios ask."""
    with api.new_client(**GLOBALS) as instance:
        yield instance


# ----------------------------------------------------------------------------- paths


def test_paths_get_boolean_true(client: Any) -> None:
    assert client.paths_get_boolean_true(bool_path=True) is None


def test_paths_get_boolean_false(client: Any) -> None:
    assert client.paths_get_boolean_false() is None


def test_paths_get_int_one_million(client: Any) -> None:
    assert client.paths_get_int_one_million() is None


def test_paths_get_int_negative_one_million(client: Any) -> None:
    assert client.paths_get_int_negative_one_million() is None


def test_paths_get_ten_billion(client: Any) -> None:
    assert client.paths_get_ten_billion() is None


def test_paths_get_negative_ten_billion(client: Any) -> None:
    assert client.paths_get_negative_ten_billion() is None


def test_paths_float_scientific_positive(client: Any) -> None:
    assert client.paths_float_scientific_positive() is None


def test_paths_float_scientific_negative(client: Any) -> None:
    assert client.paths_float_scientific_negative() is None


def test_paths_double_decimal_positive(client: Any) -> None:
    assert client.paths_double_decimal_positive() is None


def test_paths_double_decimal_negative(client: Any) -> None:
    assert client.paths_double_decimal_negative() is None


def test_paths_string_unicode(client: Any) -> None:
    assert client.paths_string_unicode() is None


def test_paths_string_url_encoded(client: Any) -> None:
    """Every reserved character is percent-encoded: the segment stays one segment."""
    assert client.paths_string_url_encoded() is None


def test_paths_string_url_non_encoded(client: Any) -> None:
    """`x-ms-skip-url-encoding`: the value goes into the path as given."""
    assert client.paths_string_url_non_encoded() is None


def test_paths_string_empty(client: Any) -> None:
    assert client.paths_string_empty() is None


def test_paths_string_null(client: Any) -> None:
    """No route accepts it: a None required path parameter is refused before sending."""
    with pytest.raises((TypeError, ValueError)):
        client.paths_string_null(None)


def test_paths_enum_valid(client: Any, api: Any) -> None:
    assert client.paths_enum_valid(api.models.UriColor.GREEN_COLOR) is None
    assert client.paths_enum_valid("green color") is None


def test_paths_enum_null(client: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        client.paths_enum_null(None)


def test_paths_byte_multi_byte(client: Any) -> None:
    """The bytes are sent base64-encoded."""
    assert client.paths_byte_multi_byte(MULTIBYTE.encode("utf-8")) is None


def test_paths_byte_empty(client: Any) -> None:
    """Empty bytes: an empty path segment."""
    assert client.paths_byte_empty(b"") is None


def test_paths_byte_null(client: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        client.paths_byte_null(None)


def test_paths_date_valid(client: Any) -> None:
    assert client.paths_date_valid(DATE) is None


def test_paths_date_null(client: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        client.paths_date_null(None)


def test_paths_date_time_valid(client: Any) -> None:
    assert client.paths_date_time_valid(DATETIME) is None


def test_paths_date_time_null(client: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        client.paths_date_time_null(None)


def test_paths_base64_url(client: Any) -> None:
    """`format: base64url`: b"lorem" is sent as `bG9yZW0` (no padding)."""
    assert client.paths_base64_url(b"lorem") is None


def test_paths_array_csv_in_path(client: Any) -> None:
    """The csv-joined array is one path segment: its commas and slashes are encoded."""
    assert client.paths_array_csv_in_path(ARRAY_PATH) is None


def test_paths_unix_time_url(client: Any) -> None:
    """`format: unixtime`: 2016-04-13 is sent as 1460505600."""
    assert client.paths_unix_time_url(UNIX_TIME) is None


# --------------------------------------------------------------------------- queries


def test_queries_get_boolean_true(client: Any) -> None:
    assert client.queries_get_boolean_true() is None


def test_queries_get_boolean_false(client: Any) -> None:
    assert client.queries_get_boolean_false() is None


def test_queries_get_boolean_null(client: Any) -> None:
    """An optional query parameter left out (or None) is not sent at all."""
    assert client.queries_get_boolean_null() is None
    assert client.queries_get_boolean_null(bool_query=None) is None


def test_queries_get_int_one_million(client: Any) -> None:
    assert client.queries_get_int_one_million() is None


def test_queries_get_int_negative_one_million(client: Any) -> None:
    assert client.queries_get_int_negative_one_million() is None


def test_queries_get_int_null(client: Any) -> None:
    assert client.queries_get_int_null(int_query=None) is None


def test_queries_get_ten_billion(client: Any) -> None:
    assert client.queries_get_ten_billion() is None


def test_queries_get_negative_ten_billion(client: Any) -> None:
    assert client.queries_get_negative_ten_billion() is None


def test_queries_get_long_null(client: Any) -> None:
    assert client.queries_get_long_null(long_query=None) is None


def test_queries_float_scientific_positive(client: Any) -> None:
    assert client.queries_float_scientific_positive() is None


def test_queries_float_scientific_negative(client: Any) -> None:
    assert client.queries_float_scientific_negative() is None


def test_queries_float_null(client: Any) -> None:
    assert client.queries_float_null(float_query=None) is None


def test_queries_double_decimal_positive(client: Any) -> None:
    assert client.queries_double_decimal_positive() is None


def test_queries_double_decimal_negative(client: Any) -> None:
    assert client.queries_double_decimal_negative() is None


def test_queries_double_null(client: Any) -> None:
    assert client.queries_double_null(double_query=None) is None


def test_queries_string_unicode(client: Any) -> None:
    assert client.queries_string_unicode() is None


def test_queries_string_url_encoded(client: Any) -> None:
    assert client.queries_string_url_encoded() is None


def test_queries_string_empty(client: Any) -> None:
    """An empty string is sent (`stringQuery=`), unlike None."""
    assert client.queries_string_empty() is None


def test_queries_string_null(client: Any) -> None:
    assert client.queries_string_null(string_query=None) is None


def test_queries_enum_valid(client: Any, api: Any) -> None:
    assert client.queries_enum_valid(enum_query=api.models.UriColor.GREEN_COLOR) is None
    assert client.queries_enum_valid(enum_query="green color") is None


def test_queries_enum_null(client: Any) -> None:
    assert client.queries_enum_null(enum_query=None) is None


def test_queries_byte_multi_byte(client: Any) -> None:
    assert client.queries_byte_multi_byte(byte_query=MULTIBYTE.encode("utf-8")) is None


def test_queries_byte_empty(client: Any) -> None:
    """Empty bytes: `byteQuery=`."""
    assert client.queries_byte_empty(b"") is None


def test_queries_byte_null(client: Any) -> None:
    assert client.queries_byte_null(byte_query=None) is None


def test_queries_date_valid(client: Any) -> None:
    assert client.queries_date_valid(DATE) is None


def test_queries_date_null(client: Any) -> None:
    assert client.queries_date_null(date_query=None) is None


def test_queries_date_time_valid(client: Any) -> None:
    assert client.queries_date_time_valid(DATETIME) is None


def test_queries_date_time_null(client: Any) -> None:
    assert client.queries_date_time_null(date_time_query=None) is None


def test_queries_array_string_csv_valid(client: Any) -> None:
    assert client.queries_array_string_csv_valid(array_query=ARRAY_QUERY) is None


def test_queries_array_string_csv_null(client: Any) -> None:
    assert client.queries_array_string_csv_null(array_query=None) is None


def test_queries_array_string_csv_empty(client: Any) -> None:
    """An empty array is an empty value (`arrayQuery=`), not an absent parameter."""
    assert client.queries_array_string_csv_empty(array_query=[]) is None


def test_queries_array_string_no_collection_format_empty(client: Any) -> None:
    """No `collectionFormat`: csv, the Swagger 2.0 default."""
    assert client.queries_array_string_no_collection_format_empty(array_query=["hello", "nihao", "bonjour"]) is None


def test_queries_array_string_ssv_valid(client: Any) -> None:
    assert client.queries_array_string_ssv_valid(array_query=ARRAY_QUERY) is None


def test_queries_array_string_tsv_valid(client: Any) -> None:
    assert client.queries_array_string_tsv_valid(array_query=ARRAY_QUERY) is None


def test_queries_array_string_pipes_valid(client: Any) -> None:
    assert client.queries_array_string_pipes_valid(array_query=ARRAY_QUERY) is None


# ------------------------------------------------------------------------ path items

PATHS = {"path_item_string_path": "pathItemStringPath", "local_string_path": "localStringPath"}


def test_path_items_get_all_with_values(client: Any) -> None:
    """Parameters of the operation, of its path item and global ones (the client's), all given."""
    result = client.path_items.get_all_with_values(
        **PATHS,
        path_item_string_query="pathItemStringQuery",
        local_string_query="localStringQuery",
    )
    assert result is None


def test_path_items_get_global_query_null(api: Any) -> None:
    with api.new_client(**{**GLOBALS, "global_string_query": None}) as client:
        result = client.path_items.get_global_query_null(
            **PATHS,
            path_item_string_query="pathItemStringQuery",
            local_string_query="localStringQuery",
        )
    assert result is None


def test_path_items_get_global_and_local_query_null(api: Any) -> None:
    with api.new_client(**{**GLOBALS, "global_string_query": None}) as client:
        result = client.path_items.get_global_and_local_query_null(
            **PATHS,
            path_item_string_query="pathItemStringQuery",
            local_string_query=None,
        )
    assert result is None


def test_path_items_get_local_path_item_query_null(client: Any) -> None:
    result = client.path_items.get_local_path_item_query_null(
        **PATHS,
        path_item_string_query=None,
        local_string_query=None,
    )
    assert result is None


# ---------------------------------------------------------------- enums as arguments


def test_number_enum_members(client: Any, api: Any) -> None:
    """The generated single-value number enums, passed as members, send their number."""
    models = api.models
    positive = models.PathsFloatScientificPositiveFloatPath.VALUE_1_034E_20
    negative = models.QueriesDoubleDecimalNegativeDoubleQuery.VALUE_9999999_999
    assert client.paths_float_scientific_positive(float_path=positive) is None
    assert client.queries_double_decimal_negative(double_query=negative) is None


def test_integer_enum_members(client: Any, api: Any) -> None:
    models = api.models
    ten_billion = models.PathsGetTenBillionLongPath.VALUE_10000000000
    minus_one_million = models.QueriesGetIntNegativeOneMillionIntQuery.VALUE_1000000
    assert client.paths_get_ten_billion(long_path=ten_billion) is None
    assert client.queries_get_int_negative_one_million(int_query=minus_one_million) is None


def test_single_value_enums_are_constants(client: Any) -> None:
    """A required parameter whose enum has one value is a constant: it need not be
    given (AutoRest does not even expose it)."""
    assert client.paths_get_boolean_true(bool_path=True) is None
    assert client.queries_get_int_one_million() is None
    assert client.paths_string_unicode() is None
