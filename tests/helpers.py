"""Running the generator in-process for tests."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import run
from generator.errors import Warnings
from generator.ir.build import BuildOptions
from generator.output import Plan
from generator.pipeline import Job, generate_plan

REPO = Path(__file__).resolve().parents[1]
# Hypothesis draws the same examples on every run (CI stays reproducible) unless
# APIFORGE_HYPOTHESIS_RANDOM=1 asks for fresh ones.
DERANDOMIZE = os.environ.get("APIFORGE_HYPOTHESIS_RANDOM") != "1"
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip when that folder is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the read-only reference data lives beside the repository)")
    return path


def plan_for(spec: Path, package_name: str | None = None, **job: object) -> Plan:
    options = BuildOptions(package_name=package_name)
    return generate_plan(Job(specs=(spec,), options=options, **job), Warnings())  # type: ignore[arg-type]


@contextlib.contextmanager
def working_directory(path: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def run_cli(*arguments: str, cwd: Path | None = None) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of the command line, run in-process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        with working_directory(cwd) if cwd else contextlib.nullcontext():
            try:
                code = run(list(arguments))
            except SystemExit as exit_:  # argparse on --help or bad usage
                code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()
