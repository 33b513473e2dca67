"""Writing the output folder survives being killed, runs one at a time, and fails cleanly.

- A writer killed with SIGKILL at a random moment, and at every single file-system
  step of a write, leaves (after recovery) exactly the old output or exactly the new
  one, files the generator did not write included, and nothing of its own beside it.
- Concurrent writers into one folder are serialised; one that cannot get the lock in
  time gives up with a one-line error.
- A permission error or a full disk at any step is a one-line `GeneratorError` naming
  the folder, with the old output intact and no temporary folder left.

`APIFORGE_CRASH_ITERATIONS=200 pytest tests/test_crash_safety.py` kills more often.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import generator.output as output_module
from generator.errors import GeneratorError
from generator.output import MANIFEST, Plan, compare, recover, write

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

REPO = Path(__file__).resolve().parents[1]
ITERATIONS = int(os.environ.get("APIFORGE_CRASH_ITERATIONS", "15"))
FOREIGN = {"notes.md": "written by a person\n", "pkg/mine.py": "# also a person's\n"}

needs_posix = pytest.mark.skipif(not hasattr(os, "fork") or fcntl is None, reason="POSIX only")


def make_plans(count: int, size: int) -> tuple[Plan, Plan]:
    """Two plans that share files, change files, and each have files of their own."""
    lines = max(1, size // 24)

    def text(index: int, variant: str) -> str:
        return f"VARIANT = {variant!r}\n" + "".join(f"value_{index}_{line} = {line}\n" for line in range(lines))

    shared = {f"pkg/s{i}.py": text(i, "same") for i in range(count // 3)}
    changed = range(count // 3, 2 * count // 3)
    own = range(2 * count // 3, count)
    a = {**shared, **{f"pkg/m{i % 2}/c{i}.py": text(i, "a") for i in changed},
         **{f"pkg/only_a/deep/x{i}.py": text(i, "a") for i in own}}
    b = {**shared, **{f"pkg/m{i % 2}/c{i}.py": text(i, "b") for i in changed},
         **{f"pkg/only_b/y{i}.py": text(i, "b") for i in own}}
    return Plan(a), Plan(b)


def expected(plan: Plan) -> dict[str, bytes]:
    return {path: text.encode() for path, text in {**plan.with_manifest(), **FOREIGN}.items()}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def state(folder: Path, a: Plan, b: Plan) -> str:
    """'A' or 'B'; anything else (a mix, a missing or extra file) fails the test."""
    files = snapshot(folder)
    for name, plan in (("A", a), ("B", b)):
        if files == expected(plan):
            return name
    want_a, want_b = expected(a), expected(b)
    raise AssertionError(
        f"{folder} is neither plan A nor plan B: "
        f"{len(set(files) ^ set(want_a))} paths differ from A, {len(set(files) ^ set(want_b))} from B, "
        f"{sum(files.get(p) != t for p, t in want_a.items())} contents differ from A"
    )


def beside(folder: Path) -> list[str]:
    """What is in the output's parent besides the output: must be nothing."""
    return sorted(name for name in os.listdir(folder.parent) if name != folder.name)


def start(folder: Path, plan: Plan) -> None:
    """An output folder holding `plan` and the files of a person."""
    write(plan, folder)
    for path, text in FOREIGN.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text)


@pytest.fixture(params=["exchange", "two renames"])
def swap_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run with the atomic exchange (where the system has it) and with the portable swap."""
    if request.param == "two renames":
        monkeypatch.setattr(output_module, "_exchange", lambda first, second: False)
    return str(request.param)


@pytest.fixture
def no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a killed process wrote stays in the kernel's cache, so tests of SIGKILL need
    no syncing to disk (which is for power loss): it would only cost time."""
    monkeypatch.setattr(os, "fsync", lambda descriptor: None)
    monkeypatch.setattr(output_module, "_flush", lambda folder, written: None)


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    """A folder in memory (tmpfs) where there is one, else `tmp_path`.

    The tests that kill or fail a writer at every step run hundreds of writes; what a
    SIGKILL leaves does not depend on the file system, and on a slow disk those writes
    would take most of the time.
    """
    memory = Path("/dev/shm")
    if not (memory.is_dir() and os.access(memory, os.W_OK | os.X_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="apiforge-test-", dir=memory))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# The file-system steps of a write: the calls that change something on disk.
