"""What a long run is doing, on one self-erasing line of stderr.

Shown only where a person watches: stderr is a terminal, `CI` is not set, `TERM` is
not `dumb`, and the command was not given `--quiet`; and only once the run has
lasted more than a moment, so that a quick or warm run prints nothing but its summary.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

DELAY = 0.5  # seconds before the first line: runs shorter than this show none
_INTERVAL = 0.1  # at most ten updates a second


class Progress:
    """The stage of a run and, within it, how many of how many are done."""

    def __init__(self, stream: TextIO | None = None, *, quiet: bool = False) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._enabled = not quiet and _watched(self._stream)
        self._started = time.monotonic()
        self._stage = ""
        self._shown = ""
        self._last = 0.0

    def stage(self, name: str) -> None:
        self._stage = name
        self._show(name, force=True)

    def count(self, done: int, total: int, unit: str) -> None:
        self._show(f"{self._stage} {done}/{total} {unit}", force=done == total)

    def close(self) -> None:
        """Erase the line, before the run's own output."""
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._shown = ""

    def _show(self, text: str, *, force: bool) -> None:
        if not self._enabled:
            return
        now = time.monotonic()
        if now - self._started < DELAY or (not force and now - self._last < _INTERVAL) or text == self._shown:
            return
        self._last = now
        self._shown = text
        self._stream.write(f"\r\x1b[K{text}")
        self._stream.flush()


def _watched(stream: TextIO) -> bool:
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False
    return terminal and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


SILENT = Progress(quiet=True)
