"""Running the generator in-process for tests."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import sys
from collections.abc import Iterator, Mapping
from typing import Any
from pathlib import Path
from types import ModuleType

import pytest

from generator.cli import run
from generator.errors import Warnings
from generator.ir.build import BuildOptions
from generator.output import Plan, write
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


def generated_models(folder: Path, spec: Mapping[str, Any], package_name: str) -> ModuleType:
    """The models module generated (python set) from `spec`, imported."""
    source = folder / "spec.json"
    source.write_text(json.dumps(spec), encoding="utf-8")
    write(plan_for(source, package_name=package_name, template_sets=("python",)), folder / "out")
    path = folder / "out" / "python" / package_name / "models.py"
    loaded = importlib.util.spec_from_file_location(f"{package_name}_models", path)
    assert loaded is not None and loaded.loader is not None
    module = importlib.util.module_from_spec(loaded)
    sys.modules[loaded.name] = module  # dataclasses look their module up
    loaded.loader.exec_module(module)
    return module
