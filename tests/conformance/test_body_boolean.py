"""body-boolean.json: booleans as JSON bodies (dist/test-routes/bool.js)."""

from __future__ import annotations

from typing import Any

from conformance_harness import rejects_payload

GROUP = "body-boolean"


def test_get_true(client: Any) -> None:
    assert client.bool_get_true() is True


def test_put_true(client: Any) -> None:
    client.bool_put_true(True)


def test_get_false(client: Any) -> None:
    assert client.bool_get_false() is False


def test_put_false(client: Any) -> None:
    client.bool_put_false(False)


def test_get_null(client: Any) -> None:
    """200 with no body; the schema is `x-nullable`."""
    assert client.bool_get_null() is None


def test_get_invalid(client: Any, api: Any) -> None:
    """The body is `true1`."""
    with rejects_payload(api.package):
        client.bool_get_invalid()
