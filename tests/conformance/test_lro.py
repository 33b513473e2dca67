"""lro.json: long-running operations (`x-ms-long-running-operation`), each a
`begin_<name>` method returning a poller, polled to its end.

Expected values from the server's route (legacy/routes/lros.js, mounted at `/lro`) and
from the results AutoRest's Python client is tested for. The server asks for
`Retry-After: 0` on most answers; the others are polled every `POLL` seconds
(`polling_interval`), so the whole group takes a few seconds.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator
from typing import Any

import pytest

GROUP = "lro"

POLL = 0.01  # seconds between polls when the server names no delay
REQUEST_ID = "9C4D50EE-2D56-4CD3-8152-34347DC9F2B0"

POST_NOT_RETRIED = (
    "deliberate: a POST without repeatability headers is not retried on 500 (the service may "
    "have executed it); the scenario answers the first try with 500 and expects a retry"
)
KNOWN_GAPS = {
    "test_retrys_post202_retry200": POST_NOT_RETRIED,
    "test_retrys_post_async_relative_retry_succeeded": POST_NOT_RETRIED,
}


@pytest.fixture
def client(api: Any) -> Iterator[Any]:
    """Retries without waiting (the `lroRetrys` scenarios answer 500 first)."""
    retry = api.package.RetryPolicy(backoff=0.01, max_backoff=0.05)
    with api.new_client(retry=retry) as instance:
        yield instance


def result(method: Any, *args: Any, **kwargs: Any) -> Any:
    """Start the operation and wait for its final result."""
    return method(*args, polling_interval=POLL, **kwargs).result(timeout=30)


def with_product(api: Any, method: Any) -> Any:
    """`result(method)`, with a product when the operation takes one."""
    if "product" in inspect.signature(method).parameters:
        return result(method, product=product(api))
    return result(method)


def polling(api: Any) -> Any:
    """The generated package's `_polling` module (`OperationFailedError`, `PollingError`)."""
    return importlib.import_module(f"{api.package.__name__}._polling")


def product(api: Any) -> Any:
    return api.models.Product(location="West US")


def failed(api: Any, method: Any, status: str, **kwargs: Any) -> None:
    """The operation ends Failed or Canceled: `OperationFailedError` naming the status."""
    with pytest.raises(polling(api).OperationFailedError) as raised:
        result(method, **kwargs)
    assert raised.value.status.lower() == status


# ------------------------------------------------------------------- LROs: happy paths


def test_put200_succeeded(api: Any, client: Any) -> None:
    assert result(client.lr_os.begin_put200_succeeded, product=product(api)).properties.provisioning_state == "Succeeded"


def test_put200_succeeded_no_state(api: Any, client: Any) -> None:
    assert result(client.lr_os.begin_put200_succeeded_no_state, product=product(api)).id == "100"


def test_patch200_succeeded_ignore_headers(api: Any, client: Any) -> None:
    """The answer's `Azure-AsyncOperation` header is polled, and the resource read after."""
    final = result(client.lr_os.begin_patch200_succeeded_ignore_headers, product=product(api))
    assert final.properties.provisioning_state == "Succeeded"


def test_patch201_retry_with_async_header(api: Any, client: Any) -> None:
    final = result(client.lr_os.begin_patch201_retry_with_async_header, product=product(api))
    assert final.properties.provisioning_state == "Succeeded"


def test_patch202_retry_with_async_and_location_header(api: Any, client: Any) -> None:
    final = result(client.lr_os.begin_patch202_retry_with_async_and_location_header, product=product(api))
    assert final.properties.provisioning_state == "Succeeded"


def test_put201_succeeded(api: Any, client: Any) -> None:
    final = result(client.lr_os.begin_put201_succeeded, product=product(api))
    assert (final.properties.provisioning_state, final.id, final.name) == ("Succeeded", "100", "foo")


def test_post202_list(api: Any, client: Any) -> None:
    final = result(client.lr_os.begin_post202_list)
    assert [(item.id, item.name) for item in final] == [("100", "foo")]


def test_put202_retry200(api: Any, client: Any) -> None:
    assert result(client.lr_os.begin_put202_retry200, product=product(api)).id == "100"


def test_put201_creating_succeeded200(api: Any, client: Any) -> None:
    final = result(client.lr_os.begin_put201_creating_succeeded200, product=product(api))
    assert final.properties.provisioning_state == "Succeeded"


def test_put200_updating_succeeded204(api: Any, client: Any) -> None:
    final = result(client.lr_os.begin_put200_updating_succeeded204, product=product(api))
    assert final.properties.provisioning_state == "Succeeded"


def test_put201_creating_failed200(api: Any, client: Any) -> None:
    failed(api, client.lr_os.begin_put201_creating_failed200, "failed", product=product(api))


def test_put200_acceptedcanceled200(api: Any, client: Any) -> None:
    failed(api, client.lr_os.begin_put200_acceptedcanceled200, "canceled", product=product(api))


