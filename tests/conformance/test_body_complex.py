"""body-complex.json: models as JSON bodies: basic ones, wrappers of every primitive
type, arrays and dictionaries in models, inheritance, polymorphism (discriminators,
also with a dot in the JSON name, below the root, missing, recursive), additional
properties and read-only properties.

Expected values from the operations' descriptions and the server's route
(legacy/routes/complex.js). Most PUTs are compared with `_.isEqual` after
`utils.coerceDate`, which turns `...:00.000Z`/`...:00.000+00:00` into `...:00Z` only when
there are fractional seconds.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from conformance_harness import assert_rejected

GROUP = "body-complex"

UTC = timezone.utc
PICTURE = b"\xff\xff\xff\xff\xfe"
BYTES = bytes([255, 254, 253, 252, 0, 250, 249, 248, 247, 246])
DURATION = timedelta(days=123, hours=22, minutes=14, seconds=12, milliseconds=11)
ARRAY = ["1, 2, 3, 4", "", None, "&S#$(*Y", "The quick brown fox jumps over the lazy dog"]
DEFAULT_PROGRAM = {"txt": "notepad", "bmp": "mspaint", "xls": "excel", "exe": "", "": None}
SMART_SALMON_EXTRA = {
    "additionalProperty1": 1,
    "additionalProperty2": False,
    "additionalProperty3": "hello",
    "additionalProperty4": {"a": 1, "b": 2},
    "additionalProperty5": [1, 3],
}
DOUBLE_FIELD = "field_56_zeros_after_the_dot_and_negative_zero_before_dot_and_this_is_a_long_field_name_on_purpose"

KNOWN_GAPS = {
    "test_basic_get_not_provided": "deliberate: an empty 200 body for a schema not declared nullable is an error, not None",
}


# ------------------------------------------------------------------------- helpers


def sharks(models: Any) -> list[Any]:
    """The three siblings of the salmon of /complex/polymorphism/valid and /complicated."""
    return [
        models.Shark(age=6, birthday=datetime(2012, 1, 5, 1, tzinfo=UTC), length=20.0, species="predator"),
        models.Sawshark(
            age=105, birthday=datetime(1900, 1, 5, 1, tzinfo=UTC), length=10.0, picture=PICTURE, species="dangerous"
        ),
        models.Goblinshark(
            age=1,
            birthday=datetime(2015, 8, 8, tzinfo=UTC),
            length=30.0,
            species="scary",
            jawsize=5,
            color="pinkish-gray",  # not one of GoblinSharkColor: extensible enums take any value
        ),
    ]


def salmon(models: Any) -> Any:
    return models.Salmon(location="alaska", iswild=True, species="king", length=1.0, siblings=sharks(models))


def smart_salmon(models: Any) -> Any:
    return models.SmartSalmon(
        location="alaska",
        iswild=True,
        species="king",
        length=1.0,
        siblings=sharks(models),
        additional_properties=dict(SMART_SALMON_EXTRA),
    )


def big_fish(models: Any) -> Any:
    """The fish of /complex/polymorphicrecursive/valid."""

    def shark() -> Any:
        return models.Shark(age=6, birthday=datetime(2012, 1, 5, 1, tzinfo=UTC), species="predator", length=20)

    def sawshark(**kwargs: Any) -> Any:
        return models.Sawshark(
            age=105,
            birthday=datetime(1900, 1, 5, 1, tzinfo=UTC),
            picture=PICTURE,
            species="dangerous",
            length=10,
            **kwargs,
        )

    coho = models.Salmon(location="atlantic", iswild=True, species="coho", length=2, siblings=[shark(), sawshark()])
    predator = models.Shark(
        age=6,
        birthday=datetime(2012, 1, 5, 1, tzinfo=UTC),
        species="predator",
        length=20,
        siblings=[coho, sawshark(siblings=[])],
    )
    return models.Salmon(
        location="alaska", iswild=True, species="king", length=1, siblings=[predator, sawshark(siblings=[])]
    )


def dot_salmon(models: Any, location: str, iswild: bool) -> Any:
    return models.DotSalmon(location=location, iswild=iswild, species="king")


# --------------------------------------------------------------------------- basic


def test_basic_get_valid(client: Any, api: Any) -> None:
    """`{"id": 2, "name": "abc", "color": "YELLOW"}`."""
    models = api.models
    value = client.basic_get_valid()
    assert value == models.Basic(id=2, name="abc", color=models.CMYKColors.YELLOW)
    assert value.color is models.CMYKColors.YELLOW


def test_basic_put_valid(client: Any, api: Any) -> None:
    """The server expects `{"id": 2, "name": "abc", "color": "Magenta"}` (and the
    api-version query parameter, whose only value is the default)."""
    models = api.models
    assert client.basic_put_valid(models.Basic(id=2, name="abc", color=models.CMYKColors.MAGENTA)) is None


def test_basic_get_invalid(strict_client: Any, api: Any) -> None:
    """`{"id": "a", "name": "abc"}`: `id` is an integer, refused under strict response
    validation with the path of the property."""
    assert_rejected(api.package, strict_client.basic_get_invalid, "$.id")


def test_basic_get_invalid_trusted_by_default(client: Any) -> None:
    """The default client trusts the declared types: `from_dict` keeps `"a"`."""
    assert client.basic_get_invalid().id == "a"


def test_basic_get_empty(client: Any, api: Any) -> None:
    """`{ }`: every property absent."""
    assert client.basic_get_empty() == api.models.Basic()


def test_basic_get_null(client: Any, api: Any) -> None:
    """`{"id": null, "name": null}`."""
    assert client.basic_get_null() == api.models.Basic(id=None, name=None)


def test_basic_get_not_provided(client: Any) -> None:
    """200 with no body at all: no value."""
    assert client.basic_get_not_provided() is None


# ----------------------------------------------------------------------- primitive


def test_primitive_get_int(client: Any, api: Any) -> None:
    assert client.primitive_get_int() == api.models.IntWrapper(field1=-1, field2=2)


def test_primitive_put_int(client: Any, api: Any) -> None:
    client.primitive_put_int(api.models.IntWrapper(field1=-1, field2=2))


def test_primitive_get_long(client: Any, api: Any) -> None:
    assert client.primitive_get_long() == api.models.LongWrapper(field1=1099511627775, field2=-999511627788)


def test_primitive_put_long(client: Any, api: Any) -> None:
    client.primitive_put_long(api.models.LongWrapper(field1=1099511627775, field2=-999511627788))


def test_primitive_get_float(client: Any, api: Any) -> None:
    assert client.primitive_get_float() == api.models.FloatWrapper(field1=1.05, field2=-0.003)


def test_primitive_put_float(client: Any, api: Any) -> None:
    client.primitive_put_float(api.models.FloatWrapper(field1=1.05, field2=-0.003))


def test_primitive_get_double(client: Any, api: Any) -> None:
    value = client.primitive_get_double()
    assert value.field1 == 3e-100
    assert getattr(value, DOUBLE_FIELD) == -5e-57


def test_primitive_put_double(client: Any, api: Any) -> None:
    client.primitive_put_double(api.models.DoubleWrapper(field1=3e-100, **{DOUBLE_FIELD: -5e-57}))


def test_primitive_get_bool(client: Any, api: Any) -> None:
    assert client.primitive_get_bool() == api.models.BooleanWrapper(field_true=True, field_false=False)


def test_primitive_put_bool(client: Any, api: Any) -> None:
    client.primitive_put_bool(api.models.BooleanWrapper(field_true=True, field_false=False))


def test_primitive_get_string(client: Any, api: Any) -> None:
    """`{"field": "goodrequest", "empty": "", "null": null}`."""
    assert client.primitive_get_string() == api.models.StringWrapper(field_="goodrequest", empty="", null=None)


def test_primitive_put_string(client: Any, api: Any) -> None:
    client.primitive_put_string(api.models.StringWrapper(field_="goodrequest", empty="", null=None))


def test_primitive_get_date(client: Any, api: Any) -> None:
    """`{"field": "0001-01-01", "leap": "2016-02-29"}`."""
    assert client.primitive_get_date() == api.models.DateWrapper(field_=date(1, 1, 1), leap=date(2016, 2, 29))


def test_primitive_put_date(client: Any, api: Any) -> None:
    client.primitive_put_date(api.models.DateWrapper(field_=date(1, 1, 1), leap=date(2016, 2, 29)))


def test_primitive_get_date_time(client: Any, api: Any) -> None:
    """`{"field": "0001-01-01T00:00:00Z", "now": "2015-05-18T18:38:00Z"}`."""
    value = client.primitive_get_date_time()
    assert value == api.models.DatetimeWrapper(
        field_=datetime(1, 1, 1, tzinfo=UTC), now=datetime(2015, 5, 18, 18, 38, tzinfo=UTC)
    )
    assert value.now.utcoffset() == timedelta(0)


def test_primitive_put_date_time(client: Any, api: Any) -> None:
    """The server expects `{"field": "0001-01-01T00:00:00Z", "now": "2015-05-18T18:38:00Z"}`."""
    client.primitive_put_date_time(
        api.models.DatetimeWrapper(field_=datetime(1, 1, 1, tzinfo=UTC), now=datetime(2015, 5, 18, 18, 38, tzinfo=UTC))
    )


def test_primitive_get_date_time_rfc1123(client: Any, api: Any) -> None:
    """`{"field": "Mon, 01 Jan 0001 00:00:00 GMT", "now": "Mon, 18 May 2015 11:38:00 GMT"}`."""
    value = client.primitive_get_date_time_rfc1123()
    assert value == api.models.Datetimerfc1123Wrapper(
        field_=datetime(1, 1, 1, tzinfo=UTC), now=datetime(2015, 5, 18, 11, 38, tzinfo=UTC)
    )


def test_primitive_put_date_time_rfc1123(client: Any, api: Any) -> None:
    client.primitive_put_date_time_rfc1123(
        api.models.Datetimerfc1123Wrapper(
            field_=datetime(1, 1, 1, tzinfo=UTC), now=datetime(2015, 5, 18, 11, 38, tzinfo=UTC)
        )
    )


def test_primitive_get_duration(client: Any, api: Any) -> None:
    """`{"field": "P123DT22H14M12.011S"}`."""
    assert client.primitive_get_duration() == api.models.DurationWrapper(field_=DURATION)


def test_primitive_put_duration(client: Any, api: Any) -> None:
    client.primitive_put_duration(api.models.DurationWrapper(field_=DURATION))


def test_primitive_get_byte(client: Any, api: Any) -> None:
    """`{"field": base64(FF FE FD FC 00 FA F9 F8 F7 F6)}`."""
    assert client.primitive_get_byte() == api.models.ByteWrapper(field_=BYTES)


def test_primitive_put_byte(client: Any, api: Any) -> None:
    client.primitive_put_byte(api.models.ByteWrapper(field_=BYTES))


# --------------------------------------------------------------------------- array


def test_array_get_valid(client: Any, api: Any) -> None:
    assert client.array_get_valid() == api.models.ArrayWrapper(array=ARRAY)


def test_array_put_valid(client: Any, api: Any) -> None:
    """The server compares the JSON text: `{"array":["1, 2, 3, 4","",null,...]}`."""
    client.array_put_valid(api.models.ArrayWrapper(array=list(ARRAY)))


def test_array_get_empty(client: Any, api: Any) -> None:
    assert client.array_get_empty() == api.models.ArrayWrapper(array=[])


def test_array_put_empty(client: Any, api: Any) -> None:
    """An empty list is sent (`{"array":[]}`), not left out."""
    client.array_put_empty(api.models.ArrayWrapper(array=[]))


def test_array_get_not_provided(client: Any, api: Any) -> None:
    """`{}`."""
    assert client.array_get_not_provided() == api.models.ArrayWrapper(array=None)


# ---------------------------------------------------------------------- dictionary


def test_dictionary_get_valid(client: Any, api: Any) -> None:
    assert client.dictionary_get_valid() == api.models.DictionaryWrapper(default_program=DEFAULT_PROGRAM)


def test_dictionary_put_valid(client: Any, api: Any) -> None:
    client.dictionary_put_valid(api.models.DictionaryWrapper(default_program=dict(DEFAULT_PROGRAM)))


def test_dictionary_get_empty(client: Any, api: Any) -> None:
    assert client.dictionary_get_empty() == api.models.DictionaryWrapper(default_program={})


def test_dictionary_put_empty(client: Any, api: Any) -> None:
    """The server compares the JSON text: `{"defaultProgram":{}}`."""
    client.dictionary_put_empty(api.models.DictionaryWrapper(default_program={}))


def test_dictionary_get_null(client: Any, api: Any) -> None:
    """`{"defaultProgram": null}`."""
    assert client.dictionary_get_null() == api.models.DictionaryWrapper(default_program=None)


def test_dictionary_get_not_provided(client: Any, api: Any) -> None:
    """`{}`."""
    assert client.dictionary_get_not_provided() == api.models.DictionaryWrapper(default_program=None)


# --------------------------------------------------------------------- inheritance


def siamese(models: Any) -> Any:
    return models.Siamese(
        id=2,
        name="Siameeee",
        color="green",
        breed="persian",
        hates=[
            models.Dog(id=1, name="Potato", food="tomato"),
            models.Dog(id=-1, name="Tomato", food="french fries"),
        ],
    )


def test_inheritance_get_valid(client: Any, api: Any) -> None:
    value = client.inheritance_get_valid()
    assert value == siamese(api.models)
    assert isinstance(value, api.models.Cat)


def test_inheritance_put_valid(client: Any, api: Any) -> None:
    client.inheritance_put_valid(siamese(api.models))


# -------------------------------------------------------------------- polymorphism


def test_polymorphism_get_valid(client: Any, api: Any) -> None:
    """A salmon with a shark, a sawshark and a goblin shark as siblings: each one is
    read as its own class."""
    models = api.models
    value = client.polymorphism_get_valid()
    assert value == salmon(models)
    assert [type(fish) for fish in value.siblings] == [models.Shark, models.Sawshark, models.Goblinshark]


def test_polymorphism_put_valid(client: Any, api: Any) -> None:
    client.polymorphism_put_valid(salmon(api.models))


def test_polymorphism_get_dot_syntax(client: Any, api: Any) -> None:
    """The discriminator is `fish.type`: `{"fish.type": "DotSalmon", ...}`."""
    models = api.models
    value = client.polymorphism_get_dot_syntax()
    assert isinstance(value, models.DotSalmon)
    assert value == models.DotSalmon(location="sweden", iswild=True, species="king")
    assert value.fish_type == "DotSalmon"


def test_polymorphism_get_composed_with_discriminator(client: Any, api: Any) -> None:
    models = api.models
    value = client.polymorphism_get_composed_with_discriminator()
    assert value == models.DotFishMarket(
        sample_salmon=dot_salmon(models, "sweden", False),
        salmons=[dot_salmon(models, "sweden", False), dot_salmon(models, "atlantic", True)],
        sample_fish=dot_salmon(models, "australia", False),
        fishes=[dot_salmon(models, "australia", False), dot_salmon(models, "canada", True)],
    )


def test_polymorphism_get_composed_without_discriminator(client: Any, api: Any) -> None:
    """The same market with no `fish.type` anywhere: each fish is read as its declared
    class (DotSalmon, or the base DotFish)."""
    models = api.models
    value = client.polymorphism_get_composed_without_discriminator()
    assert isinstance(value, models.DotFishMarket)
    assert value.sample_salmon == dot_salmon(models, "sweden", False)
    assert value.salmons == [dot_salmon(models, "sweden", False), dot_salmon(models, "atlantic", True)]
    fishes = [value.sample_fish, *value.fishes]
    assert all(isinstance(fish, models.DotFish) for fish in fishes)
    assert [fish.species for fish in fishes] == ["king", "king", "king"]


def test_polymorphism_get_complicated(client: Any, api: Any) -> None:
    """A `smart_salmon` (a subtype of the declared `salmon`) with additional properties."""
    models = api.models
    value = client.polymorphism_get_complicated()
    assert isinstance(value, models.SmartSalmon)
    assert value == smart_salmon(models)
    assert value.additional_properties == SMART_SALMON_EXTRA


def test_polymorphism_put_complicated(client: Any, api: Any) -> None:
    client.polymorphism_put_complicated(smart_salmon(api.models))


def test_polymorphism_put_missing_discriminator(client: Any, api: Any) -> None:
    """The server wants the salmon with its `fishtype` and answers it back without it:
    the answer is read as the declared Salmon."""
    models = api.models
    value = client.polymorphism_put_missing_discriminator(salmon(models))
    assert value == salmon(models)


def test_polymorphism_put_valid_missing_required(client: Any, api: Any) -> None:
    """A sawshark sibling without its required `birthday`: the client cannot even build
    it, so nothing is sent (the server answers 400 to anything it receives here)."""
    models = api.models
    with pytest.raises(TypeError):
        client.polymorphism_put_valid_missing_required(
            models.Sawshark(
                species="snaggle toothed",
                length=18.5,
                age=2,
                birthday=datetime(2013, 6, 1, 1, tzinfo=UTC),
                picture=PICTURE,
                siblings=[
                    models.Shark(species="predator", birthday=datetime(2012, 1, 5, 1, tzinfo=UTC), length=20, age=6),
                    models.Sawshark(species="dangerous", picture=PICTURE, length=10, age=105),
                ],
            )
        )


def test_polymorphicrecursive_get_valid(client: Any, api: Any) -> None:
    models = api.models
    value = client.polymorphicrecursive_get_valid()
    assert value == big_fish(models)
    assert isinstance(value.siblings[0].siblings[0], models.Salmon)


def test_polymorphicrecursive_put_valid(client: Any, api: Any) -> None:
    client.polymorphicrecursive_put_valid(big_fish(api.models))


# ----------------------------------------------------------------------- read-only


def test_readonlyproperty_get_valid(client: Any, api: Any) -> None:
    """`{"id": "1234", "size": 2}`; `id` is read-only."""
    assert client.readonlyproperty_get_valid() == api.models.ReadonlyObj(id="1234", size=2)


def test_readonlyproperty_put_valid(client: Any, api: Any) -> None:
    """The object as the server gave it: the read-only `id` must not be sent back (the
    server answers 400 when it is)."""
    client.readonlyproperty_put_valid(api.models.ReadonlyObj(id="1234", size=2))


# ------------------------------------------------------------------------- flatten


def test_flattencomplex_get_valid(client: Any, api: Any) -> None:
    """The server has no route (and no scenario) for /complex/flatten/valid: it answers
    404, which the client raises as a NotFoundError."""
    with pytest.raises(api.package.NotFoundError) as caught:
        client.flattencomplex_get_valid()
    assert caught.value.status_code == 404
