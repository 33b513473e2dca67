"""multiple-inheritance.json: models that inherit from two (`Cat` is a `Pet` and a
`Feline`; `Kitten` a `Cat`) (legacy/routes/multipleInheritance.js)."""

from __future__ import annotations

from typing import Any

GROUP = "multiple-inheritance"


def test_get_pet(client: Any, api: Any) -> None:
    assert client.get_pet() == api.models.Pet(name="Peanut")


def test_put_pet(client: Any, api: Any) -> None:
    assert client.put_pet(api.models.Pet(name="Butter")) == "Pet was correct!"


def test_get_horse(client: Any, api: Any) -> None:
    assert client.get_horse() == api.models.Horse(name="Fred", is_a_show_horse=True)


def test_put_horse(client: Any, api: Any) -> None:
    assert client.put_horse(api.models.Horse(name="General", is_a_show_horse=False)) == "Horse was correct!"


def test_get_feline(client: Any, api: Any) -> None:
    assert client.get_feline() == api.models.Feline(meows=True, hisses=True)


def test_put_feline(client: Any, api: Any) -> None:
    assert client.put_feline(api.models.Feline(meows=False, hisses=True)) == "Feline was correct!"


def test_get_cat(client: Any, api: Any) -> None:
    cat = client.get_cat()
    assert cat == api.models.Cat(name="Whiskers", likes_milk=True, meows=True, hisses=True)
    assert isinstance(cat, api.models.Pet)


def test_put_cat(client: Any, api: Any) -> None:
    cat = api.models.Cat(name="Boots", likes_milk=False, meows=True, hisses=False)
    assert client.put_cat(cat) == "Cat was correct!"


def test_get_kitten(client: Any, api: Any) -> None:
    kitten = client.get_kitten()
    expected = api.models.Kitten(name="Gatito", likes_milk=True, meows=True, hisses=True, eats_mice_yet=False)
    assert kitten == expected
    assert isinstance(kitten, api.models.Cat)


def test_put_kitten(client: Any, api: Any) -> None:
    kitten = api.models.Kitten(name="Kitty", likes_milk=False, meows=True, hisses=False, eats_mice_yet=True)
    assert client.put_kitten(kitten) == "Kitten was correct!"
