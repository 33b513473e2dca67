"""Bad template sets, overlays, manifests, plugins, templates and cached plans: each is a
one-line located error with exit status 2 (or, for a damaged cache, a silent miss),
never a traceback, and the output folder is left as it was."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from helpers import run_cli

SPEC = """\
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /items/{id}:
    get:
      operationId: Items_Get
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}
components:
  schemas:
    Item:
      type: object
      properties:
        name: {type: string}
"""
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with a small spec, generated once into `gen` (cache on, in the
    project's `.cache`)."""
    (tmp_path / "pyproject.toml").write_text("[tool.apiforge]\n")
    (tmp_path / "min.yaml").write_text(SPEC)
    code, _, stderr = run_cli("generate", "min.yaml", "-o", "gen", cwd=tmp_path)
    assert code == 0, stderr
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def overlay(project: Path, files: dict[str, str | bytes]) -> str:
    """An overlay folder `ov` for the python set holding `files`."""
    folder = project / "ov" / "python"
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content)
    return str(project / "ov")


def fails(project: Path, *arguments: str, pattern: str, command: str = "generate") -> str:
    """Run a command that must stop with one located line matching `pattern`,
    leaving the output folder untouched; the line."""
    before = snapshot(project / "gen")
    code, stdout, stderr = run_cli(command, *arguments, cwd=project)
    assert code == 2 and stdout == "", (code, stdout, stderr)
    assert "Traceback" not in stderr
    (line,) = stderr.splitlines()
    assert re.match(pattern, line), line
    assert snapshot(project / "gen") == before
    return line


# A. template sets and overlays that are not there


@pytest.mark.parametrize("command", ["generate", "check"])
@pytest.mark.parametrize("cache", [(), ("--no-cache",)])
def test_a_misspelt_template_set_folder_stops_before_anything_is_removed(
    project: Path, command: str, cache: tuple[str, ...]
) -> None:
    fails(project, "min.yaml", "-o", "gen", "--template-set", "./pyhton", *cache,
          command=command, pattern=r"error: \./pyhton: template set folder not found$")


def test_a_folder_without_a_manifest_is_not_a_template_set(project: Path) -> None:
    (project / "plain").mkdir()
    fails(project, "min.yaml", "-o", "gen", "--template-set", str(project / "plain"),
          pattern=r"error: .*plain: not a template set \(no manifest\.yaml in it\)$")


def test_a_missing_overlay_folder_is_an_error(project: Path) -> None:
    fails(project, "min.yaml", "-o", "gen", "--templates", "nope",
          pattern=r"error: nope: overlay template folder not found")


@pytest.mark.parametrize(
    ("setting", "pattern"),
    [
        ('template-sets = ["./nope"]', r"error: \./nope: template set folder not found$"),
        ("template-sets = []", r"error: no template set given \(`template-sets` in \[tool\.apiforge\] is empty"),
        ('templates = ["nope"]', r"error: .*nope: overlay template folder not found"),
    ],
)
def test_a_configured_template_set_or_overlay_that_is_not_there_is_an_error(
    project: Path, setting: str, pattern: str
) -> None:
    (project / "pyproject.toml").write_text(f'[tool.apiforge]\nspecs = ["min.yaml"]\noutput = "gen"\n{setting}\n')
    fails(project, pattern=pattern)
    fails(project, pattern=pattern, command="check")


# B. manifest values


@pytest.mark.parametrize(
    ("manifest", "pattern"),
    [
        (b"plugins: 5\n", r".*manifest\.yaml: #/plugins: `plugins` is a list of strings"),
        (b"plugins: [5]\n", r".*manifest\.yaml: #/plugins: `plugins` is a list of strings"),
        (b"plugins: plugin.py\n", r".*manifest\.yaml: #/plugins: `plugins` is a list of strings"),
        (b'outputs: [{template: py.typed.jinja, path: "{{ "}]\n',
         r".*manifest\.yaml: output path '\{\{ ': template syntax error"),
        (b'outputs: [{template: py.typed.jinja, path: "{{ nope }}"}]\n',
         r".*manifest\.yaml: template error: 'nope' is undefined"),
        (b'outputs: [{template: py.typed.jinja, path: "a\\0b"}]\n',
         r".*manifest\.yaml: output path 'a\\x00b' must stay inside the output folder"),
        (b"outputs: " + b"[" * 5000 + b"]" * 5000 + b"\n", r".*manifest\.yaml: invalid manifest: nested too deeply"),
        (b"outputs: []\n# \xff\n", r".*manifest\.yaml: not UTF-8 text"),
        (b"outputs: [{template: py.typed.jinja, path: x.txt, formatter: prettier}]\n",
         r".*manifest\.yaml: #/outputs/0: unknown formatter 'prettier' \(one of black, text, none\)"),
    ],
)
def test_bad_manifest_values_are_located_at_the_manifest(project: Path, manifest: bytes, pattern: str) -> None:
    fails(project, "min.yaml", "-o", "gen", "--no-cache", "--templates", overlay(project, {"manifest.yaml": manifest}),
          pattern="error: " + pattern)


