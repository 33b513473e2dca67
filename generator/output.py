"""Write generated files, or compare them with what is on disk.

The output folder keeps a manifest (`.apiforge-manifest.json`) of the files the
generator wrote. Writing replaces only files whose bytes changed, removes files the
manifest lists that are no longer generated, and never touches any other file (it
refuses to overwrite one that is in the way).
Checking does the same comparison without writing anything.

Writing is crash-safe and serialised (docs/output.md has the details):

- the new output is built completely in a folder beside the old one
  (`.NAME.apiforge-tmp-*`): unchanged files and files the generator did not write are
  hard-linked into it (copied, metadata and all, where links fail), changed and new
  files are written, and it is synced to disk; when it is complete it is renamed
  `.NAME.apiforge-ready` and swapped with the output folder, atomically where the
  system can exchange two folders (Linux `renameat2(RENAME_EXCHANGE)`), else by two
  renames with the old folder parked as `.NAME.apiforge-old` in between;
- every write, and every check that sees an unfinished one, first recovers: a
  missing output folder comes back from `-ready` (roll forward) or `-old` (roll
  back), and every other leftover of the generator is deleted, so a process killed at
  any moment leaves the old output or the new one, never a mix;
- generations into one folder are serialised by an exclusive `flock` on
  `.NAME.apiforge-lock` beside it (removed again when released); one that cannot get
  it within `LOCK_TIMEOUT` seconds gives up with an error;
- a location that cannot be written (read-only, permissions, disk full) gives a
  one-line `GeneratorError` naming the folder, with the old output unchanged and the
  temporary folders removed.
"""

from __future__ import annotations

import contextlib
import difflib
import errno
import hashlib
import json
import os
import re
import shutil
import stat
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import GeneratorError, Location

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock; generations are not serialised there
    fcntl = None  # type: ignore[assignment]

try:
    import ctypes
except ImportError:  # pragma: no cover - a Python built without ctypes swaps by two renames
    ctypes = None  # type: ignore[assignment]

MANIFEST = ".apiforge-manifest.json"
LOCK_TIMEOUT = 60.0  # seconds a generation waits for another one writing the same folder


@dataclass
class Plan:
    """What generation wants the output folder to hold, relative paths to text, and
    the digest of the inputs that decided it (`pipeline.inputs_digest`), which the
    manifest records so that `check` can answer from it."""

    files: dict[str, str]
    inputs: str | None = None

    def with_manifest(self) -> dict[str, str]:
        listing = {path: _sha256(text.encode("utf-8")) for path, text in sorted(self.files.items())}
        record = {"generator": "apiforge", **({"inputs": self.inputs} if self.inputs else {}), "files": listing}
        return {**self.files, MANIFEST: json.dumps(record, indent=2) + "\n"}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def matches_record(output: Path, inputs: str) -> bool:
    """Did the last generation into `output` have these inputs, and is every file it
    wrote still as it wrote it? Reads and hashes; False for anything unexpected (no
    manifest, another record, a file changed or missing, an interrupted generation)."""
    real = _resolved(output)
    if _needs_recovery(real):
        return False
    try:
        record = json.loads((real / MANIFEST).read_text(encoding="utf-8"))
        if record.get("inputs") != inputs or not isinstance(record.get("files"), dict):
            return False
        return all(
            isinstance(path, str) and contained(path) and _sha256((real / path).read_bytes()) == listed
            for path, listed in record["files"].items()
        )
    except (OSError, ValueError, AttributeError):
        return False


def _listing(manifest: str | None) -> object:
    """A manifest without its record of inputs: what files it lists, with their digests.
    Two manifests that differ only in the record list the same output."""
    try:
        data = json.loads(manifest) if manifest is not None else None
    except ValueError:
        return manifest
    if isinstance(data, dict):
        data.pop("inputs", None)
    return data


@dataclass
class Drift:
    added: list[str] = field(default_factory=list)  # generated but missing on disk
    removed: list[str] = field(default_factory=list)  # on disk (per manifest) but no longer generated
    changed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)  # changed, and not listed in the manifest: not the generator's
    diff: list[str] = field(default_factory=list)
    # the manifest lists the same files but another record of inputs: not drift (the
    # output is right), but `write` refreshes it so that `check` can answer from it
    stale_record: bool = False

    @property
    def clean(self) -> bool:
        return not (self.added or self.removed or self.changed)


