"""body-array.json: JSON arrays of every primitive format, of models, of arrays and of
dictionaries.

Expected values from the operations' descriptions and the server's routes
(dist/test-routes/array.js). What the client should make of the awkward answers, as
AutoRest's own clients do: a body that is not JSON, or an item of the wrong JSON type
(`[1, "integer", 0]`) or text that is not of its format (`"date"`), raises; a `null`
item comes back as `None` in its place; an answer with no body at all is `None`.
`format: uuid` is typed `str` by the generator, so its items are not checked.
An item of the wrong JSON type is refused under `strict_response_validation=True`
(`DeserializationError` naming its JSON path); the default client trusts the types.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from conformance_harness import assert_rejected, rejects_payload

GROUP = "body-array"

NULL_BODY = (
    "deliberate: an empty 200 body for a schema not declared nullable is an error, not None "
    "(AutoRest treats every response body as nullable; our return types stay non-optional)"
)
NULL_ITEM = (
    "deliberate: items not declared x-nullable are typed non-optional, so a null item is a malformed "
    "answer and its converter raises (TypeError or AttributeError; AutoRest treats every item as nullable)"
)

KNOWN_GAPS = {
    "test_get_null": NULL_BODY,
    "test_get_null_container[complex_null]": NULL_BODY,
    "test_get_null_container[array_null]": NULL_BODY,
    "test_get_null_container[dictionary_null]": NULL_BODY,
    "test_get_with_null_item[date_invalid_null]": NULL_ITEM,
    "test_get_with_null_item[date_time_invalid_null]": NULL_ITEM,
    "test_get_with_null_item[byte_invalid_null]": NULL_ITEM,
}

UTC = timezone.utc
UUIDS = [
    "6dcc7237-45fe-45c4-8a6b-3a8a3f625652",
    "d1399005-30f7-40d6-8da6-dd7c89ad34db",
    "f42f6aa1-a5bc-4ddf-907e-5f915de43205",
]
DATES = [date(2000, 12, 1), date(1980, 1, 2), date(1492, 10, 12)]
RFC1123 = [
    datetime(2000, 12, 1, 0, 0, 1, tzinfo=UTC),
    datetime(1980, 1, 2, 0, 11, 35, tzinfo=UTC),
    datetime(1492, 10, 12, 10, 15, 1, tzinfo=UTC),
]
DURATIONS = [timedelta(days=123, hours=22, minutes=14, seconds=12, milliseconds=11), timedelta(days=5, hours=1)]
BYTES = [bytes([255, 255, 255, 250]), bytes([1, 2, 3]), bytes([37, 41, 67])]
ARRAYS = [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]]
DICTIONARIES = [
    {"1": "one", "2": "two", "3": "three"},
    {"4": "four", "5": "five", "6": "six"},
    {"7": "seven", "8": "eight", "9": "nine"},
]

#: GET operation (without `array_get_`) -> the value the server's answer stands for.
VALID_GET: dict[str, Any] = {
    "boolean_tfft": [True, False, False, True],
    "integer_valid": [1, -1, 3, 300],
    "long_valid": [1, -1, 3, 300],
    "float_valid": [0.0, -0.01, -1.2e20],
    "double_valid": [0.0, -0.01, -1.2e20],
    "string_valid": ["foo1", "foo2", "foo3"],
    "uuid_valid": UUIDS,
    "date_valid": DATES,
    # ["2000-12-01t00:00:01z", "1980-01-02T00:11:35+01:00", "1492-10-12T10:15:01-08:00"]
    "date_time_valid": [
        datetime(2000, 12, 1, 0, 0, 1, tzinfo=UTC),
        datetime(1980, 1, 2, 0, 11, 35, tzinfo=timezone(timedelta(hours=1))),
        datetime(1492, 10, 12, 10, 15, 1, tzinfo=timezone(timedelta(hours=-8))),
    ],
    "date_time_rfc1123_valid": RFC1123,
    "duration_valid": DURATIONS,  # ["P123DT22H14M12.011S", "P5DT1H0M0S"]
    "byte_valid": BYTES,
    "array_valid": ARRAYS,
    "dictionary_valid": DICTIONARIES,
}

#: PUT operation (without `array_put_`) -> the value whose JSON the server expects.
VALID_PUT: dict[str, Any] = {
    "boolean_tfft": [True, False, False, True],
    "integer_valid": [1, -1, 3, 300],
    "long_valid": [1, -1, 3, 300],
    "float_valid": [0.0, -0.01, -1.2e20],
    "double_valid": [0.0, -0.01, -1.2e20],
    "string_valid": ["foo1", "foo2", "foo3"],
    "uuid_valid": UUIDS,
    "date_valid": DATES,  # ["2000-12-01", "1980-01-02", "1492-10-12"]
    # ["2000-12-01T00:00:01Z", "1980-01-02T00:11:35Z", "1492-10-12T10:15:01Z"]
    "date_time_valid": [
        datetime(2000, 12, 1, 0, 0, 1, tzinfo=UTC),
        datetime(1980, 1, 2, 0, 11, 35, tzinfo=UTC),
        datetime(1492, 10, 12, 10, 15, 1, tzinfo=UTC),
    ],
    "date_time_rfc1123_valid": RFC1123,  # ["Fri, 01 Dec 2000 00:00:01 GMT", ...]
    "duration_valid": DURATIONS,  # ["P123DT22H14M12.011S", "P5DT1H"]
    "byte_valid": BYTES,  # each item base64-encoded
    "array_valid": ARRAYS,
    "dictionary_valid": DICTIONARIES,
}

#: Answers with a `null` item: it comes back as None, the other items converted.
WITH_NULL_ITEM: dict[str, Any] = {
    "boolean_invalid_null": [True, None, False],
    "int_invalid_null": [1, None, 0],
    "long_invalid_null": [1, None, 0],
    "float_invalid_null": [0.0, None, -1.2e20],
    "double_invalid_null": [0.0, None, -1.2e20],
    "string_with_null": ["foo", None, "foo2"],  # items are `x-nullable`
    "date_invalid_null": [date(2012, 1, 1), None, date(1776, 7, 4)],
    "date_time_invalid_null": [datetime(2000, 12, 1, 0, 0, 1, tzinfo=UTC), None],
    "byte_invalid_null": [bytes([171, 172, 173]), None],
    "array_item_null": [["1", "2", "3"], None, ["7", "8", "9"]],  # items are `x-nullable`
    "dictionary_item_null": [DICTIONARIES[0], None, DICTIONARIES[2]],  # items are `x-nullable`
}

#: Answers with an item that is not a value of the declared type.
WRONG_ITEM = [
    "boolean_invalid_string",  # [true, "boolean", false]
    "int_invalid_string",  # [1, "integer", 0]
    "long_invalid_string",  # [1, "integer", 0]
    "float_invalid_string",  # [1, "number", 0]
    "double_invalid_string",  # [1, "number", 0]
    "string_with_invalid",  # ["foo", 123, "foo2"]
    "date_invalid_chars",  # ["2011-03-22", "date"]
    "date_time_invalid_chars",  # ["2000-12-01t00:00:01z", "date-time"]
]
#: Of those, the ones whose item has the wrong JSON type (the others are text of the wrong format).
WRONG_JSON_TYPE = WRONG_ITEM[:6]
#: Answers with a null item where the items are not declared nullable.
NOT_NULLABLE_NULL_ITEM = [name for name in WITH_NULL_ITEM if name not in ("string_with_null", "array_item_null", "dictionary_item_null")]

#: Answers with an empty item: an empty list or dictionary in its place.
WITH_EMPTY_ITEM: dict[str, Any] = {
    "array_item_empty": [["1", "2", "3"], [], ["7", "8", "9"]],
    "dictionary_item_empty": [DICTIONARIES[0], {}, DICTIONARIES[2]],
}


def assert_typed_equal(actual: Any, expected: Any) -> None:
    """`actual == expected`, with the same types all the way down: `True` is not `1`,
    a date is not its text. An int stands for a whole float, as in JSON."""
    assert actual == expected
    _check_types(actual, expected)


def _check_types(actual: Any, expected: Any) -> None:
    if expected is None:
        assert actual is None
    elif isinstance(expected, float):
        assert isinstance(actual, (int, float)) and not isinstance(actual, bool), repr(actual)
    elif isinstance(expected, list):
        assert isinstance(actual, list), repr(actual)
        for got, wanted in zip(actual, expected):
            _check_types(got, wanted)
    elif isinstance(expected, dict):
        assert isinstance(actual, dict), repr(actual)
        for key, wanted in expected.items():
            _check_types(actual[key], wanted)
    else:
        assert isinstance(actual, type(expected)), f"{actual!r} is not a {type(expected).__name__}"
        if isinstance(expected, datetime):
            assert actual.tzinfo is not None, f"{actual!r} has no time zone"


# ------------------------------------------------------------------- whole arrays


def test_get_null(client: Any) -> None:
    """GET /array/null answers 200 with no body: no value."""
    assert client.array_get_null() is None


def test_get_invalid(client: Any, api: Any) -> None:
    """The body is `[1, 2, 3` (cut short)."""
    with rejects_payload(api.package):
        client.array_get_invalid()


def test_get_empty(client: Any) -> None:
    assert_typed_equal(client.array_get_empty(), [])


def test_put_empty(client: Any) -> None:
    """The server expects `[]`."""
    assert client.array_put_empty([]) is None


# ------------------------------------------------------------- valid arrays


@pytest.mark.parametrize("operation", list(VALID_GET))
def test_get_valid(client: Any, operation: str) -> None:
    result = getattr(client, f"array_get_{operation}")()
    assert_typed_equal(result, VALID_GET[operation])


@pytest.mark.parametrize("operation", list(VALID_PUT))
def test_put_valid(client: Any, operation: str) -> None:
    """The server answers 400 (an ApiError here) unless the JSON is the expected one."""
    assert getattr(client, f"array_put_{operation}")(VALID_PUT[operation]) is None


def test_get_enum_valid(client: Any, api: Any) -> None:
    """`FooEnum` (x-ms-enum, not expandable): the items are its members."""
    result = client.array_get_enum_valid()
    assert result == ["foo1", "foo2", "foo3"]
    assert all(isinstance(item, api.models.FooEnum) for item in result)


def test_put_enum_valid(client: Any, api: Any) -> None:
    """The server expects `["foo1", "foo2", "foo3"]`; the members read back are sent back."""
    members = client.array_get_enum_valid()
    assert client.array_put_enum_valid(members) is None
    assert client.array_put_enum_valid(["foo1", "foo2", "foo3"]) is None


def test_get_string_enum_valid(client: Any, api: Any) -> None:
    """An inline enum without a name: the items are members of the generated enum."""
    result = client.array_get_string_enum_valid()
    assert result == ["foo1", "foo2", "foo3"]
    assert all(isinstance(item, api.models.ArrayGetStringEnumValidResponseItem) for item in result)


def test_put_string_enum_valid(client: Any, api: Any) -> None:
    item = api.models.ArrayPutStringEnumValidRequestItem
    assert client.array_put_string_enum_valid([item.FOO1, item.FOO2, item.FOO3]) is None


def test_get_uuid_invalid_chars(client: Any) -> None:
    """`["6dcc7237-...", "foo"]`: uuids are typed `str`, so the text comes back as sent."""
    assert_typed_equal(client.array_get_uuid_invalid_chars(), [UUIDS[0], "foo"])


def test_get_base64_url(client: Any) -> None:
    """`format: base64url` (an AutoRest format): each item is the decoded bytes."""
    expected = [b"a string that gets encoded with base64url", b"test string", b"Lorem ipsum"]
    assert_typed_equal(client.array_get_base64_url(), expected)


# ------------------------------------------------------------ awkward items


@pytest.mark.parametrize("operation", list(WITH_NULL_ITEM))
def test_get_with_null_item(client: Any, operation: str) -> None:
    result = getattr(client, f"array_get_{operation}")()
    assert_typed_equal(result, WITH_NULL_ITEM[operation])


@pytest.mark.parametrize("operation", WRONG_ITEM)
def test_get_wrong_item_type(strict_client: Any, api: Any, operation: str) -> None:
    """Under strict response validation: a wrong JSON type is a `DeserializationError`
    at `$[1]`; text that is not of its format fails its conversion (ValueError)."""
    call = getattr(strict_client, f"array_get_{operation}")
    assert_rejected(api.package, call, "$[1]" if operation in WRONG_JSON_TYPE else None)


def test_wrong_item_type_trusted_by_default(client: Any) -> None:
    """The default client trusts the declared types: the wrong item comes back as sent."""
    assert client.array_get_int_invalid_string() == [1, "integer", 0]


@pytest.mark.parametrize("operation", NOT_NULLABLE_NULL_ITEM)
def test_strict_null_item(strict_client: Any, api: Any, operation: str) -> None:
    """Under strict response validation a null item of items not declared nullable is refused."""
    with pytest.raises(api.package.DeserializationError) as caught:
        getattr(strict_client, f"array_get_{operation}")()
    assert caught.value.path == "$[1]"


@pytest.mark.parametrize("operation", list(WITH_EMPTY_ITEM))
def test_get_with_empty_item(client: Any, operation: str) -> None:
    result = getattr(client, f"array_get_{operation}")()
    assert_typed_equal(result, WITH_EMPTY_ITEM[operation])


# ------------------------------------------------ arrays of models, arrays, dictionaries


@pytest.mark.parametrize("operation", ["complex_null", "array_null", "dictionary_null"])
def test_get_null_container(client: Any, operation: str) -> None:
    """200 with no body: no value."""
    assert getattr(client, f"array_get_{operation}")() is None


@pytest.mark.parametrize("operation", ["complex_empty", "array_empty", "dictionary_empty"])
def test_get_empty_container(client: Any, operation: str) -> None:
    assert_typed_equal(getattr(client, f"array_get_{operation}")(), [])


def test_get_complex_valid(client: Any, api: Any) -> None:
    product = api.models.Product
    expected = [product(integer=1, string="2"), product(integer=3, string="4"), product(integer=5, string="6")]
    assert_typed_equal(client.array_get_complex_valid(), expected)


def test_put_complex_valid(client: Any, api: Any) -> None:
    """The server expects `[{"integer": 1, "string": "2"}, {"integer": 3, ...}, ...]`."""
    product = api.models.Product
    body = [product(integer=1, string="2"), product(integer=3, string="4"), product(integer=5, string="6")]
    assert client.array_put_complex_valid(body) is None


def test_get_complex_item_null(client: Any, api: Any) -> None:
    """`[{"integer": 1, "string": "2"}, null, {"integer": 5, "string": "6"}]`; items are `x-nullable`."""
    product = api.models.Product
    expected = [product(integer=1, string="2"), None, product(integer=5, string="6")]
    assert_typed_equal(client.array_get_complex_item_null(), expected)


def test_get_complex_item_empty(client: Any, api: Any) -> None:
    """`[{"integer": 1, "string": "2"}, {}, {"integer": 5, "string": "6"}]`: a model with nothing set."""
    product = api.models.Product
    expected = [product(integer=1, string="2"), product(), product(integer=5, string="6")]
    result = client.array_get_complex_item_empty()
    assert_typed_equal(result, expected)
    assert result[1].integer is None and result[1].string is None