STEPS = ("open", "write", "fsync", "ftruncate", "mkdir", "link", "symlink", "rename", "replace",
         "unlink", "rmdir", "chmod")


@contextlib.contextmanager
def at_step(number: int, action: Callable[[str, tuple[object, ...]], None]) -> Iterator[list[str]]:
    """Run `action` just before the `number`-th file-system step (counting from 0).

    Yields a list that holds the step's name once it has been reached.
    """
    counter = itertools.count()
    reached: list[str] = []
    originals = {name: getattr(os, name) for name in STEPS}
    originals_exchange = output_module._exchange

    def wrap(name: str, function: Callable[..., object]) -> Callable[..., object]:
        def step(*args: object, **kwargs: object) -> object:
            if next(counter) == number:
                reached.append(name)
                action(name, args)
            return function(*args, **kwargs)

        return step

    try:
        for name, function in originals.items():
            setattr(os, name, wrap(name, function))
        output_module._exchange = wrap("exchange", originals_exchange)  # type: ignore[assignment]
        yield reached
    finally:
        for name, function in originals.items():
            setattr(os, name, function)
        output_module._exchange = originals_exchange


# --- SIGKILL -------------------------------------------------------------------------

CHILD = r"""
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from generator.output import Plan, write
plan = Plan(json.loads(Path(sys.argv[1]).read_text()))
print("ready", flush=True)
sys.stdin.readline()
write(plan, Path(sys.argv[2]))
"""


