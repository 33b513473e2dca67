"""body-string.json: strings, string enums and base64 strings as JSON bodies.

Expected values from the operations' descriptions and the server's routes
(dist/test-routes/string.js).
"""

from __future__ import annotations

from typing import Any

import pytest

GROUP = "body-string"

MBCS = (
    "\u554a\u9f44\u4e02\u72db\u72dc\uf9f1\uf92c\uf9f1\ufa0c\ufa29\u02ca\u301e\u3021\uffe4\u2121"
    "\u3231\u2010\u30fc\ufe61\ufe62\ufe6b\u3001\u3013\u2170\u2179\u2488\u20ac\u3220\u3229\u2160"
    "\u216b\uff01\uffe3\u3041\u3093\u30a1\u30f6\u0391\ufe34\u0410\u042f\u0430\u044f\u0101\u0261"
    "\u3105\u3129\u2500\u254b\ufe35\ufe44\ufe3b\ufe31\ufe33\ufe34\u2170\u2179\u0251\ue7c7\u0261"
    "\u3007\u303e\u2ffb\u2e81\ue843\u4723\ue864\u20ac"
)
WHITESPACE = "    Now is the time for all good men to come to the aid of their country    "


def test_get_null(client: Any) -> None:
    """GET /string/null answers 200 with no body; the schema is `x-nullable`."""
    assert client.string_get_null() is None


def test_put_null(client: Any) -> None:
    """PUT /string/null with no body at all."""
    assert client.string_put_null() is None


def test_get_empty(client: Any) -> None:
    assert client.string_get_empty() == ""


def test_put_empty(client: Any) -> None:
    client.string_put_empty("")


def test_get_mbcs(client: Any) -> None:
    assert client.string_get_mbcs() == MBCS


def test_put_mbcs(client: Any) -> None:
    client.string_put_mbcs(MBCS)


def test_get_whitespace(client: Any) -> None:
    assert client.string_get_whitespace() == WHITESPACE


def test_put_whitespace(client: Any) -> None:
    client.string_put_whitespace(WHITESPACE)


def test_get_not_provided(client: Any) -> None:
    """GET /string/notProvided answers 200 with no body: no value."""
    assert client.string_get_not_provided() is None


def test_get_base64_encoded(client: Any) -> None:
    """`format: byte`: the JSON string is base64 and the value is the bytes."""
    assert client.string_get_base64_encoded() == b"a string that gets encoded with base64"


def test_get_base64_url_encoded(client: Any) -> None:
    """`format: base64url` (an AutoRest format): the value is the decoded bytes."""
    assert client.string_get_base64_url_encoded() == b"a string that gets encoded with base64url"


def test_put_base64_url_encoded(client: Any) -> None:
    """The server expects the bytes base64url-encoded without padding."""
    client.string_put_base64_url_encoded(b"a string that gets encoded with base64url")


def test_get_null_base64_url_encoded(client: Any) -> None:
    assert client.string_get_null_base64_url_encoded() is None


def test_enum_get_not_expandable(client: Any, api: Any) -> None:
    value = client.enum_get_not_expandable()
    assert value == "red color"
    assert isinstance(value, api.models.Colors)


def test_enum_put_not_expandable(client: Any, api: Any) -> None:
    client.enum_put_not_expandable("red color")
    member = next(m for m in api.models.Colors if m.value == "red color")
    client.enum_put_not_expandable(member)


def test_enum_put_not_expandable_rejected(client: Any, api: Any) -> None:
    """A value outside the enum reaches the server, which answers 400: an ApiError."""
    with pytest.raises(api.package.ApiError) as caught:
        client.enum_put_not_expandable("not a colour")
    assert caught.value.status_code == 400


def test_enum_get_referenced(client: Any, api: Any) -> None:
    value = client.enum_get_referenced()
    assert value == "red color"
    assert isinstance(value, api.models.RefColors)


def test_enum_put_referenced(client: Any, api: Any) -> None:
    client.enum_put_referenced(api.models.RefColors.RED_COLOR)
    client.enum_put_referenced("red color")


def test_enum_get_referenced_constant(client: Any) -> None:
    """The server sends `{"field1": "Sample String"}`: `ColorConstant` is a required
    single-value enum, i.e. a constant, so it is "green-color" although not sent."""
    value = client.enum_get_referenced_constant()
    assert value.color_constant == "green-color"
    assert value.field1 == "Sample String"


def test_enum_put_referenced_constant(client: Any, api: Any) -> None:
    """The server expects exactly `{"ColorConstant": "green-color"}`."""
    models = api.models
    client.enum_put_referenced_constant(models.RefColorConstant(color_constant=models.ColorConstant.GREEN_COLOR))
