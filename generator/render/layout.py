"""Black's layout, for the few shapes templates emit in bulk.

black formats text that already has its layout several times faster than text it has
to split (it tries several splits of every long line), so the Python templates lay out
their largest and most repeated constructs the way black would: a bracket that does not
fit on its line is opened, its contents go on the next line if they fit there, else one
item a line with a trailing comma. black still formats every file afterwards, so a
case this module lays out differently only costs time, never correctness
(tests/test_layout.py checks that the shapes come back from black unchanged).

The functions take text that is already code and return `Code`; the template filters
(`FILTERS`) refuse any part that has not been through an escaping filter, a macro or
`{% set %}...{% endset %}` (all of which pass the environment's `finalize` guard).
"""

from __future__ import annotations

import keyword
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import jinja2
from markupsafe import Markup

from ..ir.naming import Identifier
from .escaping import Code, py_literal, py_string

LINE_LENGTH = 88


def width(text: str) -> int:
    """Columns `text` takes for black (East Asian wide characters count two)."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def fits(text: str, indent: int = 0) -> bool:
    """Does `text` (one line) fit on a line indented by `indent` spaces?"""
    return "\n" not in text and indent + width(text) <= LINE_LENGTH


def bracket(
    head: str, items: Sequence[str], tail: str, indent: int = 0, *, explode: bool = False, is_def: bool = False
) -> Code:
    """`head` + items joined by ", " + `tail`, laid out as black would at `indent`.

    `head` ends with the opening bracket, `tail` starts with the closing one. The
    result's first line is not indented (it continues the template's line); the
    following lines are. `explode` puts one item a line as soon as the whole does not
    fit on one line (black does so for collection literals and `from ... import (...)`);
    `is_def` gives a lone parameter of a split `def` its trailing comma.
    """
    one_line = head + ", ".join(items) + tail
    if fits(one_line, indent) or not items:
        return Code(one_line)
    inner = " " * (indent + 4)
    body = ", ".join(items)
    if is_def and len(items) == 1:
        body += ","
    if len(items) == 1 or (not explode and fits(body, indent + 4)):
        return Code(f"{head}\n{inner}{body}\n{' ' * indent}{tail}")
    lines = "".join(f"{inner}{item},\n" for item in items)
    return Code(f"{head}\n{lines}{' ' * indent}{tail}")


def call(head: str, arguments: Sequence[str], tail: str, indent: int = 0) -> Code:
    """A call `head` + arguments + `tail` laid out as black lays it out at `indent`: on
    one line, else its arguments on one line of their own, else one argument a line
    (with a trailing comma), each split at its last bracket when it is too long."""
    laid_out = bracket(head, arguments, tail, indent)
    if "\n" not in laid_out or fits(", ".join(arguments), indent + 4):
        return laid_out
    inner = " " * (indent + 4)
    lines = "".join(f"{inner}{split_right(argument + ',', indent + 4, argument=True)}\n" for argument in arguments)
    return Code(f"{head}\n{lines}{' ' * indent}{tail}")


def import_from(module: str, names: Sequence[str]) -> Code:
    """`from module import a, b`, parenthesised one name a line when too long."""
    if fits(f"from {module} import {', '.join(names)}"):
        return Code(f"from {module} import {', '.join(names)}")
    return bracket(f"from {module} import (", list(names), ")", explode=True)


def py_data(value: Any, indent: int = 0, prefix: str = "", suffix: str = "") -> Code:
    """A JSON value as a Python literal laid out as black lays out a literal: on one line
    when `prefix` + literal + `suffix` fits at `indent`, else the outer bracket opened
    and its items one a line (with a trailing comma when there are several), each laid
    out the same way."""
    one_line = f"{prefix}{py_literal(value)}{suffix}"
    if fits(one_line, indent) or not isinstance(value, (Mapping, list, tuple)) or not value:
        return Code(one_line)
    if isinstance(value, Mapping):
        opening, closing = "{", "}"
        items = [(f"{py_string(key)}: ", item) for key, item in value.items()]
    else:
        opening, closing = "[", "]"
        items = [("", item) for item in value]
    inner = indent + 4
    comma = "," if len(items) > 1 else ""
    lines = [" " * inner + py_data(item, inner, key, comma) for key, item in items]
    return Code(f"{prefix}{opening}\n" + "\n".join(lines) + f"\n{' ' * indent}{closing}{suffix}")


def operator_chain(operands: Sequence[str], operator: str, suffix: str = "", indent: int = 0) -> Code:
    """`a + b + c` + `suffix` (a line of its own inside brackets), one operand a line
    after the first, each led by the operator, when it does not fit."""
    one_line = f" {operator} ".join(operands) + suffix
    if fits(one_line, indent) or len(operands) < 2:
        return Code(one_line)
    rest = "".join(f"\n{' ' * indent}{operator} {operand}" for operand in operands[1:])
    return Code(f"{operands[0]}{rest}{suffix}")


def _code_characters(text: str) -> Iterator[tuple[int, str]]:
    """(index, character) of `text` outside string literals (quotes and escapes
    skipped); a final (-1, "'") when a literal is left open."""
    quote, index = "", 0
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        else:
            yield index, char
        index += 1
    if quote:
        yield -1, quote


def _last_bracket(line: str) -> int | None:
    """Index of the opening bracket matching the last closing one of `line` (string
    literals skipped), or None."""
    opening: int | None = None
    stack: list[int] = []
    for index, char in _code_characters(line):
        if index < 0:
            return None
        if char in "([{":
            stack.append(index)
        elif char in ")]}":
            if not stack:
                return None
            opening = stack.pop()
    return opening if not stack else None


def split_right(line: str, indent: int = 0, shift: int = 0, argument: bool = False) -> Code:
    """A line that ends with a bracket (then maybe `,` or `:`), split as black does
    when it is too long: up to that bracket's opening, its contents on the next line,
    the closing bracket on its own; contents that are a comprehension too long for
    their line get its element and its `for` clause on lines of their own, and the
    arguments of a call, one a line with a trailing comma. Left whole when the contents
    do not fit, or are several items of a literal (black lays those out differently).
    `shift`: columns the text will be indented by later (a macro's output passed
    through `indent`). `argument`: the line is an item inside brackets
    (an argument, an entry of a literal), which black splits at its last bracket even
    when the line up to it or a single item is too long."""
    indent_now, indent = indent, indent + shift
    if fits(line, indent):
        return Code(line)
    stripped = line.rstrip(",:")
    opening = _last_bracket(stripped)
    if opening is None or not stripped.endswith((")", "]", "}")):
        return Code(line)
    head, body, tail = stripped[: opening + 1], stripped[opening + 1 : -1], stripped[-1] + line[len(stripped) :]
    is_call = stripped[opening] == "(" and opening > 0 and (stripped[opening - 1].isalnum() or stripped[opening - 1] in "_)]")
    clauses = _comprehension_clauses(body) if stripped[opening] in "[{" else None
    if argument and body and clauses is None and not _has_top_level(body, ",") and not _has_bracket(head[:-1]):
        inner = body if fits(body, indent + 4) else split_right(body, indent_now + 4, shift, argument=True)
        return Code(f"{head}\n{' ' * (indent_now + 4)}{inner}\n{' ' * indent_now}{tail}")
    if not body or not fits(head, indent) or (clauses is None and _has_top_level(body, ",") and not is_call):
        return Code(line)
    if fits(body, indent + 4):
        return Code(f"{head}\n{' ' * (indent_now + 4)}{body}\n{' ' * indent_now}{tail}")
    if clauses is None and not _has_top_level(body, ","):  # one item too long for its line: split it too
        inner = split_right(body, indent_now + 4, shift, argument=True)
        if inner != body:
            return Code(f"{head}\n{' ' * (indent_now + 4)}{inner}\n{' ' * indent_now}{tail}")
    if clauses is None and is_call and _has_top_level(body, ","):
        clauses = [f"{item}," for item in _top_level_items(body)]  # black adds the trailing comma
    if clauses is None or not all(fits(clause, indent + 4) for clause in clauses):
        return Code(line)
    lines = "".join(f"{' ' * (indent_now + 4)}{clause}\n" for clause in clauses)
    return Code(f"{head}\n{lines}{' ' * indent_now}{tail}")


def _has_bracket(text: str) -> bool:
    """Does `text` hold a bracket outside string literals?"""
    return any(char in "()[]{}" for _, char in _code_characters(text))


def _top_level_items(text: str) -> list[str]:
    """`text` cut at its commas outside brackets and string literals."""
    cuts = [index for index, char in _top_level(text) if char == ","]
    bounds = zip([-1, *cuts], [*cuts, len(text)])
    return [item for start, end in bounds if (item := text[start + 1 : end].strip())]


def _comprehension_clauses(body: str) -> list[str] | None:
    """The element and the `for` clause of a list, set or dict comprehension with one
    `for` and no `if` (black puts each on a line of its own), or None for anything
    else."""
    characters = list(_top_level(body))
    if any(index < 0 for index, _ in characters):
        return None
    cuts = [index for index, char in characters if char == " " and body.startswith((" for ", " async for "), index)]
    if len(cuts) != 1 or " if " in body[cuts[0] :]:
        return None
    return [body[: cuts[0]], body[cuts[0] + 1 :]]


def wrap_in_parentheses(head: str, value: str, tail: str = "", indent: int = 0) -> Code:
    """`head` + `value` + `tail` on one line when it fits, else `value` in parentheses
    on a line of its own (black's layout for a long right-hand side or conditional
    expression); left on one line when `value` does not fit there either."""
    one_line = head + value + tail
    if fits(one_line, indent) or not fits(value, indent + 4):
        return Code(one_line)
    return Code(f"{head}(\n{' ' * (indent + 4)}{value}\n{' ' * indent}){tail}")


def annotated(head: str, annotation: str, tail: str = "", indent: int = 0) -> Code:
    """A parameter (`name: ` + annotation + ` = default,`) or a return annotation
    (`) -> ` + annotation + `:`), laid out as black lays out one too long for its line:
    a union in parentheses on a line of its own (when it fits there), anything else
    split at its last bracket as `split_right` does."""
    if _has_top_level(annotation, "|"):
        return wrap_in_parentheses(head, annotation, tail, indent)
    return split_right(head + annotation + tail, indent)


def _has_top_level(text: str, wanted: str) -> bool:
    """Does `text` hold `wanted` outside brackets and string literals?"""
    return any(char == wanted for _, char in _top_level(text))


def _top_level(text: str) -> Iterator[tuple[int, str]]:
    """(index, character) of `text` outside brackets and string literals, as
    `_code_characters` gives them (a final (-1, quote) for a literal left open)."""
    depth = 0
    for index, char in _code_characters(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0:
            yield index, char


def _code(part: Any) -> str:
    """`part` as plain text, if it is escaped code; spec text is refused."""
    if isinstance(part, (Code, Identifier, Markup)):
        return str(part)
    raise jinja2.TemplateRuntimeError(
        f"refusing to lay out unescaped text {str(part)[:40]!r}: pass it through an escaping filter first"
    )


def _bracket_filter(
    head: Any, items: Sequence[Any], tail: Any, indent: int = 0, explode: bool = False, is_def: bool = False
) -> Code:
    return bracket(_code(head), [_code(item) for item in items], _code(tail), indent, explode=explode, is_def=is_def)


def _import_from_filter(names: Iterable[Any], module: Any) -> Code:
    """`names` (identifiers, duplicates dropped) imported from `module`."""
    unique = list(dict.fromkeys(names))
    for name in unique:
        if not (isinstance(name, str) and name.isidentifier() and not keyword.iskeyword(name)):
            raise jinja2.TemplateRuntimeError(f"import_from: {name!r} is not a name")
    return import_from(_code(module), unique)


def _chain_filter(operands: Sequence[Any], operator: str, suffix: Any = Code(""), indent: int = 0) -> Code:
    if operator not in ("+", "and", "or", "|"):
        raise jinja2.TemplateRuntimeError(f"operator_chain: unknown operator {operator!r}")
    return operator_chain([_code(operand) for operand in operands], operator, _code(suffix), indent)


def _split_right_filter(line: Any, indent: int = 0, shift: int = 0, argument: bool = False) -> Code:
    return split_right(_code(line), indent, shift, argument)


def _wrap_filter(value: Any, head: Any, tail: Any = Code(""), indent: int = 0) -> Code:
    return wrap_in_parentheses(_code(head), _code(value), _code(tail), indent)


def _annotated_filter(head: Any, annotation: Any, tail: Any = Code(""), indent: int = 0) -> Code:
    return annotated(_code(head), _code(annotation), _code(tail), indent)


def _parameter_filter(name: Any, annotation: Any, default: Any = None, indent: int = 0) -> Code:
    """`name: annotation,` or, given a `default`, `name: annotation = default,`."""
    tail = "," if default is None else f" = {_code(default)},"
    return annotated(f"{_code(name)}: ", _code(annotation), tail, indent)


def _fits_filter(text: Any, indent: int = 0) -> bool:
    return fits(str(text), indent)


def _py_data_filter(value: Any, indent: int = 0, prefix: Any = Code(""), suffix: Any = Code("")) -> Code:
    return py_data(value, indent, _code(prefix), _code(suffix))


FILTERS = {
    "py_data": _py_data_filter,
    "bracket": _bracket_filter,
    "import_from": _import_from_filter,
    "operator_chain": _chain_filter,
    "fits": _fits_filter,
    "split_right": _split_right_filter,
    "wrap_in_parentheses": _wrap_filter,
    "annotated": _annotated_filter,
    "parameter_line": _parameter_filter,
}
