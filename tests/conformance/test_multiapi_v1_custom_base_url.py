"""multiapi-v1-custom-base-url.json (multiapi-v2-custom-base-url.json is its next version): an endpoint
given to the client and a per-version path (`{Endpoint}/multiapiCustomBaseUrl/v1`)
(legacy/routes/multiapiCustomBaseUrl.js, optional category).

PUT /multiapiCustomBaseUrl/v1/test?id=1&api-version=1.0.0 counts
`MultiapiCustomBaseUrlApiVersionOne`; /v2/test with id=2 and 2.0.0 the other (it
answers 200 with a JSON content type and no body).
"""

from __future__ import annotations

from typing import Any

GROUP = "multiapi-v1-custom-base-url"


def test_v1(api: Any) -> None:
    with api.client_class(api.base_url) as client:
        assert client.test(1) is None
