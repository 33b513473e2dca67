"""subscriptionId-apiVersion.json: a subscription id in the path and the API version
in the query, both client properties (legacy/routes/azureUrl.js, mounted at
`/subscriptions`, azure category).

GET /subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName} counts
`SubscriptionIdAndApiVersion` when the query holds only `api-version=2014-04-01-preview`
(the spec's value), and answers `{"name": "testgroup101", "location": "West US"}`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

GROUP = "subscriptionId-apiVersion"


@pytest.fixture
def client(api: Any) -> Iterator[Any]:
    with api.new_client(subscription_id="1234-5678-9012-3456") as instance:
        yield instance


def test_get_sample_resource_group(client: Any, api: Any) -> None:
    group = client.group_get_sample_resource_group("testgroup101")
    assert group == api.models.SampleResourceGroup(name="testgroup101", location="West US")


def test_wrong_api_version_is_refused(api: Any) -> None:
    with api.new_client(subscription_id="1234", api_version="2000-01-01") as client:
        with pytest.raises(api.package.ApiError) as caught:
            client.group_get_sample_resource_group("testgroup101")
    assert caught.value.status_code == 400
