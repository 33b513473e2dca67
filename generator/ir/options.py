"""What a user chooses about the IR; kept apart so that reading settings does not
import the IR builder."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How to shape the API: names, and which operations to keep (globs; empty = all)."""

    package_name: str | None = None
    client_name: str | None = None
    operation_ids: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
