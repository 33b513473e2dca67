"""header.json: header parameters of every primitive type, and response headers.

Expected values from the operations' descriptions and the server's routes
(legacy/routes/header.js). Each `header_param_*` operation sends a `scenario` header and
a `value` header the server checks; each `header_response_*` operation sends a
`scenario` header and the server answers with a `value` header of the declared type.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

GROUP = "header"

MULTIBYTE = "\u554a\u9f44\u4e02\u72db\u72dc\uf9f1\uf92c\uf9f1\ufa0c\ufa29"  # 啊齄丂狛狜隣郎隣兀﨩
FOX = "The quick brown fox jumps over the lazy dog"
DURATION = timedelta(days=123, hours=22, minutes=14, seconds=12, milliseconds=11)  # P123DT22H14M12.011S
REQUEST_ID = "9C4D50EE-2D56-4CD3-8152-34347DC9F2B0"
UTC = timezone.utc
DATE, DATE_MIN = date(2010, 1, 1), date(1, 1, 1)
DATETIME, DATETIME_MIN = datetime(2010, 1, 1, 12, 34, 56, tzinfo=UTC), datetime(1, 1, 1, tzinfo=UTC)


def scenarios(argument: str, **cases: Any) -> pytest.MarkDecorator:
    """Parametrize a test by the server's `scenario` header: `scenario` and `argument`
    take each case's name and value."""
    return pytest.mark.parametrize(("scenario", argument), list(cases.items()), ids=list(cases))


def returned_header(result: Any, name: str) -> Any:
    """A response header of what an operation returned: the attribute named after it
    (`value`, `user_agent`, `content_type`), of its declared type."""
    return getattr(result, name)


# ------------------------------------------------------------------- request headers


def test_param_existing_key(client: Any) -> None:
    """`User-Agent` is a parameter: the value given replaces the client's own."""
    assert client.header_param_existing_key("overwrite") is None


def test_param_protected_key(client: Any) -> None:
    """`Content-Type` is a parameter (of a request with no body): sent as given."""
    assert client.header_param_protected_key("text/html") is None


@scenarios("value", positive=1, negative=-2)
def test_param_integer(client: Any, scenario: str, value: int) -> None:
    assert client.header_param_integer(scenario, value=value) is None


@scenarios("value", positive=105, negative=-2)
def test_param_long(client: Any, scenario: str, value: int) -> None:
    assert client.header_param_long(scenario, value=value) is None


@scenarios("value", positive=0.07, negative=-3.0)
def test_param_float(client: Any, scenario: str, value: float) -> None:
    assert client.header_param_float(scenario, value=value) is None


@scenarios("value", positive=7e120, negative=-3.0)
def test_param_double(client: Any, scenario: str, value: float) -> None:
    assert client.header_param_double(scenario, value=value) is None


@scenarios("value", true=True, false=False)
def test_param_bool(client: Any, scenario: str, value: bool) -> None:
    assert client.header_param_bool(scenario, value=value) is None


@scenarios("value", valid=FOX, null=None, empty="")
def test_param_string(client: Any, scenario: str, value: str | None) -> None:
    """`value` is optional: None leaves the header out."""
    assert client.header_param_string(scenario, value=value) is None


@scenarios("value", valid=DATE, min=DATE_MIN)
def test_param_date(client: Any, scenario: str, value: date) -> None:
    assert client.header_param_date(scenario, value=value) is None


@scenarios("value", valid=DATETIME, min=DATETIME_MIN)
def test_param_datetime(client: Any, scenario: str, value: datetime) -> None:
    """Sent as ISO 8601: `2010-01-01T12:34:56Z`, `0001-01-01T00:00:00Z`."""
    assert client.header_param_datetime(scenario, value=value) is None


@scenarios("value", valid=DATETIME, min=DATETIME_MIN)
def test_param_datetime_rfc1123(client: Any, scenario: str, value: datetime) -> None:
    """Sent as `Fri, 01 Jan 2010 12:34:56 GMT`, `Mon, 01 Jan 0001 00:00:00 GMT`."""
    assert client.header_param_datetime_rfc1123(scenario, value=value) is None


def test_param_duration(client: Any) -> None:
    """Sent as `P123DT22H14M12.011S`."""
    assert client.header_param_duration("valid", value=DURATION) is None


def test_param_byte(client: Any) -> None:
    """The bytes are sent base64-encoded."""
    assert client.header_param_byte("valid", value=MULTIBYTE.encode("utf-8")) is None


