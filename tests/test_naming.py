"""The naming rules: every identifier in generated code comes from here."""

from __future__ import annotations

import keyword

import pytest

from generator.ir.naming import Scope, pascal_case, snake_case, upper_snake_case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("transferToParticipant", "transfer_to_participant"),
        ("callConnectionId", "call_connection_id"),
        ("api-version", "api_version"),
        ("Repeatability-Request-ID", "repeatability_request_id"),
        ("HTTPServer", "http_server"),
        ("base64Url", "base64_url"),
        ("2fa", "field_2fa"),
        ("class", "class_"),
        ("from", "from_"),
        ("type", "type_"),
        ("é", "e"),
        # `field` itself is reserved: generated models use dataclasses.field
        ("日本", "field_"),
        ("", "field_"),
        ("a b\tc\n", "a_b_c"),
    ],
)
def test_snake_case(text: str, expected: str) -> None:
    assert snake_case(text, prefix="field") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call connection", "CallConnection"),
        ("TransferCallResponse", "TransferCallResponse"),
        ("HTTPError", "HTTPError"),
        ("404", "Model404"),
        ("Exception", "Exception_"),
        ("None", "None_"),
    ],
)
def test_pascal_case(text: str, expected: str) -> None:
    assert pascal_case(text) == expected


def test_upper_snake_case() -> None:
    assert upper_snake_case("communicationUser") == "COMMUNICATION_USER"
    assert upper_snake_case("1st") == "VALUE_1ST"
    assert upper_snake_case("") == "VALUE"


def test_scope_resolves_collisions_in_order() -> None:
    scope = Scope(["data"])
    assert [scope.claim(snake_case(n)) for n in ["first-name", "firstName", "first_name", "data"]] == [
        "first_name", "first_name_2", "first_name_3", "data_",
    ]


@pytest.mark.parametrize("word", keyword.kwlist + keyword.softkwlist)
def test_no_keyword_survives(word: str) -> None:
    for name in (snake_case(word), pascal_case(word), upper_snake_case(word)):
        assert not keyword.iskeyword(name) and name.isidentifier()
