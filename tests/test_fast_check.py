"""`check` answers from the manifest's record when nothing changed, and cannot be fooled.

The manifest records a digest of every input (each spec file through every `$ref`,
example files included; templates, overlays, plugins; settings; the generator's code
and tools) and of every file written. A `check` whose digests all match answers
without validating, rendering or formatting, with no cache and on a fresh clone; any
edit sends it to the full comparison, which reports the drift.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import pipeline
from helpers import REPO, run_cli

SPEC = {
    "swagger": "2.0",
    "info": {"title": "Things", "version": "1"},
    "host": "example.com",
    "paths": {
        "/things/{id}": {
            "get": {
                "operationId": "Things_Get",
                "parameters": [{"name": "id", "in": "path", "required": True, "type": "string"}],
                "x-ms-examples": {"get one": {"$ref": "./examples/get.json"}},
                "responses": {"200": {"description": "the thing", "schema": {"$ref": "./definitions.json#/Thing"}}},
            }
        }
    },
}
DEFINITIONS = {"Thing": {"type": "object", "properties": {"name": {"type": "string"}}}}
EXAMPLE = {"parameters": {"id": "a"}, "responses": {"200": {"body": {"name": "first"}}}}
PYPROJECT = """\
[tool.apiforge]
specs = ["specs/api.json"]
output = "generated"
template-sets = ["python", "markdown"]
templates = ["overlay"]
plugins = ["tools/plugin.py:setup"]
"""
PLUGIN = 'def setup(env):\n    env.globals["unused"] = 1\n'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "specs" / "examples").mkdir(parents=True)
    (root / "specs" / "api.json").write_text(json.dumps(SPEC, indent=2))
    (root / "specs" / "definitions.json").write_text(json.dumps(DEFINITIONS, indent=2))
    (root / "specs" / "examples" / "get.json").write_text(json.dumps(EXAMPLE, indent=2))
    shutil.copytree(REPO / "examples" / "overlay", root / "overlay")
    (root / "tools").mkdir()
    (root / "tools" / "plugin.py").write_text(PLUGIN)
    (root / "pyproject.toml").write_text(PYPROJECT)
    code, _, stderr = run_cli("generate", "--no-cache", cwd=root)
    assert code == 0, stderr
    return root


def _answered_from_record(root: Path) -> bool:
    code, stdout, _ = run_cli("check", "--no-cache", "--quiet", cwd=root)
    return code == 0 and "as the last generate recorded them" in stdout


def test_an_unchanged_tree_is_answered_without_generating(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object, **__: object) -> None:
        raise AssertionError("check generated although nothing changed")

    monkeypatch.setattr("generator.cli.generate_plan", fail)
    code, stdout, stderr = run_cli("check", "--no-cache", cwd=project)
    assert code == 0, stderr
    assert "as the last generate recorded them" in stdout


def test_a_fresh_clone_elsewhere_is_answered_from_the_record(project: Path, tmp_path: Path) -> None:
    clone = tmp_path / "elsewhere" / "clone"
    shutil.copytree(project, clone)
    assert _answered_from_record(clone)
    code, stdout, _ = run_cli("check", "--no-cache", cwd=clone)
    assert code == 0 and "as the last generate recorded them" in stdout


def test_full_always_compares(project: Path) -> None:
    code, stdout, _ = run_cli("check", "--no-cache", "--full", cwd=project)
    assert code == 0 and "as the last generate recorded them" not in stdout and "files," in stdout


def _edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        target = root / path
        text = target.read_text()
        assert old in text, (path, old)
        target.write_text(text.replace(old, new, 1))

    return edit


def _delete(path: str) -> Callable[[Path], None]:
    return lambda root: (root / path).unlink()


# Every kind of input and output; each edit changes what is generated (or what is there).
EDITS = {
    "the spec": _edit("specs/api.json", '"the thing"', '"the one thing"'),
    "a $ref'd file": _edit("specs/definitions.json", '"name"', '"label"'),
    "an example file": _edit("specs/examples/get.json", '"first"', '"second"'),
    "a built-in template": None,  # see test_a_changed_built_in_template_is_seen
    "an overlay template": _edit("overlay/markdown/index.md.jinja", "| Operation |", "| Operation name |"),
    "an overlay manifest": _edit("overlay/markdown/manifest.yaml", "/index.md", "/contents.md"),
    "a setting": _edit("pyproject.toml", 'output = "generated"', 'output = "generated"\npackage-name = "other"'),
    "a generated file": _edit("generated/python/things/models.py", "class Thing", "class Thang"),
    "a deleted generated file": _delete("generated/python/things/client.py"),
    "the manifest": _delete("generated/.apiforge-manifest.json"),
}


@pytest.mark.parametrize("what", [name for name, edit in EDITS.items() if edit is not None])
def test_any_edit_is_drift(project: Path, what: str) -> None:
    assert _answered_from_record(project)
    EDITS[what](project)  # type: ignore[misc]
    assert not _answered_from_record(project)
    code, stdout, stderr = run_cli("check", "--no-cache", "--quiet", cwd=project)
    assert code == 1, stdout + stderr
    assert "is out of date" in stderr


def test_an_edited_plugin_is_compared_in_full(project: Path) -> None:
    """The plugin adds nothing the templates print, so the output stays right, but the
    record no longer vouches for it."""
    _edit("tools/plugin.py", "= 1", "= 2")(project)
    assert not _answered_from_record(project)
    code, stdout, _ = run_cli("check", "--no-cache", cwd=project)
    assert code == 0 and "record of inputs is from another generator or settings" in stdout
    assert run_cli("generate", "--no-cache", cwd=project)[0] == 0  # refreshes the record
    assert _answered_from_record(project)


def test_a_changed_built_in_template_is_seen(project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    templates = tmp_path / "builtin"
    shutil.copytree(REPO / "templates", templates)
    monkeypatch.setattr("generator.render.sets.BUILTIN_ROOT", templates)
    assert _answered_from_record(project)
    _edit("markdown/operation.md.jinja", "{% block title %}", "{% block title %}\nEdited.\n")(templates)
    assert not _answered_from_record(project)
    assert run_cli("check", "--no-cache", "--quiet", cwd=project)[0] == 1


def test_the_generator_code_is_an_input(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline._generator_fingerprint.cache_clear()
    monkeypatch.setattr(pipeline, "_generator_fingerprint", lambda: "another generator")
    assert not _answered_from_record(project)
