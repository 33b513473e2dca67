"""docs/templates.md documents every IR and view dataclass and every one of its fields.

Template authors read the IR reference and the python view section instead of the code,
so a class or field added to, renamed in or removed from `generator/ir/model.py` or a
module of `generator/view/` must show up there too.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import generator.view
from generator.ir import model as ir_model

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs" / "templates.md"
SECTION = "IR reference"
VIEW_SECTION = "The view"

_CLASS_HEADING = re.compile(r"^### (\S+)\s*$")
_FIELD_CELL = re.compile(r"^`([^`]+)`$")


def ir_dataclasses() -> dict[str, type]:
    """Every dataclass defined in generator/ir/model.py (not imported into it)."""
    return {
        name: value
        for name, value in vars(ir_model).items()
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == ir_model.__name__
    }


def view_dataclasses() -> dict[str, type]:
    """Every dataclass defined in a module of generator/view/ (not imported into it)."""
    found: dict[str, type] = {}
    for info in pkgutil.iter_modules(generator.view.__path__):
        module = importlib.import_module(f"{generator.view.__name__}.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__:
                assert name not in found, f"two view modules define a dataclass `{name}`"
                found[name] = value
    return found


def reference_sections(text: str, section: str = SECTION) -> dict[str, list[str]]:
    """The `### Name` subsections of the `## {section}` section, each as its lines.

    A subsection ends at the next `### ` or `## ` heading; lines inside fenced code
    blocks are never headings.
    """
    sections: dict[str, list[str]] = {}
    in_reference = False
    current: list[str] | None = None
    fenced = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if fenced:
            if current is not None:
                current.append(line)
            continue
        if line.startswith("## "):
            in_reference = line[3:].strip() == section
            current = None
            continue
        if not in_reference:
            continue
        if line.startswith("### "):
            match = _CLASS_HEADING.match(line)
            assert match, f"docs/templates.md: {section} heading {line!r} is not `### ClassName`"
            name = match.group(1)
            assert name not in sections, f"docs/templates.md: `### {name}` appears twice in the `## {section}` section"
            current = sections[name] = []
            continue
        if current is not None:
            current.append(line)
    return sections


def documented_fields(lines: list[str]) -> set[str]:
    """Names in backticks in the first column of the table rows (`| `name` | ... |`)."""
    found = set()
    for line in lines:
        if not line.startswith("| "):
            continue
        first_cell = line[1:].split("|", 1)[0].strip()
        match = _FIELD_CELL.match(first_cell)
        if match:
            found.add(match.group(1))
    return found


@pytest.fixture(scope="module")
def sections() -> dict[str, list[str]]:
    assert DOCS.is_file(), f"{DOCS} is missing"
    found = reference_sections(DOCS.read_text(encoding="utf-8"))
    assert found, f"docs/templates.md has no `## {SECTION}` section with `### ClassName` headings"
    return found


def test_the_model_module_has_dataclasses() -> None:
    # guards the discovery itself: an empty set would make the other tests pass vacuously
    assert {"Api", "Operation", "Model", "Field", "PrimitiveType"} <= set(ir_dataclasses())


def undocumented(classes: dict[str, type], sections: dict[str, list[str]], section: str) -> list[str]:
    """A problem for each class without a `### Name` heading and each field without a row."""
    problems = []
    for name, cls in sorted(classes.items()):
        if name not in sections:
            problems.append(f"class {name}: no `### {name}` heading in the `## {section}` section")
            continue
        documented = documented_fields(sections[name])
        for field in dataclasses.fields(cls):
            if field.name not in documented:
                problems.append(f"class {name}: field `{field.name}` has no `| `{field.name}` | ... |` table row")
    return problems


def nonexistent(classes: dict[str, type], sections: dict[str, list[str]], where: str) -> list[str]:
    """A problem for each heading naming no class and each row naming no field of its class."""
    problems = []
    for name, lines in sorted(sections.items()):
        if name not in classes:
            problems.append(f"`### {name}` documents a class that {where} does not define")
            continue
        fields = {field.name for field in dataclasses.fields(classes[name])}
        for documented in sorted(documented_fields(lines) - fields):
            problems.append(f"class {name}: documented field `{documented}` does not exist")
    return problems


def test_every_ir_dataclass_and_field_is_documented(sections: dict[str, list[str]]) -> None:
    problems = undocumented(ir_dataclasses(), sections, SECTION)
    assert not problems, "docs/templates.md is missing:\n" + "\n".join(problems)


def test_no_heading_or_row_documents_something_that_does_not_exist(sections: dict[str, list[str]]) -> None:
    problems = nonexistent(ir_dataclasses(), sections, "generator/ir/model.py")
    assert not problems, "docs/templates.md is out of date:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def view_sections() -> dict[str, list[str]]:
    found = reference_sections(DOCS.read_text(encoding="utf-8"), VIEW_SECTION)
    assert found, f"docs/templates.md has no `## {VIEW_SECTION}` section with `### ClassName` headings"
    return found


def test_the_view_modules_have_dataclasses() -> None:
    # guards the discovery itself: an empty set would make the other view tests pass vacuously
    assert {"ModelsModule", "ModelView", "ClientView", "MethodView", "TestView"} <= set(view_dataclasses())


def test_every_view_dataclass_and_field_is_documented(view_sections: dict[str, list[str]]) -> None:
    problems = undocumented(view_dataclasses(), view_sections, VIEW_SECTION)
    assert not problems, "docs/templates.md is missing:\n" + "\n".join(problems)


def test_no_view_heading_or_row_documents_something_that_does_not_exist(view_sections: dict[str, list[str]]) -> None:
    problems = nonexistent(view_dataclasses(), view_sections, "generator/view/")
    assert not problems, "docs/templates.md is out of date:\n" + "\n".join(problems)


_BLOCK = re.compile(r"\{%-?\s*block\s+(\w+)")
_BLOCK_ROW = re.compile(r"^\| `([^`]+)` \| `(\w+)` \|")


def test_every_block_of_the_built_in_templates_is_documented() -> None:
    """The blocks table of docs/templates.md lists exactly the blocks the templates have."""
    templates = REPO / "templates"
    present = {
        (path.relative_to(templates).as_posix(), name)
        for path in templates.rglob("*.jinja")
        for name in _BLOCK.findall(path.read_text())
    }
    documented = {match.groups() for line in DOCS.read_text().splitlines() if (match := _BLOCK_ROW.match(line.strip()))}
    assert present - documented == set(), "blocks missing from docs/templates.md"
    assert documented - present == set(), "docs/templates.md documents blocks that do not exist"


def _plugin_names(template_set: str) -> set[str]:
    """The filters, tests and globals a built-in set's plugin registers."""
    import jinja2

    from generator.render import layout
    from generator.render.escaping import FILTERS
    from generator.render.templates import load_template_set

    env = load_template_set(template_set, [], [], {}).environment()
    plain = jinja2.Environment(extensions=["jinja2.ext.do"])
    filters = set(env.filters) - set(plain.filters) - set(FILTERS) - set(layout.FILTERS)
    tests = set(env.tests) - set(plain.tests)
    return filters | tests | (set(env.globals) - set(plain.globals) - {"options"})


@pytest.mark.parametrize("template_set", ["python", "markdown"])
def test_every_filter_test_and_global_of_a_built_in_set_is_documented(template_set: str) -> None:
    """docs/templates.md lists exactly what templates/<set>/plugin.py registers."""
    text = DOCS.read_text()
    section = text[text.index(f"## Filters and globals of the {template_set} set") :]
    section = section[: section.index("\n## ", 1)]
    documented = set(re.findall(r"^- `(\w+)\(", section, flags=re.MULTILINE))
    present = _plugin_names(template_set)
    assert present - documented == set(), "filters or globals missing from docs/templates.md"
    assert documented - present == set(), "docs/templates.md documents filters or globals that do not exist"
