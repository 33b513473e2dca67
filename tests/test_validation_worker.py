"""The validation worker (`generator/loading/validation.py`) ends the same way on every
path out of a run: its pipe read and closed once, its process reaped, no thread left
behind, and nothing waited for once the run is interrupted.

A run used to leave the worker to `ProcessPoolExecutor.shutdown(wait=False)`, whose
management thread went on closing pipes after the run had moved on: on a busy machine
about one run in sixty on a broken `$ref` ended in `OSError: [Errno 9] Bad file
descriptor`. Checking what is left the moment a run ends catches that every time."""

from __future__ import annotations

import os
import signal
import threading
import time
from multiprocessing import get_all_start_methods
from pathlib import Path
from typing import Any

import pytest

from generator.cache import Cache
from generator.errors import GeneratorError, Warnings
from generator.loading import validation
from generator.pipeline import Job, generate_plan, start_api

from helpers import REPO

BROKEN_REF = REPO / "tests" / "bad_specs" / "broken_ref.yaml"
SMALL_PROBLEMS = REPO / "tests" / "warning_specs" / "small_problems.yaml"
TASKS = Path("/proc/self/task")


def children() -> set[int]:
    """This process's child processes, finished but not reaped ones included."""
    return {int(pid) for task in TASKS.iterdir() for pid in (task / "children").read_text().split()}


def resources() -> tuple[int, int, set[int]]:
    """Open file descriptors, threads, child processes."""
    return len(os.listdir("/proc/self/fd")), threading.active_count(), children()


@pytest.fixture(autouse=True)
def in_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    if "fork" not in get_all_start_methods() or not (TASKS / str(os.getpid()) / "children").exists():
        pytest.skip("needs fork and /proc/<pid>/task/<tid>/children")
    monkeypatch.setattr(validation, "IN_WORKER", True)


def validating_slowly(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """The worker takes `seconds` to find no problem."""

    def slow(resolver: Any, dialect: str) -> list[dict[str, Any]]:
        time.sleep(seconds)
        return []

    monkeypatch.setattr(validation, "_run_validator", slow)


def job(spec: Path) -> Job:
    return Job(specs=(spec,))


@pytest.mark.parametrize("attempt", range(5))
def test_a_broken_ref_stops_the_run_with_the_worker_reaped(attempt: int) -> None:
    before = resources()
    with pytest.raises(GeneratorError, match=r"broken \$ref"):
        generate_plan(job(BROKEN_REF), Warnings())
    assert resources() == before


def test_a_failure_while_rendering_reaps_the_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.render import templates

    def failing_render(*arguments: Any) -> Any:
        raise GeneratorError("rendering failed")

    validating_slowly(monkeypatch, 0.5)
    monkeypatch.setattr(templates, "render", failing_render)
    before = resources()
    with pytest.raises(GeneratorError, match="rendering failed"):
        generate_plan(job(SMALL_PROBLEMS), Warnings())
    assert resources() == before


def test_an_interrupted_run_stops_the_worker_without_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.ir import build

    def interrupted(*arguments: Any) -> Any:
        raise KeyboardInterrupt

    validating_slowly(monkeypatch, 30)
    monkeypatch.setattr(build, "build_api", interrupted)
    before = resources()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        generate_plan(job(SMALL_PROBLEMS), Warnings())
    assert time.monotonic() - started < 10, "the run waited for the validation it abandons"
    assert resources() == before


def test_finishing_twice_reads_the_worker_once() -> None:
    before = resources()
    warnings = Warnings()
    _, validating = start_api(SMALL_PROBLEMS, job(SMALL_PROBLEMS), warnings, Cache(None))
    validating.finish()
    reported = list(warnings.problems)
    assert any("spec validation" in p.message for p in reported)
    validating.finish()
    validating.stop()
    assert warnings.problems == reported
    assert resources() == before


def test_a_killed_worker_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def killed(resolver: Any, dialect: str) -> list[dict[str, Any]]:
        os.kill(os.getpid(), signal.SIGKILL)
        return []

    monkeypatch.setattr(validation, "_run_validator", killed)
    before = resources()
    with pytest.raises(GeneratorError, match="validation stopped: its worker process was killed by signal 9") as raised:
        generate_plan(job(SMALL_PROBLEMS), Warnings())
    assert "\n" not in str(raised.value)
    assert resources() == before
