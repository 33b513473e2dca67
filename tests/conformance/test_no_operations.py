"""no-operations.json: a document with models and no operation (no route, no
scenario): the package is its models and a client without methods."""

from __future__ import annotations

from typing import Any

GROUP = "no-operations"


def test_models_round_trip(api: Any) -> None:
    error = api.models.Error.from_dict({"status": 404, "message": "gone"})
    assert error == api.models.Error(status=404, message="gone")
    assert error.to_dict() == {"status": 404, "message": "gone"}


def test_client_has_no_operations(client: Any, api: Any) -> None:
    public = [name for name in vars(api.client_class) if not name.startswith("_") and name != "close"]
    assert public == []
