"""additionalProperties.json: models with properties beyond the declared ones
(`additionalProperties: true`, `{}`, `{type: string}`), inherited, and a declared
property that is itself named `additionalProperties`.

Expected values from the server's routes (dist/test-routes/additional-properties.js):
each PUT wants the body below and answers it back with `"status": true` (read-only).
"""

from __future__ import annotations

from typing import Any

GROUP = "additionalProperties"

PUPPY_EXTRA = {"birthdate": "2017-12-13T02:29:51Z", "complexProperty": {"color": "Red"}}
FEET = {"height": 5.61, "weight": 599, "footsize": 11.5}


def test_create_ap_true(client: Any, api: Any) -> None:
    models = api.models
    pet = models.PetAPTrue(id=1, name="Puppy", additional_properties=dict(PUPPY_EXTRA))
    back = client.pets.create_ap_true(pet)
    assert isinstance(back, models.PetAPTrue)
    assert (back.id, back.name, back.status) == (1, "Puppy", True)
    assert back.additional_properties == PUPPY_EXTRA


def test_create_cat_ap_true(client: Any, api: Any) -> None:
    """The additional properties of the base model are the subclass's too."""
    models = api.models
    cat = models.CatAPTrue(id=1, name="Lisa", friendly=True, additional_properties=dict(PUPPY_EXTRA))
    back = client.pets.create_cat_ap_true(cat)
    assert isinstance(back, models.CatAPTrue)
    assert (back.id, back.name, back.friendly, back.status) == (1, "Lisa", True, True)
    assert back.additional_properties == PUPPY_EXTRA


def test_create_ap_object(client: Any, api: Any) -> None:
    """`additionalProperties: {}`: any JSON value, here a list of objects and a base64 text."""
    models = api.models
    extra = {
        "siblings": [{"id": 1, "name": "Puppy", **PUPPY_EXTRA}],
        "picture": "//////4=",  # base64 of FF FF FF FF FE
    }
    back = client.pets.create_ap_object(models.PetAPObject(id=2, name="Hira", additional_properties=extra))
    assert isinstance(back, models.PetAPObject)
    assert (back.id, back.name, back.status) == (2, "Hira", True)
    assert back.additional_properties == extra


def test_create_ap_string(client: Any, api: Any) -> None:
    """`additionalProperties: {type: string}`."""
    models = api.models
    extra = {"color": "red", "weight": "10 kg", "city": "Bombay"}
    back = client.pets.create_ap_string(models.PetAPString(id=3, name="Tommy", additional_properties=extra))
    assert isinstance(back, models.PetAPString)
    assert (back.id, back.name, back.status) == (3, "Tommy", True)
    assert back.additional_properties == extra


def test_create_ap_in_properties(client: Any, api: Any) -> None:
    """A declared property named `additionalProperties` (a map of numbers); the model
    itself takes no extra properties."""
    models = api.models
    pet = models.PetAPInProperties(id=4, name="Bunny", additional_properties_=dict(FEET))
    back = client.pets.create_ap_in_properties(pet)
    assert isinstance(back, models.PetAPInProperties)
    assert (back.id, back.name, back.status) == (4, "Bunny", True)
    assert back.additional_properties_ == FEET


def test_create_ap_in_properties_with_ap_string(client: Any, api: Any) -> None:
    """Both: the declared `additionalProperties` property and extra string properties,
    plus a property whose JSON name has a dot (`@odata.location`)."""
    models = api.models
    extra = {"color": "red", "city": "Seattle", "food": "tikka masala"}
    pet = models.PetAPInPropertiesWithAPString(
        id=5,
        name="Funny",
        odata_location="westus",
        additional_properties_=dict(FEET),
        additional_properties=dict(extra),
    )
    back = client.pets.create_ap_in_properties_with_ap_string(pet)
    assert isinstance(back, models.PetAPInPropertiesWithAPString)
    assert (back.id, back.name, back.status, back.odata_location) == (5, "Funny", True, "westus")
    assert back.additional_properties_ == FEET
    assert back.additional_properties == extra
