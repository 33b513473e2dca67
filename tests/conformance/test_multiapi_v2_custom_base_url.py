"""multiapi-v2-custom-base-url.json: version 2.0.0 of the custom-endpoint multi-API
service (see test_multiapi_v1_custom_base_url.py)."""

from __future__ import annotations

from typing import Any

GROUP = "multiapi-v2-custom-base-url"


def test_v2(api: Any) -> None:
    with api.client_class(api.base_url) as client:
        assert client.test(2) is None
