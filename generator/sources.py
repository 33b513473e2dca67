"""Where a spec comes from: a file, or `REV:PATH` read from git.

A spec read from git is materialised, with the whole folder its `$ref`s may reach,
into a temporary folder (`git archive`), so that multi-file specs resolve exactly as
they were at that revision.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from .errors import GeneratorError


def _git(*arguments: str, cwd: Path) -> bytes:
    try:
        result = subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise GeneratorError("git is not installed, so REV:PATH cannot be read") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GeneratorError(f"git {' '.join(arguments[:2])}: {message[-1] if message else 'failed'}")
    return result.stdout


def is_git_reference(text: str) -> bool:
    """`REV:PATH`, as opposed to a file (which exists) or a Windows drive (`C:\\`)."""
    revision, colon, path = text.partition(":")
    return bool(colon and revision and path) and not Path(text).exists() and len(revision) > 1


@contextlib.contextmanager
def materialised(reference: str, ref_root: Path | None) -> Iterator[tuple[Path, Path | None]]:
    """(spec path, ref root) for a file or a `REV:PATH`, valid inside the `with`."""
    if not is_git_reference(reference):
        yield Path(reference), ref_root
        return
    revision, _, path_text = reference.partition(":")
    if revision.startswith("-"):  # git would read it as an option
        raise GeneratorError(f"{reference}: {revision!r} is not a git revision")
    top = Path(_git("rev-parse", "--show-toplevel", cwd=Path.cwd()).decode().strip())
    spec = (Path.cwd() / path_text).resolve()
    try:
        relative = PurePosixPath(spec.relative_to(top).as_posix())
    except ValueError:
        raise GeneratorError(f"{path_text} is outside the git repository {top}") from None
    root = (ref_root or spec.parent).resolve()
    if not root.is_relative_to(top):
        raise GeneratorError(f"{reference}: the ref root {root} is outside the git repository {top}")
    folder = PurePosixPath(root.relative_to(top).as_posix()) if root != top else PurePosixPath(".")
    archive = _git("archive", "--format=tar", revision, "--", str(folder), cwd=top)
    with tempfile.TemporaryDirectory(prefix="apiforge-rev-") as temporary:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(temporary, filter="data")
        extracted = Path(temporary) / relative
        if not extracted.is_file():
            raise GeneratorError(f"{path_text} does not exist at {revision}")
        yield extracted, Path(temporary) / folder
