"""Golden-file tests: generated output is compared, file by file, with the committed one.

Each folder under tests/golden/ is a case: `spec.yaml` (or `spec.json`) and the
`expected/` output, generated with the folder's name as package name. The specs in
specs/ are checked against generated/, exactly as `python -m generator check` does.
`pytest --update-golden` rewrites the expected files of the cases.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.output import compare, write

from helpers import REPO, plan_for, run_cli

CASES = sorted(p for p in (REPO / "tests" / "golden").iterdir() if p.is_dir())


def _spec_of(case: Path) -> Path:
    return next(case / name for name in ("spec.yaml", "spec.json") if (case / name).is_file())


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_golden_case(case: Path, update_golden: bool) -> None:
    plan = plan_for(_spec_of(case), package_name=case.name, template_sets=("python", "markdown"))
    expected = case / "expected"
    if update_golden:
        write(plan, expected)
    drift = compare(plan, expected)
    assert drift.clean, (
        f"{case.name}: generated output differs from {expected} "
        f"(run `pytest --update-golden` if the change is intended)\n" + "".join(drift.diff)
    )


def test_generated_folder_matches_specs() -> None:
    """generated/ is what the configured specs and templates produce now, with every
    setting of [tool.apiforge] applied as the command line applies them."""
    code, stdout, stderr = run_cli("check", "--no-cache", "--full", cwd=REPO)
    assert code == 0, stderr + stdout


def _python_outputs() -> list[Path]:
    return [REPO / "generated" / "python"] + [case / "expected" / "python" for case in CASES]


@pytest.mark.parametrize("folder", _python_outputs(), ids=lambda p: str(p.relative_to(REPO)))
def test_generated_python_passes_mypy_strict(folder: Path) -> None:
    packages = sorted(str(p.name) for p in folder.iterdir() if (p / "__init__.py").is_file())
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", *packages, "tests"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "MYPYPATH": str(folder)},
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_emitted_tests_of_golden_case_pass(case: Path) -> None:
    folder = case / "expected" / "python"
    result = subprocess.run(
        # isolated from this repository's pytest configuration and conftest files
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", os.devnull,
         "--rootdir", str(folder), "--confcutdir", str(folder), "tests"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(folder)},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
