"""body-duration.json: ISO 8601 durations (`format: duration`) as JSON bodies.

Expected values from the server's route (legacy/routes/duration.js).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from conformance_harness import rejects_payload

GROUP = "body-duration"


POSITIVE = timedelta(days=123, hours=22, minutes=14, seconds=12, milliseconds=11)


def test_get_null(client: Any) -> None:
    """200 with no body; the schema is `x-nullable`."""
    assert client.duration_get_null() is None


def test_put_positive_duration(client: Any) -> None:
    """The server expects `"P123DT22H14M12.011S"`."""
    assert client.duration_put_positive_duration(POSITIVE) is None


def test_get_positive_duration(client: Any) -> None:
    """The body is `"P3Y6M4DT12H30M5S"`: years and months have no fixed length, so
    the value is a `timedelta` of 3 years, 6 months and 4 days (whatever lengths the
    client gives a year and a month) plus 12:30:05."""
    value = client.duration_get_positive_duration()
    assert isinstance(value, timedelta)
    rest = timedelta(days=4, hours=12, minutes=30, seconds=5)
    assert timedelta(days=3 * 365 + 6 * 28) + rest <= value <= timedelta(days=3 * 366 + 6 * 31) + rest


def test_get_invalid(client: Any, api: Any) -> None:
    """The body is `"123ABC"`."""
    with rejects_payload(api.package):
        client.duration_get_invalid()
