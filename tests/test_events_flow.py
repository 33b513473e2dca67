"""The mission's flow, end to end: transfer a call, then await its outcome.

A fake Call Automation service on 127.0.0.1 accepts `transferToParticipant`, answers
202, then POSTs a `Microsoft.Communication.CallTransferAccepted` CloudEvent (in a
second case `CallTransferFailed` with its `resultInformation`) to the request's
`operationCallbackUri`. That URI is served by the generated `events_app` under a real
ASGI server (uvicorn, a test dependency only: the generated code needs none) that the
test starts and stops. The user's code receives the typed event, correlated by
`operationContext`. The same envelopes read by azure-core's `CloudEvent.from_dict`
give the same id, source, type, time and data.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from transfer_to_participant import (
    CommunicationIdentifierModel,
    CommunicationUserIdentifierModel,
    TransferToParticipantClient,
    TransferToParticipantRequest,
)
from transfer_to_participant.events import (
    CallTransferAccepted,
    CallTransferFailed,
    EventWaiter,
    UnknownEvent,
    events_app,
    parse_events,
)

uvicorn = pytest.importorskip("uvicorn", reason="the ASGI server of this test is a test dependency")
messaging = pytest.importorskip("azure.core.messaging", reason="azure-core comes with the official SDK")

CALL_ID = "18dea47f-b081-4107-9a5c-4300819d2c6c"
USER = "8:acs:b9614373-fd0b-480c-8fd2-cb58b70eab9f_1b4f7a3c"


def _envelope(kind: str, context: str, callback_id: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "callConnectionId": callback_id,
        "serverCallId": "aHR0cHM6Ly9zZXJ2ZXIvY2FsbC8x",
        "correlationId": "4a2b3c4d-1111-2222-3333-444455556666",
        "operationContext": context,
    }
    if kind == "accepted":
        data["resultInformation"] = {"code": 202, "subCode": 0, "message": "The call transfer was accepted."}
        data["transferTarget"] = {"rawId": USER, "kind": "communicationUser", "communicationUser": {"id": USER}}
    else:
        data["resultInformation"] = {
            "code": 400,
            "subCode": 8501,
            "message": "Action is not valid when call is not in Established state.",
            "sipDetails": {"code": 486, "message": "Busy here"},
        }
    name = "CallTransferAccepted" if kind == "accepted" else "CallTransferFailed"
    return {
        "specversion": "1.0",
        "id": f"event-{kind}-1",
        "source": f"calling/callConnections/{callback_id}",
        "type": f"Microsoft.Communication.{name}",
        "time": "2024-09-15T10:00:00.1234567+00:00",
        "datacontenttype": "application/json",
        "subject": f"calling/callConnections/{callback_id}",
        "data": data,
    }


class FakeCallAutomation:
    """Answers transferToParticipant with 202, then sends the outcome event."""

    def __init__(self, outcome: str) -> None:
        self.outcome = outcome
        self.sent: list[dict[str, Any]] = []
        service = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                context = request["operationContext"]
                body = json.dumps({"operationContext": context}).encode()
                self.send_response(202)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                call_id = self.path.split("/")[-1].split(":")[0]
                event = _envelope(service.outcome, context, call_id)
                service.sent.append(event)
                threading.Thread(target=service._deliver, args=(request["operationCallbackUri"], event)).start()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def _deliver(self, uri: str, event: dict[str, Any]) -> None:
        time.sleep(0.05)  # after the 202, as the service does
        request = urllib.request.Request(
            uri, data=json.dumps([event]).encode(), headers={"Content-Type": "application/cloudevents-batch+json"}
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.status == 200


@pytest.fixture
def callback_server() -> Iterator[tuple[str, EventWaiter]]:
    """The generated events_app under uvicorn on 127.0.0.1, started and stopped here."""
    waiter = EventWaiter()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(events_app(waiter), log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}/events", waiter
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def _transfer(endpoint: str, callback_uri: str, context: str) -> None:
    request = TransferToParticipantRequest(
        target_participant=CommunicationIdentifierModel(
            raw_id=USER, communication_user=CommunicationUserIdentifierModel(id=USER)
        ),
        operation_context=context,
        operation_callback_uri=callback_uri,
    )
    with TransferToParticipantClient(endpoint) as client:
        result = client.call_connection.transfer_to_participant(CALL_ID, request)
    assert result.operation_context == context


@pytest.fixture
def service(request: pytest.FixtureRequest) -> Iterator[FakeCallAutomation]:
    fake = FakeCallAutomation(request.param)
    thread = threading.Thread(target=fake.httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        fake.httpd.shutdown()
        fake.httpd.server_close()


@pytest.mark.parametrize("service", ["accepted"], indirect=True)
def test_a_transfer_is_accepted(service: FakeCallAutomation, callback_server: tuple[str, EventWaiter]) -> None:
    uri, waiter = callback_server
    _transfer(service.endpoint, uri, "transfer-1")
    outcome = waiter.wait_for(operation_context="transfer-1", types=(CallTransferAccepted, CallTransferFailed), timeout=10)
    assert isinstance(outcome, CallTransferAccepted)
    assert outcome.transfer_target is not None and outcome.transfer_target.raw_id == USER
    assert outcome.envelope is not None and outcome.envelope.id == "event-accepted-1"


@pytest.mark.parametrize("service", ["failed"], indirect=True)
def test_a_transfer_fails_with_its_result_information(
    service: FakeCallAutomation, callback_server: tuple[str, EventWaiter]
) -> None:
    uri, waiter = callback_server
    _transfer(service.endpoint, uri, "transfer-2")
    time.sleep(0.5)  # the event arrives before the question: it is kept, not lost

    async def wait() -> object:
        return await waiter.wait_for_async(
            operation_context="transfer-2", types=(CallTransferAccepted, CallTransferFailed), timeout=10
        )

    outcome = asyncio.run(wait())
    assert isinstance(outcome, CallTransferFailed)
    info = outcome.result_information
    assert info is not None and (info.code, info.sub_code) == (400, 8501)
    assert info.sip_details is not None and info.sip_details.code == 486


@pytest.mark.parametrize("service", ["accepted"], indirect=True)
def test_an_other_context_times_out(service: FakeCallAutomation, callback_server: tuple[str, EventWaiter]) -> None:
    uri, waiter = callback_server
    _transfer(service.endpoint, uri, "transfer-3")
    with pytest.raises(TimeoutError):
        waiter.wait_for(operation_context="someone-else", types=(CallTransferAccepted,), timeout=0.5)


def test_event_grid_subscription_validation(callback_server: tuple[str, EventWaiter]) -> None:
    uri, _ = callback_server
    handshake = [{
        "id": "1", "topic": "t", "subject": "", "eventTime": "2024-09-15T10:00:00Z", "dataVersion": "1",
        "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent", "data": {"validationCode": "512d38b6"},
    }]
    request = urllib.request.Request(uri, data=json.dumps(handshake).encode(), headers={"aeg-event-type": "SubscriptionValidation"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert json.loads(answer.read()) == {"validationResponse": "512d38b6"}
    options = urllib.request.Request(uri, method="OPTIONS", headers={"WebHook-Request-Origin": "eventgrid.azure.net"})
    with urllib.request.urlopen(options, timeout=10) as answer:
        assert answer.headers["WebHook-Allowed-Origin"] == "eventgrid.azure.net"


def test_a_malformed_body_is_answered_400(callback_server: tuple[str, EventWaiter]) -> None:
    uri, _ = callback_server
    request = urllib.request.Request(uri, data=b'{"id": "1"}')
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=10)
    assert raised.value.code == 400


@pytest.mark.parametrize("kind", ["accepted", "failed"])
def test_azure_core_reads_the_same_envelopes(kind: str) -> None:
    envelope = _envelope(kind, "transfer-1", CALL_ID)
    theirs = messaging.CloudEvent.from_dict(envelope)
    [ours] = parse_events(json.dumps(envelope))
    assert not isinstance(ours, UnknownEvent) and ours.envelope is not None
    assert ours.envelope.id == theirs.id
    assert ours.envelope.source == theirs.source
    assert ours.envelope.type == theirs.type
    assert ours.envelope.time == theirs.time
    assert ours.envelope.subject == theirs.subject
    assert ours.to_dict() == theirs.data
