"""media_types.json: request bodies of several media types (`consumes`), chosen per
call, and a `Content-Type` with a charset.

Expected values from the operations' descriptions and the server's routes
(legacy/routes/mediatypes.js for /analyze and /contentTypeWithEncoding,
dist/test-routes/media-types.js for the others):

- /mediatypes/analyze: `application/json` with a `source` property, answered 200 with
  the JSON string "Nice job with JSON"; `application/pdf` with the body `PDF`, answered
  "Nice job with PDF".
- /mediatypes/analyzeNoAccept: the same two requests, answered 202 without a body.
- /mediatypes/contentTypeWithEncoding: `Content-Type: text/plain; charset=UTF-8`
  exactly, answered with a JSON string.
- /mediatypes/binaryBodyTwoContentTypes, binaryBodyThreeContentTypes, bodyThreeTypes:
  `application/json` with `{"hello": "world"}`, `application/octet-stream` with any
  non-empty body, `text/plain` with `hello, world`; answered 200 without a body.
- /mediatypes/textAndJson has no route on the server: it is checked with a mock
  transport.

A call picks the media type with `content_type=`, one of the operation's `consumes`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import conformance_harness as harness

GROUP = "media_types"

Recorder = harness.RecordingTransport


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def recording_client(api: Any, recorder: Recorder) -> Iterator[Any]:
    with api.new_client(transport=recorder) as instance:
        yield instance


def _sent(recorder: Recorder) -> httpx.Request:
    assert len(recorder.requests) == 1
    return recorder.requests[0]


def test_analyze_body_json(client: Any, api: Any) -> None:
    """The default media type is `application/json`: the SourcePath model as JSON."""
    assert client.analyze_body(input=api.models.SourcePath(source="foo")) == "Nice job with JSON"


def test_analyze_body_pdf(client: Any) -> None:
    assert client.analyze_body(input=b"PDF", content_type="application/pdf") == "Nice job with PDF"


def test_analyze_body_no_accept_header_json(client: Any, api: Any) -> None:
    """202 without a body: no value."""
    assert client.analyze_body_no_accept_header(input=api.models.SourcePath(source="foo")) is None


def test_analyze_body_no_accept_header_pdf(client: Any) -> None:
    assert client.analyze_body_no_accept_header(input=b"PDF", content_type="application/pdf") is None


def test_content_type_with_encoding(recording_client: Any, recorder: Recorder) -> None:
    """The only media type, charset included, is sent as declared; the string as text."""
    result = recording_client.content_type_with_encoding(input="input")
    assert result == "Nice job sending content type with encoding"
    sent = _sent(recorder)
    assert sent.headers["Content-Type"] == "text/plain; charset=UTF-8"
    assert sent.content == b"input"


def _empty_text(result: Any) -> None:
    """These routes answer 200 without a body; the declared answer is `text/plain`."""
    assert result in ("", None)


def test_binary_body_with_two_content_types_json(client: Any) -> None:
    """The binary body is sent as given, labelled `application/json`."""
    _empty_text(client.binary_body_with_two_content_types(b'{"hello": "world"}', content_type="application/json"))


def test_binary_body_with_two_content_types_octet_stream(recording_client: Any, recorder: Recorder) -> None:
    result = recording_client.binary_body_with_two_content_types(
        b"hello, world!", content_type="application/octet-stream"
    )
    _empty_text(result)
    sent = _sent(recorder)
    assert sent.headers["Content-Type"] == "application/octet-stream"
    assert sent.content == b"hello, world!"


def test_binary_body_with_three_content_types_json(client: Any) -> None:
    _empty_text(client.binary_body_with_three_content_types(b'{"hello": "world"}', content_type="application/json"))


def test_binary_body_with_three_content_types_octet_stream(recording_client: Any, recorder: Recorder) -> None:
    result = recording_client.binary_body_with_three_content_types(
        b"hello, world!", content_type="application/octet-stream"
    )
    _empty_text(result)
    assert _sent(recorder).content == b"hello, world!"


def test_binary_body_with_three_content_types_text(client: Any) -> None:
    _empty_text(client.binary_body_with_three_content_types(b"hello, world", content_type="text/plain"))


def test_body_three_types_json(client: Any) -> None:
    """The body's schema is `{}` (anything): with `application/json`, a value as JSON."""
    _empty_text(client.body_three_types({"hello": "world"}, content_type="application/json"))


def test_body_three_types_octet_stream(recording_client: Any, recorder: Recorder) -> None:
    """With `application/octet-stream`, bytes as they are."""
    _empty_text(recording_client.body_three_types(b"hello, world!", content_type="application/octet-stream"))
    sent = _sent(recorder)
    assert sent.headers["Content-Type"] == "application/octet-stream"
    assert sent.content == b"hello, world!"


def test_body_three_types_text(client: Any) -> None:
    """With `text/plain`, a string as text."""
    _empty_text(client.body_three_types("hello, world", content_type="text/plain"))


def _text_and_json_client(api: Any, expected_type: str, expected_body: bytes) -> Any:
    """The server has no route for /mediatypes/textAndJson: a mock transport checks the
    request and answers `text/plain` as the operation declares."""

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.method == "POST"
        assert request.url.path == "/mediatypes/textAndJson"
        assert request.headers["Content-Type"] == expected_type
        assert request.read() == expected_body
        return httpx.Response(200, text="received", headers={"Content-Type": "text/plain"})

    return api.new_client(transport=httpx.MockTransport(handler))


def test_put_text_and_json_body_text(api: Any) -> None:
    """`text/plain`: the string as it is; the text answer is the result."""
    with _text_and_json_client(api, "text/plain", b"hello, world") as client:
        assert client.put_text_and_json_body("hello, world", content_type="text/plain") == "received"


def test_put_text_and_json_body_json(api: Any) -> None:
    """`application/json`: the string as a JSON string."""
    expected = json.dumps("hello, world").encode()
    with _text_and_json_client(api, "application/json", expected) as client:
        assert client.put_text_and_json_body("hello, world", content_type="application/json") == "received"
