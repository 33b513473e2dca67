"""Escaping filters: the only way spec text reaches generated code.

Every filter returns `Code`, text that is safe to place where the filter's name says.
The environment refuses to print a plain string (see `environment.finalize`), so a
template that forgets to escape a description fails loudly instead of emitting it.
"""

from __future__ import annotations

import math
import re
import textwrap
import unicodedata
from collections.abc import Mapping
from typing import Any


class Code(str):
    """Text that is safe to place in generated output as it is."""

    __slots__ = ()


# Characters Python (or an editor, or black) may treat as line breaks or that are
# invisible: always written as escapes inside strings, never raw.
_LINE_BREAKING = {"\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"}


def _escape_char(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _needs_escape(char: str) -> bool:
    if char in _LINE_BREAKING:
        return True
    category = unicodedata.category(char)
    # control, format (bidi overrides...), surrogates, private use, unassigned
    return category in ("Cc", "Cf", "Cs", "Co", "Cn") and char not in "\n\t"


# Printable ASCII without a backslash or a double quote: the common case, kept as is.
_PLAIN = re.compile(r'[ !#-\[\]-~]*')


def _escaped(text: str, keep: str) -> str:
    """`text` with every character that is not printable escaped, except those in
    `keep`; backslashes doubled."""
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char in keep or (char.isascii() and char.isprintable()):
            out.append(char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif _needs_escape(char):
            out.append(_escape_char(char))
        else:
            out.append(char)
    return "".join(out)


def py_string(value: Any) -> Code:
    """A Python string literal for any text: in double quotes, unless the text holds
    more double quotes than single ones (black's choice, which needs fewer escapes)."""
    text = str(value)
    if _PLAIN.fullmatch(text):
        return Code(f'"{text}"')
    quote = "'" if text.count('"') > text.count("'") else '"'
    return Code(quote + _escaped(text, "").replace(quote, "\\" + quote) + quote)


def py_literal(value: Any) -> Code:
    """A Python literal for a JSON value (objects keep their key order)."""
    if value is None or isinstance(value, bool):
        return Code(repr(value))
    if isinstance(value, int):
        return Code(repr(value))
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return Code(f'float("{value}")')
        return Code(repr(value).replace("e+", "e"))  # black writes 1e16, not 1e+16
    if isinstance(value, str):
        return py_string(value)
    if isinstance(value, Mapping):
        items = ", ".join(f"{py_string(key)}: {py_literal(item)}" for key, item in value.items())
        return Code("{" + items + "}")
    if isinstance(value, (list, tuple)):
        return Code("[" + ", ".join(py_literal(item) for item in value) + "]")
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def _docstring_body(text: str) -> str:
    body = text if _PLAIN.fullmatch(text.replace('"', "").replace("\n", "")) else _escaped(text, "\n\t")
    # Quotes in runs (which could close the docstring) and a final quote (which would
    # merge with the closing ones) are escaped; lone quotes inside prose stay readable.
    body = re.sub(r'"{2,}', lambda run: '\\"' * len(run.group()), body)
    trailing_backslashes = len(body[:-1]) - len(body[:-1].rstrip("\\"))
    if body.endswith('"') and trailing_backslashes % 2 == 0:
        body = body[:-1] + '\\"'
    return body


def _wrap(text: str, width: int) -> str:
    """Wrap long lines at spaces; an indented line continues under its own text + 4."""
    out = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        lead = " " * (len(line) - len(line.lstrip()))
        out += textwrap.wrap(
            line.strip(),
            width=width,
            initial_indent=lead,
            subsequent_indent=lead + "    " if lead else "",
            break_long_words=False,
            break_on_hyphens=False,
        ) or [line]
    return "\n".join(out)


def docstring(text: Any, indent: int = 0, fallback: str = "", width: int = 88, attribute: bool = False) -> Code:
    """A complete triple-quoted docstring, continuation lines indented by `indent`,
    prose wrapped to fit `width` columns. `attribute`: the string documents the
    attribute before it; black leaves such strings as they are, while a docstring of a
    module, class or function is written as black writes it."""
    body = _docstring_body(_wrap(str(text or fallback).strip(), max(40, width - indent)))
    lines = [line.rstrip() for line in body.split("\n")]
    if not attribute:  # as black writes docstrings: the indentation all continuation lines share dropped
        common = min((len(line) - len(line.lstrip(" ")) for line in lines[1:] if line), default=0)
        lines = [lines[0]] + [line[common:] for line in lines[1:]]
    pad = " " * indent
    joined = "\n".join([lines[0]] + [pad + line if line else "" for line in lines[1:]])
    # and a quote at either end kept apart from the triple quotes by a space
    opening = " " if joined.startswith('"') and not attribute else ""
    closing = f"\n{pad}" if len(lines) > 1 else (" " if joined.endswith('"') and not attribute else "")
    return Code(f'"""{opening}{joined}{closing}"""')


def comment(text: Any, indent: int = 0) -> Code:
    """`# `-prefixed comment lines; every line of the text stays inside the comment."""
    pad = " " * indent
    lines = str(text).split("\n")
    cleaned = ["".join(_escape_char(c) if _needs_escape(c) else c for c in line).rstrip() for line in lines]
    return Code(("\n" + pad).join(f"# {line}" if line else "#" for line in cleaned))


def markdown_text(text: Any) -> Code:
    """Prose for a Markdown paragraph: HTML and link syntax inert, lines kept."""
    escaped = str(text).replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;")
    for char in "`*_[]|#":
        escaped = escaped.replace(char, "\\" + char)
    return Code("".join(_escape_char(c) if _needs_escape(c) and c != "\n" else c for c in escaped))


def markdown_cell(text: Any) -> Code:
    """Prose for one Markdown table cell: one line, pipes escaped."""
    return Code(markdown_text(str(text).replace("\n", " ")).replace("\n", " "))


def markdown_code(text: Any) -> Code:
    """Inline code span that stays one span whatever backticks the text holds."""
    value = str(text).replace("\n", " ")
    longest = 0
    run = 0
    for char in value:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return Code(f"{fence}{pad}{value}{pad}{fence}")


def verbatim(text: str) -> Code:
    """Mark text written in the template itself as code. Never for spec text."""
    return Code(text)


FILTERS = {
    "verbatim": verbatim,
    "py_string": py_string,
    "py_literal": py_literal,
    "docstring": docstring,
    "comment": comment,
    "md_text": markdown_text,
    "md_cell": markdown_cell,
    "md_code": markdown_code,
}
