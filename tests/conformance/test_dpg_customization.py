"""dpg-customization.json: a model, pages and a long-running operation, each in two
modes (`raw` and `model`) (dist/test-routes/dpg/customization.js, category dpg).

Every answer holds `received: <mode>`; the POST routes want `{"hello": "world!"}`. The
first page of `/customization/paging/<mode>/` links to `<mode>/2`; the LRO routes answer
200 with `provisioningState: Succeeded` at once.
"""

from __future__ import annotations

from typing import Any

import pytest

GROUP = "dpg-customization"

MODES = ["raw", "model"]


@pytest.mark.parametrize("mode", MODES)
def test_get_model(client: Any, api: Any, mode: str) -> None:
    assert client.get_model(mode) == api.models.Product(received=mode)


@pytest.mark.parametrize("mode", MODES)
def test_post_model(client: Any, api: Any, mode: str) -> None:
    assert client.post_model(mode, api.models.Input(hello="world!")) == api.models.Product(received=mode)


@pytest.mark.parametrize("mode", MODES)
def test_get_pages(client: Any, api: Any, mode: str) -> None:
    assert list(client.get_pages(mode)) == [api.models.Product(received=mode)] * 2


@pytest.mark.parametrize("mode", MODES)
def test_lro(client: Any, api: Any, mode: str) -> None:
    result = client.begin_lro(mode, polling_interval=0).result()
    assert result == api.models.LROProduct(received=mode, provisioning_state="Succeeded")
