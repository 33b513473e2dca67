"""A write-only property (`writeOnly: true`) is sent by the client and never returned
by the server: a generated model still takes it when built for a request, and parses a
response without it."""

from __future__ import annotations

from types import ModuleType

import pytest

from helpers import generated_models

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Accounts", "version": "1"},
    "paths": {
        "/accounts": {
            "post": {
                "operationId": "createAccount",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Account"}}}},
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Account"}}}}},
            }
        }
    },
    "components": {
        "schemas": {
            "Account": {
                "type": "object",
                "required": ["name", "password", "created"],
                "properties": {
                    "name": {"type": "string"},
                    "password": {"type": "string", "writeOnly": True},
                    "created": {"type": "string", "format": "date-time", "writeOnly": True},
                },
            }
        }
    },
}


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return generated_models(tmp_path_factory.mktemp("write_only"), SPEC, "accounts")


def test_a_response_without_the_write_only_properties_parses(models: ModuleType) -> None:
    account = models.Account.from_dict({"name": "ada"})
    assert (account.name, account.password, account.created) == ("ada", None, None)


def test_a_request_still_carries_them(models: ModuleType) -> None:
    from datetime import datetime, timezone

    account = models.Account(name="ada", password="secret", created=datetime(2024, 1, 1, tzinfo=timezone.utc))
    assert account.to_dict() == {"name": "ada", "password": "secret", "created": "2024-01-01T00:00:00Z"}
    with pytest.raises(TypeError):
        models.Account(name="ada")  # still required when the client builds one
