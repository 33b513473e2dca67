"""Where `$ref`s may reach when no `--ref-root` is given: the git work tree that holds
the spec, else the spec's folder. Azure's descriptions reach `../../../Common/...`, so
in a clone of their repository they generate, check and diff with no option."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import run_cli, shared_path

SPEC = "CallAutomation/stable/2024-09-15/communicationservicescallautomation.json"
OLD_SPEC = "CallAutomation/stable/2024-04-15/communicationservicescallautomation.json"


def _git(folder: Path, *arguments: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *arguments],
                   cwd=folder, check=True, capture_output=True)


@pytest.fixture
def azure_layout(tmp_path: Path) -> Path:
    """Azure's files as they lie in their repository (specs three folders below Common)."""
    layout = tmp_path / "azure-rest-api-specs" / "specification" / "communication"
    shutil.copytree(shared_path("reference", "upstream"), layout, ignore=shutil.ignore_patterns("*.md"))
    return layout


def test_azure_description_generates_in_a_git_clone_without_ref_root(azure_layout: Path, tmp_path: Path) -> None:
    repository = tmp_path / "azure-rest-api-specs"
    _git(repository, "init", "-q")
    spec, out = azure_layout / SPEC, tmp_path / "out"
    code, _, stderr = run_cli("generate", str(spec), "-o", str(out), "--no-cache", "--template-set", "markdown", cwd=tmp_path)
    assert code == 0, stderr
    code, stdout, stderr = run_cli("check", str(spec), "-o", str(out), "--no-cache", "--template-set", "markdown", cwd=tmp_path)
    assert code == 0, stdout + stderr


def test_diff_of_revisions_reads_only_what_the_spec_reaches(azure_layout: Path, tmp_path: Path) -> None:
    repository = tmp_path / "azure-rest-api-specs"
    (repository / "unrelated").mkdir()
    (repository / "unrelated" / "big.json").write_text("{}")
    _git(repository, "init", "-q")
    _git(repository, "add", ".")
    _git(repository, "commit", "-qm", "specs")
    old = (azure_layout / OLD_SPEC).relative_to(repository)
    code, stdout, stderr = run_cli("diff", f"HEAD:{old}", str(azure_layout / SPEC), "--no-cache", cwd=repository)
    assert code == 0, stderr
    assert stdout.strip().endswith("16 changes: 1 breaking, 15 non-breaking"), stdout[-300:]


def test_outside_a_git_work_tree_refs_stay_in_the_spec_folder(azure_layout: Path, tmp_path: Path) -> None:
    code, _, stderr = run_cli("generate", str(azure_layout / SPEC), "-o", str(tmp_path / "out"), "--no-cache")
    assert code == 2
    assert "leaves the spec's folder" in stderr and "--ref-root" in stderr, stderr
    assert not (tmp_path / "out").exists()
    # --ref-root still widens it
    code, _, stderr = run_cli("generate", str(azure_layout / SPEC), "-o", str(tmp_path / "out"), "--no-cache",
                              "--template-set", "markdown", "--ref-root", str(azure_layout))
    assert code == 0, stderr


def test_refs_may_not_leave_the_git_work_tree(tmp_path: Path) -> None:
    repository = tmp_path / "repository"
    (repository / "specs").mkdir(parents=True)
    _git(repository, "init", "-q")
    (tmp_path / "outside.yaml").write_text("type: string\n")
    (repository / "specs" / "api.yaml").write_text(
        'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      responses:\n'
        '        "200":\n          description: ok\n          content:\n            application/json:\n'
        '              schema: {$ref: "../../outside.yaml"}\n'
    )
    code, _, stderr = run_cli("generate", str(repository / "specs" / "api.yaml"), "-o", str(tmp_path / "out"), "--no-cache")
    assert code == 2
    assert f"leaves the git work tree that holds the spec, {repository.resolve()}" in stderr, stderr
    # --ref-root narrows it too
    (repository / "specs" / "shared.yaml").write_text("type: string\n")
    (repository / "specs" / "api.yaml").write_text(
        (repository / "specs" / "api.yaml").read_text().replace("../../outside.yaml", "shared.yaml")
    )
    inner = repository / "specs" / "inner"
    inner.mkdir()
    shutil.move(repository / "specs" / "api.yaml", inner / "api.yaml")
    (inner / "api.yaml").write_text((inner / "api.yaml").read_text().replace("shared.yaml", "../shared.yaml"))
    assert run_cli("generate", str(inner / "api.yaml"), "-o", str(tmp_path / "out"), "--no-cache")[0] == 0
    code, _, stderr = run_cli("generate", str(inner / "api.yaml"), "-o", str(tmp_path / "out2"), "--no-cache",
                              "--ref-root", str(inner))
    assert code == 2 and "leaves the ref root" in stderr, stderr
