"""any-type.json: bodies of any JSON type (dist/test-routes/any-type.js)."""

from __future__ import annotations

from typing import Any

GROUP = "any-type"


def test_get_object(client: Any) -> None:
    assert client.get_object() == {"message": "An object was successfully returned"}


def test_put_object(client: Any) -> None:
    client.put_object({"foo": "bar"})


def test_get_string(client: Any) -> None:
    assert client.get_string() == "anything"


def test_put_string(client: Any) -> None:
    client.put_string("anything")


def test_get_array(client: Any) -> None:
    assert client.get_array() == ["foo", "bar"]


def test_put_array(client: Any) -> None:
    client.put_array(["foo", "bar"])
