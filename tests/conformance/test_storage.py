"""storage.json: an early Azure Storage management API (JSON, `x-ms-client-name`,
a long-running create, single-page listings, `api-version` as a client parameter).

The test server serves no route for it (0 scenarios), so these tests check what the
generated client sends and reads with `httpx.MockTransport` answering as the service
documents it; the generation inventory checks it generates, imports and passes
`mypy --strict`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

GROUP = "storage"

SUBSCRIPTION = "sub-1"
API_VERSION = "2015-05-01-preview"
ACCOUNT_PATH = f"/subscriptions/{SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct1"
ACCOUNT = {
    "id": ACCOUNT_PATH,
    "name": "acct1",
    "type": "Microsoft.Storage/storageAccounts",
    "location": "westus",
    "tags": {"env": "test"},
    "properties": {
        "provisioningState": "Succeeded",
        "accountType": "Standard_LRS",
        "primaryEndpoints": {"blob": "https://acct1.blob.core.windows.net/"},
        "creationTime": "2015-05-01T10:00:00Z",
    },
}


def mocked(api: Any, handler: Callable[[httpx.Request], httpx.Response], **options: Any) -> Any:
    return api.client_class(SUBSCRIPTION, transport=httpx.MockTransport(handler), **options)


def test_check_name_availability(api: Any) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"nameAvailable": False, "reason": "AlreadyExists", "message": "taken"})

    parameters = api.models.StorageAccountCheckNameAvailabilityParameters(name="acct1")
    with mocked(api, handler) as client:
        result = client.storage_accounts.check_name_availability(parameters)
    request = seen[0]
    assert request.method == "POST"
    assert request.url.path == f"/subscriptions/{SUBSCRIPTION}/providers/Microsoft.Storage/checkNameAvailability"
    assert request.url.params["api-version"] == API_VERSION
    assert json.loads(request.content) == {"name": "acct1"}  # `type` has a default: the service applies it
    assert result.name_available is False and result.reason == "AlreadyExists" and result.message == "taken"


@pytest.mark.parametrize("strict", [False, True])
def test_get_properties(api: Any, strict: bool) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == ACCOUNT_PATH
        return httpx.Response(200, json=ACCOUNT)

    with mocked(api, handler, strict_response_validation=strict) as client:
        account = client.storage_accounts.get_properties("rg", "acct1")
    assert account.location == "westus" and account.tags == {"env": "test"}
    assert account.properties.primary_endpoints.blob == "https://acct1.blob.core.windows.net/"
    assert account.properties.account_type == api.models.AccountType.STANDARD_LRS


def test_strict_validation_names_the_property_at_fault(api: Any) -> None:
    wrong = {**ACCOUNT, "properties": {**ACCOUNT["properties"], "primaryEndpoints": {"blob": 7}}}
    with mocked(api, lambda request: httpx.Response(200, json=wrong), strict_response_validation=True) as client:
        with pytest.raises(api.package.DeserializationError) as caught:
            client.storage_accounts.get_properties("rg", "acct1")
    assert caught.value.path == "$.properties.primaryEndpoints.blob"


def test_list_is_one_page(api: Any) -> None:
    """`x-ms-pageable` with `nextLinkName: null`: the items of one answer."""
    with mocked(api, lambda request: httpx.Response(200, json={"value": [ACCOUNT, ACCOUNT]})) as client:
        accounts = list(client.storage_accounts.list_())
    assert [account.name for account in accounts] == ["acct1", "acct1"]


def test_regenerate_key(api: Any) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"key1": "a", "key2": "b"})

    parameters = api.models.StorageAccountRegenerateKeyParameters(key_name="key1")
    with mocked(api, handler) as client:
        keys = client.storage_accounts.regenerate_key("rg", "acct1", parameters)
    assert seen[0].url.path == ACCOUNT_PATH + "/regenerateKey"
    assert json.loads(seen[0].content) == {"keyName": "key1"}
    assert (keys.key1, keys.key2) == ("a", "b")


def test_usage_list(api: Any) -> None:
    answer = {"value": [{"unit": "Count", "currentValue": 3, "limit": 100, "name": {"value": "StorageAccounts"}}]}
    with mocked(api, lambda request: httpx.Response(200, json=answer), strict_response_validation=True) as client:
        usage = client.usage.list_()
    assert usage.value[0].current_value == 3 and usage.value[0].name.value == "StorageAccounts"
