"""The generated client's runtime pieces, one behaviour at a time (the generated
transfer_to_participant package, through httpx.MockTransport)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import httpx
import pytest

from transfer_to_participant import (
    ApiError,
    ApiKeyAuth,
    BearerTokenAuth,
    RetryPolicy,
    TransferToParticipantClient,
    TransferToParticipantRequest,
)
from transfer_to_participant._operations import build_call_connection_transfer_to_participant
from transfer_to_participant._pipeline import retry_after, send

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
