"""Format rendered files: black for Python, a light normaliser for everything else.

Results are cached by the hash of the unformatted text, black's version and mode, so a
run whose templates and spec did not change does no black work at all. Modules are cut
between their top-level classes and functions (`split_module`), each piece is
formatted on its own and the pieces are joined with the two blank lines black puts
there, which gives the same text as formatting the whole module
(tests/test_formatting.py checks it). When there is enough to format to pay for
starting processes, the pieces are shared among worker processes.
"""

from __future__ import annotations

import ast
import os
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from importlib.metadata import version
from typing import Any

from .cache import Cache, digest
from .errors import GeneratorError, Location
from .render.templates import RenderedFile

_MODE_TEXT = "black.Mode(target_versions={PY311}, line_length=88)"
_PARALLEL_FROM_LINES = 6000  # below this, starting worker processes costs more than it saves


def normalise_text(text: str) -> str:
    """Trailing spaces dropped, exactly one final newline (Markdown and other text)."""
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n") + "\n" if text.strip() else ""


@cache
def _mode() -> Any:
    import black  # imported only when something needs formatting: a warm run never does

    return black.Mode(target_versions={black.TargetVersion.PY311}, line_length=88)


def _black(text: str) -> str:
    import black

    return str(black.format_str(text, mode=_mode()))


def _black_or_error(item: tuple[str, str]) -> tuple[str, str | None, str | None]:
    key, text = item
    try:
        return key, _black(text), None
    except Exception as error:  # black's parse errors carry no common base class
        return key, None, str(error).splitlines()[0]


_DEFINITIONS = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def split_module(text: str) -> list[str]:
    """`text` cut before every top-level statement that is a class or function, or
    follows one, after a blank line: there black's output does not depend on what comes
    before (it puts exactly two blank lines), so the pieces can be formatted on their own. Blank
    lines at the cuts are dropped (`join_module` puts black's back). Text black may not
    parse, or with `fmt:` pragmas, stays whole.

    Besides sharing the work among processes, small pieces keep black's second pass
    (it formats its own output again whenever the first pass changed anything) to the
    pieces that need it.
    """
    if "fmt:" in text:
        return [text]
    try:
        body = ast.parse(text).body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return [text]
    lines = text.splitlines(keepends=True)
    cuts: list[int] = []
    for previous, node in zip(body, body[1:]):
        if isinstance(previous, _DEFINITIONS) or isinstance(node, _DEFINITIONS):
            decorators = node.decorator_list if isinstance(node, _DEFINITIONS) else []
            first = min([node.lineno] + [decorator.lineno for decorator in decorators]) - 1
            if first >= 1 and not lines[first - 1].strip():
                cuts.append(first)
    if not cuts:
        return [text]
    bounds = [0, *cuts, len(lines)]
    pieces = ["".join(lines[start:end]) for start, end in zip(bounds, bounds[1:])]
    return [piece.rstrip("\n") + "\n" for piece in pieces[:-1]] + pieces[-1:]


def join_module(pieces: list[str]) -> str:
    """The formatted pieces of one module (see `split_module`) as one text."""
    if len(pieces) == 1:
        return pieces[0]
    return "\n\n\n".join(piece.rstrip("\n") for piece in pieces) + "\n"


def format_files(files: list[RenderedFile], cache: Cache, jobs: int | None = None) -> dict[str, str]:
    """Formatted text of every file, by path."""
    black_key = digest("black", version("black"), _MODE_TEXT)
    result: dict[str, str] = {}
    pending: dict[str, tuple[str, str]] = {}  # path -> (cache key, text)
    for rendered in files:
        if rendered.formatter == "black":
            key = digest(black_key, rendered.text)
            cached = cache.get("black", key)
            if cached is not None:
                result[rendered.path] = cached.decode("utf-8")
            else:
                pending[rendered.path] = (key, rendered.text)
        elif rendered.formatter in ("none", "text"):
            result[rendered.path] = normalise_text(rendered.text) if rendered.formatter == "text" else rendered.text
        else:
            raise GeneratorError(f"unknown formatter {rendered.formatter!r} for {rendered.path}")
    lines = sum(text.count("\n") for _, text in pending.values())
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    items: list[tuple[str, str]] = []
    shape: dict[str, int] = {}  # path -> number of pieces
    for path, (_, text) in pending.items():
        pieces = split_module(text)
        shape[path] = len(pieces)
        items += [(f"{index}\0{path}", piece) for index, piece in enumerate(pieces)]
    if workers > 1 and lines >= _PARALLEL_FROM_LINES:
        _mode()  # import black once, before the workers fork
        items.sort(key=lambda item: -len(item[1]))  # longest first, so that the workers finish together
        with ProcessPoolExecutor(max_workers=workers) as pool:
            outcomes = list(pool.map(_black_or_error, items, chunksize=max(1, len(items) // (16 * workers))))
    else:
        outcomes = [_black_or_error(item) for item in items]
    formatted: dict[str, str] = {}
    for key, text, problem in outcomes:
        path = key.split("\0", 1)[1]
        if text is None:
            raise GeneratorError(
                f"the templates produced invalid Python ({problem}); the template set has a bug", Location(path)
            )
        formatted[key] = text
    for path, count in shape.items():
        text = join_module([formatted[f"{index}\0{path}"] for index in range(count)])
        result[path] = text
        cache.put("black", pending[path][0], text.encode("utf-8"))
    return result
