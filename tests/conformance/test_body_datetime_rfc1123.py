"""body-datetime-rfc1123.json: `format: date-time-rfc1123` strings (`Fri, 31 Dec 9999
23:59:59 GMT`) as JSON bodies.

Expected values from the server's route (legacy/routes/datetime-rfc1123.js); PUTs are
compared as instants (`new Date(body)`).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from conformance_harness import rejects_payload

GROUP = "body-datetime-rfc1123"

UTC = timezone.utc
MAX = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
MIN = datetime(1, 1, 1, tzinfo=UTC)



def test_get_null(client: Any) -> None:
    """200 with no body; the schema is `x-nullable`."""
    assert client.datetimerfc1123_get_null() is None


def test_get_invalid(client: Any, api: Any) -> None:
    """The body is `"Tue, 01 Dec 2000 00:00:0A ABC"`."""
    with rejects_payload(api.package):
        client.datetimerfc1123_get_invalid()


def test_get_overflow(client: Any, api: Any) -> None:
    """The body is `"Sat, 1 Jan 10000 00:00:00 GMT"`, past what a datetime holds."""
    with rejects_payload(api.package):
        client.datetimerfc1123_get_overflow()


def test_get_underflow(client: Any, api: Any) -> None:
    """The body is `"Tue, 00 Jan 0000 00:00:00 GMT"`: no such date."""
    with rejects_payload(api.package):
        client.datetimerfc1123_get_underflow()


def test_put_utc_max_date_time(client: Any) -> None:
    """The server expects `"Fri, 31 Dec 9999 23:59:59 GMT"`."""
    assert client.datetimerfc1123_put_utc_max_date_time(MAX) is None


def test_get_utc_lowercase_max_date_time(client: Any) -> None:
    """The body is `"fri, 31 dec 9999 23:59:59 gmt"`."""
    value = client.datetimerfc1123_get_utc_lowercase_max_date_time()
    assert value == MAX
    assert value.utcoffset() == timedelta(0)


def test_get_utc_uppercase_max_date_time(client: Any) -> None:
    """The body is `"FRI, 31 DEC 9999 23:59:59 GMT"`."""
    value = client.datetimerfc1123_get_utc_uppercase_max_date_time()
    assert value == MAX
    assert value.utcoffset() == timedelta(0)


def test_put_utc_min_date_time(client: Any) -> None:
    """The server expects `"Mon, 01 Jan 0001 00:00:00 GMT"`."""
    assert client.datetimerfc1123_put_utc_min_date_time(MIN) is None


def test_get_utc_min_date_time(client: Any) -> None:
    """The body is `"Mon, 01 Jan 0001 00:00:00 GMT"` (the schema is a single-value enum
    of format date-time-rfc1123): a datetime in year 1."""
    value = client.datetimerfc1123_get_utc_min_date_time()
    assert isinstance(value, datetime)
    assert value == MIN
