"""Escaping filters: any text becomes an inert literal, docstring or comment."""

from __future__ import annotations

import ast

import pytest

from generator.formatting import _black
from generator.render.escaping import comment, docstring, py_literal, py_string

NASTY = [
    "",
    'quote " and \' and """ and \'\'\'',
    "back\\slash at end \\",
    "new\nline\r\nand\ttab",
    "\x00\x07\x1b control",
    "line\u2028separator\u2029and\x85next",
    "bidi \u202e override",
    "{{ jinja }} {% block %} {# c #}",
    '"""; import os; os.system("x"); """',
    "ends with a quote \"",
    "日本語 and emoji 🎉",
]


@pytest.mark.parametrize("text", NASTY)
def test_py_string_round_trips(text: str) -> None:
    assert ast.literal_eval(py_string(text)) == text


@pytest.mark.parametrize("text", NASTY)
def test_docstring_is_one_inert_string(text: str) -> None:
    source = f"def f():\n    {docstring(text, 4, fallback='x')}\n"
    tree = ast.parse(source)
    (function,) = tree.body
    assert isinstance(function, ast.FunctionDef)
    (statement,) = function.body  # nothing but the docstring
    assert isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)


@pytest.mark.parametrize(
    "text", [*NASTY, '"Quoted" first', "The role:\n * `admin` - owners\n * `member` - members", "x\n  a\n    b"]
)
def test_docstrings_are_written_as_black_writes_them(text: str) -> None:
    for indent, template in [(0, "{}\n"), (4, "class C:\n    {}\n\n    x = 1\n"), (8, "class C:\n    def f(self) -> None:\n        {}\n")]:
        source = template.format(docstring(text, indent, fallback="x"))
        assert _black(source) == source
    # a string after an attribute is no docstring to black: left as the description has it
    attribute = docstring("a list:\n * one", 4, attribute=True)
    assert attribute == '"""a list:\n     * one\n    """'


@pytest.mark.parametrize("text", NASTY)
def test_comment_stays_a_comment(text: str) -> None:
    source = f"x = 1\n{comment(text)}\ny = 2\n"
    tree = ast.parse(source)
    assert len(tree.body) == 2


def test_py_literal_of_json() -> None:
    value = {"a": [1, 2.5, None, True], "b\"": {"c": "d\n"}}
    assert ast.literal_eval(py_literal(value)) == value
