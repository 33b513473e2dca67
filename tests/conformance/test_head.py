"""head.json: HEAD operations that declare 2xx and 404 responses.

Expected values from the Swagger file (each operation declares its 2xx, 404 and a
default without a body) and the server's routes (dist/test-routes/http-responses.js:
HEAD /http/success/200, /204 and /404 answer that status with no body). With a 404
declared as a normal answer, a HEAD tells whether the resource exists: True for the
2xx, False for the 404 (AutoRest's "head as boolean").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

GROUP = "head"



def op(client: Any, name: str) -> Callable[[], Any]:
    """`httpSuccess_<name>`: `client.http_success.<name>` if the generator made an
    operation group of the prefix, else `client.http_success_<name>`."""
    group = getattr(client, "http_success", None)
    if hasattr(group, name):
        grouped: Callable[[], Any] = getattr(group, name)
        return grouped
    flat: Callable[[], Any] = getattr(client, f"http_success_{name}")
    return flat


def test_head200(client: Any) -> None:
    assert op(client, "head200")() is True


def test_head204(client: Any) -> None:
    assert op(client, "head204")() is True


def test_head404(client: Any) -> None:
    """404 is declared: the resource does not exist, which is no error."""
    assert op(client, "head404")() is False
