"""The generated Call Automation client against a real HTTP server on 127.0.0.1,
side by side with the official SDK (azure-communication-callautomation).

Proves: the same requests on the wire (method, path, query, JSON body, content type)
and, with a fixed clock and key, the same HMAC signature; retries that honour
Retry-After and keep the repeatability headers; typed errors; timeouts; credentials
kept off plain http unless the server is on this machine and the caller allows it;
and the same for the async client.
"""

from __future__ import annotations

import asyncio
import base64
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from helpers import REPO

from transfer_to_participant import (
    ApiError,
    AsyncTransferToParticipantClient,
    AuthenticationError,
    BearerTokenAuth,
    ClientError,
    CommunicationIdentifierModel,
    CommunicationUserIdentifierModel,
    CustomCallingContext,
    HmacAuth,
    InsecureRequestError,
    MicrosoftTeamsUserIdentifierModel,
    NotFoundError,
    PhoneNumberIdentifierModel,
    RequestTimeoutError,
    RetryPolicy,
    TransferToParticipantClient,
    TransferToParticipantRequest,
    TransportError,
)

sdk = pytest.importorskip("azure.communication.callautomation", reason="the official SDK is a test dependency")
from azure.core.credentials import AccessToken, AzureKeyCredential  # noqa: E402
from azure.core.exceptions import ServiceRequestError  # noqa: E402

KEY = base64.b64encode(b"a fixed access key for the tests").decode()
CALL = "18dea47f-b081-4107-9a5c-4300819d2c6c"
FIXED = datetime(2024, 9, 15, 8, 49, 37, tzinfo=timezone.utc)
REQUEST_ID = "d2c6b1a4-0c1c-4a0e-9b8e-0a2f0b9e6a11"
ACCEPTED = (202, {"Content-Type": "application/json"}, b'{"operationContext": "ctx"}')


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Server:
    """Answers from `script` (status, headers, body) in order, repeating the last."""

    port: int = 0
    script: list[tuple[int, dict[str, str], bytes]] = field(default_factory=lambda: [ACCEPTED])
    requests: list[Recorded] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    silent: bool = False

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            state.requests.append(Recorded(self.command, self.path, dict(self.headers.items()), body))
            state.times.append(time.monotonic())
            if state.silent:
                time.sleep(2)  # longer than the client's timeout
                return
            status, headers, payload = state.script[min(len(state.requests), len(state.script)) - 1]
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


# The SDK sends identifiers without `kind` (it is "only required in responses").
def _user(raw: str) -> CommunicationIdentifierModel:
    return CommunicationIdentifierModel(raw_id=raw, communication_user=CommunicationUserIdentifierModel(id=raw))


def _phone(number: str) -> CommunicationIdentifierModel:
    return CommunicationIdentifierModel(raw_id=f"4:{number}", phone_number=PhoneNumberIdentifierModel(value=number))


# (SDK call arguments, the same request stated with the generated models)
CASES: dict[str, tuple[dict[str, Any], TransferToParticipantRequest]] = {
    "communication user": (
        {"target_participant": sdk.CommunicationUserIdentifier("8:acs:resource_user-1")},
        TransferToParticipantRequest(target_participant=_user("8:acs:resource_user-1")),
    ),
    "phone number with transferee, context, callback and caller id": (
        {
            "target_participant": sdk.PhoneNumberIdentifier("+14255550123"),
            "transferee": sdk.CommunicationUserIdentifier("8:acs:resource_user-2"),
            "operation_context": "transfer-7",
            "operation_callback_url": "https://app.contoso.com/callback",
            "source_caller_id_number": sdk.PhoneNumberIdentifier("+14255550100"),
        },
        TransferToParticipantRequest(
            target_participant=_phone("+14255550123"),
            transferee=_user("8:acs:resource_user-2"),
            operation_context="transfer-7",
            operation_callback_uri="https://app.contoso.com/callback",
            source_caller_id_number=PhoneNumberIdentifierModel(value="+14255550100"),
        ),
    ),
    "teams user": (
        {"target_participant": sdk.MicrosoftTeamsUserIdentifier("aad-user-1")},
        TransferToParticipantRequest(
            target_participant=CommunicationIdentifierModel(
                raw_id="8:orgid:aad-user-1",
                microsoft_teams_user=MicrosoftTeamsUserIdentifierModel(
                    user_id="aad-user-1", is_anonymous=False, cloud="PUBLIC"  # the SDK's spelling
                ),
            )
        ),
    ),
    "custom calling context with SIP and VoIP headers": (
        {
            "target_participant": sdk.CommunicationUserIdentifier("8:acs:resource_user-3"),
            "sip_headers": {"X-MS-Custom-Tag": "alpha"},
            "voip_headers": {"customer-id": "42"},
        },
        TransferToParticipantRequest(
            target_participant=_user("8:acs:resource_user-3"),
            custom_calling_context=CustomCallingContext(
                sip_headers={"X-MS-Custom-Tag": "alpha"}, voip_headers={"customer-id": "42"}
            ),
        ),
    ),
}