@pytest.mark.parametrize("name", ["begin_put_no_header_in_retry", "begin_put_async_no_header_in_retry"])
def test_put_no_header_in_retry(api: Any, client: Any, name: str) -> None:
    """A poll's answer without the polling header keeps polling the URL already known."""
    final = result(getattr(client.lr_os, name), product=product(api))
    assert final.properties.provisioning_state == "Succeeded"


@pytest.mark.parametrize("name", ["begin_put_async_retry_succeeded", "begin_put_async_no_retry_succeeded"])
def test_put_async_succeeded(api: Any, client: Any, name: str) -> None:
    final = result(getattr(client.lr_os, name), product=product(api))
    assert final.properties.provisioning_state == "Succeeded"


def test_put_async_retry_failed(api: Any, client: Any) -> None:
    failed(api, client.lr_os.begin_put_async_retry_failed, "failed", product=product(api))


def test_put_async_no_retrycanceled(api: Any, client: Any) -> None:
    failed(api, client.lr_os.begin_put_async_no_retrycanceled, "canceled", product=product(api))


@pytest.mark.parametrize("name", ["begin_put_non_resource", "begin_put_async_non_resource"])
def test_put_non_resource(api: Any, client: Any, name: str) -> None:
    assert result(getattr(client.lr_os, name), sku=api.models.Sku()).id == "100"


@pytest.mark.parametrize("name", ["begin_put_sub_resource", "begin_put_async_sub_resource"])
def test_put_sub_resource(api: Any, client: Any, name: str) -> None:
    final = result(getattr(client.lr_os, name), product=api.models.SubProduct())
    assert final.properties.provisioning_state == "Succeeded"


def test_delete_provisioning202_accepted200_succeeded(api: Any, client: Any) -> None:
    final = result(client.lr_os.begin_delete_provisioning202_accepted200_succeeded)
    assert final.properties.provisioning_state == "Succeeded"


@pytest.mark.parametrize(
    ("name", "state"),
    [
        ("begin_delete_provisioning202_deleting_failed200", "Failed"),
        ("begin_delete_provisioning202_deletingcanceled200", "Canceled"),
    ],
)
def test_delete_provisioning_ends_with_state(api: Any, client: Any, name: str, state: str) -> None:
    """A DELETE polled through `Location`: the final GET's resource says Failed or
    Canceled, and the operation itself ended (AutoRest returns the resource too)."""
    assert result(getattr(client.lr_os, name)).properties.provisioning_state == state


@pytest.mark.parametrize(
    "name",
    [
        "begin_delete204_succeeded",
        "begin_delete202_retry200",
        "begin_delete202_no_retry204",
        "begin_delete_no_header_in_retry",
        "begin_delete_async_no_header_in_retry",
        "begin_delete_async_retry_succeeded",
        "begin_delete_async_no_retry_succeeded",
    ],
)
def test_delete_succeeded(api: Any, client: Any, name: str) -> None:
    assert result(getattr(client.lr_os, name)) is None


@pytest.mark.parametrize(
    ("name", "status"),
    [("begin_delete_async_retry_failed", "failed"), ("begin_delete_async_retrycanceled", "canceled")],
)
def test_delete_async_failed(api: Any, client: Any, name: str, status: str) -> None:
    failed(api, getattr(client.lr_os, name), status)


def test_post200_with_payload(api: Any, client: Any) -> None:
    assert result(client.lr_os.begin_post200_with_payload).id == "1"


@pytest.mark.parametrize("name", ["begin_post202_retry200", "begin_post202_no_retry204"])
def test_post202(api: Any, client: Any, name: str) -> None:
    assert result(getattr(client.lr_os, name), product=product(api)) is None


@pytest.mark.parametrize(
    "name",
    [
        "begin_post_double_headers_final_location_get",
        "begin_post_double_headers_final_azure_header_get",
        "begin_post_double_headers_final_azure_header_get_default",
    ],
)
def test_post_double_headers(api: Any, client: Any, name: str) -> None:
    """`final-state-via` (location, azure-async-operation, none) picks where the result is read."""
    assert result(getattr(client.lr_os, name)).id == "100"


def test_post_double_headers_continuation_token(api: Any, client: Any) -> None:
    """A poller resumed from another's continuation token ends the same operation."""
    started = client.lr_os.begin_post_double_headers_final_location_get(polling_interval=POLL)
    token = started.continuation_token()
    resumed = client.lr_os.begin_post_double_headers_final_location_get(continuation_token=token, polling_interval=POLL)
    assert resumed.result(timeout=30).id == "100"


@pytest.mark.parametrize("name", ["begin_post_async_retry_succeeded", "begin_post_async_no_retry_succeeded"])
def test_post_async_succeeded(api: Any, client: Any, name: str) -> None:
    assert result(getattr(client.lr_os, name), product=product(api)).id == "100"


