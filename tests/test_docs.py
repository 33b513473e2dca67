"""docs/templates.md documents every IR dataclass and every one of its fields.

Template authors read the IR reference instead of the code, so a class or field added
to, renamed in or removed from `generator/ir/model.py` must show up there too.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from generator.ir import model as ir_model

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs" / "templates.md"
SECTION = "IR reference"

_CLASS_HEADING = re.compile(r"^### (\S+)\s*$")
_FIELD_CELL = re.compile(r"^`([^`]+)`$")


def ir_dataclasses() -> dict[str, type]:
    """Every dataclass defined in generator/ir/model.py (not imported into it)."""
    return {
        name: value
        for name, value in vars(ir_model).items()
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == ir_model.__name__
    }


def reference_sections(text: str) -> dict[str, list[str]]:
    """The `### Name` subsections of the IR reference section, each as its lines.

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
            in_reference = line[3:].strip() == SECTION
            current = None
            continue
        if not in_reference:
            continue
        if line.startswith("### "):
            match = _CLASS_HEADING.match(line)
            assert match, f"docs/templates.md: IR reference heading {line!r} is not `### ClassName`"
            name = match.group(1)
            assert name not in sections, f"docs/templates.md: `### {name}` appears twice in the IR reference"
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


def test_every_ir_dataclass_and_field_is_documented(sections: dict[str, list[str]]) -> None:
    problems = []
    for name, cls in sorted(ir_dataclasses().items()):
        if name not in sections:
            problems.append(f"class {name}: no `### {name}` heading in the {SECTION} section")
            continue
        documented = documented_fields(sections[name])
        for field in dataclasses.fields(cls):
            if field.name not in documented:
                problems.append(f"class {name}: field `{field.name}` has no `| `{field.name}` | ... |` table row")
    assert not problems, "docs/templates.md is missing:\n" + "\n".join(problems)


def test_no_heading_or_row_documents_something_that_does_not_exist(sections: dict[str, list[str]]) -> None:
    classes = ir_dataclasses()
    problems = []
    for name, lines in sorted(sections.items()):
        if name not in classes:
            problems.append(f"`### {name}` documents a class that generator/ir/model.py does not define")
            continue
        fields = {field.name for field in dataclasses.fields(classes[name])}
        for documented in sorted(documented_fields(lines) - fields):
            problems.append(f"class {name}: documented field `{documented}` does not exist")
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


def _plugin_names() -> set[str]:
    """The filters, tests and globals the python set's plugin registers."""
    import jinja2

    from generator.render import layout
    from generator.render.escaping import FILTERS
    from generator.render.templates import load_template_set

    env = load_template_set("python", [], [], {}).environment()
    plain = jinja2.Environment(extensions=["jinja2.ext.do"])
    filters = set(env.filters) - set(plain.filters) - set(FILTERS) - set(layout.FILTERS)
    tests = set(env.tests) - set(plain.tests)
    return filters | tests | (set(env.globals) - set(plain.globals) - {"options"})


def test_every_filter_test_and_global_of_the_python_set_is_documented() -> None:
    """docs/templates.md lists exactly what templates/python/plugin.py registers."""
    text = DOCS.read_text()
    section = text[text.index("## Filters and globals of the python set") :]
    section = section[: section.index("\n## ", 1)]
    documented = set(re.findall(r"^- `(\w+)\(", section, flags=re.MULTILINE))
    present = _plugin_names()
    assert present - documented == set(), "filters or globals missing from docs/templates.md"
    assert documented - present == set(), "docs/templates.md documents filters or globals that do not exist"
