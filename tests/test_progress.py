"""The progress line: on a terminal a long run says what it is doing; in logs, in CI
and with --quiet it says nothing but its summary."""

from __future__ import annotations

import contextlib
import io
import os
import pty
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import progress
from generator.cli import run
from helpers import REPO, run_cli

SPEC = str(REPO / "specs" / "transfer_to_participant.yaml")


@contextlib.contextmanager
def terminal_stderr() -> Iterator[io.StringIO]:
    """sys.stderr on a real pseudo-terminal; what reached the terminal is in the
    yielded buffer when the block ends."""
    controller, terminal = pty.openpty()
    seen = io.StringIO()

    def drain() -> None:
        while True:
            try:
                data = os.read(controller, 4096)
            except OSError:  # the terminal side closed
                return
            if not data:
                return
            seen.write(data.decode("utf-8", "replace"))

    reader = threading.Thread(target=drain)
    reader.start()
    stream = open(terminal, "w", encoding="utf-8", closefd=True)
    try:
        with contextlib.redirect_stderr(stream), contextlib.redirect_stdout(io.StringIO()):
            yield seen
    finally:
        stream.close()
        reader.join(timeout=10)
        os.close(controller)


@pytest.fixture
def watched(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)  # show it from the start: the run is short
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")


def test_a_terminal_sees_the_stages_and_the_pieces_formatted(watched: None, tmp_path: Path) -> None:
    with terminal_stderr() as seen:
        code = run(["generate", SPEC, "-o", str(tmp_path / "out"), "--no-cache"])
    assert code == 0
    shown = seen.getvalue()
    assert "reading transfer_to_participant.yaml" in shown
    assert "rendering transfer_to_participant" in shown
    pieces = [line for line in shown.split("\r\x1b[K") if line.startswith("formatting ")]
    assert pieces and pieces[-1].split()[1].split("/")[0] == pieces[-1].split()[1].split("/")[1], pieces
    assert shown.endswith("\r\x1b[K"), "the line is erased before the summary"


@pytest.mark.parametrize("how", ["--quiet", "CI=true", "TERM=dumb"])
def test_nothing_is_shown_with_quiet_in_ci_or_on_a_dumb_terminal(
    watched: None, tmp_path: Path, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    arguments = ["generate", SPEC, "-o", str(tmp_path / "out"), "--no-cache"]
    if how.startswith("--"):
        arguments.append(how)
    else:
        monkeypatch.setenv(*how.split("="))
    with terminal_stderr() as seen:
        assert run(arguments) == 0
    assert "\r" not in seen.getvalue().replace("\r\n", "\n"), seen.getvalue()


def test_nothing_is_shown_when_stderr_is_not_a_terminal(watched: None, tmp_path: Path) -> None:
    code, _, stderr = run_cli("generate", SPEC, "-o", str(tmp_path / "out"), "--no-cache")
    assert code == 0 and stderr == ""


def test_a_short_run_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    with terminal_stderr() as seen:
        line = progress.Progress(sys.stderr)
        line.stage("reading")
        line.count(1, 2, "pieces")
        line.close()
    assert seen.getvalue() == ""