# C. plugins


@pytest.mark.parametrize(
    ("reference", "pattern"),
    [
        ("json:loads", r"error: .*json.*: plugin 'json:loads' failed: TypeError: "),
        ("os:getcwd", r"error: plugin 'os:getcwd' failed: TypeError: "),
        ("os:sep", r"error: cannot load plugin 'os:sep': sep is a str, not a function$"),
        ("generator.cli:main", r"error: plugin 'generator.cli:main' failed: TypeError: "),
    ],
)
def test_a_plugin_function_that_cannot_take_the_environment_is_an_error(
    project: Path, reference: str, pattern: str
) -> None:
    fails(project, "min.yaml", "-o", "gen", "--plugin", reference, pattern=pattern)


@pytest.mark.parametrize(
    ("code", "pattern"),
    [
        ("def setup(env):\n    raise RuntimeError('boom in setup')\n",
         r"error: .*plugin_\w+\.py:2: plugin '.*' failed: RuntimeError: boom in setup$"),
        ("def setup(env):\n    import sys; sys.exit(0)\n", r"error: .*plugin_\w+\.py:2: plugin '.*' failed: SystemExit: 0$"),
        ("import sys\nsys.exit(0)\n", r"error: cannot load plugin '.*plugin_\w+\.py': SystemExit: 0$"),
    ],
)
def test_a_plugin_that_raises_or_exits_is_an_error(
    project: Path, request: pytest.FixtureRequest, code: str, pattern: str
) -> None:
    plugin = project / f"plugin_{abs(hash(request.node.name))}.py"
    plugin.write_text(code)
    fails(project, "min.yaml", "-o", "gen", "--plugin", str(plugin), pattern=pattern)


