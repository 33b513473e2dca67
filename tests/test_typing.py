"""The generator's own code, and the built-in template sets' plugins, pass `mypy --strict`.

The plugins are checked one at a time: they are loaded by path, not as a package, and
two of them are named `plugin.py`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TARGETS = [["generator"]] + [[str(p.relative_to(REPO))] for p in sorted((REPO / "templates").glob("*/plugin.py"))]


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t[0])
def test_passes_mypy_strict(target: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", *target], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