def spawn_writer(plan_file: Path, folder: Path) -> subprocess.Popen[str]:
    """A process that writes the plan in `plan_file` into `folder` once told to `go`."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(plan_file), str(folder), str(REPO)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "ready\n", child.stderr.read() if child.stderr else ""
    return child


def go(*children: subprocess.Popen[str]) -> None:
    for child in children:
        assert child.stdin is not None
        child.stdin.write("\n")
        child.stdin.close()


@needs_posix
def test_sigkill_at_random_moments_leaves_old_or_new_output(scratch: Path) -> None:
    a, b = make_plans(300, 8_000)
    plan_files = {}
    for name, plan in (("A", a), ("B", b)):
        plan_files[name] = scratch / f"plan_{name}.json"
        plan_files[name].write_text(json.dumps(plan.files))
    folder = scratch / "out" / "generated"
    start(folder, a)
    shared = folder / next(iter(a.files))
    shared_status = shared.stat()

    # How long one switch takes, writer start-up excluded: the range of kill times.
    durations = []
    for name in ("B", "A"):
        child = spawn_writer(plan_files[name], folder)
        go(child)
        began = time.perf_counter()
        assert child.wait() == 0, child.stderr.read() if child.stderr else ""
        durations.append(time.perf_counter() - began)
        assert state(folder, a, b) == name
    longest = max(durations)

    rng = random.Random(20240915)
    outcomes: dict[str, int] = {}
    current = "A"
    for iteration in range(ITERATIONS):
        target = "B" if current == "A" else "A"
        child = spawn_writer(plan_files[target], folder)
        go(child)
        time.sleep(rng.uniform(0, longest * 1.1))
        child.send_signal(signal.SIGKILL)
        code = child.wait()
        assert code in (0, -signal.SIGKILL), child.stderr.read() if child.stderr else ""
        if iteration % 2:
            recover(folder)
        else:
            compare(a, folder)  # what `check` runs first
        current = state(folder, a, b)
        assert current in (target, "A" if target == "B" else "B")
        assert beside(folder) == [], f"left behind after recovery: {beside(folder)}"
        outcome = "finished" if code == 0 else f"killed, {'new' if current == target else 'old'} kept"
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        # Files that are the same in both plans were never rewritten: same inode, same time.
        assert (shared.stat().st_ino, shared.stat().st_mtime_ns) == (shared_status.st_ino, shared_status.st_mtime_ns)
    print(f"{ITERATIONS} writers killed within {longest * 1.1:.2f}s of starting: {outcomes}")


@needs_posix
@pytest.mark.usefixtures("no_fsync")
def test_sigkill_at_every_step_leaves_old_or_new_output(scratch: Path, swap_mode: str) -> None:
    """Fork a writer that SIGKILLs itself before its n-th file-system step, for every n."""
    a, b = make_plans(9, 100)
    folder = scratch / "generated"
    start(folder, a)
    shared = folder / next(iter(a.files))
    shared_status = shared.stat()

    def die(name: str, args: tuple[object, ...]) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    outcomes = []
    for number in itertools.count():
        if state(folder, a, b) != "A":
            write(a, folder)
        pid = os.fork()
        if pid == 0:  # the child: write B, dying before step `number`
            code = 0
            try:
                with at_step(number, die):
                    write(b, folder)
            except BaseException:
                traceback.print_exc()
                code = 3
            os._exit(code)
        _, status = os.waitpid(pid, 0)
        finished = os.WIFEXITED(status)
        if finished:
            assert os.WEXITSTATUS(status) == 0, f"the writer failed at step {number}"
        else:
            assert os.WTERMSIG(status) == signal.SIGKILL
        if number % 2:
            recover(folder)
        else:
            assert compare(b, folder).clean == (state(folder, a, b) == "B")
        outcomes.append(state(folder, a, b))
        assert beside(folder) == [], f"step {number}: left behind {beside(folder)}"
        assert (shared.stat().st_ino, shared.stat().st_mtime_ns) == (shared_status.st_ino, shared_status.st_mtime_ns)
        if finished:
            break
    print(f"{swap_mode}: killed at each of {len(outcomes) - 1} steps")
    # One commit point: every kill before it keeps A whole, every kill after it gives B whole.
    flips = "".join(outcomes)
    assert flips == "A" * flips.count("A") + "B" * flips.count("B"), flips
    assert flips.count("A") > 10 and flips.count("B") > 3, flips


# --- concurrency ---------------------------------------------------------------------


@needs_posix
def test_two_generations_at_once_are_serialised(scratch: Path) -> None:
    a, b = make_plans(300, 5_000)
    folder = scratch / "out" / "generated"
    start(folder, a)
    plan_files = []
    for name, plan in (("A", a), ("B", b)):
        plan_files.append(scratch / f"plan_{name}.json")
        plan_files[-1].write_text(json.dumps(plan.files))
    children = [spawn_writer(plan_files[1], folder), spawn_writer(plan_files[0], folder)]
    go(*children)
    for child in children:
        assert child.wait() == 0, child.stderr.read() if child.stderr else ""
    assert state(folder, a, b) in ("A", "B")
    assert beside(folder) == []


@needs_posix
def test_threads_writing_one_folder_take_turns(scratch: Path) -> None:
    a, b = make_plans(12, 200)
    folder = scratch / "generated"
    start(folder, a)
    errors: list[BaseException] = []

    def writer(index: int) -> None:
        try:
            for round_ in range(6):
                write(a if (index + round_) % 2 else b, folder)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(index,)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert state(folder, a, b) in ("A", "B")
    assert beside(folder) == []


@needs_posix
def test_a_generation_that_cannot_get_the_lock_gives_up_with_a_clear_error(tmp_path: Path) -> None:
    a, b = make_plans(6, 100)
    folder = tmp_path / "generated"
    start(folder, a)
    lock = folder.parent / ".generated.apiforge-lock"
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        began = time.perf_counter()
        with pytest.raises(GeneratorError) as refused:
            write(b, folder, lock_timeout=0.3)
        assert 0.3 <= time.perf_counter() - began < 5
    message = str(refused.value)
    assert "\n" not in message
    assert f"another generation is writing {folder}" in message
    assert state(folder, a, b) == "A"


@needs_posix
def test_a_lock_left_by_a_killed_generation_does_not_block(tmp_path: Path) -> None:
    a, b = make_plans(6, 100)
    folder = tmp_path / "generated"
    start(folder, a)
    (folder.parent / ".generated.apiforge-lock").write_text("12345\n")  # nobody holds it
    write(b, folder, lock_timeout=0)
    assert state(folder, a, b) == "B"
    assert beside(folder) == []


# --- errors: read-only, permissions, full disk ---------------------------------------


@needs_posix
@pytest.mark.usefixtures("no_fsync")
@pytest.mark.parametrize("code", [errno.EACCES, errno.ENOSPC])
def test_a_failure_at_any_step_is_one_clear_line_and_changes_nothing(
    scratch: Path, swap_mode: str, code: int
) -> None:
    a, b = make_plans(9, 100)
    folder = scratch / "generated"
    start(folder, a)

    def fail(name: str, args: tuple[object, ...]) -> None:
        raise OSError(code, os.strerror(code), str(args[0]) if args else None)

    results = []
    for number in itertools.count():
        if state(folder, a, b) != "A":
            write(a, folder)
        with at_step(number, fail) as reached:
            try:
                write(b, folder)
            except GeneratorError as error:
                failure: GeneratorError | None = error
            else:
                failure = None
        if not reached:
            assert failure is None
            break
        if failure is not None:
            message = str(failure)
            assert "\n" not in message
            assert message.startswith(f"{folder}: cannot write output: {os.strerror(code)}"), message
            assert state(folder, a, b) == "A", f"step {number} ({reached[0]}) changed the output"
            assert beside(folder) == [], f"step {number} ({reached[0]}) left {beside(folder)}"
            results.append(f"error:{reached[0]}")
        else:
            # Only the tidying after the swap can fail without failing the write.
            assert state(folder, a, b) == "B"
            recover(folder)
            assert beside(folder) == []
            results.append(f"written:{reached[0]}")
    # Up to the swap a failure fails the write (except for harmless steps: recording the
    # lock holder's pid, creating a parent folder that exists); after the swap none does.
    last_error = max(index for index, result in enumerate(results) if result.startswith("error"))
    assert results[last_error] == ("error:exchange" if swap_mode == "exchange" else "error:rename"), results
    assert sum(result.startswith("error") for result in results) > 10, results


def test_a_read_only_parent_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With real permissions where they bind (not root), else with a simulated refusal."""
    a, b = make_plans(6, 100)
    parent = tmp_path / "ro"
    folder = parent / "generated"
    start(folder, a)
    if os.geteuid() == 0:  # chmod does not stop root: refuse as a read-only mount would
        real_open, real_mkdir = os.open, os.mkdir

        def refuse(function: Callable[..., object]) -> Callable[..., object]:
            def refused(path: object, *args: object, **kwargs: object) -> object:
                if Path(str(path)).parent == parent and kwargs.get("dir_fd") is None:
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
                return function(path, *args, **kwargs)
            return refused

        monkeypatch.setattr(os, "open", refuse(real_open))
        monkeypatch.setattr(os, "mkdir", refuse(real_mkdir))
    else:
        parent.chmod(0o555)
    try:
        with pytest.raises(GeneratorError) as refused:
            write(b, folder)
        drift = compare(a, folder)  # checking still works on a read-only location
    finally:
        parent.chmod(0o755)
        monkeypatch.undo()
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith(f"{folder}: cannot write output: Permission denied"), message
    assert f"{parent} must be writable" in message
    assert drift.clean
    assert state(folder, a, b) == "A"
    assert beside(folder) == []


