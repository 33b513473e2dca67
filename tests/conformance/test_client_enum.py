"""client-enum.json: a required enum parameter at the client level (`x-ms-enum` header,
`x-ms-parameter-location: client`), sent with every call.

Expected values from the operation's description and the server's route
(dist/test-routes/client-enum.js: HEAD /clientEnum/head wants `x-ms-enum: single`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

GROUP = "client-enum"


@pytest.fixture
def client(api: Any) -> Iterator[Any]:
    """The client takes the enum when it is created."""
    with api.new_client(x_ms_enum=api.models.HeadXMsEnum.SINGLE) as instance:
        yield instance


def test_head(client: Any) -> None:
    assert client.head() is None


def test_head_enum_given_as_text(api: Any) -> None:
    """The plain string value works as well as the enum member."""
    with api.new_client(x_ms_enum="single") as client:
        assert client.head() is None


def test_head_wrong_value_rejected(api: Any) -> None:
    """Another value reaches the server, which refuses it: an ApiError."""
    with api.new_client(x_ms_enum="double") as client, pytest.raises(api.package.ApiError) as caught:
        client.head()
    assert caught.value.status_code >= 400
