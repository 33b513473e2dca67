"""merge-patch.json: a body sent as `application/merge-patch+json`
(dist/test-routes/merge-patch-json.js).

The body schema is `{type: object, properties: {}}`, so the argument is any JSON
object, sent as given: a None the caller puts in it goes out as `null` (what deletes a
member in a merge patch), and nothing the caller did not write is added. The route
wants the content type and a 14-byte body (`{"foo": "bar"}`).
"""

from __future__ import annotations

import json
from typing import Any

import conformance_harness as harness

GROUP = "merge-patch"


def test_patch_single(client: Any) -> None:
    assert client.patch_single({"foo": "bar"}) is None


def test_none_goes_out_as_null_only_where_given(api: Any) -> None:
    recorder = harness.RecordingTransport()
    with api.new_client(transport=recorder) as client:
        client.patch_single({"foo": "bar"})
        try:
            client.patch_single({"foo": None})
        except api.package.ApiError:
            pass  # the route wants 14 bytes; what matters here is what was sent
    first, second = recorder.requests
    assert first.headers["content-type"] == "application/merge-patch+json"
    assert json.loads(first.content) == {"foo": "bar"}
    assert json.loads(second.content) == {"foo": None}
