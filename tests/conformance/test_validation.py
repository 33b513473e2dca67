"""validation.json: constants in a path and in a body (legacy/routes/validation.js,
mounted at `/validation`).

GET /validation/constantsInPath/constant/value counts `ConstantsInPath`; POST to the
same path counts `ConstantsInBody` when the body holds `constString: "constant"`,
`constInt: 0`, `child.constProperty: "constant"` and `constChild` with
`constProperty: "constant"` and `constProperty2: "constant2"`, and echoes it. The
spec's other operations (`validationOfMethodParameters`, `validationOfBody`) have no
route: AutoRest's clients check their constraints before sending, ours leave that to
the service (not a scenario of the server).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

GROUP = "validation"


@pytest.fixture
def client(api: Any) -> Iterator[Any]:
    """The client's subscription id and API version are not used by these two routes."""
    with api.new_client(subscription_id="abc123", api_version="1.0.0") as instance:
        yield instance


def test_get_with_constant_in_path(client: Any) -> None:
    """The path constant is sent without being given."""
    assert client.get_with_constant_in_path() is None


def test_post_with_constant_in_body(client: Any, api: Any) -> None:
    """A model's constant properties are set by default and sent."""
    models = api.models
    product = models.Product(child=models.ChildProduct(), const_child=models.ConstantProduct())
    assert product.to_dict()["constString"] == "constant" and product.to_dict()["constInt"] == 0
    echoed = client.post_with_constant_in_body(body=product)
    assert echoed == product
