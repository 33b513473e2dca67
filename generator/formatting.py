"""Format rendered files: black for Python, a light normaliser for everything else.

Results are cached by the hash of the unformatted text, black's version and mode, so a
run whose templates and spec did not change does no black work at all, and so are the
pieces of each module, so that a changed spec costs only the pieces it changed. Modules are cut
between their top-level classes and functions (`split_module`), each piece is
formatted on its own and the pieces are joined with the two blank lines black puts
there, which gives the same text as formatting the whole module
(tests/test_formatting.py checks it). When there is enough to format to pay for
starting processes, the pieces are shared among worker processes.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from typing import Any

from .cache import Cache, digest, tool_version
from .errors import GeneratorError, Location
from .progress import SILENT, Progress
from .render.sets import RenderedFile

_MODE_TEXT = "black.Mode(target_versions={PY311}, line_length=88)"
_PARALLEL_FROM_LINES = 6000  # below this, starting worker processes costs more than it saves


def normalise_text(text: str) -> str:
    """Trailing spaces dropped, exactly one final newline (Markdown and other text)."""
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n") + "\n" if text.strip() else ""


@cache
def _mode() -> Any:
    import black  # imported only when something needs formatting: a warm run never does

    return black.Mode(target_versions={black.mode.TargetVersion.PY311}, line_length=88)


def _black(text: str) -> str:
    import black

    return str(black.format_str(text, mode=_mode()))


_MEMBER_HEADER = "class _:\n"


@dataclasses.dataclass(frozen=True)
class Piece:
    """Part of a module, formatted on its own: top-level statements, or (`member`)
    methods that continue the class the previous piece opened."""

    text: str
    member: bool = False


_Outcome = tuple[str, str | None, str | None]  # piece key, formatted text, black's complaint


def _black_piece(item: tuple[str, Piece]) -> _Outcome:
    """Formatted piece, or the first line of black's complaint. Methods are formatted
    inside a stand-in class whose line is then dropped; None for both when that does
    not come back as it went in (the caller then formats the whole module)."""
    key, piece = item
    try:
        if not piece.member:
            return key, _black(piece.text), None
        formatted = _black(_MEMBER_HEADER + piece.text)
    except Exception as error:  # black's parse errors carry no common base class
        return key, None, str(error).splitlines()[0]
    if not formatted.startswith(_MEMBER_HEADER) or formatted[len(_MEMBER_HEADER) :].startswith("\n"):
        return key, None, None
    return key, formatted[len(_MEMBER_HEADER) :], None


_DEFINITIONS = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _first_line(node: ast.stmt) -> int:
    """0-based index of the node's first line (its first decorator's, if any)."""
    decorators = node.decorator_list if isinstance(node, _DEFINITIONS) else []
    return min([node.lineno] + [decorator.lineno for decorator in decorators]) - 1


def split_module(text: str) -> list[Piece]:
    """`text` cut where black's output does not depend on what comes before, so that
    the pieces can be formatted on their own:

    - before every top-level statement that is a class or function, or follows one,
      after a blank line (black puts exactly two blank lines there);
    - inside a top-level class, before a method that follows another method after a
      blank line (black puts exactly one); such a piece is a `member` piece.

    Blank lines at the cuts are dropped (`join_module` puts black's back). Text black
    may not parse, or with `fmt:` pragmas, stays whole. Besides sharing the work among
    processes, small pieces keep black's second pass (it formats its own output again
    whenever the first pass changed anything) to the pieces that need it.
    """
    if "fmt:" in text or "\r" in text:
        return [Piece(text)]
    try:
        body = ast.parse(text).body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return [Piece(text)]
    # Lines as `ast` counts them: str.splitlines would also break at \x0c, \x85, \u2028...
    lines = text.split("\n")
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    cuts: list[tuple[int, bool]] = []
    for previous, node in zip(body, body[1:]):
        if isinstance(previous, _DEFINITIONS) or isinstance(node, _DEFINITIONS):
            first = _first_line(node)
            if first >= 1 and not lines[first - 1].strip():
                cuts.append((first, False))
    for node in body:
        if isinstance(node, ast.ClassDef):
            for previous, member in zip(node.body, node.body[1:]):
                if isinstance(previous, _FUNCTIONS) and isinstance(member, _FUNCTIONS):
                    first = _first_line(member)
                    if not lines[first - 1].strip() and lines[first][:1].isspace():
                        cuts.append((first, True))
    if not cuts:
        return [Piece(text)]
    cuts.sort()
    bounds = [(0, False), *cuts, (len(lines), False)]
    pieces = [Piece("".join(lines[start:end]), member) for (start, member), (end, _) in zip(bounds, bounds[1:])]
    return [Piece(piece.text.rstrip("\n") + "\n", piece.member) for piece in pieces[:-1]] + pieces[-1:]


def join_module(pieces: list[Piece]) -> str:
    """The formatted pieces of one module (see `split_module`) as one text."""
    if len(pieces) == 1:
        return pieces[0].text
    text = pieces[0].text.rstrip("\n")
    for piece in pieces[1:]:
        text += ("\n\n" if piece.member else "\n\n\n") + piece.text.rstrip("\n")
    return text + "\n"


def format_files(
    files: list[RenderedFile], cache: Cache, jobs: int | None = None, progress: Progress = SILENT
) -> dict[str, str]:
    """Formatted text of every file, by path.

    Two kinds of cache entries: the formatted file under the hash of its unformatted
    text, and, for each output path, the formatted pieces of its last formatting under
    the hashes of their unformatted texts, so that when a spec changes only the pieces
    it changed are formatted again.
    """
    black_key = digest("black", tool_version("black"), _MODE_TEXT)
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
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    items: list[tuple[str, Piece]] = []
    shape: dict[str, list[Piece]] = {}  # path -> its pieces
    keys: dict[str, list[str]] = {}  # path -> the cache keys of its pieces
    formatted: dict[str, str | None] = {}  # piece key -> formatted piece
    for path, (_, text) in pending.items():
        shape[path] = split_module(text)
        keys[path] = [digest(black_key, repr(piece.member), piece.text) for piece in shape[path]]
        known = _piece_table(cache, black_key, path)
        for key, piece in zip(keys[path], shape[path]):
            if key in known:
                formatted[key] = known[key]
            elif key not in formatted:
                formatted[key] = None
                items.append((key, piece))
    lines = sum(piece.text.count("\n") for _, piece in items)
    if workers > 1 and lines >= _PARALLEL_FROM_LINES:
        _mode()  # import black once, before the workers fork
        items.sort(key=lambda item: -len(item[1].text))  # longest first, so that the workers finish together
        with ProcessPoolExecutor(max_workers=workers) as pool:
            outcomes = _counted(pool.map(_black_piece, items, chunksize=max(1, len(items) // (16 * workers))), len(items), progress)
    else:
        outcomes = _counted(map(_black_piece, items), len(items), progress)
    for key, piece_text, problem in outcomes:
        if problem is not None:
            path = next(path for path, path_keys in keys.items() if key in path_keys)
            raise GeneratorError(
                f"the templates produced invalid Python ({problem}); the template set has a bug", Location(path)
            )
        formatted[key] = piece_text
    for path, pieces in shape.items():
        texts = [formatted[key] for key in keys[path]]
        if any(text is None for text in texts):  # a member piece black did not give back whole
            text = _black(pending[path][1])
        else:
            text = join_module([Piece(str(text), piece.member) for text, piece in zip(texts, pieces)])
            table = {key: piece_text for key, piece_text in zip(keys[path], texts)}
            cache.put("black-pieces", digest(black_key, path), json.dumps(table).encode("utf-8"))
        result[path] = text
        cache.put("black", pending[path][0], text.encode("utf-8"))
    return result


def _counted(outcomes: Iterator[_Outcome], total: int, progress: Progress) -> list[_Outcome]:
    """The outcomes, in order, counted on the progress line as they come in."""
    collected = []
    for outcome in outcomes:
        collected.append(outcome)
        progress.count(len(collected), total, "pieces")
    return collected


def _piece_table(cache: Cache, black_key: str, path: str) -> dict[str, str]:
    """The formatted pieces of the last formatting of `path`, by the cache keys of
    their unformatted texts (empty when there is none or it cannot be read)."""
    stored = cache.get("black-pieces", digest(black_key, path))
    try:
        table = json.loads(stored) if stored is not None else {}
    except ValueError:
        return {}
    if not isinstance(table, dict):
        return {}
    return {key: text for key, text in table.items() if isinstance(text, str)}
