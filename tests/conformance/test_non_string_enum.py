"""non-string-enum.json: enums of integers and of floats (legacy/routes/nonStringEnums.js).

PUT /nonStringEnums/int/put wants `200`, GET answers `429`; the float routes want
`200.4` and answer `429.1`.
"""

from __future__ import annotations

from typing import Any

GROUP = "non-string-enum"


def test_int_put(client: Any, api: Any) -> None:
    assert client.int_.put(input=api.models.IntEnum.VALUE_200) == "Nice job posting an int enum"


def test_int_get(client: Any, api: Any) -> None:
    answer = client.int_.get()
    assert answer is api.models.IntEnum.VALUE_429


def test_float_put(client: Any, api: Any) -> None:
    assert client.float_.put(input=api.models.FloatEnum.VALUE_200_4) == "Nice job posting a float enum"


def test_float_get(client: Any, api: Any) -> None:
    answer = client.float_.get()
    assert answer is api.models.FloatEnum.VALUE_429_1