def test_param_enum(client: Any, api: Any) -> None:
    assert client.header_param_enum("valid", value=api.models.GreyscaleColors.GREY) is None
    assert client.header_param_enum("valid", value="GREY") is None


def test_param_enum_null(client: Any) -> None:
    """`value` is optional: None leaves the header out."""
    assert client.header_param_enum("null", value=None) is None


def test_custom_request_id(api: Any) -> None:
    """A header the operation does not declare, sent with the client's `headers`."""
    with api.new_client(headers={"x-ms-client-request-id": REQUEST_ID}) as client:
        assert client.header_custom_request_id() is None


def test_param_rejected(client: Any, api: Any) -> None:
    """A value the server does not expect: it answers 400, an ApiError."""
    with pytest.raises(api.package.ApiError) as caught:
        client.header_param_integer("positive", value=2)
    assert caught.value.status_code == 400


# ------------------------------------------------------------------ response headers


def test_response_existing_key(client: Any) -> None:
    result = client.header_response_existing_key()
    assert returned_header(result, "user_agent") == "overwrite"


def test_response_protected_key(client: Any) -> None:
    """The server's framework adds the charset to the `Content-Type` it sets."""
    result = client.header_response_protected_key()
    assert returned_header(result, "content_type") == "text/html; charset=utf-8"


@scenarios("expected", positive=1, negative=-2)
def test_response_integer(client: Any, scenario: str, expected: int) -> None:
    value = returned_header(client.header_response_integer(scenario), "value")
    assert value == expected
    assert type(value) is int


@scenarios("expected", positive=105, negative=-2)
def test_response_long(client: Any, scenario: str, expected: int) -> None:
    value = returned_header(client.header_response_long(scenario), "value")
    assert value == expected
    assert type(value) is int


@scenarios("expected", positive=0.07, negative=-3.0)
def test_response_float(client: Any, scenario: str, expected: float) -> None:
    """The server writes -3.0 as `-3`: still a float."""
    value = returned_header(client.header_response_float(scenario), "value")
    assert value == expected
    assert isinstance(value, float)


@scenarios("expected", positive=7e120, negative=-3.0)
def test_response_double(client: Any, scenario: str, expected: float) -> None:
    value = returned_header(client.header_response_double(scenario), "value")
    assert value == expected
    assert isinstance(value, float)


@scenarios("expected", true=True, false=False)
def test_response_bool(client: Any, scenario: str, expected: bool) -> None:
    assert returned_header(client.header_response_bool(scenario), "value") is expected


@scenarios("expected", valid=FOX, null="null", empty="")
def test_response_string(client: Any, scenario: str, expected: str) -> None:
    """For "null" the server sets the header to null, which its framework writes as `null`."""
    assert returned_header(client.header_response_string(scenario), "value") == expected


@scenarios("expected", valid=DATE, min=DATE_MIN)
def test_response_date(client: Any, scenario: str, expected: date) -> None:
    value = returned_header(client.header_response_date(scenario), "value")
    assert value == expected
    assert type(value) is date


@scenarios("expected", valid=DATETIME, min=DATETIME_MIN)
def test_response_datetime(client: Any, scenario: str, expected: datetime) -> None:
    value = returned_header(client.header_response_datetime(scenario), "value")
    assert value == expected
    assert value.utcoffset() == timedelta(0)


@scenarios("expected", valid=DATETIME, min=DATETIME_MIN)
def test_response_datetime_rfc1123(client: Any, scenario: str, expected: datetime) -> None:
    """`Fri, 01 Jan 2010 12:34:56 GMT`, `Mon, 01 Jan 0001 00:00:00 GMT` (a four-digit year)."""
    value = returned_header(client.header_response_datetime_rfc1123(scenario), "value")
    assert value == expected
    assert value.utcoffset() == timedelta(0)


def test_response_duration(client: Any) -> None:
    assert returned_header(client.header_response_duration("valid"), "value") == DURATION


def test_response_byte(client: Any) -> None:
    assert returned_header(client.header_response_byte("valid"), "value") == MULTIBYTE.encode("utf-8")


def test_response_enum(client: Any, api: Any) -> None:
    value = returned_header(client.header_response_enum("valid"), "value")
    assert value == "GREY"
    assert isinstance(value, api.models.GreyscaleColors)


def test_response_enum_null(client: Any, api: Any) -> None:
    """The server sends an empty header: no member (empty or None)."""
    value = returned_header(client.header_response_enum("null"), "value")
    assert value in ("", None)
    assert not isinstance(value, api.models.GreyscaleColors)
