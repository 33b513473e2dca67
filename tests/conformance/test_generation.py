"""Generation inventory: every Swagger file the issue lists, generated on its own,
imported in a fresh interpreter and checked with `mypy --strict`.

Results go to the "Generation inventory" table of docs/conformance.md.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import conformance_harness as harness


@pytest.mark.parametrize("group", harness.ISSUE_GROUPS)
def test_generates(
    group: str,
    generated: Callable[[str], harness.Generation],
    inventory: dict[str, harness.InventoryRecord],
) -> None:
    generation = generated(group)
    record = inventory.setdefault(group, harness.InventoryRecord(group))
    record.generates = generation.ok
    record.warnings = len(generation.warnings)
    if not generation.ok:
        record.generator_message = "; ".join(generation.errors)
    assert generation.ok, "\n".join(generation.errors)


@pytest.mark.parametrize("group", harness.ISSUE_GROUPS)
def test_imports(
    group: str,
    generated: Callable[[str], harness.Generation],
    inventory: dict[str, harness.InventoryRecord],
) -> None:
    generation = generated(group)
    if not generation.ok:
        pytest.skip("the generator failed")
    ok, message = harness.check_import(generation)
    record = inventory.setdefault(group, harness.InventoryRecord(group))
    record.imports = ok
    record.import_message = message
    assert ok, message


@pytest.mark.parametrize("group", harness.ISSUE_GROUPS)
def test_mypy_strict(
    group: str,
    generated: Callable[[str], harness.Generation],
    inventory: dict[str, harness.InventoryRecord],
    mypy_cache: Path,
) -> None:
    generation = generated(group)
    if not generation.ok:
        pytest.skip("the generator failed")
    ok, errors = harness.run_mypy(generation, mypy_cache)
    record = inventory.setdefault(group, harness.InventoryRecord(group))
    record.mypy = ok
    record.mypy_errors = errors
    assert ok, "\n".join(errors)
