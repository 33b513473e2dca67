"""body-dictionary.json: JSON objects with string keys (`additionalProperties`) whose
values are of every primitive format, models, arrays and dictionaries.

Expected values from the operations' descriptions and the server's routes
(legacy/routes/dictionary.js). What the client should make of the awkward answers, as
AutoRest's own clients do: a body that is not JSON, or a value of the wrong JSON type
(`{"1": "integer"}` for integers) or text that is not of its format (`"date"`),
raises; a `null` value comes back as `None` under its key; an answer with no body at
all is `None`. A value of the wrong JSON type is refused under
`strict_response_validation=True` (`DeserializationError` naming its JSON path); the
default client trusts the types.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from conformance_harness import assert_rejected

GROUP = "body-dictionary"

NULL_BODY = (
    "deliberate: an empty 200 body for a schema not declared nullable is an error, not None "
    "(AutoRest treats every response body as nullable; our return types stay non-optional)"
)
NULL_ITEM = (
    "deliberate: values not declared x-nullable are typed non-optional, so a null value is a malformed "
    "answer and its converter raises (TypeError or AttributeError; AutoRest treats every value as nullable)"
)

KNOWN_GAPS = {
    "test_get_null": NULL_BODY,
    "test_get_null_container[dictionary_null]": NULL_BODY,
    "test_get_with_null_value[date_invalid_null]": NULL_ITEM,
    "test_get_with_null_value[date_time_invalid_null]": NULL_ITEM,
    "test_get_with_null_value[byte_invalid_null]": NULL_ITEM,
}

UTC = timezone.utc
DATES = {"0": date(2000, 12, 1), "1": date(1980, 1, 2), "2": date(1492, 10, 12)}
#: {"0": "2000-12-01t00:00:01z", "1": "1980-01-02T00:11:35+01:00", "2": "1492-10-12T10:15:01-08:00"}
DATETIMES = {
    "0": datetime(2000, 12, 1, 0, 0, 1, tzinfo=UTC),
    "1": datetime(1980, 1, 2, 0, 11, 35, tzinfo=timezone(timedelta(hours=1))),
    "2": datetime(1492, 10, 12, 10, 15, 1, tzinfo=timezone(timedelta(hours=-8))),
}
RFC1123 = {
    "0": datetime(2000, 12, 1, 0, 0, 1, tzinfo=UTC),
    "1": datetime(1980, 1, 2, 0, 11, 35, tzinfo=UTC),
    "2": datetime(1492, 10, 12, 10, 15, 1, tzinfo=UTC),
}
DURATIONS = {
    "0": timedelta(days=123, hours=22, minutes=14, seconds=12, milliseconds=11),
    "1": timedelta(days=5, hours=1),
}
BYTES = {"0": bytes([255, 255, 255, 250]), "1": bytes([1, 2, 3]), "2": bytes([37, 41, 67])}
ARRAYS = {"0": ["1", "2", "3"], "1": ["4", "5", "6"], "2": ["7", "8", "9"]}
DICTIONARIES = {
    "0": {"1": "one", "2": "two", "3": "three"},
    "1": {"4": "four", "5": "five", "6": "six"},
    "2": {"7": "seven", "8": "eight", "9": "nine"},
}

#: Operations (without `dictionary_get_` / `dictionary_put_`) whose GET answer and PUT
#: body are the same value.
VALID: dict[str, Any] = {
    "boolean_tfft": {"0": True, "1": False, "2": False, "3": True},
    "integer_valid": {"0": 1, "1": -1, "2": 3, "3": 300},
    "long_valid": {"0": 1, "1": -1, "2": 3, "3": 300},
    "float_valid": {"0": 0.0, "1": -0.01, "2": -1.2e20},
    "double_valid": {"0": 0.0, "1": -0.01, "2": -1.2e20},
    "string_valid": {"0": "foo1", "1": "foo2", "2": "foo3"},
    "date_valid": DATES,  # {"0": "2000-12-01", "1": "1980-01-02", "2": "1492-10-12"}
    # GET: as DATETIMES says; PUT: the same instants, expected in UTC:
    # {"0": "2000-12-01T00:00:01Z", "1": "1980-01-01T23:11:35Z", "2": "1492-10-12T18:15:01Z"}
    "date_time_valid": DATETIMES,
    "date_time_rfc1123_valid": RFC1123,  # {"0": "Fri, 01 Dec 2000 00:00:01 GMT", ...}
    "duration_valid": DURATIONS,  # GET and PUT: {"0": "P123DT22H14M12.011S", "1": "P5DT1H"}
    "byte_valid": BYTES,  # each value base64-encoded
    "array_valid": ARRAYS,
    "dictionary_valid": DICTIONARIES,
}

#: Answers with a `null` value: it comes back as None, the other values converted.
WITH_NULL_VALUE: dict[str, Any] = {
    "null_value": {"key1": None},
    "boolean_invalid_null": {"0": True, "1": None, "2": False},
    "int_invalid_null": {"0": 1, "1": None, "2": 0},
    "long_invalid_null": {"0": 1, "1": None, "2": 0},
    "float_invalid_null": {"0": 0.0, "1": None, "2": -1.2e20},
    "double_invalid_null": {"0": 0.0, "1": None, "2": -1.2e20},
    "string_with_null": {"0": "foo", "1": None, "2": "foo2"},
    "date_invalid_null": {"0": date(2012, 1, 1), "1": None, "2": date(1776, 7, 4)},
    "date_time_invalid_null": {"0": datetime(2000, 12, 1, 0, 0, 1, tzinfo=UTC), "1": None},  # "2000-12-01t00:00:01z"
    "byte_invalid_null": {"0": bytes([171, 172, 173]), "1": None},
    "array_item_null": {"0": ["1", "2", "3"], "1": None, "2": ["7", "8", "9"]},  # values are `x-nullable`
    "dictionary_item_null": {"0": DICTIONARIES["0"], "1": None, "2": DICTIONARIES["2"]},  # values are `x-nullable`
}

#: Answers that are not JSON, or with a value that is not of the declared type.
REJECTED = [
    "invalid",  # {"key1": "val1", "key2", "val2"
    "null_key",  # {null : "val1"}
    "boolean_invalid_string",  # {"0": true, "1": "boolean", "2": false}
    "int_invalid_string",  # {"0": 1, "1": "integer", "2": 0}
    "long_invalid_string",  # {"0": 1, "1": "integer", "2": 0}
    "float_invalid_string",  # {"0": 1, "1": "number", "2": 0}
    "double_invalid_string",  # {"0": 1, "1": "number", "2": 0}
    "string_with_invalid",  # {"0": "foo", "1": 123, "2": "foo2"}
    "date_invalid_chars",  # {"0": "2011-03-22", "1": "date"}
    "date_time_invalid_chars",  # {"0": "2000-12-01t00:00:01z", "1": "date-time"}
]
#: Of those, the ones with a value of the wrong JSON type, under the key "1".
WRONG_JSON_TYPE = REJECTED[2:8]
#: Answers with a null value where the values are not declared nullable: where it is.
NOT_NULLABLE_NULL_VALUE = {
    name: "$.key1" if name == "null_value" else "$['1']"
    for name in WITH_NULL_VALUE
    if name not in ("array_item_null", "dictionary_item_null")
}

#: Answers with an empty value: an empty list or dictionary under its key.
WITH_EMPTY_VALUE: dict[str, Any] = {
    "array_item_empty": {"0": ["1", "2", "3"], "1": [], "2": ["7", "8", "9"]},
    "dictionary_item_empty": {"0": DICTIONARIES["0"], "1": {}, "2": DICTIONARIES["2"]},
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


# -------------------------------------------------------------- whole dictionaries


def test_get_null(client: Any) -> None:
    """GET /dictionary/null answers 200 with no body: no value."""
    assert client.dictionary_get_null() is None


def test_get_empty(client: Any) -> None:
    assert_typed_equal(client.dictionary_get_empty(), {})


def test_put_empty(client: Any) -> None:
    """The server expects `{}`."""
    assert client.dictionary_put_empty({}) is None


def test_get_empty_string_key(client: Any) -> None:
    """`{"" : "val1"}`: the empty string is a key like any other."""
    assert_typed_equal(client.dictionary_get_empty_string_key(), {"": "val1"})


# ---------------------------------------------------------- valid dictionaries


@pytest.mark.parametrize("operation", list(VALID))
def test_get_valid(client: Any, operation: str) -> None:
    result = getattr(client, f"dictionary_get_{operation}")()
    assert_typed_equal(result, VALID[operation])


@pytest.mark.parametrize("operation", list(VALID))
def test_put_valid(client: Any, operation: str) -> None:
    """The server answers 400 (an ApiError here) unless the JSON is the expected one."""
    assert getattr(client, f"dictionary_put_{operation}")(VALID[operation]) is None


def test_get_base64_url(client: Any) -> None:
    """`format: base64url` (an AutoRest format): each value is the decoded bytes."""
    expected = {"0": b"a string that gets encoded with base64url", "1": b"test string", "2": b"Lorem ipsum"}
    assert_typed_equal(client.dictionary_get_base64_url(), expected)


# ----------------------------------------------------------- awkward values


@pytest.mark.parametrize("operation", list(WITH_NULL_VALUE))
def test_get_with_null_value(client: Any, operation: str) -> None:
    result = getattr(client, f"dictionary_get_{operation}")()
    assert_typed_equal(result, WITH_NULL_VALUE[operation])


@pytest.mark.parametrize("operation", REJECTED)
def test_get_rejected(strict_client: Any, api: Any, operation: str) -> None:
    """Under strict response validation: a wrong JSON type is a `DeserializationError`
    at `$['1']`; a body that is not JSON or text not of its format fails (ValueError)."""
    call = getattr(strict_client, f"dictionary_get_{operation}")
    assert_rejected(api.package, call, "$['1']" if operation in WRONG_JSON_TYPE else None)


def test_wrong_value_type_trusted_by_default(client: Any) -> None:
    """The default client trusts the declared types: the wrong value comes back as sent."""
    assert client.dictionary_get_int_invalid_string() == {"0": 1, "1": "integer", "2": 0}


@pytest.mark.parametrize("operation", list(NOT_NULLABLE_NULL_VALUE))
def test_strict_null_value(strict_client: Any, api: Any, operation: str) -> None:
    """Under strict response validation a null value of values not declared nullable is refused."""
    with pytest.raises(api.package.DeserializationError) as caught:
        getattr(strict_client, f"dictionary_get_{operation}")()
    assert caught.value.path == NOT_NULLABLE_NULL_VALUE[operation]


@pytest.mark.parametrize("operation", list(WITH_EMPTY_VALUE))
def test_get_with_empty_value(client: Any, operation: str) -> None:
    result = getattr(client, f"dictionary_get_{operation}")()
    assert_typed_equal(result, WITH_EMPTY_VALUE[operation])


# ------------------------------------------- dictionaries of models, arrays, dictionaries


@pytest.mark.parametrize("operation", ["complex_null", "array_null", "dictionary_null"])
def test_get_null_container(client: Any, operation: str) -> None:
    """200 with no body: no value."""
    assert getattr(client, f"dictionary_get_{operation}")() is None


@pytest.mark.parametrize("operation", ["complex_empty", "array_empty", "dictionary_empty"])
def test_get_empty_container(client: Any, operation: str) -> None:
    assert_typed_equal(getattr(client, f"dictionary_get_{operation}")(), {})


def test_get_complex_valid(client: Any, api: Any) -> None:
    widget = api.models.Widget
    expected = {
        "0": widget(integer=1, string="2"),
        "1": widget(integer=3, string="4"),
        "2": widget(integer=5, string="6"),
    }
    assert_typed_equal(client.dictionary_get_complex_valid(), expected)


def test_put_complex_valid(client: Any, api: Any) -> None:
    """The server expects `{"0": {"integer": 1, "string": "2"}, "1": {"integer": 3, ...}, ...}`."""
    widget = api.models.Widget
    body = {"0": widget(integer=1, string="2"), "1": widget(integer=3, string="4"), "2": widget(integer=5, string="6")}
    assert client.dictionary_put_complex_valid(body) is None


def test_get_complex_item_null(client: Any, api: Any) -> None:
    """`{"0": {"integer": 1, "string": "2"}, "1": null, "2": {...}}`; values are `x-nullable`."""
    widget = api.models.Widget
    expected = {"0": widget(integer=1, string="2"), "1": None, "2": widget(integer=5, string="6")}
    assert_typed_equal(client.dictionary_get_complex_item_null(), expected)


def test_get_complex_item_empty(client: Any, api: Any) -> None:
    """`{"0": {"integer": 1, "string": "2"}, "1": {}, "2": {...}}`: a model with nothing set."""
    widget = api.models.Widget
    expected = {"0": widget(integer=1, string="2"), "1": widget(), "2": widget(integer=5, string="6")}
    result = client.dictionary_get_complex_item_empty()
    assert_typed_equal(result, expected)
    assert result["1"].integer is None and result["1"].string is None
