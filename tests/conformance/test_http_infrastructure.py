"""httpInfrastructure.json: every status code, redirects, retries and multiple responses.

Expected behaviour from the operations' descriptions in the Swagger file and the server's
routes (dist/test-routes/http-responses.js): success codes return, failure codes raise,
redirects are followed (except a PUT 301 or PATCH 302, which go back to the caller), and
408/500/502/503/504 answers are tried again (except for POST and PATCH: see
test_not_retried); the retry routes answer 200 only to a request that sends back the
`tries` cookie set by their first answer.

The clients here get a fast `RetryPolicy` (so that the failing retries take no time) and
a transport that notes every exchange, so that redirects and retries can be checked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from conformance_harness import rejects_payload, swagger_path

GROUP = "httpInfrastructure"

MAX_ATTEMPTS = 3  # the RetryPolicy of this module's clients

DECLARED_4XX_IS_ERROR = (
    "deliberate: a declared 4xx (404 with model D) is an error in a Swagger file that never uses "
    "x-ms-error-response (AutoRest would return it), so that plain OpenAPI documents keep 4xx as errors"
)
EMPTY_BODY = "deliberate: an empty 200 body for a schema not declared nullable is an error, not None"

KNOWN_GAPS = {
    "test_retry[options502]": EMPTY_BODY + " (here a declared boolean)",
    "test_200_a_201_c_404_d_default_error_404_valid": DECLARED_4XX_IS_ERROR,
    "test_default_a_200_none": EMPTY_BODY,
    "test_200_a_200_none": EMPTY_BODY,
}


class RecordingTransport(httpx.HTTPTransport):
    """The real transport, noting every exchange as (method, path, status)."""

    def __init__(self) -> None:
        super().__init__()
        self.exchanges: list[tuple[str, str, int]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        self.exchanges.append((request.method, request.url.path, response.status_code))
        return response


@pytest.fixture
def transport() -> RecordingTransport:
    return RecordingTransport()


@pytest.fixture
def client(api: Any, transport: RecordingTransport) -> Iterator[Any]:
    """A client with a fast retry policy and a recording transport."""
    retry = api.package.RetryPolicy(max_attempts=MAX_ATTEMPTS, backoff=0.01, max_backoff=0.05)
    with api.new_client(retry=retry, transport=transport) as instance:
        yield instance


def op(client: Any, group: str, name: str) -> Callable[..., Any]:
    """The operation `<group>_<name>`: `client.<group>.<name>` where the generator made an
    operation group of the operationId's prefix, else `client.<group>_<name>`."""
    owner = getattr(client, group, None)
    if owner is not None and hasattr(owner, name):
        method: Callable[..., Any] = getattr(owner, name)
        return method
    flat: Callable[..., Any] = getattr(client, f"{group}_{name}")
    return flat


def call(client: Any, group: str, name: str, method: str) -> Any:
    """Call an operation; those with a body (PUT, POST, PATCH, DELETE) send `true`."""
    if method in ("PUT", "POST", "PATCH", "DELETE"):
        return op(client, group, name)(boolean_value=True)
    return op(client, group, name)()


# ------------------------------------------------------------------ operation groups


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def test_operation_groups(client: Any) -> None:
    """Every operationId is `<group>_<name>` (AutoRest's operation groups): each one is
    `client.<group>.<name>`, whatever the case of its prefix."""
    spec = json.loads(swagger_path(GROUP).read_text(encoding="utf-8-sig"))
    missing = []
    for item in spec["paths"].values():
        for operation in item.values():
            group, _, name = operation["operationId"].partition("_")
            owner = getattr(client, _snake(group), None)
            if owner is None or not callable(getattr(owner, _snake(name), None)):
                missing.append(operation["operationId"])
    assert missing == []


def test_client_name_of_model(api: Any) -> None:
    """Definition A has `x-ms-client-name: MyException`."""
    assert isinstance(api.models.MyException, type)


# -------------------------------------------------------------------------- success

SUCCESS = [
    ("head200", "HEAD", 200),
    ("put200", "PUT", 200),
    ("patch200", "PATCH", 200),
    ("post200", "POST", 200),
    ("delete200", "DELETE", 200),
    ("put201", "PUT", 201),
    ("post201", "POST", 201),
    ("put202", "PUT", 202),
    ("patch202", "PATCH", 202),
    ("post202", "POST", 202),
    ("delete202", "DELETE", 202),
    ("head204", "HEAD", 204),
    ("put204", "PUT", 204),
    ("patch204", "PATCH", 204),
    ("post204", "POST", 204),
    ("delete204", "DELETE", 204),
]


