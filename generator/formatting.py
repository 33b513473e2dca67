"""Format rendered files: black for Python, a light normaliser for everything else.

Results are cached by the hash of the unformatted text, black's version and mode, so a
run whose templates and spec did not change does no black work at all. Files that do
need formatting are formatted in parallel processes when there are enough of them to
pay for starting the processes.
"""

from __future__ import annotations

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
    path, text = item
    try:
        return path, _black(text), None
    except Exception as error:  # black's parse errors carry no common base class
        return path, None, str(error).splitlines()[0]


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
    items = [(path, text) for path, (_, text) in pending.items()]
    lines = sum(text.count("\n") for _, text in items)
    workers = jobs if jobs is not None else min(os.cpu_count() or 1, len(items))
    if workers > 1 and lines >= _PARALLEL_FROM_LINES:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            outcomes = list(pool.map(_black_or_error, items, chunksize=max(1, len(items) // (workers * 4))))
    else:
        outcomes = [_black_or_error(item) for item in items]
    for path, formatted, problem in outcomes:
        if formatted is None:
            raise GeneratorError(
                f"the templates produced invalid Python ({problem}); the template set has a bug", Location(path)
            )
        result[path] = formatted
        cache.put("black", pending[path][0], formatted.encode("utf-8"))
    return result