def contained(path: str) -> bool:
    """Is `path` a file's relative path (`a/b.py`, as written) that stays inside the
    folder it is relative to?"""
    pure = PurePosixPath(path)
    return (
        str(pure) == path
        and pure.parts != ()
        and not pure.is_absolute()
        and ".." not in pure.parts
        and not any(char in path for char in "\\\0")
    )


def previous_files(output: Path) -> set[str]:
    """The files the manifest says the generator wrote into `output`."""
    where = Location(str(output / MANIFEST))
    try:
        data = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
        files = set(data["files"])
    except FileNotFoundError:
        return set()
    except (OSError, ValueError, KeyError, TypeError):
        raise GeneratorError("the manifest is unreadable; delete it to start over", where) from None
    outside = sorted(repr(path) for path in files if not isinstance(path, str) or not contained(path))
    if outside:
        raise GeneratorError(f"the manifest lists {outside[0]}, which is not a path inside the folder; delete it to start over", where)
    return files


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return "\0unreadable"


def compare(plan: Plan, output: Path) -> Drift:
    """What `write` would change; writes nothing of the user's.

    The one exception: when an interrupted generation left its temporary folders
    beside the output (or is still running), this first takes the lock and finishes
    the recovery, so the comparison sees a complete output. Where that is impossible
    (a read-only location) it compares what is there.
    """
    real = _resolved(output)
    with contextlib.ExitStack() as stack:
        if _needs_recovery(real):
            try:
                stack.enter_context(_locked(real, output, LOCK_TIMEOUT))
                _recover(real)
            except OSError:
                pass
        return _compare(plan, real)


def recover(output: Path, *, lock_timeout: float = LOCK_TIMEOUT) -> None:
    """Finish what an interrupted generation into `output` left behind."""
    real = _resolved(output)
    try:
        with _locked(real, output, lock_timeout):
            _recover(real)
    except OSError as error:
        raise _write_error(error, output) from None


def write(plan: Plan, output: Path, *, lock_timeout: float = LOCK_TIMEOUT) -> Drift:
    """Bring the output folder in line with the plan; returns what changed."""
    real = _resolved(output)
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        with _locked(real, output, lock_timeout):
            _recover(real)
            if os.path.lexists(real) and not real.is_dir():
                raise GeneratorError("the output is not a folder", Location(str(output)))
            drift = _compare(plan, real)
            _refuse_foreign(drift, output)
            if drift.stale_record:
                drift.changed.append(MANIFEST)
            if not drift.clean:
                _replace(real, output, plan.with_manifest(), drift)
    except OSError as error:
        raise _write_error(error, output) from None
    return drift


def _refuse_foreign(drift: Drift, output: Path) -> None:
    """Refuse to overwrite files the generator did not write: a changed file that the
    manifest does not list was put there by someone else. (One that already holds
    exactly the generated text is taken over as it is.)"""
    if drift.foreign:
        more = f" and {len(drift.foreign) - 3} more" if len(drift.foreign) > 3 else ""
        raise GeneratorError(
            f"would overwrite {', '.join(drift.foreign[:3])}{more}, which apiforge did not write"
            f" (its manifest does not list them); move or delete them first",
            Location(str(output)),
        )


def _compare(plan: Plan, output: Path) -> Drift:
    drift = Drift()
    wanted = plan.with_manifest()
    previous = previous_files(output)
    for path in sorted(wanted):
        current = _read(output / path)
        if current is None:
            drift.added.append(path)
            drift.diff += difflib.unified_diff([], wanted[path].splitlines(True), "/dev/null", f"b/{path}")
        elif path == MANIFEST and current != wanted[path] and _listing(current) == _listing(wanted[path]):
            drift.stale_record = True
        elif current != wanted[path]:
            drift.changed.append(path)
            if path != MANIFEST and path not in previous:
                drift.foreign.append(path)
            drift.diff += difflib.unified_diff(
                current.splitlines(True), wanted[path].splitlines(True), f"a/{path}", f"b/{path}"
            )
    for path in sorted(previous - set(plan.files)):
        if (output / path).exists():
            drift.removed.append(path)
            drift.diff += difflib.unified_diff(
                (_read(output / path) or "").splitlines(True), [], f"a/{path}", "/dev/null"
            )
    return drift


