"""Extending the generator: overlays, block overrides, added outputs, plugins, and
errors in a user's templates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import REPO, run_cli

SPEC = REPO / "specs" / "transfer_to_participant.yaml"


def test_example_overlay_overrides_one_block_and_adds_an_output(tmp_path: Path) -> None:
    code, _, stderr = run_cli(
        "generate", str(SPEC), "-o", str(tmp_path), "--template-set", "python", "--template-set", "markdown",
        "--templates", str(REPO / "examples" / "overlay"), "--no-cache",
    )
    assert code == 0, stderr
    package = tmp_path / "python" / "transfer_to_participant"
    assert "Internal use only" in (package / "__init__.py").read_text()
    # Only the overridden block differs from the built-in output.
    builtin = REPO / "generated" / "python" / "transfer_to_participant"
    init_lines = (package / "__init__.py").read_text().splitlines()
    builtin_lines = (builtin / "__init__.py").read_text().splitlines()
    assert init_lines[init_lines.index('"""', 1):] == builtin_lines[builtin_lines.index('"""', 1):]
    for name in ("aio.py", "errors.py"):
        assert (package / name).read_text() == (builtin / name).read_text()
    # client.py: exactly one method replaced (the sync transfer_to_participant's docstring).
    client, original_client = (package / "client.py").read_text(), (builtin / "client.py").read_text()
    assert '"""Transfer the call to a participant (Contoso: see the runbook before use)."""' in client
    method = original_client.index("    def transfer_to_participant(")
    docstring_start = original_client.index('        """', method)
    docstring_end = original_client.index('"""\n', docstring_start + 11) + 4
    replaced_docstring = '        """Transfer the call to a participant (Contoso: see the runbook before use)."""\n'
    assert client == original_client[:docstring_start] + replaced_docstring + original_client[docstring_end:]
    # models.py: exactly one class replaced, every other line as the built-in renders it.
    replaced, original = (package / "models.py").read_text(), (builtin / "models.py").read_text()
    assert "    def __str__(self) -> str:\n        return self.id\n" in replaced

    def without(text: str, name: str) -> str:
        start = text.index(f"@dataclass(slots=True, kw_only=True)\nclass {name}:")
        return text[:start] + text[text.index("\n\n\n", start) :]

    assert without(replaced, "CommunicationUserIdentifierModel") == without(original, "CommunicationUserIdentifierModel")
    index = (tmp_path / "markdown" / "transfer_to_participant" / "index.md").read_text()
    assert "[CallConnection\\_TransferToParticipant](call_connection_transfer_to_participant.md)" in index
    assert (tmp_path / "markdown" / "transfer_to_participant" / "call_connection_transfer_to_participant.md").is_file()


def test_an_overlay_block_the_built_in_template_lacks_is_an_error(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay" / "python"
    overlay.mkdir(parents=True)
    (overlay / "models.py.jinja").write_text(
        '{% extends "builtin/models.py.jinja" %}\n{% block model %}{{ super() }}{% endblock %}\n\n{% block modle %}{% endblock %}\n'
    )
    code, _, stderr = run_cli(
        "generate", str(SPEC), "-o", str(tmp_path / "out"), "--templates", str(tmp_path / "overlay"), "--no-cache"
    )
    assert code == 2
    assert f"{overlay / 'models.py.jinja'}:4" in stderr
    assert "block 'modle' does not exist in builtin/models.py.jinja" in stderr


def test_plugin_from_configuration_adds_filters_tests_and_globals(tmp_path: Path) -> None:
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "codegen.py").write_text(
        "from generator.render.escaping import Code\n"
        "def setup(env):\n"
        "    env.filters['shout'] = lambda name: Code(name.upper())\n"
        "    env.tests['long'] = lambda text: len(text) > 10\n"
        "    env.globals['company'] = Code('CONTOSO')\n"
    )
    overlay = tmp_path / "overlay" / "python"
    overlay.mkdir(parents=True)
    (overlay / "manifest.yaml").write_text(
        "outputs:\n  - template: names.txt.jinja\n    path: names.txt\n    formatter: text\n"
    )
    (overlay / "names.txt.jinja").write_text(
        "{{ company }}\n{% for model in api.models %}\n{{ model.name|shout }}"
        "{% if model.name is long %} (long){% endif %}\n\n{% endfor %}\n"
    )
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.apiforge]\nspecs = ["{SPEC}"]\noutput = "out"\ntemplates = ["overlay"]\n'
        'plugins = ["tools/codegen.py:setup"]\n'
    )
    code, _, stderr = run_cli("generate", "--no-cache", cwd=tmp_path)
    assert code == 0, stderr
    names = (tmp_path / "out" / "python" / "names.txt").read_text().splitlines()
    assert names[0] == "CONTOSO"
    assert "TRANSFERCALLRESPONSE (long)" in names


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("line one\n{% if %}\n", r"template syntax error"),
        ("line one\n{{ api.title|no_such_filter }}\n", r"template syntax error: No filter named 'no_such_filter'"),
        ("line one\n{{ nothing_here }}\n", r"template error: 'nothing_here' is undefined"),
    ],
)
def test_errors_in_a_user_template_name_its_file_and_line(tmp_path: Path, template: str, message: str) -> None:
    overlay = tmp_path / "overlay" / "python"
    overlay.mkdir(parents=True)
    (overlay / "py.typed.jinja").write_text(template)
    code, stdout, stderr = run_cli(
        "generate", str(SPEC), "-o", str(tmp_path / "out"), "--templates", str(tmp_path / "overlay"), "--no-cache"
    )
    assert code == 2 and stdout == ""
    (line,) = stderr.splitlines()
    assert re.match(rf"error: .*py\.typed\.jinja:2: {message}", line), line
    assert not (tmp_path / "out").exists()