def test_a_plugin_that_cannot_be_found_gives_the_same_error_with_and_without_the_cache(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = project / "apiforge_test_broken_parent"
    package.mkdir()
    (package / "__init__.py").write_text("raise RuntimeError('parent package import fails')\n")
    monkeypatch.syspath_prepend(str(project))
    for reference, message in [
        ("apiforge_test_no_such_package.sub:setup", "ModuleNotFoundError: No module named 'apiforge_test_no_such_package'"),
        ("min.yaml", "ModuleNotFoundError: No module named 'min'"),
        ("apiforge_test_broken_parent.sub:setup", "RuntimeError: parent package import fails"),
    ]:
        expected = f"error: cannot load plugin {reference!r}: {message}"
        for cache in [(), ("--no-cache",)]:
            line = fails(project, "min.yaml", "-o", "gen", "--plugin", reference, *cache, pattern=re.escape(expected))
            assert line == expected


# D. errors while rendering a user's template


@pytest.mark.parametrize(
    ("template", "pattern"),
    [
        ("x\n{{ 1 // 0 }}\n", r".*py\.typed\.jinja:2: template error: ZeroDivisionError: "),
        ("x\n{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}\n", r".*py\.typed\.jinja:2: template error: RecursionError: "),
        ('x\n{% include "py.typed.jinja" %}\n', r".*py\.typed\.jinja:2: template error: RecursionError: "),
        ("x\n{{ (1.5 ** 100000)|int }}\n", r".*py\.typed\.jinja:2: template error: OverflowError: "),
        ('x\n{% include "other.jinja" %}\n', r".*py\.typed\.jinja:2: template error: UnicodeDecodeError: "),
        (b"\xff\xfe not UTF-8\n", r".*py\.typed\.jinja: template error: UnicodeDecodeError: "),
        ("x\n{{ 1|boom }}\n", r".*py\.typed\.jinja:2: template error: ZeroDivisionError: "),
        ("x\n{{ leave() }}\n", r".*py\.typed\.jinja:2: template error: SystemExit: 3$"),
    ],
)
def test_runtime_errors_in_a_template_name_the_exception_and_the_template_line(
    project: Path, template: str | bytes, pattern: str
) -> None:
    plugin = project / "filters.py"
    plugin.write_text(
        "import sys\n"
        "def setup(env):\n"
        "    env.filters['boom'] = lambda value: value / 0\n"
        "    env.globals['leave'] = lambda: sys.exit(3)\n"
    )
    folder = overlay(project, {"py.typed.jinja": template, "other.jinja": b"\xff\n"})
    fails(project, "min.yaml", "-o", "gen", "--no-cache", "--templates", folder, "--plugin", str(plugin),
          pattern="error: " + pattern)


def test_a_bug_in_the_generators_own_filter_still_shows_its_traceback(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the user's code is reported as a template error; the generator's bugs are not hidden."""
    from generator.render import escaping
    from generator.render.templates import GENERATOR_ROOT

    namespace: dict[str, object] = {}
    exec(compile("def buggy(value):\n    raise IndexError('a bug')\n", GENERATOR_ROOT + "buggy.py", "exec"), namespace)
    monkeypatch.setitem(escaping.FILTERS, "buggy", namespace["buggy"])
    folder = overlay(project, {"py.typed.jinja": "{{ 1|buggy }}\n"})
    with pytest.raises(IndexError, match="a bug"):
        run_cli("generate", "min.yaml", "-o", "gen", "--no-cache", "--templates", folder, cwd=project)


# E. files that cannot be read


@pytest.mark.skipif(AS_ROOT, reason="root reads every file")
@pytest.mark.parametrize("cache", [(), ("--no-cache",)])
@pytest.mark.parametrize(
    ("unreadable", "shown"),
    [
        ("ov/python/py.typed.jinja", "ov/python/py.typed.jinja"),
        ("ov/python/manifest.yaml", "ov/python/manifest.yaml"),
        ("ov", "ov/python"),
        ("set/py.typed.jinja", "set/py.typed.jinja"),
    ],
)
def test_an_unreadable_template_file_or_folder_is_a_located_error(
    project: Path, cache: tuple[str, ...], unreadable: str, shown: str
) -> None:
    overlay(project, {"py.typed.jinja": "x\n", "manifest.yaml": "outputs: []\n"})
    (project / "set").mkdir()
    (project / "set" / "manifest.yaml").write_text("outputs: [{template: py.typed.jinja, path: x.txt}]\n")
    (project / "set" / "py.typed.jinja").write_text("x\n")
    arguments = ["--template-set", "./set"] if unreadable.startswith("set/") else ["--templates", "ov"]
    (project / unreadable).chmod(0)
    try:
        fails(project, "min.yaml", "-o", "gen", *arguments, *cache,
              pattern=rf"error: {re.escape(shown)}: cannot read( template)?: Permission denied$")
    finally:
        (project / unreadable).chmod(0o755)


def test_an_unreadable_file_in_a_template_set_stops_the_cache_key_with_its_name(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same as above where root runs the tests: reading the file fails as for another user."""
    folder = overlay(project, {"py.typed.jinja": "x\n"})
    denied = Path(folder) / "python" / "py.typed.jinja"
    read_bytes = Path.read_bytes

    def refusing(path: Path) -> bytes:
        if path == denied:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refusing)
    fails(project, "min.yaml", "-o", "gen", "--templates", folder,
          pattern=rf"error: {re.escape(str(denied))}: cannot read: Permission denied$")


def test_the_root_folder_is_refused_as_a_template_set_before_anything_is_hashed(project: Path) -> None:
    fails(project, "min.yaml", "-o", "gen", "--template-set", "/",
          pattern=r"error: /: not a template set \(no manifest\.yaml in it\)$")


# F. damaged or poisoned plan cache entries


@pytest.mark.parametrize(
    "entry",
    [
        b"{}",
        b"[]",
        b"\xff\xfe",
        b"not json",
        b"[" * 100000,
        b'{"files": {}}',
        b'{"warnings": []}',
        b'{"files": [], "warnings": []}',
        b'{"files": {"python/x.py": 1}, "warnings": []}',
        b'{"files": {}, "warnings": [[1, null, null, null]]}',
        b'{"files": {}, "warnings": [["m", "f", null, "x"]]}',
        b'{"files": {"../escaped.txt": "x"}, "warnings": []}',
        b'{"files": {"/tmp/escaped.txt": "x"}, "warnings": []}',
        b'{"files": {"a\\\\..\\\\..\\\\escaped.txt": "x"}, "warnings": []}',
        b'{"files": {"": "x"}, "warnings": []}',
        b'{"files": {"a\\u0000b": "x"}, "warnings": []}',
    ],
)
def test_a_damaged_cached_plan_is_a_miss_that_is_regenerated(project: Path, entry: bytes) -> None:
    before = snapshot(project / "gen")
    (plan,) = [p for p in (project / ".cache").rglob("*") if p.is_file() and "plans" in p.parts]
    plan.write_bytes(entry)
    code, _, stderr = run_cli("generate", "min.yaml", "-o", "gen", cwd=project)
    assert code == 0 and "Traceback" not in stderr, stderr
    assert snapshot(project / "gen") == before
    assert not (project / "escaped.txt").exists()
    assert plan.read_bytes().startswith(b'{"files": {"python/')  # overwritten with the real plan
    code, _, stderr = run_cli("check", "min.yaml", "-o", "gen", cwd=project)
    assert code == 0, stderr