# --- recovery ------------------------------------------------------------------------


def test_check_on_an_intact_output_touches_nothing(tmp_path: Path) -> None:
    a, b = make_plans(6, 100)
    folder = tmp_path / "generated"
    start(folder, a)
    before = os.stat(tmp_path).st_mtime_ns, os.stat(folder).st_mtime_ns, sorted(os.listdir(tmp_path))
    assert not compare(b, folder).clean
    assert (os.stat(tmp_path).st_mtime_ns, os.stat(folder).st_mtime_ns, sorted(os.listdir(tmp_path))) == before


@pytest.mark.parametrize(
    ("present", "outcome"),
    [
        (["output", "tmp"], "A"),  # killed while building B
        (["output", "ready"], "A"),  # killed after building B, before swapping
        (["old", "ready"], "B"),  # killed between the two renames: the complete B goes in
        (["old"], "A"),  # B already gone: A comes back
        (["output", "old", "trash"], "A"),  # killed while tidying up (A being the new one here)
        (["ready"], "B"),  # the first generation, killed before its only rename
        (["tmp"], None),  # the first generation, killed while building
    ],
)
def test_recovery_of_each_interrupted_state(tmp_path: Path, present: list[str], outcome: str | None) -> None:
    a, b = make_plans(6, 100)
    folder = tmp_path / "generated"
    names = {"output": folder, "tmp": tmp_path / ".generated.apiforge-tmp-0a1b2c", "ready": tmp_path / ".generated.apiforge-ready",
             "old": tmp_path / ".generated.apiforge-old", "trash": tmp_path / ".generated.apiforge-trash-3d4e"}
    for name in present:
        start(names[name], b if name in ("ready", "tmp") else a)
    partial = names["tmp"] / "pkg" / "half-written.py"
    if "tmp" in present:
        partial.write_text("x = ")
    # Neighbours that only look alike are left alone.
    neighbours = [tmp_path / ".generated.apiforge-tmp-notmine!", tmp_path / ".generated2.apiforge-old",
                  tmp_path / ".generated.apiforge-ready.bak"]
    for neighbour in neighbours:
        neighbour.mkdir()
    compare(a, folder)
    assert sorted(name for name in beside(folder)) == sorted(n.name for n in neighbours)
    if outcome is None:
        assert not folder.exists()
    else:
        assert state(folder, a, b) == outcome