# --- the folders beside the output ---------------------------------------------------
#
# For an output folder PARENT/NAME the generator owns exactly these names in PARENT:
#   .NAME.apiforge-lock       the lock file (exists while a generation runs)
#   .NAME.apiforge-tmp-HEX    a new output being built (incomplete: always deleted)
#   .NAME.apiforge-ready      a complete new output, about to be swapped in
#   .NAME.apiforge-old        the old output, parked between the two renames of a swap
#   .NAME.apiforge-trash-HEX  a folder being deleted


def _sibling(output: Path, kind: str) -> Path:
    return output.parent / f".{output.name}.apiforge-{kind}"


def _fresh_sibling(output: Path, kind: str) -> Path:
    while True:
        candidate = _sibling(output, f"{kind}-{os.urandom(6).hex()}")
        if not os.path.lexists(candidate):
            return candidate


def _leftovers(output: Path) -> list[Path]:
    """The generator's folders and lock file beside `output`, if any."""
    pattern = re.compile(rf"\.{re.escape(output.name)}\.apiforge-(?:lock|ready|old|(?:tmp|trash)-[0-9a-f]+)\Z")
    try:
        with os.scandir(output.parent) as entries:
            return sorted(Path(entry.path) for entry in entries if pattern.match(entry.name))
    except OSError:
        return []


def _needs_recovery(output: Path) -> bool:
    return bool(_leftovers(output))


def _recover(output: Path) -> None:
    """Under the lock: make `output` whole again and delete every leftover."""
    if not os.path.lexists(output):
        # Killed between the two renames of a swap (or before the first generation's
        # only rename): a complete new output wins over the parked old one.
        for candidate in (_sibling(output, "ready"), _sibling(output, "old")):
            if candidate.is_dir() and not candidate.is_symlink():
                os.rename(candidate, output)
                _fsync_dir(output.parent)
                break
    lock = _sibling(output, "lock")
    for leftover in _leftovers(output):
        if leftover != lock and leftover.is_dir() and not leftover.is_symlink():
            _discard(leftover, output)


