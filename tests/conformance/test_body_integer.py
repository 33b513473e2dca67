"""body-integer.json: integers (int32, int64) and Unix times as JSON bodies.

Expected values from the operations' descriptions and the server's routes
(legacy/routes/int.js).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from conformance_harness import rejects_payload

GROUP = "body-integer"

UNIX_TIME = datetime(2016, 4, 13, tzinfo=timezone.utc)  # 1460505600


def test_get_null(client: Any) -> None:
    """200 with no body; the schema is `x-nullable`."""
    assert client.int_get_null() is None


def test_get_invalid(client: Any, api: Any) -> None:
    """The body is `123jkl`."""
    with rejects_payload(api.package):
        client.int_get_invalid()


def test_get_overflow_int32(client: Any) -> None:
    """Python ints do not overflow: the value comes back as sent."""
    assert client.int_get_overflow_int32() == 2147483656


def test_get_underflow_int32(client: Any) -> None:
    assert client.int_get_underflow_int32() == -2147483656


def test_get_overflow_int64(client: Any) -> None:
    assert client.int_get_overflow_int64() == 9223372036854775910


def test_get_underflow_int64(client: Any) -> None:
    assert client.int_get_underflow_int64() == -9223372036854775910


def test_put_max32(client: Any) -> None:
    client.int_put_max32(2**31 - 1)


def test_put_max64(client: Any) -> None:
    client.int_put_max64(2**63 - 1)


def test_put_min32(client: Any) -> None:
    client.int_put_min32(-(2**31))


def test_put_min64(client: Any) -> None:
    client.int_put_min64(-(2**63))


def test_get_unix_time(client: Any) -> None:
    """`format: unixtime` (an AutoRest format): the body 1460505600 is a datetime."""
    assert client.int_get_unix_time() == UNIX_TIME


def test_put_unix_time_date(client: Any) -> None:
    """The server expects 1460505600."""
    client.int_put_unix_time_date(UNIX_TIME)


def test_get_invalid_unix_time(client: Any, api: Any) -> None:
    with rejects_payload(api.package):
        client.int_get_invalid_unix_time()


def test_get_null_unix_time(client: Any) -> None:
    assert client.int_get_null_unix_time() is None