@pytest.mark.parametrize(("name", "method", "status"), SUCCESS, ids=[case[0] for case in SUCCESS])
def test_success(client: Any, transport: RecordingTransport, name: str, method: str, status: int) -> None:
    """A declared success without a body: no value (HEAD: no value, or True when HEAD is
    modelled as a boolean)."""
    result = call(client, "http_success", name, method)
    assert result is None or (method == "HEAD" and result is True)
    assert transport.exchanges == [(method, f"/http/success/{status}", status)]


def test_success_get200(client: Any) -> None:
    """GET /http/success/200 answers 200 with `true`."""
    assert op(client, "http_success", "get200")() is True


def test_success_options200(client: Any, api: Any) -> None:
    """No scenario: the server has no OPTIONS route there and answers the framework's
    `HEAD,GET,PUT,POST,PATCH,DELETE` as text/html, not the declared boolean."""
    with rejects_payload(api.package):
        op(client, "http_success", "options200")()


def test_success_head404(client: Any) -> None:
    """HEAD /http/success/404 answers 404, which the operation declares (beside 204): a
    HEAD with a declared 404 tells whether the resource exists."""
    assert op(client, "http_success", "head404")() is False


# ------------------------------------------------------------------------ redirects

FOLLOWED = [
    ("head301", "HEAD", 301, "HEAD"),
    ("get301", "GET", 301, "GET"),
    ("head302", "HEAD", 302, "HEAD"),
    ("get302", "GET", 302, "GET"),
    ("post303", "POST", 303, "GET"),  # "automatically followed with a get request"
    ("head307", "HEAD", 307, "HEAD"),
    ("get307", "GET", 307, "GET"),
    ("options307", "OPTIONS", 307, "OPTIONS"),
    ("put307", "PUT", 307, "PUT"),
    ("patch307", "PATCH", 307, "PATCH"),
    ("post307", "POST", 307, "POST"),
    ("delete307", "DELETE", 307, "DELETE"),
]


@pytest.mark.parametrize(("name", "method", "status", "then"), FOLLOWED, ids=[case[0] for case in FOLLOWED])
def test_redirect_followed(
    client: Any, transport: RecordingTransport, name: str, method: str, status: int, then: str
) -> None:
    """The redirect is followed to /http/success/<method>/200, which answers 200 only to
    the expected method; the declared 200 has no body."""
    assert call(client, "http_redirects", name, method) is None
    assert transport.exchanges == [
        (method, f"/http/redirect/{status}", status),
        (then, f"/http/success/{then.lower()}/200", 200),
    ]


NOT_FOLLOWED_CASES = [("put301", "PUT", 301), ("patch302", "PATCH", 302)]


@pytest.mark.parametrize(("name", "method", "status"), NOT_FOLLOWED_CASES, ids=[c[0] for c in NOT_FOLLOWED_CASES])
def test_redirect_not_followed(
    client: Any, transport: RecordingTransport, name: str, method: str, status: int
) -> None:
    """Such a request "should not be automatically redirected, but should return the
    received 3xx to the caller": its Location (/http/failure/500) is not requested."""
    assert call(client, "http_redirects", name, method) is None
    assert transport.exchanges == [(method, f"/http/redirect/{status}", status)]


@pytest.mark.parametrize("method", ["HEAD", "GET"], ids=["head300", "get300"])
def test_redirect_300(client: Any, transport: RecordingTransport, method: str) -> None:
    """300 Multiple Choices may be followed (Location /http/success/<method>/200) or
    returned: GET's 300 declares its body, the list of choices."""
    result = call(client, "http_redirects", f"{method.lower()}300", method)
    first = (method, "/http/redirect/300", 300)
    if transport.exchanges == [first]:
        assert result == (["/http/success/get/200"] if method == "GET" else None)
    else:
        assert transport.exchanges == [first, (method, f"/http/success/{method.lower()}/200", 200)]
        assert result is None


# ------------------------------------------------------------------------- failures

