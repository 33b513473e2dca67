"""Write generated files, or compare them with what is on disk.

The output folder keeps a manifest (`.apiforge-manifest.json`) of the files the
generator wrote. Writing replaces only files whose bytes changed, removes files the
manifest lists that are no longer generated, and never touches any other file.
Checking does the same comparison without writing anything.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GeneratorError, Location

MANIFEST = ".apiforge-manifest.json"


@dataclass
class Plan:
    """What generation wants the output folder to hold, relative paths to text."""

    files: dict[str, str]

    def with_manifest(self) -> dict[str, str]:
        listing = {path: hashlib.sha256(text.encode("utf-8")).hexdigest() for path, text in sorted(self.files.items())}
        manifest = json.dumps({"generator": "apiforge", "files": listing}, indent=2) + "\n"
        return {**self.files, MANIFEST: manifest}


@dataclass
class Drift:
    added: list[str] = field(default_factory=list)  # generated but missing on disk
    removed: list[str] = field(default_factory=list)  # on disk (per manifest) but no longer generated
    changed: list[str] = field(default_factory=list)
    diff: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.added or self.removed or self.changed)


def previous_files(output: Path) -> set[str]:
    try:
        data = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
        return set(data["files"])
    except FileNotFoundError:
        return set()
    except (OSError, ValueError, KeyError, TypeError):
        raise GeneratorError("the manifest is unreadable; delete it to start over", Location(str(output / MANIFEST))) from None


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return "\0unreadable"


def compare(plan: Plan, output: Path) -> Drift:
    drift = Drift()
    wanted = plan.with_manifest()
    for path in sorted(wanted):
        current = _read(output / path)
        if current is None:
            drift.added.append(path)
            drift.diff += difflib.unified_diff([], wanted[path].splitlines(True), "/dev/null", f"b/{path}")
        elif current != wanted[path]:
            drift.changed.append(path)
            drift.diff += difflib.unified_diff(
                current.splitlines(True), wanted[path].splitlines(True), f"a/{path}", f"b/{path}"
            )
    for path in sorted(previous_files(output) - set(plan.files)):
        if (output / path).exists():
            drift.removed.append(path)
            drift.diff += difflib.unified_diff(
                (_read(output / path) or "").splitlines(True), [], f"a/{path}", "/dev/null"
            )
    return drift


def write(plan: Plan, output: Path) -> Drift:
    """Bring the output folder in line with the plan; returns what changed."""
    drift = compare(plan, output)
    wanted = plan.with_manifest()
    try:
        for path in drift.added + drift.changed:
            _write_atomically(output / path, wanted[path])
        for path in drift.removed:
            (output / path).unlink(missing_ok=True)
            _remove_empty_parents(output / path, output)
    except OSError as error:
        raise GeneratorError(f"cannot write output: {error.strerror}", Location(str(error.filename or output))) from None
    return drift


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove_empty_parents(path: Path, root: Path) -> None:
    parent = path.parent
    while parent != root and root in parent.parents:
        try:
            parent.rmdir()  # only succeeds when empty
        except OSError:
            return
        parent = parent.parent
