"""object-type.json: `{type: object, properties: {}}` bodies, read as any JSON object
(legacy/routes/objectType.js).

GET /objectType/get answers `{"message": "An object was successfully returned"}`; PUT
/objectType/put wants `{"foo": "bar"}` (200) and answers anything else with 400 and
`{"message": "The object you passed was incorrect"}` (the `default` answer, whose
schema is the same free-form object).
"""

from __future__ import annotations

from typing import Any

import pytest

GROUP = "object-type"


def test_get(client: Any) -> None:
    assert client.get() == {"message": "An object was successfully returned"}


def test_put(client: Any) -> None:
    assert client.put({"foo": "bar"}) is None


def test_put_error(client: Any, api: Any) -> None:
    with pytest.raises(api.package.ApiError) as caught:
        client.put({"should": "fail"})
    assert caught.value.status_code == 400
    # an error schema that is no model nor scalar is not parsed: the answer keeps it
    assert caught.value.response.json() == {"message": "The object you passed was incorrect"}