CLIENT_FAILURES = [
    ("head400", "HEAD", 400),
    ("get400", "GET", 400),
    ("options400", "OPTIONS", 400),
    ("put400", "PUT", 400),
    ("patch400", "PATCH", 400),
    ("post400", "POST", 400),
    ("delete400", "DELETE", 400),
    ("head401", "HEAD", 401),
    ("get402", "GET", 402),
    ("options403", "OPTIONS", 403),
    ("get403", "GET", 403),
    ("put404", "PUT", 404),
    ("patch405", "PATCH", 405),
    ("post406", "POST", 406),
    ("delete407", "DELETE", 407),
    ("put409", "PUT", 409),
    ("head410", "HEAD", 410),
    ("get411", "GET", 411),
    ("options412", "OPTIONS", 412),
    ("get412", "GET", 412),
    ("put413", "PUT", 413),
    ("patch414", "PATCH", 414),
    ("post415", "POST", 415),
    ("get416", "GET", 416),
    ("delete417", "DELETE", 417),
    ("head429", "HEAD", 429),
]


def _error_class(api: Any, status: int) -> Any:
    errors: dict[int, Any] = {
        401: api.package.AuthenticationError,
        403: api.package.AuthenticationError,
        404: api.package.NotFoundError,
    }
    return errors.get(status, api.package.ApiError)


@pytest.mark.parametrize(("name", "method", "status"), CLIENT_FAILURES, ids=[c[0] for c in CLIENT_FAILURES])
def test_client_failure(
    client: Any, api: Any, transport: RecordingTransport, name: str, method: str, status: int
) -> None:
    """Only `default` is declared: the status is an error, raised as `ApiError` (401/403:
    `AuthenticationError`, 404: `NotFoundError`). 429 Too Many Requests is tried again."""
    with pytest.raises(_error_class(api, status)) as caught:
        call(client, "http_client_failure", name, method)
    assert caught.value.status_code == status
    tries = MAX_ATTEMPTS if status == 429 else 1
    assert transport.exchanges == [(method, f"/http/failure/client/{status}", status)] * tries


SERVER_FAILURES = [
    ("head501", "HEAD", 501),
    ("get501", "GET", 501),
    ("post505", "POST", 505),
    ("delete505", "DELETE", 505),
]


@pytest.mark.parametrize(("name", "method", "status"), SERVER_FAILURES, ids=[c[0] for c in SERVER_FAILURES])
def test_server_failure(
    client: Any, api: Any, transport: RecordingTransport, name: str, method: str, status: int
) -> None:
    """501 and 505 are not transient: one try, then `ApiError`."""
    with pytest.raises(api.package.ApiError) as caught:
        call(client, "http_server_failure", name, method)
    assert caught.value.status_code == status
    assert transport.exchanges == [(method, f"/http/failure/server/{status}", status)]


def test_failure_get_empty_error(client: Any, api: Any) -> None:
    """400 with `{"message": ""}`: the default response's Error model."""
    with pytest.raises(api.package.ApiError) as caught:
        op(client, "http_failure", "get_empty_error")()
    assert caught.value.status_code == 400
    assert isinstance(caught.value.error, api.models.Error)
    assert caught.value.error.message == ""


def test_failure_get_no_model_error(client: Any, api: Any) -> None:
    """400 with `{"message": "NoErrorModel"}` and no error model declared: the raw body."""
    with pytest.raises(api.package.ApiError) as caught:
        op(client, "http_failure", "get_no_model_error")()
    assert caught.value.status_code == 400
    assert caught.value.body is None
    assert caught.value.response.json() == {"message": "NoErrorModel"}


def test_failure_get_no_model_empty(client: Any, api: Any) -> None:
    """400 with no body and no error model declared."""
    with pytest.raises(api.package.ApiError) as caught:
        op(client, "http_failure", "get_no_model_empty")()
    assert caught.value.status_code == 400
    assert caught.value.body is None
    assert caught.value.response.content == b""


# -------------------------------------------------------------------------- retries

RETRIES = [
    ("head408", "HEAD", 408),
    ("put500", "PUT", 500),
    ("get502", "GET", 502),
    ("options502", "OPTIONS", 502),
    ("delete503", "DELETE", 503),
    ("put504", "PUT", 504),
]


@pytest.mark.parametrize(("name", "method", "status"), RETRIES, ids=[c[0] for c in RETRIES])
def test_retry(client: Any, transport: RecordingTransport, name: str, method: str, status: int) -> None:
    """Each operation "returns <status> status code, then 200 after retry": one retry,
    which sends back the cookie. The 200 has no body (OPTIONS declares a boolean and
    gets none: no value)."""
    assert call(client, "http_retry", name, method) is None
    path = f"/http/retry/{status}"
    assert transport.exchanges == [(method, path, status), (method, path, 200)]


NOT_RETRIED = [("patch500", "PATCH", 500), ("post503", "POST", 503), ("patch504", "PATCH", 504)]


