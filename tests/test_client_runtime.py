"""The generated client's runtime pieces, one behaviour at a time (the generated
transfer_to_participant package, through httpx.MockTransport)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import httpx
import pytest

from transfer_to_participant import (
    ApiError,
    ApiKeyAuth,
    AsyncTransferToParticipantClient,
    BearerTokenAuth,
    HmacAuth,
    InsecureRequestError,
    RetryPolicy,
    TransferToParticipantClient,
    TransferToParticipantRequest,
)
from transfer_to_participant._operations import build_call_connection_transfer_to_participant
from transfer_to_participant._pipeline import retry_after, send
from transfer_to_participant.auth import parse_connection_string

BODY = TransferToParticipantRequest.from_dict({"targetParticipant": {"rawId": "8:acs:x"}})


@dataclass
class Token:
    token: str
    expires_on: int


class Credential:
    """Hands out tokens valid for 10 minutes on the given clock."""

    def __init__(self, now: list[float]) -> None:
        self.now = now
        self.calls: list[tuple[str, ...]] = []

    def get_token(self, *scopes: str) -> Token:
        self.calls.append(scopes)
        return Token(f"t{len(self.calls)}", int(self.now[0]) + 600)


def _client(answer: httpx.Response, **options: object) -> tuple[TransferToParticipantClient, list[httpx.Request]]:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return answer

    return TransferToParticipantClient("https://x.example", transport=httpx.MockTransport(handler), **options), sent  # type: ignore[arg-type]


def test_bearer_token_is_reused_until_it_nears_expiry_then_refreshed() -> None:
    now = [1_000_000.0]
    credential = Credential(now)
    auth = BearerTokenAuth(credential, clock=lambda: now[0])
    client, sent = _client(httpx.Response(202, json={}), auth=auth)
    with client:
        client.call_connection.transfer_to_participant("c", BODY)
        client.call_connection.transfer_to_participant("c", BODY)
        now[0] += 400  # within 300 s of expiry: refresh
        client.call_connection.transfer_to_participant("c", BODY)
    assert [r.headers["Authorization"] for r in sent] == ["Bearer t1", "Bearer t1", "Bearer t2"]
    assert credential.calls[0] == ("https://communication.azure.com//.default",)


@pytest.mark.parametrize(
    ("location", "check"),
    [
        ("header", lambda r: r.headers["Authorization"] == "k1"),
        ("query", lambda r: r.url.params["Authorization"] == "k1"),
        ("cookie", lambda r: r.headers["Cookie"] == "Authorization=k1"),
    ],
)
def test_api_key_goes_where_the_scheme_says(location: str, check: object) -> None:
    client, sent = _client(httpx.Response(202, json={}), auth=ApiKeyAuth("k1", location=location))
    with client:
        client.call_connection.transfer_to_participant("c", BODY)
    assert check(sent[0])  # type: ignore[operator]


LOOPBACK = ["127.0.0.1", "127.8.9.10", "[::1]", "localhost", "LocalHost"]
ELSEWHERE = ["example.com", "10.0.0.1", "127.0.0.1.nip.io", "localhost.example.com", "0.0.0.0"]


def _recording() -> tuple[httpx.MockTransport, list[httpx.Request]]:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(202, json={})

    return httpx.MockTransport(handler), sent


def _send_over_http(host: str, auth: httpx.Auth) -> list[httpx.Request]:
    transport, sent = _recording()
    with TransferToParticipantClient(f"http://{host}:8080", auth=auth, transport=transport) as client:
        client.call_connection.transfer_to_participant("c", BODY)
    return sent


def _credentials(allow_insecure_loopback: bool) -> list[httpx.Auth]:
    credential = Credential([1_000_000.0])
    return [
        BearerTokenAuth(credential, allow_insecure_loopback=allow_insecure_loopback),
        HmacAuth("a2V5", allow_insecure_loopback=allow_insecure_loopback),
    ]


@pytest.mark.parametrize("host", LOOPBACK)
def test_allow_insecure_loopback_lets_credentials_go_over_http_to_this_machine_only(host: str) -> None:
    for auth in _credentials(allow_insecure_loopback=True):
        assert "Authorization" in _send_over_http(host, auth)[0].headers
    for auth in _credentials(allow_insecure_loopback=False):
        with pytest.raises(InsecureRequestError, match="allow_insecure_loopback=True for a local test server"):
            _send_over_http(host, auth)


@pytest.mark.parametrize("host", ELSEWHERE)
def test_credentials_never_go_over_http_to_another_machine(host: str) -> None:
    for auth in _credentials(allow_insecure_loopback=True):
        with pytest.raises(InsecureRequestError, match=r"use https$"):
            _send_over_http(host, auth)


@pytest.mark.parametrize(
    ("endpoint", "allow_insecure_loopback", "expected"),
    [
        ("https://acs.example/", False, "https://acs.example"),
        ("http://acs.example/", False, "https://acs.example"),
        ("HTTP://acs.example", True, "https://acs.example"),  # not this machine: https all the same
        ("acs.example", False, "https://acs.example"),  # a bare host, as the SDK reads it
        ("http://127.0.0.1:8080/", False, "https://127.0.0.1:8080"),
        ("http://127.0.0.1:8080/", True, "http://127.0.0.1:8080"),
        ("http://[::1]:8080", True, "http://[::1]:8080"),
        ("http://localhost:8080", True, "http://localhost:8080"),
    ],
)
def test_a_connection_string_endpoint_is_https_unless_a_loopback_one_is_allowed(
    endpoint: str, allow_insecure_loopback: bool, expected: str
) -> None:
    connection_string = f"endpoint={endpoint};accesskey=a2V5"
    parsed = parse_connection_string(connection_string, allow_insecure_loopback=allow_insecure_loopback)
    assert parsed == (expected, "a2V5")
    transport, sent = _recording()
    client = TransferToParticipantClient.from_connection_string(
        connection_string, allow_insecure_loopback=allow_insecure_loopback, transport=transport
    )
    with client:
        client.call_connection.transfer_to_participant("c", BODY)
    assert str(sent[0].url).startswith(f"{expected}/calling/callConnections/c:transferToParticipant?")


def test_retry_after_reads_seconds_http_dates_and_milliseconds() -> None:
    assert retry_after(httpx.Headers({"Retry-After": "7"})) == 7.0
    later = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=30), usegmt=True)
    assert 28 <= retry_after(httpx.Headers({"Retry-After": later})) <= 30  # type: ignore[operator]
    assert retry_after(httpx.Headers({"retry-after-ms": "250"})) == 0.25
    assert retry_after(httpx.Headers({"Retry-After": "soon"})) is None
    assert retry_after(httpx.Headers({})) is None


def test_a_request_that_is_not_safe_to_repeat_is_not_retried() -> None:
    calls: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: calls.append(request) or httpx.Response(503))
    request = httpx.Request("POST", "https://x.example/a")
    with httpx.Client(transport=transport) as client:
        response = send(client, request, RetryPolicy(backoff=0.01), retryable=False)
    assert response.status_code == 503 and len(calls) == 1


def test_bounded_attempts_then_the_error_is_raised() -> None:
    client, sent = _client(httpx.Response(500), retry=RetryPolicy(max_attempts=3, backoff=0.01))
    with client, pytest.raises(ApiError) as raised:
        client.call_connection.transfer_to_participant("c", BODY)
    assert len(sent) == 3 and raised.value.status_code == 500


def test_per_call_timeout_travels_with_the_request() -> None:
    request = build_call_connection_transfer_to_participant("https://x.example", "c", BODY, timeout=2.5)
    assert request.extensions["timeout"] == httpx.Timeout(2.5).as_dict()
    assert "timeout" not in build_call_connection_transfer_to_participant("https://x.example", "c", BODY).extensions


def test_the_client_default_headers_are_sent_unless_the_operation_sets_its_own() -> None:
    client, sent = _client(
        httpx.Response(202, json={}), headers={"x-ms-client-request-id": "r-1", "Content-Type": "text/plain"}
    )
    with client:
        client.call_connection.transfer_to_participant("c", BODY)
    assert sent[0].headers["x-ms-client-request-id"] == "r-1"
    assert sent[0].headers["Content-Type"] == "application/json"


def test_every_try_sends_the_cookies_the_previous_answers_set() -> None:
    cookies: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        cookies.append(request.headers.get("Cookie"))
        if len(cookies) < 3:
            return httpx.Response(503, headers={"Set-Cookie": f"tries={len(cookies)}; Path=/"})
        return httpx.Response(202, json={})

    client = TransferToParticipantClient(
        "https://x.example", transport=httpx.MockTransport(handler), retry=RetryPolicy(backoff=0.01)
    )
    with client:
        client.call_connection.transfer_to_participant("c", BODY)
    assert cookies == [None, "tries=1", "tries=2"]


def _redirecting(answers: dict[str, httpx.Response]) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    """Answers by URL (200 for any other), noting every request with its body read."""
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        request.read()
        sent.append(request)
        return answers.get(str(request.url), httpx.Response(200))

    return httpx.MockTransport(handler), sent


def _moved(status: int, location: str) -> httpx.Response:
    return httpx.Response(status, headers={"Location": location})


@pytest.mark.parametrize(
    ("method", "status", "then"),
    [("GET", 301, "GET"), ("HEAD", 302, "HEAD"), ("POST", 303, "GET"), ("PUT", 307, "PUT"), ("PATCH", 308, "PATCH")],
)
def test_redirects_are_followed_as_azure_core_follows_them(method: str, status: int, then: str) -> None:
    transport, sent = _redirecting({"https://x.example/a": _moved(status, "/b")})
    request = httpx.Request(method, "https://x.example/a", content=b"x" if method != "GET" else None)
    with httpx.Client(transport=transport) as client:
        response = send(client, request, RetryPolicy(), retryable=True)
    assert response.status_code == 200
    assert [(r.method, str(r.url)) for r in sent] == [(method, "https://x.example/a"), (then, "https://x.example/b")]
    if then == "GET" and method != "GET":  # 303: no body any more
        assert sent[1].content == b"" and "Content-Length" not in sent[1].headers
    elif then not in ("GET", "HEAD"):
        assert sent[1].content == b"x"


@pytest.mark.parametrize(("method", "status"), [("PUT", 301), ("PATCH", 302), ("POST", 302)])
def test_a_moved_request_that_is_not_a_get_comes_back_to_the_caller(method: str, status: int) -> None:
    transport, sent = _redirecting({"https://x.example/a": _moved(status, "/b")})
    with httpx.Client(transport=transport) as client:
        response = send(client, httpx.Request(method, "https://x.example/a", content=b"x"), RetryPolicy(), retryable=True)
    assert response.status_code == status and len(sent) == 1


def test_redirects_are_bounded() -> None:
    transport, sent = _redirecting({"https://x.example/a": _moved(302, "/a")})
    with httpx.Client(transport=transport) as client:
        response = send(client, httpx.Request("GET", "https://x.example/a"), RetryPolicy(max_redirects=3), retryable=True)
    assert response.status_code == 302 and len(sent) == 4


def test_credentials_do_not_follow_a_redirect_to_another_origin() -> None:
    transport, sent = _redirecting(
        {"https://x.example/a": _moved(307, "https://y.example/b"), "https://y.example/b": _moved(307, "https://x.example/c")}
    )
    auth = ApiKeyAuth("k1", location="header")
    with httpx.Client(transport=transport, auth=auth, headers={"Authorization": "default"}) as client:
        send(client, httpx.Request("GET", "https://x.example/a"), RetryPolicy(), retryable=True)
    assert [(r.url.host, r.headers.get("Authorization")) for r in sent] == [
        ("x.example", "k1"),
        ("y.example", None),
        ("x.example", "k1"),  # back home
    ]


def test_the_async_client_sends_default_headers_cookies_and_follows_redirects() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if len(sent) == 1:
            return httpx.Response(503, headers={"Set-Cookie": "tries=1; Path=/"})
        if len(sent) == 2:
            return httpx.Response(307, headers={"Location": "/elsewhere"})
        return httpx.Response(202, json={})

    async def run() -> None:
        client = AsyncTransferToParticipantClient(
            "https://x.example",
            transport=httpx.MockTransport(handler),
            retry=RetryPolicy(backoff=0.01),
            headers={"x-ms-client-request-id": "r-1"},
        )
        async with client:
            await client.call_connection.transfer_to_participant("c", BODY)

    asyncio.run(run())
    assert [r.url.path for r in sent][1:] == [sent[0].url.path, "/elsewhere"]
    assert [r.headers.get("Cookie") for r in sent] == [None, "tries=1", "tries=1"]
    assert {r.headers["x-ms-client-request-id"] for r in sent} == {"r-1"}
    assert len({r.headers["Repeatability-Request-ID"] for r in sent}) == 1
