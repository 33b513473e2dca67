"""security-key.json: an API key sent in a header, as the `AzureKey` security scheme
(`apiKey`, header `security-key`) declares.

Expected values from the server's route (dist/test-routes/security.js): HEAD
/securitykey must carry `security-key: 123456789`; any other request fails its check
(400).
"""

from __future__ import annotations

from typing import Any

import pytest

GROUP = "security-key"

KEY = "123456789"


def test_head_with_api_key(api: Any) -> None:
    """The package's `ApiKeyAuth` puts the key in the scheme's header."""
    with api.new_client(auth=api.package.ApiKeyAuth(KEY)) as client:
        assert client.head() is None


def test_head_without_api_key(client: Any, api: Any) -> None:
    """Without credentials the server refuses the request: an `ApiError` with its status."""
    with pytest.raises(api.package.ApiError) as caught:
        client.head()
    assert caught.value.status_code == 400


def test_head_with_wrong_api_key(api: Any) -> None:
    with api.new_client(auth=api.package.ApiKeyAuth("not the key")) as client:
        with pytest.raises(api.package.ApiError) as caught:
            client.head()
    assert caught.value.status_code == 400