def test_compiled_templates_are_reused_until_a_template_or_the_generator_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run after a spec change takes the compiled templates from the cache; an edited
    overlay template, or another generator (another salt), compiles afresh."""
    import jinja2

    from generator.cache import Cache
    from generator.errors import Warnings
    from generator.pipeline import Job, load_api
    from generator.render.templates import CompiledTemplates, load_template_set, render

    compiled: list[str | None] = []
    real = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *args: object, **kwargs: object) -> object:
        if name is not None:  # `from_string` (output paths) is never cached
            compiled.append(name)
        return real(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    api = load_api(SPEC, Job(specs=(SPEC,)), Warnings(), Cache(None))
    cache = Cache(tmp_path / "cache")
    overlay = tmp_path / "overlay"
    (overlay / "python").mkdir(parents=True)
    (overlay / "python" / "errors.py.jinja").write_text('"""First."""\n')

    def run(salt: str) -> dict[str, str]:
        template_set = load_template_set("python", [overlay], [], {})
        return {file.path: file.text for file in render(template_set, api, CompiledTemplates(cache, salt))}

    first = run("generator A")
    assert "errors.py.jinja" in compiled and len(compiled) > 5
    compiled.clear()
    assert run("generator A") == first
    assert compiled == []
    (overlay / "python" / "errors.py.jinja").write_text('"""Second."""\n')
    second = run("generator A")
    assert compiled == ["errors.py.jinja"]
    assert second["python/transfer_to_participant/errors.py"] == '"""Second."""\n'
    compiled.clear()
    assert run("generator B") == second
    assert "errors.py.jinja" in compiled and len(compiled) > 5


@pytest.mark.parametrize(
    ("name", "template", "line", "message"),
    [
        (
            "models.py.jinja",
            '{# a comment #}\n{% extends "builtin/modles.py.jinja" %}\n{% block model %}{% endblock %}\n',
            2,
            "the template this overlay extends does not exist: builtin/modles.py.jinja",
        ),
        ("modles.py.jinja", "{{ api.package_name }}\n", 1, "overlay template modles.py.jinja replaces no template"),
    ],
)
def test_an_overlay_template_naming_a_template_that_does_not_exist_is_an_error(
    tmp_path: Path, name: str, template: str, line: int, message: str
) -> None:
    overlay = tmp_path / "overlay" / "python"
    overlay.mkdir(parents=True)
    (overlay / name).write_text(template)
    code, _, stderr = run_cli(
        "generate", str(SPEC), "-o", str(tmp_path / "out"), "--templates", str(tmp_path / "overlay"), "--no-cache"
    )
    assert code == 2
    assert f"{overlay / name}:{line}: {message}" in stderr, stderr
    assert not (tmp_path / "out").exists()


def test_an_overlay_template_that_a_manifest_lists_or_another_uses_is_no_error(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay" / "python"
    overlay.mkdir(parents=True)
    (overlay / "manifest.yaml").write_text("outputs:\n  - template: names.txt.jinja\n    path: names.txt\n")
    (overlay / "names.txt.jinja").write_text('{% import "shared.jinja" as shared %}{{ shared.title(api) }}\n')
    (overlay / "shared.jinja").write_text("{% macro title(api) %}{{ api.package_name }}{% endmacro %}\n")
    code, _, stderr = run_cli(
        "generate", str(SPEC), "-o", str(tmp_path / "out"), "--templates", str(tmp_path / "overlay"), "--no-cache"
    )
    assert code == 0, stderr
    assert (tmp_path / "out" / "python" / "names.txt").read_text() == "transfer_to_participant\n"
