"""incorrect-error-response.json: an error answer whose body is not what the error
schema says (dist/test-routes/incorrect-error-response.js).

GET /incorrectError answers 444 with `text/html` `foobar`: the client raises an
`ApiError` with the status and keeps the raw answer, instead of failing to decode it.
"""

from __future__ import annotations

from typing import Any

import pytest

GROUP = "incorrect-error-response"


def test_get_incorrect_error_from_server(client: Any, api: Any) -> None:
    with pytest.raises(api.package.ApiError) as caught:
        client.get_incorrect_error_from_server()
    assert caught.value.status_code == 444
    assert caught.value.response.text == "foobar"
