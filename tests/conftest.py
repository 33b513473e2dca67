"""Shared test settings.

`pytest --update-golden` (or APIFORGE_UPDATE_GOLDEN=1) rewrites the expected output of
every golden case instead of comparing with it.
"""

from __future__ import annotations

import os

import pytest

# Expected outputs of golden cases hold emitted tests of their own; they are run
# by test_golden.py with the right import path, not collected here.
collect_ignore_glob = ["golden/*/expected/*"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=os.environ.get("APIFORGE_UPDATE_GOLDEN") == "1",
        help="rewrite the expected output of the golden cases",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))