@contextlib.contextmanager
def _locked(output: Path, shown: Path, timeout: float) -> Iterator[None]:
    """Hold the exclusive lock of `output` (waiting up to `timeout` seconds)."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    path = _sibling(output, "lock")
    descriptor = _acquire(path, shown, timeout)
    if descriptor is None:  # a file system without locks: go on unserialised
        yield
        return
    try:
        with contextlib.suppress(OSError):
            os.ftruncate(descriptor, 0)
            os.write(descriptor, f"{os.getpid()}\n".encode())
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(descriptor)


def _acquire(path: Path, shown: Path, timeout: float) -> int | None:
    """An open descriptor of the lock file `path`, locked; None where locks are unsupported."""
    deadline = time.monotonic() + timeout
    while True:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            if time.monotonic() >= deadline:
                raise GeneratorError(
                    f"another generation{_lock_holder(path)} is writing {shown}; gave up waiting after {timeout:g} s"
                ) from None
            time.sleep(0.02)
            continue
        except OSError as error:
            os.close(descriptor)
            if error.errno not in (errno.ENOLCK, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
                raise
            with contextlib.suppress(OSError):
                os.unlink(path)
            return None
        except BaseException:
            os.close(descriptor)
            raise
        # The previous holder unlinks the file before letting go; if that happened
        # after we opened it, we hold a lock nobody else will look at: start over.
        try:
            held, named = os.fstat(descriptor), os.stat(path)
            if (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino):
                return descriptor
        except OSError:
            pass  # gone: unlinked by the holder we waited for
        os.close(descriptor)


def _lock_holder(path: Path) -> str:
    try:
        pid = int(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return ""
    return f" (process {pid})"


# --- building and swapping --------------------------------------------------------


def _replace(output: Path, shown: Path, wanted: dict[str, str], drift: Drift) -> None:
    """Build the new output beside `output` and swap it in."""
    try:
        here = Path.cwd()
    except OSError:
        here = None
    if here is not None and (here == output or output in here.parents):
        raise GeneratorError(
            "the output folder holds the current directory, and apiforge replaces the output folder as a "
            "whole: run it from outside the folder, or write into a folder of its own",
            Location(str(shown)),
        )
    build = _fresh_sibling(output, "tmp")
    os.mkdir(build, 0o777)
    try:
        try:
            _build(build, output, shown, wanted, drift)
        except OSError as error:
            # Name a file by its place in the output, not in the temporary folder.
            for root in (build, output):
                if isinstance(error.filename, str) and error.filename.startswith(f"{root}{os.sep}"):
                    error.filename = Path(os.path.relpath(error.filename, root)).as_posix()
            raise
        ready = _sibling(output, "ready")
        os.rename(build, ready)  # complete: from here on recovery rolls it forward
        build = ready
        _fsync_dir(output.parent)
        if os.path.lexists(output):
            old = _swap(ready, output)
        else:
            os.rename(ready, output)
            old = None
    except BaseException:
        _discard(build, output)
        raise
    # The new output is in place; what follows only tidies up, and a failure in it is
    # left for the next recovery rather than reported as a failed generation.
    _fsync_dir(output.parent)
    if old is not None:
        _discard(old, output)


def _swap(new: Path, output: Path) -> Path:
    """Put `new` in the place of `output`; returns where the old output went."""
    if _exchange(new, output):
        return new
    old = _sibling(output, "old")
    os.rename(output, old)
    try:
        os.rename(new, output)
    except BaseException:
        try:
            os.rename(old, output)
        except OSError:
            raise GeneratorError(
                f"the output folder was moved to {old.name} and could not be put back; "
                "the next generate or check restores it",
                Location(str(output)),
            ) from None
        raise
    return old


def _exchange(first: Path, second: Path) -> bool:
    """Atomically swap two folders (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    function = _libc("renameat2")
    if function is None:
        return False
    if function(-100, os.fsencode(first), -100, os.fsencode(second), 2) == 0:  # AT_FDCWD, RENAME_EXCHANGE
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _flush(folder: Path, written: list[Path]) -> None:
    """Make the new tree durable before it is swapped in (power loss, not just a kill).

    On Linux one syncfs() of the file system costs one journal commit; elsewhere each
    written file and each folder is fsynced.
    """
    function = _libc("syncfs")
    if function is not None:
        descriptor = os.open(folder.parent, os.O_RDONLY)
        try:
            if function(descriptor) == 0:
                return
        finally:
            os.close(descriptor)
    for path in written:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    for root, _, _ in os.walk(folder, topdown=False):
        _fsync_dir(Path(root))


_LIBC: dict[str, Any] = {}
_SIGNATURES = {"renameat2": ("c_int", "c_char_p", "c_int", "c_char_p", "c_uint"), "syncfs": ("c_int",)}


def _libc(name: str) -> Any:
    """A Linux C library function, or None where there is no such thing."""
    if name not in _LIBC:
        function = None
        if ctypes is not None and sys.platform.startswith("linux"):
            try:
                function = getattr(ctypes.CDLL(None, use_errno=True), name)
                function.argtypes = [getattr(ctypes, kind) for kind in _SIGNATURES[name]]
                function.restype = ctypes.c_int
            except (OSError, AttributeError):
                function = None
        _LIBC[name] = function
    return _LIBC[name]


def _build(build: Path, output: Path, shown: Path, wanted: dict[str, str], drift: Drift) -> None:
    """Fill `build` with the new output: what stays is linked, what changed is written."""
    rewrite = set(drift.added) | set(drift.changed)
    drop = set(drift.removed)
    modes: dict[str, int] = {}  # permission bits of rewritten files that existed
    folders: list[tuple[Path, os.stat_result]] = []  # (new folder, old folder's status)
    if os.path.isdir(output):
        top = os.stat(output)
        folders.append((build, top))

        def fail(error: OSError) -> None:
            raise error

        for root, subfolders, files in os.walk(output, onerror=fail):
            relative = Path(root).relative_to(output)
            for name in list(subfolders):
                source, target = Path(root, name), build / relative / name
                status = os.lstat(source)
                if stat.S_ISLNK(status.st_mode):
                    subfolders.remove(name)  # os.walk does not follow it; keep the link itself
                    os.symlink(os.readlink(source), target)
                    continue
                if status.st_dev != top.st_dev:
                    raise GeneratorError(
                        f"{(relative / name).as_posix()} is a mount point; apiforge replaces the output folder "
                        "as a whole and cannot carry a mounted folder across",
                        Location(str(shown)),
                    )
                os.mkdir(target, 0o700)
                folders.append((target, status))
            for name in files:
                path = (relative / name).as_posix()
                source = Path(root, name)
                if path in drop:
                    continue
                if path in rewrite:
                    status = os.lstat(source)
                    if stat.S_ISREG(status.st_mode):
                        modes[path] = stat.S_IMODE(status.st_mode)
                    continue
                _keep(source, build / relative / name)
    for path in sorted(drop):
        _remove_empty_parents(build / path, build)
    written: list[Path] = []
    made: set[Path] = {build}
    for path in sorted(rewrite):
        target = build / path
        _make_folders(target.parent, build, shown, made)
        _write_file(target, wanted[path].encode("utf-8"), modes.get(path))
        written.append(target)
    _flush(build, written)
    for folder, status in reversed(folders):  # deepest first: a folder's permissions may forbid writing in it
        if not os.path.isdir(folder):
            continue  # emptied by a removal
        now = os.stat(folder)
        if stat.S_IMODE(now.st_mode) != stat.S_IMODE(status.st_mode):
            os.chmod(folder, stat.S_IMODE(status.st_mode))
        if hasattr(os, "chown") and (now.st_uid, now.st_gid) != (status.st_uid, status.st_gid):
            with contextlib.suppress(OSError):  # only possible for root; otherwise it stays ours
                os.chown(folder, status.st_uid, status.st_gid)


def _keep(source: Path, target: Path) -> None:
    """Carry a file over unchanged: same inode, so same bytes and modification time."""
    status = os.lstat(source)
    if stat.S_ISLNK(status.st_mode):
        os.symlink(os.readlink(source), target)
        return
    try:
        os.link(source, target)
    except OSError as error:
        if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)) or not stat.S_ISREG(status.st_mode):
            raise
        shutil.copy2(source, target)  # no hard links here (file system, permissions): a copy, times kept


