"""The generator as users install it: a wheel in a fresh virtual environment.

Building the wheel and installing it with its dependencies takes about half a minute,
so this runs when APIFORGE_WHEEL=1 (`.ci/run` sets it):

    APIFORGE_WHEEL=1 .venv/bin/python -m pytest tests/test_install.py -q
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.output import MANIFEST
from helpers import REPO

pytestmark = pytest.mark.skipif(
    os.environ.get("APIFORGE_WHEEL") != "1", reason="builds and installs a wheel: set APIFORGE_WHEEL=1 (.ci/run does)"
)


def _run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("APIFORGE_", "PYTHON"))}
    return subprocess.run([str(c) for c in command], cwd=cwd, env=environment, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    build = _run(sys.executable, "-m", "pip", "wheel", REPO, "--no-deps", "-w", dist)
    assert build.returncode == 0, build.stderr
    shutil.rmtree(REPO / "build", ignore_errors=True)  # setuptools' scratch folder
    (built,) = dist.glob("apiforge-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The `bin` folder of a fresh virtual environment with the wheel installed."""
    root = tmp_path_factory.mktemp("install")
    venv = root / "venv"
    created = _run(sys.executable, "-m", "venv", venv)
    assert created.returncode == 0, created.stderr
    install = _run(venv / "bin" / "python", "-m", "pip", "install", "-q", wheel)
    assert install.returncode == 0, install.stderr
    yield venv / "bin"


def test_wheel_ships_the_template_sets_and_nothing_of_the_repository(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in (REPO / "templates").rglob("*"):
        if template.is_file() and "__pycache__" not in template.parts:
            assert f"generator/templates/{template.relative_to(REPO / 'templates').as_posix()}" in names
    assert {name.split("/")[0] for name in names} == {"generator", "-".join(wheel.name.split("-")[:2]) + ".dist-info"}


def test_installed_generator_writes_what_the_checkout_commits(installed: Path, tmp_path: Path) -> None:
    """From a folder outside the repository, the installed tool (both entry points)
    generates the same bytes as the checkout's `generated/`, and `check` agrees."""
    project = tmp_path / "project"
    shutil.copytree(REPO / "specs", project / "specs")
    shutil.copy(REPO / "pyproject.toml", project / "pyproject.toml")  # the same [tool.apiforge] settings
    generate = _run(installed / "python", "-m", "generator", "generate", cwd=project)
    assert generate.returncode == 0, generate.stderr
    committed = subprocess.run(["git", "ls-files", "generated"], cwd=REPO, capture_output=True, text=True, check=True)
    expected = {path.removeprefix("generated/"): (REPO / path).read_bytes() for path in committed.stdout.split()}
    assert _without_record(_tree(project / "generated")) == _without_record(expected), (
        "the installed generator's output differs from generated/"
    )
    check = _run(installed / "apiforge", "check", cwd=project)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "is up to date" in check.stdout


def test_installed_generator_runs_outside_any_project(installed: Path, tmp_path: Path) -> None:
    """No pyproject.toml anywhere: the built-in set renders, and the cache goes to the
    user's cache folder, not into the working folder."""
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(REPO / "specs" / "transfer_to_participant.yaml", work / "api.yaml")
    home = tmp_path / "home"
    result = subprocess.run(
        [str(installed / "apiforge"), "generate", "api.yaml", "-o", "out", "--template-set", "markdown"],
        cwd=work, capture_output=True, text=True, timeout=600,
        env={"PATH": os.environ.get("PATH", ""), "HOME": str(home)},
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in work.iterdir()) == ["api.yaml", "out"]
    assert any((home / ".cache" / "apiforge").iterdir())
    assert any((work / "out" / "markdown").rglob("*.md"))


def _without_record(tree: dict[str, bytes]) -> dict[str, object]:
    """The files, with the manifest's record of inputs left out: it holds a digest of
    the generator's own files, which an installed copy lays out otherwise."""
    manifest = json.loads(tree[MANIFEST])
    manifest.pop("inputs")
    return {**tree, MANIFEST: manifest}


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` and its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}
