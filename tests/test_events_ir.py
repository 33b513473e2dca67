"""Events in the IR (`Api.events`): OpenAPI 3.0 callbacks, OpenAPI 3.1 webhooks and the
event definitions chosen by `[tool.apiforge] events`, with located warnings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cache import Cache
from generator.config import load_config
from generator.errors import Warnings
from generator.ir import model as ir
from generator.ir.options import BuildOptions
from generator.pipeline import Job, load_api

from helpers import shared_path

CALL_AUTOMATION = shared_path("reference", "upstream", "CallAutomation", "stable", "2024-09-15",
                              "communicationservicescallautomation.json")
PREFIX = "Microsoft.Communication."


def _api(tmp_path: Path, spec: dict[str, Any] | Path, **options: Any) -> tuple[ir.Api, Warnings]:
    if isinstance(spec, dict):
        path = tmp_path / "spec.yaml"
        path.write_text(yaml.safe_dump(spec, sort_keys=False))
    else:
        path = spec
    warnings = Warnings()
    ref_root = path.parents[3] if not isinstance(spec, dict) else None
    job = Job(specs=(path,), options=BuildOptions(**options), ref_root=ref_root)
    return load_api(path, job, warnings, Cache(None)), warnings


PET = {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
       "example": {"id": 1, "name": "Rex"}}


def _openapi(version: str) -> dict[str, Any]:
    return {
        "openapi": version,
        "info": {"title": "Pets", "version": "1"},
        "paths": {
            "/subscribe": {
                "post": {
                    "operationId": "subscribe",
                    "responses": {"202": {"description": "accepted"}},
                    "callbacks": {
                        "petAdopted": {
                            "{$request.body#/callbackUrl}": {
                                "post": {
                                    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
                                    "responses": {"200": {"description": "ok"}},
                                }
                            }
                        }
                    },
                }
            }
        },
        "components": {"schemas": {"Pet": PET}},
    }


def test_a_callback_body_is_an_event_of_its_operation(tmp_path: Path) -> None:
    api, warnings = _api(tmp_path, _openapi("3.0.3"))
    [event] = api.events
    assert (event.name, event.event_type, event.origin, event.operations) == ("Pet", "petAdopted", "callback", ("subscribe",))
    assert [f.json_name for f in event.model.fields] == ["id", "name"]
    assert event.has_example and event.example == {"id": 1, "name": "Rex"}
    assert "Pet" not in {m.name for m in api.models}  # its own class, in events.py
    assert not warnings.sorted()


def test_a_webhook_body_is_an_event_with_the_configured_prefix(tmp_path: Path) -> None:
    spec = _openapi("3.1.0")
    spec["webhooks"] = {
        "petLost": {"post": {"requestBody": {"content": {"application/json": {"schema": {
            "type": "object", "properties": {"where": {"type": "string"}}}}}},
            "responses": {"200": {"description": "ok"}}}}
    }
    api, _ = _api(tmp_path, spec, event_type_prefix="org.pets.")
    assert [(e.name, e.event_type, e.origin) for e in api.events] == [
        ("Pet", "org.pets.petAdopted", "callback"), ("PetLost", "org.pets.petLost", "webhook")]


def test_an_event_model_an_operation_also_uses_stays_a_model(tmp_path: Path) -> None:
    spec = _openapi("3.0.3")
    spec["paths"]["/pets"] = {"get": {"operationId": "getPet", "responses": {"200": {
        "description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}}}}
    api, _ = _api(tmp_path, spec)
    assert [e.name for e in api.events] == ["PetEvent"]
    assert "Pet" in {m.name for m in api.models}


def test_configured_definitions_of_call_automation_are_events() -> None:
    api, warnings = _api(Path(), CALL_AUTOMATION, events=("Call*", "Play*", "*Failed", "Nothing*"),
                         event_type_prefix=PREFIX)
    names = {e.name for e in api.events}
    assert {"CallConnected", "CallTransferAccepted", "CallTransferFailed", "PlayCompleted", "HoldFailed"} <= names
    assert "CallConnectionProperties" not in names  # an operation answers with it: not an event
    accepted = next(e for e in api.events if e.name == "CallTransferAccepted")
    assert accepted.event_type == PREFIX + "CallTransferAccepted"
    assert accepted.operations == ("CallConnection_TransferToParticipant",)
    assert "ResultInformation" in {m.name for m in api.models}
    [unmatched] = [p for p in warnings.sorted() if "Nothing*" in p.message]
    assert unmatched.location is not None and unmatched.location.pointer == "/definitions"


def test_all_28_unreferenced_definitions_with_a_star() -> None:
    api, _ = _api(Path(), CALL_AUTOMATION, events=("*",), event_type_prefix=PREFIX)
    assert len(api.events) == 28


def test_the_transfer_only_selection_keeps_the_transfer_events() -> None:
    api, _ = _api(Path(), CALL_AUTOMATION, operation_ids=("CallConnection_TransferToParticipant",),
                  events=("Call*", "Play*", "*Failed"), event_type_prefix=PREFIX)
    assert [e.name for e in api.events] == ["CallTransferAccepted", "CallTransferFailed"]


def test_configuration_reads_events_and_prefix(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.apiforge]\nevents = ["Call*"]\nevent-type-prefix = "Microsoft.Communication."\n')
    config = load_config(tmp_path)
    assert config.events == ("Call*",) and config.event_type_prefix == PREFIX


def test_no_events_without_configuration() -> None:
    api, _ = _api(Path(), CALL_AUTOMATION)
    assert api.events == ()


@pytest.mark.parametrize("glob", ["Zzz*"])
def test_a_glob_matching_nothing_is_a_located_warning(glob: str) -> None:
    _, warnings = _api(Path(), CALL_AUTOMATION, events=("Call*", glob))
    assert any(glob in p.message and p.location is not None for p in warnings.sorted())


def test_a_configuration_for_another_description_is_silent() -> None:
    _, warnings = _api(Path(), CALL_AUTOMATION, events=("Zzz*",))
    assert not any("Zzz*" in p.message for p in warnings.sorted())
