"""body-time.json: a `format: time` string as a JSON body (legacy/routes/time.js).

GET /time/get answers `"11:34:56"`; PUT /time/put wants `"08:07:56"`.
"""

from __future__ import annotations

from typing import Any

GROUP = "body-time"


def test_get(client: Any) -> None:
    assert client.time_get() == "11:34:56"


def test_put(client: Any) -> None:
    assert client.time_put("08:07:56") == "Nice job posting time"