@pytest.mark.parametrize(("name", "method", "status"), NOT_RETRIED, ids=[c[0] for c in NOT_RETRIED])
def test_not_retried(
    client: Any, api: Any, transport: RecordingTransport, name: str, method: str, status: int
) -> None:
    """A deliberate difference from the server's scenario (and from azure-core, which
    retries POST and PATCH on 500, 503 and 504): a request is retried only when sending
    it twice is safe, an idempotent method or repeatability headers (README, `_pipeline.py`),
    and these operations have neither; a POST the service did execute before failing
    would be executed twice. One try, and the error goes to the caller."""
    with pytest.raises(api.package.ApiError) as caught:
        call(client, "http_retry", name, method)
    assert caught.value.status_code == status
    assert transport.exchanges == [(method, f"/http/retry/{status}", status)]


# ---------------------------------------------------------------- multiple responses
# Route names in the server: ResponsesScenario<letter><status><...>.


def _a(api: Any) -> Any:
    """Definition A (client name MyException)."""
    return getattr(api.models, "MyException", None) or api.models.A


def _multiple(client: Any, name: str) -> Any:
    return op(client, "multiple_responses", name)()


def _raises_error(api: Any, client: Any, name: str, status: int) -> Any:
    error: Any
    with pytest.raises(api.package.ApiError) as caught:
        _multiple(client, name)
    error = caught.value
    assert error.status_code == status
    return error


# 200: A, 204: none, default: Error


def test_200_a_204_none_default_error_200_valid(client: Any, api: Any) -> None:
    result = _multiple(client, "get200_model204_no_model_default_error200_valid")
    assert isinstance(result, _a(api))
    assert result.status_code == "200"


def test_200_a_204_none_default_error_204_none(client: Any) -> None:
    assert _multiple(client, "get200_model204_no_model_default_error204_valid") is None


def test_200_a_204_none_default_error_201_invalid(client: Any, api: Any) -> None:
    """201 `{"statusCode": "201"}` is not declared: default, an error."""
    error = _raises_error(api, client, "get200_model204_no_model_default_error201_invalid", 201)
    assert isinstance(error.error, api.models.Error)
    assert error.error.message is None


def test_200_a_204_none_default_error_202_none(client: Any, api: Any) -> None:
    _raises_error(api, client, "get200_model204_no_model_default_error202_none", 202)


def test_200_a_204_none_default_error_400_valid(client: Any, api: Any) -> None:
    error = _raises_error(api, client, "get200_model204_no_model_default_error400_valid", 400)
    assert isinstance(error.error, api.models.Error)
    assert error.error.message == "client error"


# 200: A, 201: B, default: Error


def test_200_a_201_b_default_error_200_valid(client: Any, api: Any) -> None:
    result = _multiple(client, "get200_model201_model_default_error200_valid")
    assert type(result) is _a(api)
    assert result.status_code == "200"


def test_200_a_201_b_default_error_201_valid(client: Any, api: Any) -> None:
    result = _multiple(client, "get200_model201_model_default_error201_valid")
    assert isinstance(result, api.models.B)
    assert (result.status_code, result.text_status_code) == ("201", "Created")


def test_200_a_201_b_default_error_400_valid(client: Any, api: Any) -> None:
    error = _raises_error(api, client, "get200_model201_model_default_error400_valid", 400)
    assert isinstance(error.error, api.models.Error)
    assert error.error.message == "client error"


# 200: A, 201: C, 404: D, default: Error


def test_200_a_201_c_404_d_default_error_200_valid(client: Any, api: Any) -> None:
    result = _multiple(client, "get200_model_a201_model_c404_model_d_default_error200_valid")
    assert isinstance(result, _a(api))
    assert result.status_code == "200"


def test_200_a_201_c_404_d_default_error_201_valid(client: Any, api: Any) -> None:
    result = _multiple(client, "get200_model_a201_model_c404_model_d_default_error201_valid")
    assert isinstance(result, api.models.C)
    assert result.http_code == "201"


def test_200_a_201_c_404_d_default_error_404_valid(client: Any, api: Any) -> None:
    """404 is a declared response (not default, not x-ms-error-response): its model D."""
    result = _multiple(client, "get200_model_a201_model_c404_model_d_default_error404_valid")
    assert isinstance(result, api.models.D)
    assert result.http_status_code == "404"