def _make_folders(folder: Path, build: Path, shown: Path, made: set[Path]) -> None:
    """Create the folders a new file goes in (`made`: those known to exist already)."""
    current = build
    for part in folder.relative_to(build).parts:
        current = current / part
        if current in made:
            continue
        made.add(current)
        try:
            os.mkdir(current, 0o777)
        except FileExistsError:
            if current.is_symlink() or not current.is_dir():
                raise GeneratorError(
                    f"{current.relative_to(build).as_posix()} is a file or a symbolic link, "
                    "but generated files go inside it",
                    Location(str(shown)),
                ) from None


def _write_file(path: Path, data: bytes, mode: int | None) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
        if mode is not None and stat.S_IMODE(os.fstat(descriptor).st_mode) != mode:
            os.chmod(descriptor if os.chmod in os.supports_fd else path, mode)
    finally:
        os.close(descriptor)


def _fsync_dir(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # not possible here (Windows, an unreadable folder): the renames still order things
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems refuse to sync folders
    finally:
        os.close(descriptor)


def _discard(folder: Path, output: Path) -> None:
    """Delete one of the generator's own folders; best effort, recovery retries it."""
    if not os.path.lexists(folder):
        return
    if not folder.name.startswith(f".{output.name}.apiforge-trash-"):
        trash = _fresh_sibling(output, "trash")
        try:
            os.rename(folder, trash)  # a half-deleted folder must never look complete
            folder = trash
        except OSError:
            pass
    try:
        shutil.rmtree(folder)
    except FileNotFoundError:
        return
    except OSError:
        # Folders kept read-only (files the user owns, carried over) stop the deletion
        # of what is inside them: open them up and try once more.
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)
        for root, subfolders, _ in os.walk(folder):
            for name in subfolders:
                if not os.path.islink(os.path.join(root, name)):
                    with contextlib.suppress(OSError):
                        os.chmod(os.path.join(root, name), 0o700)
        shutil.rmtree(folder, ignore_errors=True)


def _remove_empty_parents(path: Path, root: Path) -> None:
    parent = path.parent
    while parent != root and root in parent.parents:
        try:
            parent.rmdir()  # only succeeds when empty
        except OSError:
            return
        parent = parent.parent


def _resolved(output: Path) -> Path:
    """The real folder: a symbolic link to it stays a link, the swap happens at its target."""
    return Path(os.path.realpath(output))


def _write_error(error: OSError, output: Path) -> GeneratorError:
    reason = error.strerror or str(error)
    if isinstance(error.filename, str) and error.filename and not os.path.isabs(error.filename):
        reason += f": {error.filename}"  # a file inside the output folder
    if error.errno in (errno.EACCES, errno.EPERM):
        reason += f" (the new output is built beside the folder, so {Path(os.path.abspath(output)).parent} must be writable too)"
    elif error.errno in (errno.EBUSY, errno.EXDEV):
        reason += " (is the folder a mount point? apiforge swaps the whole folder: write into a folder inside it)"
    return GeneratorError(f"cannot write output: {reason}; the previous output is unchanged", Location(str(output)))
