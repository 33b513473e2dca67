"""Generated models against the official SDK's, side by side in one process.

Times the two jobs the transferToParticipant call does with models: build a
`TransferToParticipantRequest` and serialise it to JSON bytes, and parse a
`TransferCallResponse` from JSON bytes (and, separately, from the already decoded
JSON object: `json.loads` costs both sides the same and dominates a small response). The SDK side uses the models and the
msrest-style serializer that `azure-communication-callautomation` itself uses for the
call (`_generated.models` with `Serializer.body` / `Deserializer`), plus `json`.

    python benchmarks/models_vs_sdk.py [--seconds 2]

Needs the test extras (`pip install -e '.[test]'`) and `generated/` on the path
(the script adds it). Prints a Markdown table; the figures are the median of 5
timing rounds of `--seconds` each.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "generated" / "python"))

from azure.communication.callautomation._generated import models as sdk_models  # noqa: E402
from azure.communication.callautomation._generated._utils.serialization import (  # noqa: E402
    Deserializer,
    Serializer,
)

import transfer_to_participant as generated  # noqa: E402

RESPONSE = json.dumps({"operationContext": "trasferring call", "unknownField": 1}).encode()
SDK_CLASSES = {k: v for k, v in vars(sdk_models).items() if isinstance(v, type)}
SERIALIZER, DESERIALIZER = Serializer(SDK_CLASSES), Deserializer(SDK_CLASSES)


def generated_request() -> bytes:
    request = generated.TransferToParticipantRequest(
        target_participant=generated.CommunicationIdentifierModel(
            raw_id="8:acs:user-1", communication_user=generated.CommunicationUserIdentifierModel(id="8:acs:user-1")
        ),
        transferee=generated.CommunicationIdentifierModel(
            raw_id="4:+14255550123", phone_number=generated.PhoneNumberIdentifierModel(value="+14255550123")
        ),
        operation_context="transfer-7",
        operation_callback_uri="https://app.contoso.com/callback",
        custom_calling_context=generated.CustomCallingContext(sip_headers={"X-Tag": "a"}, voip_headers={"id": "42"}),
    )
    return json.dumps(request.to_dict()).encode()


def sdk_request() -> bytes:
    request = sdk_models.TransferToParticipantRequest(
        target_participant=sdk_models.CommunicationIdentifierModel(
            raw_id="8:acs:user-1", communication_user=sdk_models.CommunicationUserIdentifierModel(id="8:acs:user-1")
        ),
        transferee=sdk_models.CommunicationIdentifierModel(
            raw_id="4:+14255550123", phone_number=sdk_models.PhoneNumberIdentifierModel(value="+14255550123")
        ),
        operation_context="transfer-7",
        operation_callback_uri="https://app.contoso.com/callback",
        custom_calling_context=sdk_models.CustomCallingContext(sip_headers={"X-Tag": "a"}, voip_headers={"id": "42"}),
    )
    return json.dumps(SERIALIZER.body(request, "TransferToParticipantRequest")).encode()


DECODED = json.loads(RESPONSE)


def generated_response() -> object:
    return generated.TransferCallResponse.from_dict(json.loads(RESPONSE))


def sdk_response() -> object:
    return DESERIALIZER("TransferCallResponse", json.loads(RESPONSE))


def generated_model_only() -> object:
    return generated.TransferCallResponse.from_dict(DECODED)


def sdk_model_only() -> object:
    return DESERIALIZER("TransferCallResponse", DECODED)


def rate(function: Callable[[], object], seconds: float) -> float:
    """Calls per second: the median of 5 rounds."""
    timer = timeit.Timer(function)
    count, elapsed = timer.autorange()
    number = max(1, int(count * seconds / elapsed))
    return statistics.median(number / timer.timeit(number) for _ in range(5))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="length of one timing round")
    seconds = parser.parse_args().seconds
    assert json.loads(generated_request()) == json.loads(sdk_request()), "both sides must do the same work"
    rows = [
        ("build + serialise TransferToParticipantRequest", rate(generated_request, seconds), rate(sdk_request, seconds)),
        ("parse TransferCallResponse from JSON bytes", rate(generated_response, seconds), rate(sdk_response, seconds)),
        ("parse TransferCallResponse from its decoded JSON object (the model step alone)",
         rate(generated_model_only, seconds), rate(sdk_model_only, seconds)),
    ]
    print("| job | generated (calls/s) | official SDK (calls/s) | generated is faster by |")
    print("| --- | ---: | ---: | ---: |")
    for name, ours, theirs in rows:
        print(f"| {name} | {ours:,.0f} | {theirs:,.0f} | {ours / theirs:.1f}x |")


if __name__ == "__main__":
    main()
