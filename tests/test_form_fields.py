"""Swagger 2.0 form fields (`in: formData`) on the wire: the golden azure_swagger
client (tests/golden/azure_swagger) sends an urlencoded form, or a multipart one when a
field is a file, through httpx.MockTransport."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from helpers import REPO, run_cli


@pytest.fixture
def zoo() -> Iterator[Any]:
    sys.path.insert(0, str(REPO / "tests" / "golden" / "azure_swagger" / "expected" / "python"))
    try:
        import azure_swagger

        yield azure_swagger
    finally:
        sys.path.pop(0)


def _client(zoo: Any, sent: list[httpx.Request]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(204)

    return zoo.AzureSwaggerClient("https://zoo.example", x_zoo_keeper="Ann", transport=httpx.MockTransport(handler))


def test_fields_without_a_file_are_sent_urlencoded(zoo: Any) -> None:
    sent: list[httpx.Request] = []
    with _client(zoo, sent) as client:
        client.record_feeding("fish", keeper_notes=["a", "b"])
    (request,) = sent
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.headers["x-zoo-keeper"] == "Ann"  # a global parameter: the client's
    assert parse_qs(request.content.decode()) == {"food": ["fish"], "portions": ["1"], "keeperNotes": ["a,b"]}


def test_a_file_field_makes_the_form_multipart(zoo: Any) -> None:
    sent: list[httpx.Request] = []
    with _client(zoo, sent) as client:
        client.animals.upload_photo("leo", b"\x89PNG", taken_on=date(2025, 1, 2), tags=["cat", "big"])
    (request,) = sent
    media_type, _, boundary = request.headers["Content-Type"].partition("; boundary=")
    assert media_type == "multipart/form-data"
    parts = request.content.split(b"--" + boundary.encode())[1:-1]
    fields = {}
    for part in parts:
        head, _, value = part.partition(b"\r\n\r\n")
        name = head.split(b'name="')[1].split(b'"')[0].decode()
        fields.setdefault(name, []).append((b"filename=" in head, value.removesuffix(b"\r\n")))
    assert fields == {
        "takenOn": [(False, b"2025-01-02")],
        "tags": [(False, b"cat"), (False, b"big")],  # collectionFormat multi: one field per item
        "photo": [(True, b"\x89PNG")],
    }


def _form_spec(tmp_path: Path, fields: list[dict[str, Any]], consumes: list[str]) -> Path:
    spec = {
        "swagger": "2.0",
        "info": {"title": "Forms", "version": "1"},
        "paths": {
            "/notes": {
                "post": {
                    "operationId": "AddNote",
                    "consumes": consumes,
                    "parameters": fields,
                    "responses": {"204": {"description": "Added."}},
                }
            }
        },
    }
    path = tmp_path / "forms.json"
    path.write_text(json.dumps(spec))
    return path


def test_multipart_without_a_file_field_is_a_warning(tmp_path: Path) -> None:
    text = {"name": "text", "in": "formData", "type": "string"}
    spec = _form_spec(tmp_path, [text], ["multipart/form-data"])
    code, _, stderr = run_cli("generate", str(spec), "-o", str(tmp_path / "out"), "--no-cache")
    assert code == 0
    assert "warning: " in stderr and "the form is sent as application/x-www-form-urlencoded" in stderr
    spec = _form_spec(tmp_path, [text], ["multipart/form-data", "application/x-www-form-urlencoded"])
    code, _, stderr = run_cli("generate", str(spec), "-o", str(tmp_path / "out2"), "--no-cache")
    assert code == 0 and "warning: " not in stderr


def test_a_body_beside_form_fields_is_an_error(tmp_path: Path) -> None:
    fields = [{"name": "text", "in": "formData", "type": "string"}, {"name": "b", "in": "body", "schema": {}}]
    code, _, stderr = run_cli(
        "generate", str(_form_spec(tmp_path, fields, ["application/json"])), "-o", str(tmp_path / "out"), "--no-cache"
    )
    assert code == 2
    assert "an operation takes a body or formData parameters, not both" in stderr, stderr