def test_the_output_holds_no_marker_and_the_manifest_lists_what_was_written(tmp_path: Path, swap_mode: str) -> None:
    a, b = make_plans(9, 100)
    folder = tmp_path / "generated"
    write(a, folder)
    write(b, folder)
    files = snapshot(folder)
    assert files == {path: text.encode() for path, text in b.with_manifest().items()}
    assert sorted(json.loads(files[MANIFEST])["files"]) == sorted(b.files)
    assert beside(folder) == []


def test_kept_files_keep_their_inode_mode_and_links(tmp_path: Path, swap_mode: str) -> None:
    a, b = make_plans(9, 100)
    folder = tmp_path / "generated"
    start(folder, a)
    changed = next(path for path in a.files if a.files[path] != b.files.get(path, a.files[path]))
    (folder / changed).chmod(0o750)
    (folder / "link.md").symlink_to("notes.md")
    (folder / "private").mkdir(mode=0o700)
    (folder / "private" / "key").write_text("secret\n")
    (folder / "locked").mkdir()
    (folder / "locked" / "frozen.txt").write_text("ice\n")
    (folder / "locked").chmod(0o555)
    mine = (folder / "notes.md").stat()
    write(b, folder)
    assert ((folder / "notes.md").stat().st_ino, (folder / "notes.md").stat().st_mtime_ns) == (mine.st_ino, mine.st_mtime_ns)
    assert (folder / changed).stat().st_mode & 0o777 == 0o750  # rewritten, permissions kept
    assert os.readlink(folder / "link.md") == "notes.md"
    assert (folder / "private").stat().st_mode & 0o777 == 0o700
    assert (folder / "locked").stat().st_mode & 0o777 == 0o555
    assert (folder / "locked" / "frozen.txt").read_text() == "ice\n"
    (folder / "locked").chmod(0o755)
    assert beside(folder) == []


def test_a_symlinked_output_stays_a_link(tmp_path: Path) -> None:
    a, b = make_plans(6, 100)
    real = tmp_path / "real"
    start(real, a)
    link = tmp_path / "generated"
    link.symlink_to("real")
    write(b, link)
    assert link.is_symlink() and os.readlink(link) == "real"
    assert state(real, a, b) == "B"
    assert sorted(os.listdir(tmp_path)) == ["generated", "real"]


def test_a_generation_does_not_replace_the_folder_it_runs_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = make_plans(6, 100)
    folder = tmp_path / "generated"
    start(folder, a)
    monkeypatch.chdir(folder / "pkg")
    with pytest.raises(GeneratorError) as refused:
        write(b, folder)
    assert "current directory" in str(refused.value) and "\n" not in str(refused.value)
    assert state(folder, a, b) == "A"
    assert beside(folder) == []
    assert write(a, folder).clean  # nothing to replace: fine from inside


@needs_posix
def test_a_file_system_without_locks_still_generates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_locks(descriptor: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(fcntl, "flock", no_locks)
    a, b = make_plans(6, 100)
    folder = tmp_path / "generated"
    start(folder, a)
    write(b, folder)
    assert state(folder, a, b) == "B"
    assert beside(folder) == []