def _send_with_sdk(server: Server, arguments: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Recorded:
    monkeypatch.setattr(
        "azure.communication.callautomation._shared.policy.get_current_utc_time",
        lambda: FIXED.strftime("%a, %d %b %Y %H:%M:%S GMT"),
    )
    client = sdk.CallConnectionClient(server.endpoint, AzureKeyCredential(KEY), CALL, api_version="2024-09-15")
    client.transfer_call_to_participant(
        **arguments,
        headers={"Repeatability-Request-ID": REQUEST_ID, "Repeatability-First-Sent": "Sun, 15 Sep 2024 08:49:37 GMT"},
    )
    return server.requests[-1]


def _send_with_generated(server: Server, body: TransferToParticipantRequest) -> Recorded:
    with TransferToParticipantClient(
        server.endpoint, auth=HmacAuth(KEY, clock=lambda: FIXED, allow_insecure_loopback=True)
    ) as client:
        client.call_connection.transfer_to_participant(
            CALL, body, repeatability_request_id=REQUEST_ID, repeatability_first_sent=FIXED
        )
    return server.requests[-1]


@pytest.mark.parametrize("case", sorted(CASES))
def test_same_request_as_the_official_sdk(case: str, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    arguments, body = CASES[case]
    official = _send_with_sdk(server, arguments, monkeypatch)
    generated = _send_with_generated(server, body)
    assert generated.method == official.method == "POST"
    assert generated.path == official.path  # path and query
    assert json.loads(generated.body) == json.loads(official.body)
    assert generated.headers["Content-Type"] == official.headers["Content-Type"] == "application/json"
    for name in ("Repeatability-Request-ID", "Repeatability-First-Sent", "x-ms-date", "x-ms-content-sha256"):
        assert generated.headers[name] == official.headers[name], name
    assert generated.body == official.body  # byte for byte, so the signatures can agree
    assert generated.headers["Authorization"] == official.headers["Authorization"]
    assert generated.headers["Authorization"].startswith("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=")


FAST = RetryPolicy(backoff=0.05, max_backoff=0.2)
UNAVAILABLE = (503, {"Retry-After": "1"}, b"")
ERROR = (
    400,
    {"Content-Type": "application/json", "x-ms-request-id": "req-1"},
    json.dumps({"error": {"code": "BadRequest", "message": "no such participant", "target": "targetParticipant",
                          "details": [{"code": "Inner", "message": "detail"}],
                          "innererror": {"code": "Deeper", "message": "inner"}}}).encode(),
)
BODY = TransferToParticipantRequest(target_participant=_user("8:acs:resource_user-1"))


def _call(server: Server, asynchronous: bool, **client_options: Any) -> Any:
    if asynchronous:
        async def run() -> Any:
            async with AsyncTransferToParticipantClient(server.endpoint, **client_options) as client:
                return await client.call_connection.transfer_to_participant(CALL, BODY)

        return asyncio.run(run())
    with TransferToParticipantClient(server.endpoint, **client_options) as client:
        return client.call_connection.transfer_to_participant(CALL, BODY)


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_retries_honour_retry_after_and_keep_repeatability_headers(server: Server, asynchronous: bool) -> None:
    server.script = [UNAVAILABLE, ACCEPTED]
    result = _call(server, asynchronous, retry=FAST)
    assert result.operation_context == "ctx"
    first, second = server.requests
    assert server.times[1] - server.times[0] >= 0.95  # waited as told, not the 0.05 s backoff
    for name in ("Repeatability-Request-ID", "Repeatability-First-Sent"):
        assert first.headers[name] == second.headers[name]
    assert first.body == second.body


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_error_response_raises_the_typed_error_with_every_field(server: Server, asynchronous: bool) -> None:
    server.script = [ERROR]
    with pytest.raises(ApiError) as raised:
        _call(server, asynchronous, retry=FAST)
    error = raised.value
    assert len(server.requests) == 1  # 400 is not retried
    assert error.status_code == 400 and error.request_id == "req-1"
    assert error.error is not None
    assert (error.error.code, error.error.message, error.error.target) == ("BadRequest", "no such participant", "targetParticipant")
    assert error.error.details is not None and error.error.details[0].code == "Inner"
    assert error.error.inner_error is not None and error.error.inner_error.code == "Deeper"
    assert error.response.json()["error"]["code"] == "BadRequest"
    assert str(error) == "HTTP 400 Bad Request: BadRequest: no such participant"


@pytest.mark.parametrize(("status", "kind"), [(401, AuthenticationError), (403, AuthenticationError), (404, NotFoundError)])
def test_distinct_errors_for_authentication_and_not_found(server: Server, status: int, kind: type[ApiError]) -> None:
    server.script = [(status, {}, b"")]
    with pytest.raises(kind) as raised:
        _call(server, False, retry=FAST)
    assert raised.value.status_code == status and raised.value.body is None


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_a_server_that_never_answers_trips_the_timeout(server: Server, asynchronous: bool) -> None:
    server.silent = True
    started = time.monotonic()
    with pytest.raises(RequestTimeoutError):
        _call(server, asynchronous, timeout=0.3, retry=RetryPolicy(max_attempts=2, backoff=0.05))
    assert len(server.requests) == 2  # a repeatable request is tried again after a timeout
    assert time.monotonic() - started < 1.9


def test_connection_string_signs_with_the_access_key(server: Server) -> None:
    client = TransferToParticipantClient.from_connection_string(
        f"endpoint={server.endpoint}/;accesskey={KEY}", allow_insecure_loopback=True
    )
    with client:
        client.call_connection.transfer_to_participant(CALL, BODY)
    assert server.requests[0].headers["Authorization"].startswith("HMAC-SHA256 ")


class Credential:
    """A token credential, for the SDK and the generated client, counting the tokens
    it hands out."""

    def __init__(self) -> None:
        self.calls = 0

    def get_token(self, *scopes: str, **options: Any) -> AccessToken:
        self.calls += 1
        return AccessToken("secret-token", int(time.time()) + 3600)


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_bearer_token_over_http_is_refused_as_the_sdk_refuses_it(server: Server, asynchronous: bool) -> None:
    official = Credential()
    sdk_client = sdk.CallConnectionClient(server.endpoint, official, CALL, retry_total=0)
    with pytest.raises(ServiceRequestError, match="non-TLS"):
        sdk_client.transfer_call_to_participant(sdk.CommunicationUserIdentifier("8:acs:resource_user-1"))
    credential = Credential()
    with pytest.raises(InsecureRequestError) as raised:
        _call(server, asynchronous, auth=BearerTokenAuth(credential))
    assert isinstance(raised.value, ClientError)
    assert str(raised.value) == (
        f"a bearer token is not sent over plain http (http://127.0.0.1:{server.port}); use https,"
        " or allow_insecure_loopback=True for a local test server"
    )
    assert raised.value.request.url.path == f"/calling/callConnections/{CALL}:transferToParticipant"
    assert server.requests == [] and credential.calls == official.calls == 0  # nothing sent, no token fetched


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_signed_request_over_http_is_refused_before_it_is_sent(server: Server, asynchronous: bool) -> None:
    with pytest.raises(InsecureRequestError, match="^a signed request is not sent over plain http"):
        _call(server, asynchronous, auth=HmacAuth(KEY))
    assert server.requests == []


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize("kind", ["bearer", "hmac"])
def test_allow_insecure_loopback_lets_credentials_reach_a_local_server(
    server: Server, asynchronous: bool, kind: str
) -> None:
    if kind == "bearer":
        auth: BearerTokenAuth | HmacAuth = BearerTokenAuth(Credential(), allow_insecure_loopback=True)
    else:
        auth = HmacAuth(KEY, allow_insecure_loopback=True)
    assert _call(server, asynchronous, auth=auth).operation_context == "ctx"
    expected = "Bearer secret-token" if kind == "bearer" else "HMAC-SHA256 SignedHeaders="
    assert server.requests[0].headers["Authorization"].startswith(expected)


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_connection_string_with_an_http_endpoint_goes_over_https(server: Server, asynchronous: bool) -> None:
    """As in the SDK, `endpoint=http://...` means https: the plain-HTTP server here
    gets a TLS handshake it cannot read, and no request."""
    connection_string = f"endpoint={server.endpoint}/;accesskey={KEY}"
    once = RetryPolicy(max_attempts=1)

    async def send_async() -> None:
        async with AsyncTransferToParticipantClient.from_connection_string(connection_string, retry=once) as client:
            await client.call_connection.transfer_to_participant(CALL, BODY)

    with pytest.raises(TransportError) as raised:
        if asynchronous:
            asyncio.run(send_async())
        else:
            with TransferToParticipantClient.from_connection_string(connection_string, retry=once) as client:
                client.call_connection.transfer_to_participant(CALL, BODY)
    url = raised.value.request.url
    assert (url.scheme, url.host, url.port) == ("https", "127.0.0.1", server.port)
    assert server.requests == []


def _readme_quick_start() -> str:
    """The Python block of the README's quick start, as a user would paste it."""
    section = (REPO / "README.md").read_text().split("## Quick start: the generated client", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


@pytest.mark.parametrize(("answer", "printed"), [(ACCEPTED, "accepted: ctx"), (ERROR, "400 req-1 BadRequest")])
def test_the_readme_quick_start_runs(
    server: Server, answer: tuple[int, dict[str, str], bytes], printed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's code, with its placeholder endpoint pointed at a local server."""
    placeholder = '"endpoint=https://<resource>.communication.azure.com/;accesskey=<base64 key>"'
    code = _readme_quick_start()
    assert placeholder in code
    code = code.replace(placeholder, f'"endpoint={server.endpoint}/;accesskey={KEY}", allow_insecure_loopback=True')
    server.script = [answer]
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out.strip() == printed
    assert server.requests[0].headers["Authorization"].startswith("HMAC-SHA256 ")
