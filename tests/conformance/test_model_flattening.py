"""model-flattening.json: models whose properties AutoRest flattens
(`x-ms-client-flatten`) (legacy/routes/model-flatten.js mounted at `/model-flatten`).

`x-ms-client-flatten` is not honoured (a located warning): the flattened properties
stay nested objects (`FlattenedProduct.properties.p_name` where AutoRest's model has
`p_name`), and a flattened body stays one model argument. The JSON on the wire is the
same, so the scenarios are driven with the nested models: the bodies below are the
route's, parsed with the models' `from_dict`.
"""

from __future__ import annotations

from typing import Any

GROUP = "model-flattening"

FLAT = {"p.name": "Product1", "type": "Flat"}
ARRAY_BODY = [{"location": "West US", "tags": {"tag1": "value1", "tag2": "value3"}}, {"location": "Building 44"}]
DICTIONARY_BODY = {
    "Resource1": {"location": "West US", "tags": {"tag1": "value1", "tag2": "value3"}, "properties": FLAT},
    "Resource2": {"location": "Building 44", "properties": {"p.name": "Product2", "type": "Flat"}},
}
COLLECTION_BODY = {
    "arrayofresources": [
        {"location": "West US", "tags": {"tag1": "value1", "tag2": "value3"}, "properties": FLAT},
        {"location": "East US", "properties": {"p.name": "Product2", "type": "Flat"}},
    ],
    "dictionaryofresources": DICTIONARY_BODY,
    "productresource": {"location": "India", "properties": {"p.name": "Azure", "type": "Flat"}},
}
CUSTOM_BODY = {
    "base_product_id": "123",
    "base_product_description": "product description",
    "details": {
        "max_product_display_name": "max name",
        "max_product_capacity": "Large",
        "max_product_image": {"@odata.value": "http://foo"},
    },
}
CUSTOM_BODY_INHERITED = {
    **CUSTOM_BODY,
    "details": {
        **CUSTOM_BODY["details"],
        "max_product_image": {"@odata.value": "http://foo", "generic_value": "https://generic"},
    },
}


def _check_product_1(product: Any) -> None:
    assert (product.id, product.name, product.location, product.type_) == (
        "1",
        "Resource1",
        "Building 44",
        "Microsoft.Web/sites",
    )
    assert product.tags == {"tag1": "value1", "tag2": "value3"}
    properties = product.properties
    assert (properties.p_name, properties.type_, properties.provisioning_state) == ("Product1", "Flat", "Succeeded")
    assert properties.provisioning_state_values == "OK"


def test_get_array(client: Any) -> None:
    products = client.get_array()
    _check_product_1(products[0])
    assert [(p.id, p.name, p.location, p.properties) for p in products[1:]] == [
        ("2", "Resource2", "Building 44", None),
        ("3", "Resource3", None, None),
    ]


def test_put_array(client: Any, api: Any) -> None:
    client.put_array(resource_array=[api.models.FlattenedProduct.from_dict(item) for item in ARRAY_BODY])


def test_get_dictionary(client: Any) -> None:
    products = client.get_dictionary()
    _check_product_1(products["Product1"])
    assert sorted(products) == ["Product1", "Product2", "Product3"]


def test_put_dictionary(client: Any, api: Any) -> None:
    body = {key: api.models.FlattenedProduct.from_dict(value) for key, value in DICTIONARY_BODY.items()}
    client.put_dictionary(resource_dictionary=body)


def test_get_resource_collection(client: Any) -> None:
    collection = client.get_resource_collection()
    _check_product_1(collection.dictionaryofresources["Product1"])
    assert collection.arrayofresources[0].properties.p_name == "Product4"
    assert (collection.productresource.id, collection.productresource.name) == ("7", "Resource7")


def test_put_resource_collection(client: Any, api: Any) -> None:
    client.put_resource_collection(resource_complex_object=api.models.ResourceCollection.from_dict(COLLECTION_BODY))


def test_put_simple_product(client: Any, api: Any) -> None:
    product = api.models.SimpleProduct.from_dict(CUSTOM_BODY_INHERITED)
    assert client.put_simple_product(simple_body_product=product) == product


def test_post_flattened_simple_product(client: Any, api: Any) -> None:
    product = api.models.SimpleProduct.from_dict(CUSTOM_BODY)
    assert client.post_flattened_simple_product(simple_body_product=product) == product


def test_put_simple_product_with_grouping(client: Any, api: Any) -> None:
    product = api.models.SimpleProduct.from_dict(CUSTOM_BODY)
    assert client.put_simple_product_with_grouping("groupproduct", simple_body_product=product) == product