def test_200_a_201_c_404_d_default_error_400_valid(client: Any, api: Any) -> None:
    error = _raises_error(api, client, "get200_model_a201_model_c404_model_d_default_error400_valid", 400)
    assert isinstance(error.error, api.models.Error)
    assert error.error.message == "client error"


# 202: none, 204: none, default: Error


def test_202_none_204_none_default_error_202_none(client: Any) -> None:
    assert _multiple(client, "get202_none204_none_default_error202_none") is None


def test_202_none_204_none_default_error_204_none(client: Any) -> None:
    assert _multiple(client, "get202_none204_none_default_error204_none") is None


def test_202_none_204_none_default_error_400_valid(client: Any, api: Any) -> None:
    error = _raises_error(api, client, "get202_none204_none_default_error400_valid", 400)
    assert isinstance(error.error, api.models.Error)
    assert error.error.message == "client error"


# 202: none, 204: none, default: none


def test_202_none_204_none_default_none_202_invalid(client: Any) -> None:
    """202 with an undeclared body `{"property": "value"}`: ignored."""
    assert _multiple(client, "get202_none204_none_default_none202_invalid") is None


def test_202_none_204_none_default_none_204_none(client: Any) -> None:
    assert _multiple(client, "get202_none204_none_default_none204_none") is None


def test_202_none_204_none_default_none_400_none(client: Any, api: Any) -> None:
    error = _raises_error(api, client, "get202_none204_none_default_none400_none", 400)
    assert error.body is None


def test_202_none_204_none_default_none_400_invalid(client: Any, api: Any) -> None:
    error = _raises_error(api, client, "get202_none204_none_default_none400_invalid", 400)
    assert error.body is None
    assert error.response.json() == {"property": "value"}


# default: A (the paths say so; the Swagger file declares 200: A, or 200 + default: A)


def test_default_a_200_valid(client: Any, api: Any) -> None:
    result = _multiple(client, "get_default_model_a200_valid")
    assert isinstance(result, _a(api))
    assert result.status_code == "200"


def test_default_a_200_none(client: Any) -> None:
    """200 with no body for a declared A: no value."""
    assert _multiple(client, "get_default_model_a200_none") is None


def test_default_a_400_valid(client: Any, api: Any) -> None:
    """The route sends 400 with no body (despite its name): an error without a body."""
    error = _raises_error(api, client, "get_default_model_a400_valid", 400)
    assert error.body is None


def test_default_a_400_none(client: Any, api: Any) -> None:
    """The route sends 400 with `{"property": "value"}` (despite its name): parsed as the
    default's A, which has no such property."""
    error = _raises_error(api, client, "get_default_model_a400_none", 400)
    assert isinstance(error.body, _a(api))
    assert error.body.status_code is None


# default: none


def test_default_none_200_invalid(client: Any) -> None:
    """200 with `{"statusCode": "200"}` where no body is declared: ignored."""
    assert _multiple(client, "get_default_none200_invalid") is None


def test_default_none_200_none(client: Any) -> None:
    assert _multiple(client, "get_default_none200_none") is None


def test_default_none_400_invalid(client: Any, api: Any) -> None:
    error = _raises_error(api, client, "get_default_none400_invalid", 400)
    assert error.body is None
    assert error.response.json() == {"statusCode": "200"}


def test_default_none_400_none(client: Any, api: Any) -> None:
    error = _raises_error(api, client, "get_default_none400_none", 400)
    assert error.body is None


# 200: A only


def test_200_a_200_none(client: Any) -> None:
    assert _multiple(client, "get200_model_a200_none") is None


def test_200_a_200_valid(client: Any, api: Any) -> None:
    result = _multiple(client, "get200_model_a200_valid")
    assert isinstance(result, _a(api))
    assert result.status_code == "200"


def test_200_a_200_invalid(client: Any, api: Any) -> None:
    """`{"statusCodeInvalid": "200"}`: an A without its property; the unknown one is ignored."""
    result = _multiple(client, "get200_model_a200_invalid")
    assert isinstance(result, _a(api))
    assert result.status_code is None


@pytest.mark.parametrize("name", ["get200_model_a400_none", "get200_model_a400_valid", "get200_model_a400_invalid"])
def test_200_a_400(client: Any, api: Any, name: str) -> None:
    """An undeclared 400 (the body, if any, is not parsed: no error model)."""
    error = _raises_error(api, client, name, 400)
    assert error.body is None


def test_200_a_202_valid(client: Any, api: Any) -> None:
    """An undeclared success status is an error too."""
    _raises_error(api, client, "get200_model_a202_valid", 202)
