"""extensible-enums-swagger.json: `modelAsString` (extensible) enums in a model: known
values come back as enum members, others as plain strings, and both can be sent.

Expected values from the server's route (legacy/routes/extensibleEnums.js).
"""

from __future__ import annotations

from typing import Any

GROUP = "extensible-enums-swagger"


def test_get_by_pet_id_expected_enum(client: Any, api: Any) -> None:
    """`tommy`: `{"DaysOfWeek": "Monday", "IntEnum": "1", "name": "Tommy Tomson"}`."""
    models = api.models
    pet = client.pet.get_by_pet_id("tommy")
    assert isinstance(pet, models.Pet)
    assert pet.name == "Tommy Tomson"
    assert pet.days_of_week is models.DaysOfWeekExtensibleEnum.MONDAY
    assert pet.int_enum is models.IntEnum.VALUE_1


def test_get_by_pet_id_unexpected_enum(client: Any, api: Any) -> None:
    """`casper`: `"DaysOfWeek": "Weekend"` is no member; it comes back as the string."""
    models = api.models
    pet = client.pet.get_by_pet_id("casper")
    assert pet.name == "Casper Ghosty"
    assert pet.days_of_week == "Weekend"
    assert not isinstance(pet.days_of_week, models.DaysOfWeekExtensibleEnum)
    assert pet.int_enum is models.IntEnum.VALUE_2


def test_get_by_pet_id_allowed_value_enum(client: Any, api: Any) -> None:
    """`scooby`: `"IntEnum": "2.1"` is one of the `allowedValues` of "2", not a member."""
    models = api.models
    pet = client.pet.get_by_pet_id("scooby")
    assert pet.name == "Scooby Scarface"
    assert pet.days_of_week is models.DaysOfWeekExtensibleEnum.THURSDAY
    assert pet.int_enum == "2.1"
    assert not isinstance(pet.int_enum, models.IntEnum)


def test_add_pet_round_trip(client: Any, api: Any) -> None:
    """The server wants `name: "Retriever"` and answers with the body it received."""
    models = api.models
    sent = models.Pet(
        name="Retriever",
        int_enum=models.IntEnum.VALUE_3,
        days_of_week=models.DaysOfWeekExtensibleEnum.FRIDAY,
    )
    assert client.pet.add_pet(pet_param=sent) == sent


def test_add_pet_round_trip_unknown_values(client: Any, api: Any) -> None:
    """Values outside the enums are sent and received as they are."""
    models = api.models
    back = client.pet.add_pet(pet_param=models.Pet(name="Retriever", int_enum="3.3", days_of_week="Weekend"))
    assert back == models.Pet(name="Retriever", int_enum="3.3", days_of_week="Weekend")
