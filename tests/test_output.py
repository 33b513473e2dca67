"""Writing and checking the output folder: only what changed, never a foreign file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.errors import GeneratorError
from generator.output import MANIFEST, Plan, compare, write

from helpers import REPO, run_cli

SPEC = REPO / "specs" / "transfer_to_participant.yaml"


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    plan = Plan({"a/x.py": "x = 1\n", "b.txt": "b\n"})
    write(plan, tmp_path)
    before = {p: (tmp_path / p).stat().st_mtime_ns for p in plan.files}
    drift = write(plan, tmp_path)
    assert drift.clean
    assert {p: (tmp_path / p).stat().st_mtime_ns for p in plan.files} == before


def test_files_no_longer_generated_are_removed_and_foreign_files_kept(tmp_path: Path) -> None:
    write(Plan({"pkg/old.py": "old\n", "pkg/kept.py": "kept\n"}), tmp_path)
    (tmp_path / "pkg" / "mine.py").write_text("written by a person\n")
    (tmp_path / "notes.md").write_text("mine\n")
    drift = write(Plan({"pkg/kept.py": "kept\n"}), tmp_path)
    assert drift.removed == ["pkg/old.py"]
    assert not (tmp_path / "pkg" / "old.py").exists()
    assert (tmp_path / "pkg" / "mine.py").read_text() == "written by a person\n"
    assert (tmp_path / "notes.md").read_text() == "mine\n"


def test_files_it_did_not_write_are_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "models.py").write_text("written by a person\n")
    (tmp_path / "pkg" / "same.py").write_text("same\n")
    with pytest.raises(GeneratorError, match=r"would overwrite pkg/models.py, which apiforge did not write"):
        write(Plan({"pkg/models.py": "generated\n", "pkg/same.py": "same\n"}), tmp_path)
    assert (tmp_path / "pkg" / "models.py").read_text() == "written by a person\n"
    assert not (tmp_path / MANIFEST).exists()
    # A file that already holds the generated text is taken over, and is then the generator's.
    write(Plan({"pkg/same.py": "same\n"}), tmp_path)
    assert "pkg/same.py" in write(Plan({"pkg/same.py": "changed\n"}), tmp_path).changed


@pytest.mark.parametrize("listed", ["../outside.txt", "/etc/hostname", ".", "a/../../outside.txt", "a\\b"])
def test_a_manifest_listing_paths_outside_the_folder_is_refused(tmp_path: Path, listed: str) -> None:
    output = tmp_path / "out"
    write(Plan({"x.py": "x\n"}), output)
    (tmp_path / "outside.txt").write_text("not the generator's\n")
    (output / MANIFEST).write_text(json.dumps({"generator": "apiforge", "files": {"x.py": "", listed: ""}}))
    for action in (compare, write):
        with pytest.raises(GeneratorError, match="which is not a path inside the folder"):
            action(Plan({"x.py": "x\n"}), output)
    assert (tmp_path / "outside.txt").read_text() == "not the generator's\n"


def test_empty_folders_left_by_removed_files_go_too(tmp_path: Path) -> None:
    write(Plan({"gone/deep/x.py": "x\n", "stay.py": "s\n"}), tmp_path)
    write(Plan({"stay.py": "s\n"}), tmp_path)
    assert not (tmp_path / "gone").exists()


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    output = tmp_path / "generated"
    code, _, stderr = run_cli("generate", str(SPEC), "-o", str(output), "--no-cache")
    assert code == 0, stderr
    return output


def _check(output: Path, *extra: str) -> tuple[int, str, str]:
    return run_cli("check", str(SPEC), "-o", str(output), "--no-cache", *extra)


def test_check_passes_on_fresh_output(generated: Path) -> None:
    code, stdout, _ = _check(generated)
    assert code == 0
    assert "is up to date" in stdout


def test_check_catches_a_stale_file(generated: Path) -> None:
    models = generated / "python" / "transfer_to_participant" / "models.py"
    models.write_text(models.read_text().replace("class TransferCallResponse", "class Renamed"))
    code, stdout, stderr = _check(generated)
    assert code == 1
    assert "1 changed" in stderr
    assert "-class Renamed" in stdout and "+class TransferCallResponse" in stdout
    assert "python -m generator generate" in stderr


def test_check_catches_a_missing_file(generated: Path) -> None:
    (generated / "python" / "transfer_to_participant" / "errors.py").unlink()
    code, stdout, stderr = _check(generated)
    assert code == 1
    assert "1 missing" in stderr
    assert "+++ b/python/transfer_to_participant/errors.py" in stdout


def test_check_catches_an_extra_generated_file(generated: Path) -> None:
    """A file the generator wrote before (per the manifest) and no longer produces."""
    extra = generated / "python" / "transfer_to_participant" / "legacy.py"
    extra.write_text("x = 1\n")
    manifest = generated / MANIFEST
    manifest.write_text(manifest.read_text().replace('"files": {', '"files": {\n    "python/transfer_to_participant/legacy.py": "0",'))
    code, stdout, stderr = _check(generated)
    assert code == 1
    assert "1 no longer generated" in stderr
    assert "--- a/python/transfer_to_participant/legacy.py" in stdout


def test_check_catches_a_template_change_and_passes_after_regeneration(generated: Path, tmp_path: Path) -> None:
    overlay = tmp_path / "overlay" / "python"
    overlay.mkdir(parents=True)
    shutil.copy(REPO / "templates" / "python" / "py.typed.jinja", overlay / "py.typed.jinja")
    (overlay / "py.typed.jinja").write_text("# typed\n")
    code, stdout, _ = _check(generated, "--templates", str(tmp_path / "overlay"))
    assert code == 1
    assert "+# typed" in stdout
    assert run_cli("generate", str(SPEC), "-o", str(generated), "--no-cache", "--templates", str(tmp_path / "overlay"))[0] == 0
    assert _check(generated, "--templates", str(tmp_path / "overlay"))[0] == 0


def test_check_never_writes(generated: Path) -> None:
    target = generated / "python" / "transfer_to_participant" / "client.py"
    target.unlink()
    _check(generated)
    assert not target.exists()


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    for output in (first, second):
        assert run_cli("generate", str(SPEC), "-o", str(output), "--no-cache")[0] == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for relative in files:
        assert (first / relative).read_bytes() == (second / relative).read_bytes()


def test_the_plan_cache_replays_warnings_and_notices_every_change(tmp_path: Path) -> None:
    """A warm run reuses the cached plan (same files, same warnings); a change to the
    spec, a referenced file or a template is a different plan."""
    spec = tmp_path / "api.yaml"
    spec.write_text((REPO / "tests" / "warning_specs" / "small_problems.yaml").read_text())
    cache, output = tmp_path / "cache", tmp_path / "out"
    overlay = tmp_path / "overlay" / "python"
    overlay.mkdir(parents=True)
    (overlay / "py.typed.jinja").write_text("")

    def run(command: str) -> tuple[int, str, str]:
        import os

        os.environ["APIFORGE_CACHE_DIR"] = str(cache)
        full = ["--full"] if command == "check" else []  # past the manifest's record, to the plan cache
        try:
            return run_cli(command, str(spec), "-o", str(output), "--templates", str(tmp_path / "overlay"), *full)
        finally:
            del os.environ["APIFORGE_CACHE_DIR"]

    first = run("generate")
    assert first[0] == 0 and (cache / "plans").is_dir()
    warm = run("check")
    assert warm[0] == 0 and warm[2] == first[2]  # the same warnings, replayed
    (overlay / "py.typed.jinja").write_text("# typed\n")
    assert run("check")[0] == 1  # a template changed
    assert run("generate")[0] == 0
    spec.write_text(spec.read_text().replace("operationId: getA", "operationId: getB"))
    assert run("check")[0] == 1  # the spec changed
