"""body-date.json: `format: date` strings as JSON bodies (legacy/routes/date.js)."""

from __future__ import annotations

from datetime import date
from typing import Any

from conformance_harness import rejects_payload

GROUP = "body-date"


def test_get_null(client: Any) -> None:
    """200 with no body; the schema is `x-nullable`."""
    assert client.date_get_null() is None


def test_get_invalid_date(client: Any, api: Any) -> None:
    """The body is `"201O-18-90"`."""
    with rejects_payload(api.package):
        client.date_get_invalid_date()


def test_get_overflow_date(client: Any, api: Any) -> None:
    """The body is `"10000000000-12-31"`, past what a date holds."""
    with rejects_payload(api.package):
        client.date_get_overflow_date()


def test_get_underflow_date(client: Any, api: Any) -> None:
    """The body is `"0000-00-00"`."""
    with rejects_payload(api.package):
        client.date_get_underflow_date()


def test_put_max_date(client: Any) -> None:
    client.date_put_max_date(date(9999, 12, 31))


def test_get_max_date(client: Any) -> None:
    assert client.date_get_max_date() == date(9999, 12, 31)


def test_put_min_date(client: Any) -> None:
    """The description says 0000-01-01; the server expects 0001-01-01 (date.min)."""
    client.date_put_min_date(date(1, 1, 1))


def test_get_min_date(client: Any) -> None:
    """The server sends `"0001-01-01"` (the schema's single-value enum says 0000-01-01,
    which is not a date); the value is a `date`."""
    assert client.date_get_min_date() == date(1, 1, 1)