def test_post_async_retry_failed(api: Any, client: Any) -> None:
    failed(api, client.lr_os.begin_post_async_retry_failed, "failed", product=product(api))


def test_post_async_retrycanceled(api: Any, client: Any) -> None:
    failed(api, client.lr_os.begin_post_async_retrycanceled, "canceled", product=product(api))


# ------------------------------------------------------- lroRetrys: a 500 before the 2xx


def test_retrys_put201_creating_succeeded200(api: Any, client: Any) -> None:
    final = result(client.lro_retrys.begin_put201_creating_succeeded200, product=product(api))
    assert final.properties.provisioning_state == "Succeeded"


def test_retrys_put_async_relative_retry_succeeded(api: Any, client: Any) -> None:
    final = result(client.lro_retrys.begin_put_async_relative_retry_succeeded, product=product(api))
    assert final.properties.provisioning_state == "Succeeded"


def test_retrys_delete_provisioning202_accepted200_succeeded(api: Any, client: Any) -> None:
    final = result(client.lro_retrys.begin_delete_provisioning202_accepted200_succeeded)
    assert final.properties.provisioning_state == "Succeeded"


@pytest.mark.parametrize("name", ["begin_delete202_retry200", "begin_delete_async_relative_retry_succeeded"])
def test_retrys_delete(api: Any, client: Any, name: str) -> None:
    assert result(getattr(client.lro_retrys, name)) is None


def test_retrys_post202_retry200(api: Any, client: Any) -> None:
    assert result(client.lro_retrys.begin_post202_retry200, product=product(api)) is None


def test_retrys_post_async_relative_retry_succeeded(api: Any, client: Any) -> None:
    assert result(client.lro_retrys.begin_post_async_relative_retry_succeeded, product=product(api)) is None


# ------------------------------------------------- LROsCustomHeader: a header checked


@pytest.mark.parametrize(
    "name",
    [
        "begin_put_async_retry_succeeded",
        "begin_put201_creating_succeeded200",
        "begin_post202_retry200",
        "begin_post_async_retry_succeeded",
    ],
)
def test_custom_header(api: Any, name: str) -> None:
    """The client's `headers=` go with the first request and with every poll."""
    with api.new_client(headers={"x-ms-client-request-id": REQUEST_ID}) as client:
        final = result(getattr(client.lr_os_custom_header, name), product=product(api))
    if name.startswith("begin_put"):
        assert final is not None
    else:
        assert final is None


# ----------------------------------------------------------- LROSADs: error answers


@pytest.mark.parametrize(
    "name",
    [
        "begin_put_non_retry400",
        "begin_put_non_retry201_creating400",
        "begin_put_async_relative_retry400",
        "begin_delete_non_retry400",
        "begin_delete202_non_retry400",
        "begin_delete_async_relative_retry400",
        "begin_post_non_retry400",
        "begin_post202_non_retry400",
        "begin_post_async_relative_retry400",
    ],
)
def test_sads_bad_request(api: Any, client: Any, name: str) -> None:
    """A 400, to the first request or to a poll: `ApiError` with the status."""
    with pytest.raises(api.package.ApiError) as raised:
        with_product(api, getattr(client.lrosa_ds, name))
    assert raised.value.status_code == 400


@pytest.mark.parametrize(
    "name",
    [
        "begin_put_async_relative_retry_no_status",
        "begin_put_async_relative_retry_no_status_payload",
        "begin_put_error201_no_provisioning_state_payload",
        "begin_delete_async_relative_retry_no_status",
        "begin_post_async_relative_retry_no_payload",
        "begin_put200_invalid_json",
        "begin_put_non_retry201_creating400_invalid_json",
        "begin_put_async_relative_retry_invalid_header",
        "begin_put_async_relative_retry_invalid_json_polling",
        "begin_delete202_retry_invalid_header",
        "begin_delete_async_relative_retry_invalid_header",
        "begin_delete_async_relative_retry_invalid_json_polling",
        "begin_post202_retry_invalid_header",
        "begin_post_async_relative_retry_invalid_header",
        "begin_post_async_relative_retry_invalid_json_polling",
    ],
)
def test_sads_unreadable(api: Any, client: Any, name: str) -> None:
    """A status monitor without status, an answer without body where one is needed, a
    polling header that is no URL, JSON that is not: a `ClientError`, never a result."""
    with pytest.raises(api.package.ClientError):
        with_product(api, getattr(client.lrosa_ds, name))


def test_sads_delete204_succeeded(api: Any, client: Any) -> None:
    assert result(client.lrosa_ds.begin_delete204_succeeded) is None


def test_sads_post202_no_location(api: Any, client: Any) -> None:
    """A 202 without polling header: the operation ended with the first answer (as
    AutoRest's Python client decides)."""
    assert result(client.lrosa_ds.begin_post202_no_location) is None
