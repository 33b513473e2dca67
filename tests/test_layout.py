"""The layouts of generator/render/layout.py are black's: black gives them back unchanged."""

from __future__ import annotations

import keyword
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.formatting import _black
from generator.render.escaping import py_string
from generator.render.layout import bracket, fits, import_from, operator_chain, py_data, split_right
from helpers import DERANDOMIZE

_KEYS = st.text(alphabet=st.sampled_from("abcXYZ_ -'\"\\é中\n"), max_size=30)
_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _KEYS
JSON = st.recursive(
    _SCALARS,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(_KEYS, children, max_size=5),
    max_leaves=40,
)


def _stable(text: str) -> None:
    assert _black(text) == text


@settings(max_examples=150, deadline=None, derandomize=DERANDOMIZE)
@given(JSON, st.sampled_from(["X = ", "VERY_LONG_NAME_OF_A_CONSTANT_" * 2 + " = "]))
def test_data_literals_are_laid_out_as_black_does(value: Any, target: str) -> None:
    _stable(py_data(value, 0, target) + "\n")


@settings(max_examples=60, deadline=None, derandomize=DERANDOMIZE)
@given(JSON)
def test_nested_data_literals_are_laid_out_as_black_does(value: Any) -> None:
    inner = py_data(value, 8, "json=", ",")
    _stable(f"def f():\n    return g(\n        1,\n        {inner}\n    )\n")


@settings(max_examples=40, deadline=None, derandomize=DERANDOMIZE)
@given(st.lists(st.from_regex(r"[A-Z][a-zA-Z0-9]{0,40}", fullmatch=True), min_size=1, max_size=30, unique=True))
def test_imports_and_calls_are_laid_out_as_black_does(names: list[str]) -> None:
    _stable(import_from("package.models", names) + "\n")
    _stable(bracket("result = function(", names, ")") + "\n")
    _stable("def f():\n    " + bracket("return function(", names, ")", 4) + "\n")


@settings(max_examples=40, deadline=None, derandomize=DERANDOMIZE)
@given(
    st.lists(
        st.from_regex(r"[a-z][a-z0-9_]{0,30}", fullmatch=True).filter(lambda name: not keyword.iskeyword(name)),
        min_size=1,
        max_size=8,
        unique=True,
    )
)
def test_definitions_and_operator_chains_are_laid_out_as_black_does(names: list[str]) -> None:
    parameters = [f"{name}: int" for name in names]
    _stable(bracket("def function_with_a_long_name(", parameters, ") -> dict[str, int]:", is_def=True) + "\n    pass\n")
    chain = operator_chain(["base_url", *(f'"/{name}"' for name in names)], "+", ",", 8)
    _stable(f"def f():\n    return g(\n        {chain}\n    )\n")


@settings(max_examples=60, deadline=None, derandomize=DERANDOMIZE)
@given(
    st.from_regex(r"[a-z_]{1,30}", fullmatch=True).filter(lambda name: not keyword.iskeyword(name)),
    st.lists(
        st.from_regex(r"[a-z_]{1,25}", fullmatch=True).filter(lambda item: not keyword.iskeyword(item))
        | _KEYS.map(py_string),
        min_size=1,
        max_size=3,
    ),
    st.sampled_from(["call(", "Model.from_dict(", "[", "{"]),
)
def test_lines_split_at_their_last_bracket_as_black_does(name: str, items: list[str], opening: str) -> None:
    closing = {"(": ")", "[": "]", "{": "}"}[opening[-1]]
    inner = ", ".join(f"{item}: 1" for item in items) if opening == "{" else ", ".join(items)
    for line, indent, template in [
        (f'"{name}": {opening}{inner}{closing},', 4, "X = {{\n    {}\n}}\n"),
        (f"{name}={opening}{inner}{closing},", 8, "def f():\n    return g(\n        {}\n    )\n"),
    ]:
        laid_out = split_right(line, indent)
        if laid_out != line or fits(line, indent):  # what it leaves too long is black's to split
            _stable(template.format(laid_out))
