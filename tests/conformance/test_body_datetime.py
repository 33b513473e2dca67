"""body-datetime.json: `format: date-time` (RFC 3339) strings as JSON bodies.

Expected values from the operations' descriptions and the server's route
(legacy/routes/datetime.js): PUTs are compared as instants (`new Date(body)`), except
`max/utc7ms` which also wants the text to end in `.9999999Z`.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from conformance_harness import rejects_payload

GROUP = "body-datetime"

UTC = timezone.utc
PLUS_14 = timezone(timedelta(hours=14))
MINUS_14 = timezone(timedelta(hours=-14))
MAX_MS = 999_000  # .999

KNOWN_GAPS = {
    "test_put_utc_max_date_time7_digits": (
        "a datetime holds microseconds and is written with +00:00: the `.9999999Z` the server "
        "wants (optional scenario) cannot be sent"
    ),
}


def test_get_null(client: Any) -> None:
    """200 with no body; the schema is `x-nullable`."""
    assert client.datetime_get_null() is None


def test_get_invalid(client: Any, api: Any) -> None:
    """The body is `"201O-18-90D00:89:56.9AX"`."""
    with rejects_payload(api.package):
        client.datetime_get_invalid()


def test_get_overflow(client: Any) -> None:
    """The body is `"9999-12-31T23:59:59.999-14:00"`, past year 9999 in UTC: a Python
    datetime keeps it as it is, with its offset."""
    value = client.datetime_get_overflow()
    assert value == datetime(9999, 12, 31, 23, 59, 59, MAX_MS, tzinfo=MINUS_14)
    assert value.utcoffset() == timedelta(hours=-14)


def test_get_underflow(client: Any, api: Any) -> None:
    """The body is `"0000-00-00T00:00:00.000+00:00"`: no such date."""
    with rejects_payload(api.package):
        client.datetime_get_underflow()


def test_put_utc_max_date_time(client: Any) -> None:
    assert client.datetime_put_utc_max_date_time(datetime(9999, 12, 31, 23, 59, 59, MAX_MS, tzinfo=UTC)) is None


def test_put_utc_max_date_time7_digits(client: Any) -> None:
    """The server wants `"9999-12-31T23:59:59.9999999Z"`; the closest datetime."""
    client.datetime_put_utc_max_date_time7_digits(datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC))


def test_get_utc_lowercase_max_date_time(client: Any) -> None:
    """The body is `"9999-12-31t23:59:59.999z"`."""
    assert client.datetime_get_utc_lowercase_max_date_time() == datetime(9999, 12, 31, 23, 59, 59, MAX_MS, tzinfo=UTC)


def test_get_utc_uppercase_max_date_time(client: Any) -> None:
    """The body is `"9999-12-31T23:59:59.999Z"`."""
    value = client.datetime_get_utc_uppercase_max_date_time()
    assert value == datetime(9999, 12, 31, 23, 59, 59, MAX_MS, tzinfo=UTC)
    assert value.utcoffset() == timedelta(0)


def test_get_utc_uppercase_max_date_time7_digits(client: Any) -> None:
    """The body is `"9999-12-31T23:59:59.9999999Z"`: truncated to microseconds (rounding
    up would pass year 9999)."""
    assert client.datetime_get_utc_uppercase_max_date_time7_digits() == datetime(
        9999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC
    )


def test_put_local_positive_offset_max_date_time(client: Any) -> None:
    """The server expects the instant 9999-12-31T23:59:59.999+14:00."""
    client.datetime_put_local_positive_offset_max_date_time(datetime(9999, 12, 31, 23, 59, 59, MAX_MS, tzinfo=PLUS_14))


def test_get_local_positive_offset_lowercase_max_date_time(client: Any) -> None:
    """The body is `"9999-12-31t23:59:59.999+14:00"`."""
    value = client.datetime_get_local_positive_offset_lowercase_max_date_time()
    assert value == datetime(9999, 12, 31, 23, 59, 59, MAX_MS, tzinfo=PLUS_14)
    assert value.utcoffset() == timedelta(hours=14)


def test_get_local_positive_offset_uppercase_max_date_time(client: Any) -> None:
    """The body is `"9999-12-31T23:59:59.999+14:00"`."""
    value = client.datetime_get_local_positive_offset_uppercase_max_date_time()
    assert value == datetime(9999, 12, 31, 23, 59, 59, MAX_MS, tzinfo=PLUS_14)
    assert value.utcoffset() == timedelta(hours=14)


def test_put_local_negative_offset_max_date_time(client: Any) -> None:
    """The server expects the instant 9999-12-31T23:59:59.999-14:00 (in year 10000 UTC)."""
    client.datetime_put_local_negative_offset_max_date_time(datetime(9999, 12, 31, 23, 59, 59, MAX_MS, tzinfo=MINUS_14))


def test_get_local_negative_offset_uppercase_max_date_time(client: Any) -> None:
    """The body is `"9999-12-31T23:59:59.999-14:00"`."""
    value = client.datetime_get_local_negative_offset_uppercase_max_date_time()
    assert value == datetime(9999, 12, 31, 23, 59, 59, MAX_MS, tzinfo=MINUS_14)
    assert value.utcoffset() == timedelta(hours=-14)


def test_get_local_negative_offset_lowercase_max_date_time(client: Any) -> None:
    """The body is `"9999-12-31t23:59:59.999-14:00"`."""
    value = client.datetime_get_local_negative_offset_lowercase_max_date_time()
    assert value == datetime(9999, 12, 31, 23, 59, 59, MAX_MS, tzinfo=MINUS_14)
    assert value.utcoffset() == timedelta(hours=-14)


def test_put_utc_min_date_time(client: Any) -> None:
    """The server expects the instant 0001-01-01T00:00:00Z."""
    assert client.datetime_put_utc_min_date_time(datetime(1, 1, 1, tzinfo=UTC)) is None


def test_get_utc_min_date_time(client: Any) -> None:
    """The body is `"0001-01-01T00:00:00Z"` (the schema's single-value enum): a datetime."""
    value = client.datetime_get_utc_min_date_time()
    assert isinstance(value, datetime)
    assert value == datetime(1, 1, 1, tzinfo=UTC)


def test_put_local_positive_offset_min_date_time(client: Any) -> None:
    """The server expects the instant 0001-01-01T00:00:00+14:00 (in year 0 UTC)."""
    client.datetime_put_local_positive_offset_min_date_time(datetime(1, 1, 1, tzinfo=PLUS_14))


def test_get_local_positive_offset_min_date_time(client: Any) -> None:
    """The body is `"0001-01-01T00:00:00+14:00"` (the enum says `t`): a datetime."""
    value = client.datetime_get_local_positive_offset_min_date_time()
    assert isinstance(value, datetime)
    assert value == datetime(1, 1, 1, tzinfo=PLUS_14)
    assert value.utcoffset() == timedelta(hours=14)


def test_put_local_negative_offset_min_date_time(client: Any) -> None:
    """The server expects the instant 0001-01-01T14:00:00Z."""
    client.datetime_put_local_negative_offset_min_date_time(datetime(1, 1, 1, tzinfo=MINUS_14))


def test_get_local_negative_offset_min_date_time(client: Any) -> None:
    """The body is `"0001-01-01T00:00:00-14:00"` (the enum says `t`): a datetime."""
    value = client.datetime_get_local_negative_offset_min_date_time()
    assert isinstance(value, datetime)
    assert value == datetime(1, 1, 1, tzinfo=MINUS_14)
    assert value.utcoffset() == timedelta(hours=-14)


def test_get_local_no_offset_min_date_time(client: Any) -> None:
    """The body is `"0001-01-01T00:00:00"`, with no offset: a naive datetime."""
    value = client.datetime_get_local_no_offset_min_date_time()
    assert value == datetime(1, 1, 1)
    assert value.tzinfo is None
