"""body-number.json: float, double and decimal numbers as JSON bodies.

Expected values from the operations' descriptions and the server's routes
(legacy/routes/number.js; the decimal scenarios are in the "optional" category).
`format: decimal` is typed `float` by the generator; the server compares doubles, so
floats are sent.
"""

from __future__ import annotations

from typing import Any

from conformance_harness import rejects_payload

GROUP = "body-number"


def test_get_null(client: Any) -> None:
    """200 with no body; the schema is `x-nullable`."""
    assert client.number_get_null() is None


def test_get_invalid_float(client: Any, api: Any) -> None:
    """The body is `2147483656.090096789909j`."""
    with rejects_payload(api.package):
        client.number_get_invalid_float()


def test_get_invalid_double(client: Any, api: Any) -> None:
    with rejects_payload(api.package):
        client.number_get_invalid_double()


def test_get_invalid_decimal(client: Any, api: Any) -> None:
    with rejects_payload(api.package):
        client.number_get_invalid_decimal()


def test_put_big_float(client: Any) -> None:
    client.number_put_big_float(3.402823e20)


def test_get_big_float(client: Any) -> None:
    assert client.number_get_big_float() == 3.402823e20


def test_put_big_double(client: Any) -> None:
    client.number_put_big_double(2.5976931e101)


def test_get_big_double(client: Any) -> None:
    assert client.number_get_big_double() == 2.5976931e101


def test_put_big_double_positive_decimal(client: Any) -> None:
    client.number_put_big_double_positive_decimal(99999999.99)


def test_get_big_double_positive_decimal(client: Any) -> None:
    assert client.number_get_big_double_positive_decimal() == 99999999.99


def test_put_big_double_negative_decimal(client: Any) -> None:
    client.number_put_big_double_negative_decimal(-99999999.99)


def test_get_big_double_negative_decimal(client: Any) -> None:
    assert client.number_get_big_double_negative_decimal() == -99999999.99


def test_put_big_decimal(client: Any) -> None:
    client.number_put_big_decimal(2.5976931e101)


def test_get_big_decimal(client: Any) -> None:
    assert client.number_get_big_decimal() == 2.5976931e101


def test_put_big_decimal_positive_decimal(client: Any) -> None:
    client.number_put_big_decimal_positive_decimal(99999999.99)


def test_get_big_decimal_positive_decimal(client: Any) -> None:
    assert client.number_get_big_decimal_positive_decimal() == 99999999.99


def test_put_big_decimal_negative_decimal(client: Any) -> None:
    client.number_put_big_decimal_negative_decimal(-99999999.99)


def test_get_big_decimal_negative_decimal(client: Any) -> None:
    assert client.number_get_big_decimal_negative_decimal() == -99999999.99


def test_put_small_float(client: Any) -> None:
    client.number_put_small_float(3.402823e-20)


def test_get_small_float(client: Any) -> None:
    assert client.number_get_small_float() == 3.402823e-20


def test_put_small_double(client: Any) -> None:
    client.number_put_small_double(2.5976931e-101)


def test_get_small_double(client: Any) -> None:
    assert client.number_get_small_double() == 2.5976931e-101


def test_put_small_decimal(client: Any) -> None:
    client.number_put_small_decimal(2.5976931e-101)


def test_get_small_decimal(client: Any) -> None:
    assert client.number_get_small_decimal() == 2.5976931e-101
