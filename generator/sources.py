"""Where a spec comes from: a file, or `REV:PATH` read from git.

A spec read from git is materialised, with the files its `$ref`s reach, into a
temporary folder, so that multi-file specs resolve exactly as they were at that
revision.
"""

from __future__ import annotations

import contextlib
import posixpath
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from .errors import GeneratorError
from .loading.refs import external_references


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
    """(spec path, ref root) for a file or a `REV:PATH`, valid inside the `with`.

    For `REV:PATH`, the spec and the files its `$ref`s reach, as they were at REV, are
    written to a temporary folder laid out as the repository; the ref root defaults to
    the repository's work tree, as it does for a file in one.
    """
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
    root = (ref_root or top).resolve()
    if not root.is_relative_to(top):
        raise GeneratorError(f"{reference}: the ref root {root} is outside the git repository {top}")
    folder = PurePosixPath(root.relative_to(top).as_posix()) if root != top else PurePosixPath(".")
    with tempfile.TemporaryDirectory(prefix="apiforge-rev-") as temporary:
        if not _checkout_reached(top, revision, relative, folder, Path(temporary)):
            raise GeneratorError(f"{path_text} does not exist at {revision}")
        yield Path(temporary) / relative, Path(temporary) / folder


def _checkout_reached(top: Path, revision: str, spec: PurePosixPath, root: PurePosixPath, into: Path) -> bool:
    """Write the spec and every file it reaches through `$ref`s inside `root` (all
    paths relative to the repository's top), as they are at `revision`, below `into`;
    False when the spec is not there. Only what the spec reaches is read from git,
    however large the repository. A `$ref` to a missing file or outside `root` is
    left for the resolver to report, as it does for files on disk."""
    known = set(_git("ls-tree", "-r", "--name-only", revision, "--", str(root), cwd=top).decode("utf-8").splitlines())
    if str(spec) not in known:
        return False
    pending, seen = [spec], {spec}
    while pending:
        path = pending.pop()
        data = _git("show", f"{revision}:{path}", cwd=top)
        (into / path).parent.mkdir(parents=True, exist_ok=True)
        (into / path).write_bytes(data)
        for target, _ in external_references(data.decode("utf-8", "replace")):
            if "://" in target or target.startswith("//"):
                continue
            reached = PurePosixPath(posixpath.normpath(path.parent / unquote(target)))
            if str(reached) in known and reached not in seen:
                seen.add(reached)
                pending.append(reached)
    return True
