"""body-byte.json: `format: byte` (base64) strings as JSON bodies
(dist/test-routes/byte.js)."""

from __future__ import annotations

from typing import Any

from conformance_harness import rejects_payload

GROUP = "body-byte"

NON_ASCII = bytes([0xFF, 0xFE, 0xFD, 0xFC, 0xFB, 0xFA, 0xF9, 0xF8, 0xF7, 0xF6])


def test_get_null(client: Any) -> None:
    """200 with no body: no value."""
    assert client.byte_get_null() is None


def test_get_empty(client: Any) -> None:
    """The body is `""`."""
    assert client.byte_get_empty() == b""


def test_get_non_ascii(client: Any) -> None:
    assert client.byte_get_non_ascii() == NON_ASCII


def test_put_non_ascii(client: Any) -> None:
    """The server expects `"//79/Pv6+fj39g=="`."""
    client.byte_put_non_ascii(NON_ASCII)


def test_get_invalid(client: Any, api: Any) -> None:
    """The body is `"::::SWAGGER::::"`, not base64."""
    with rejects_payload(api.package):
        client.byte_get_invalid()
