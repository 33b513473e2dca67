"""The layouts of generator/render/layout.py are black's: black gives them back unchanged."""

from __future__ import annotations

import keyword
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cache import Cache
from generator.errors import Warnings
from generator.formatting import _MEMBER_HEADER, _black, split_module
from generator.ir.build import BuildOptions
from generator.pipeline import Job, load_api
from generator.render.escaping import py_string
from generator.render.layout import annotated, bracket, fits, import_from, operator_chain, py_data, split_right
from generator.render.templates import load_template_set, render
from helpers import DERANDOMIZE, REPO, shared_path

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


_TYPE_NAMES = st.from_regex(r"[A-Z][A-Za-z0-9]{0,45}", fullmatch=True)
_ANNOTATIONS = st.one_of(
    _TYPE_NAMES,
    st.lists(_TYPE_NAMES, min_size=2, max_size=4).map(" | ".join),  # a union: in parentheses when too long
    _TYPE_NAMES.map(lambda name: f"list[{name}]"),
    st.tuples(_TYPE_NAMES, _TYPE_NAMES).map(lambda pair: f"list[{pair[0]} | str] | {pair[1]} | None"),
)


@settings(max_examples=80, deadline=None, derandomize=DERANDOMIZE)
@given(
    st.from_regex(r"[a-z][a-z_]{0,40}", fullmatch=True).filter(lambda name: not keyword.iskeyword(name)),
    _ANNOTATIONS,
    st.sampled_from([None, "None", '"active"']),
)
def test_long_annotations_are_laid_out_as_black_does(name: str, annotation: str, default: str | None) -> None:
    tail = "," if default is None else f" = {default},"
    for indent, template in [
        (4, "def f(\n    x: int,\n    {}\n) -> None:\n    pass\n"),
        (8, "class C:\n    def f(\n        self,\n        {}\n    ) -> None:\n        pass\n"),
    ]:
        line = f"{name}: {annotation}{tail}"
        laid_out = annotated(f"{name}: ", annotation, tail, indent)
        if " | " in annotation and not fits(line, indent) and fits(annotation, indent + 4):
            assert laid_out.startswith(f"{name}: (\n")  # the case black's output depends on
        if laid_out != line or fits(line, indent):  # what it leaves too long is black's to split
            _stable(template.format(laid_out))
    returns = annotated(") -> ", annotation, ":")
    if returns != f") -> {annotation}:" or fits(returns):
        _stable(f"def f(\n    x: int,\n{returns}\n    pass\n")


@settings(max_examples=80, deadline=None, derandomize=DERANDOMIZE)
@given(
    _TYPE_NAMES,
    st.from_regex(r"[a-z][a-z_]{0,40}", fullmatch=True).filter(lambda name: not keyword.iskeyword(name)),
    st.sampled_from(["list", "nullable list", "dict"]),
)
def test_long_comprehensions_are_laid_out_as_black_does(model: str, name: str, shape: str) -> None:
    element = f"{model}.from_dict(item)"
    if shape == "nullable list":
        element = f"None if item is None else {element}"
    source = f'data["{name}"]'
    comprehension = f"{{key: {element} for key, item in {source}.items()}}" if shape == "dict" else f"[{element} for item in {source}]"
    for line, indent, template in [
        (f"{name}={comprehension},", 12, "def f():\n    if z:\n        return cls(\n            x=1,\n            {}\n        )\n"),
        (f"result: Any = {comprehension}", 8, "def f():\n    if x:\n        {}\n"),
        (
            f"else {comprehension}",
            16,
            "def f():\n    if z:\n        return cls(\n            x=(\n                None\n                if y is None\n                {}\n            ),\n        )\n",
        ),
    ]:
        laid_out = split_right(line, indent)
        clause = f"for key, item in {source}.items()" if shape == "dict" else f"for item in {source}"
        head = line[: line.index(comprehension) + 1]
        if not fits(line, indent) and fits(head, indent) and fits(element, indent + 4) and fits(clause, indent + 4):
            assert laid_out != line  # the case black's output depends on
        if laid_out != line or (fits(line, indent) and not line.startswith("else")):  # a short conditional is one line
            _stable(template.format(laid_out))


@settings(max_examples=80, deadline=None, derandomize=DERANDOMIZE)
@given(
    st.from_regex(r"[a-z][a-z_]{0,30}", fullmatch=True).filter(lambda name: not keyword.iskeyword(name)),
    _TYPE_NAMES,
    st.lists(st.from_regex(r"_[A-Z][A-Z_]{0,80}", fullmatch=True) | _KEYS.map(py_string), min_size=1, max_size=3),
)
def test_long_arguments_are_laid_out_as_black_does(name: str, model: str, values: list[str]) -> None:
    line = f"{name}={model}.from_dict({', '.join(values)}),"
    laid_out = split_right(line, 12, argument=True)
    if not fits(line, 12) and len(values) == 1:
        assert laid_out != line  # split at the last bracket, even when a part stays too long
    if laid_out != line or fits(line, 12):
        _stable(f"def f():\n    if z:\n        return cls(\n            x=1,\n            {laid_out}\n        )\n")


def _pieces_black_changes(spec: Path, ref_root: Path | None = None) -> list[str]:
    """The paths and first lines of the rendered pieces black would change (it formats
    each of those twice), as `format_files` cuts the modules."""
    job = Job(specs=(spec,), options=BuildOptions(package_name="pkg"), ref_root=ref_root)
    api = load_api(spec, job, Warnings(), Cache(None))
    changed = []
    for rendered in render(load_template_set("python", [], [], {}), api):
        for piece in split_module(rendered.text) if rendered.formatter == "black" else []:
            source = (_MEMBER_HEADER if piece.member else "") + piece.text
            if _black(source).strip() != source.strip():
                changed.append(f"{rendered.path}: {piece.text.splitlines()[0]}")
    return changed


@pytest.mark.parametrize(
    "spec",
    [REPO / "specs" / "transfer_to_participant.yaml", REPO / "tests/golden/edge_cases/spec.yaml", REPO / "tests/golden/azure_swagger/spec.json"],
    ids=lambda spec: spec.parent.name if spec.name.startswith("spec.") else spec.stem,
)
def test_the_templates_render_these_specs_as_black_lays_them_out(spec: Path) -> None:
    assert _pieces_black_changes(spec) == []  # else black formats those pieces twice: see benchmarks/black_passes.py


def test_the_templates_render_call_automation_as_black_lays_it_out() -> None:
    upstream = shared_path("reference", "upstream")
    spec = upstream / "CallAutomation" / "stable" / "2024-09-15" / "communicationservicescallautomation.json"
    assert _pieces_black_changes(spec, upstream) == []
