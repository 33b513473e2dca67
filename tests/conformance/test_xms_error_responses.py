"""xms-error-responses.json: typed error responses (`x-ms-error-response`), with
discriminated error models, per status code.

Expected values from the server's route (legacy/routes/errorStatusCodes.js):

- GET /errorStatusCodes/Pets/{petId}/GetPet: `tommy` 200 Pet; `django` 202 no body;
  `coyoteUgly` 404 AnimalNotFound; `weirdAlYankovic` 404 LinkNotFound
  (`whatNotFound: InvalidResourceLink`); `ringo` 400 with the JSON string
  "ringo is missing"; `alien123` 501 with the JSON integer 123; anything else 402
  (the `default` answer, no schema).
- POST /errorStatusCodes/Pets/doSomething/{whatAction}: `stay` 200; `jump` 500
  PetSadError; `fetch` 404 PetHungryOrThirstyError (the `default` schema).
- POST /errorStatusCodes/Pets/hasModelsParam: 500 PetSadError when the query parameter
  `models` is `value1`, its `x-ms-client-default` (optional scenario
  sendErrorWithParamNameModels); 400 otherwise.
"""

from __future__ import annotations

from typing import Any

import pytest

GROUP = "xms-error-responses"



def test_get_pet_by_id(client: Any, api: Any) -> None:
    pet = client.pet.get_pet_by_id("tommy")
    assert isinstance(pet, api.models.Pet)
    assert pet.name == "Tommy Tomson"
    assert pet.ani_type == "Dog"


def test_get_pet_accepted(client: Any) -> None:
    """202 is a declared success without a body."""
    assert client.pet.get_pet_by_id("django") is None


def test_get_pet_animal_not_found(client: Any, api: Any) -> None:
    """The 404 schema is NotFoundErrorBase; `whatNotFound` picks the AnimalNotFound subtype."""
    with pytest.raises(api.package.NotFoundError) as caught:
        client.pet.get_pet_by_id("coyoteUgly")
    error = caught.value
    assert error.status_code == 404
    assert isinstance(error.body, api.models.AnimalNotFound)
    assert error.body.what_not_found == "AnimalNotFound"
    assert error.body.name == "coyote"
    assert error.body.reason == "the type of animal requested is not available"
    assert error.body.some_base_prop == "problem finding animal"


def test_get_pet_link_not_found(client: Any, api: Any) -> None:
    """`whatNotFound: InvalidResourceLink` is LinkNotFound's `x-ms-discriminator-value`."""
    with pytest.raises(api.package.NotFoundError) as caught:
        client.pet.get_pet_by_id("weirdAlYankovic")
    error = caught.value
    assert error.status_code == 404
    assert isinstance(error.body, api.models.LinkNotFound)
    assert error.body.what_not_found == "InvalidResourceLink"
    assert error.body.what_sub_address == "pet/yourpet was not found"
    assert error.body.reason == "link to pet not found"
    assert error.body.some_base_prop == "problem finding pet"


def test_get_pet_string_error(client: Any, api: Any) -> None:
    """The 400 error response's schema is a string: the body is that string."""
    with pytest.raises(api.package.ApiError) as caught:
        client.pet.get_pet_by_id("ringo")
    assert caught.value.status_code == 400
    assert caught.value.body == "ringo is missing"


def test_get_pet_int_error(client: Any, api: Any) -> None:
    """The 501 error response's schema is an integer: the body is that integer."""
    with pytest.raises(api.package.ApiError) as caught:
        client.pet.get_pet_by_id("alien123")
    assert caught.value.status_code == 501
    assert caught.value.body == 123


def test_get_pet_default_error(client: Any, api: Any) -> None:
    """402 falls to the `default` answer, which has no schema: an ApiError without a body."""
    with pytest.raises(api.package.ApiError) as caught:
        client.pet.get_pet_by_id("nobody")
    assert caught.value.status_code == 402
    assert caught.value.body is None


def test_do_something(client: Any, api: Any) -> None:
    """The server answers the Pet `{"name": ..., "aniType": ...}`: a PetAction without `actionResponse`."""
    action = client.pet.do_something("stay")
    assert isinstance(action, api.models.PetAction)
    assert action.action_response is None


def test_do_something_sad_error(client: Any, api: Any) -> None:
    """500 is PetActionError; `errorType: PetSadError` picks the subtype."""
    with pytest.raises(api.package.ApiError) as caught:
        client.pet.do_something("jump")
    error = caught.value
    assert error.status_code == 500
    assert isinstance(error.body, api.models.PetSadError)
    assert not isinstance(error.body, api.models.PetHungryOrThirstyError)
    assert error.body.error_type == "PetSadError"
    assert error.body.error_message == "casper aint happy"
    assert error.body.reason == "need more treats"
    assert error.body.action_response == "grrrr"


def test_do_something_hungry_error(client: Any, api: Any) -> None:
    """404 is not declared: the `default` schema (PetActionError) applies, whose
    `errorType` picks PetHungryOrThirstyError, a subtype of a subtype."""
    with pytest.raises(api.package.NotFoundError) as caught:
        client.pet.do_something("fetch")
    error = caught.value
    assert error.status_code == 404
    assert isinstance(error.body, api.models.PetHungryOrThirstyError)
    assert error.body.error_type == "PetHungryOrThirstyError"
    assert error.body.hungry_or_thirsty == "hungry and thirsty"
    assert error.body.reason == "need more everything"
    assert error.body.error_message == "scooby is low"
    assert error.body.action_response == "howl"


def test_has_models_param(client: Any, api: Any) -> None:
    """Called without arguments, `models` takes its client default `value1`; the server
    then answers 500 with a PetSadError, which must parse although the parameter is
    named like the models module."""
    with pytest.raises(api.package.ApiError) as caught:
        client.pet.has_models_param()
    error = caught.value
    assert error.status_code == 500
    assert isinstance(error.body, api.models.PetSadError)
    assert error.body.error_type == "PetSadError"
    assert error.body.reason == "need more treats"
