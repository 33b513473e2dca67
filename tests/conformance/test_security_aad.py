"""security-aad.json: an OAuth2 (AAD) bearer token, asked for with the scope the
security requirement names (dist/test-routes/security.js).

HEAD /securityaad must carry `Authorization: Bearer https://security.microsoft.com/.default`:
the test's credential returns, as its token, the scopes it was asked for, so the header
shows the scope the client asked for.
"""

from __future__ import annotations

import time
from typing import Any, NamedTuple

import pytest

GROUP = "security-aad"


class Token(NamedTuple):
    token: str
    expires_on: int


class ScopeEcho:
    """A credential whose token is the scopes it was asked for."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, ...]] = []

    def get_token(self, *scopes: str) -> Token:
        self.asked.append(scopes)
        return Token(" ".join(scopes), int(time.time()) + 3600)


def test_head_with_the_requirement_scope(api: Any) -> None:
    credential = ScopeEcho()
    auth = api.package.BearerTokenAuth(credential, allow_insecure_loopback=True)
    with api.new_client(auth=auth) as client:
        assert client.head() is None
    assert credential.asked == [("https://security.microsoft.com/.default",)]


def test_head_without_token(client: Any, api: Any) -> None:
    with pytest.raises(api.package.ApiError) as caught:
        client.head()
    assert caught.value.status_code == 400
