"""Valid descriptions with shapes real ones have, which once stopped the generator with
a traceback or made it write wrong code: each generates, and its code is right
(`tests/valid_specs/`)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import Warnings
from generator.output import write
from generator.pipeline import Job, generate_plan

from helpers import REPO

SPECS = REPO / "tests" / "valid_specs"


def generated(name: str, tmp_path: Path) -> tuple[Path, Warnings]:
    """The folder holding the package generated from `tests/valid_specs/<name>`, and
    the warnings of the run."""
    warnings = Warnings()
    write(generate_plan(Job(specs=(SPECS / name,)), warnings), tmp_path)
    return tmp_path / "python", warnings


def run_python(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(folder), "MYPYPATH": str(folder)},
    )


def assert_mypy_strict(folder: Path) -> None:
    packages = [p.name for p in folder.iterdir() if (p / "__init__.py").is_file()]
    mypy = run_python(folder, "-m", "mypy", "--strict", "--no-error-summary", *packages, "tests")
    assert mypy.returncode == 0, mypy.stdout[-3000:]


def assert_runs(folder: Path, script: str) -> None:
    """`script` runs without error beside the generated package."""
    run = run_python(folder, "-c", script)
    assert run.returncode == 0, run.stderr[-3000:]


def unused_imports(module: Path) -> list[str]:
    """The names a module imports and never uses (`__future__` aside)."""
    tree = ast.parse(module.read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            imported |= {alias.asname or alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            imported |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return sorted(imported - {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)})


def test_a_chain_of_subtypes_dispatches_to_the_leaf(tmp_path: Path) -> None:
    folder, _ = generated("subtype_chain.yaml", tmp_path)
    assert_mypy_strict(folder)
    script = (
        "from subtype_chain.models import Base, Leaf, Mid\n"
        "leaf = {'kind': 'Leaf', 'mid': 'm', 'leaf': 1}\n"
        "for parsed in (Base.from_dict(leaf), Mid.from_dict(leaf), Leaf.from_dict(leaf)):\n"
        "    assert type(parsed) is Leaf and parsed.leaf == 1 and parsed.mid == 'm', parsed\n"
        "assert type(Base.from_dict({'kind': 'Mid'})) is Mid\n"
        "assert Leaf(leaf=2).to_dict() == {'kind': 'Leaf', 'leaf': 2}\n"
    )
    assert_runs(folder, script)


def test_an_enum_with_values_not_of_its_type_is_no_enum_class(tmp_path: Path) -> None:
    folder, warnings = generated("enum_values.yaml", tmp_path)
    found = sorted((p.location.line, p.location.pointer, p.message) for p in warnings.problems)
    properties = "/paths/~1things/get/responses/200/content/application~1json/schema/properties"
    assert found == [
        (15, "/paths/~1things/get/parameters/0/schema/enum/1",
         "enum value {'$ref': '#/components/schemas/Slow'} is not of type string: read as a plain string, not an enum"),
        (26, properties + "/shape/enum/1",
         "enum value {'kind': 'square'} is not of type string: read as a plain string, not an enum"),
        (29, properties + "/level/enum/1", "enum value 'high' is not of type integer: read as a plain integer, not an enum"),
    ], found
    assert_mypy_strict(folder)
    script = (
        "import inspect\n"
        "from enum_values import models\n"
        "from enum_values.client import EnumValuesClient\n"
        "enums = {name: [m.value for m in c] for name, c in vars(models).items() if inspect.isclass(c) and issubclass(c, models.enum.Enum)}\n"
        "assert enums == {'GetThingsResponseVersion': ['1', '2.5', 'true', 'beta']}, enums\n"
        "assert inspect.signature(EnumValuesClient.get_things).parameters['mode'].annotation == 'str | None'\n"
        "fields = {f: t for f, t in models.GetThingsResponse.__annotations__.items()}\n"
        "assert fields['shape'] == 'str | None' and fields['level'] == 'int | None', fields\n"
    )
    assert_runs(folder, script)


@pytest.mark.parametrize("name", ["any_unions.yaml", "any_header.yaml"])
def test_what_is_annotated_any_imports_any_and_only_what_it_uses(name: str, tmp_path: Path) -> None:
    folder, _ = generated(name, tmp_path)
    assert_mypy_strict(folder)
    modules = [m for m in folder.rglob("*.py") if m.name != "__init__.py"]  # __init__ imports to re-export
    assert {str(m.relative_to(folder)): unused_imports(m) for m in modules if unused_imports(m)} == {}


def test_defaults_that_do_not_fit_are_dropped_with_a_warning(tmp_path: Path) -> None:
    folder, warnings = generated("unfit_defaults.yaml", tmp_path)
    dropped = sorted((p.location.pointer.rsplit("/", 1)[-1], p.message) for p in warnings.problems if "does not fit" in p.message)
    parameter, field = "does not fit the parameter's type; ignored", "does not fit the property's type; ignored"
    assert dropped == [
        ("0", f"default 'true' {parameter}"),  # in: query, by their index
        ("1", f"default None {parameter}"),
        ("3", f"default {{'a': 1}} {parameter}"),
        ("4", f"default True {parameter}"),
        ("5", f"default ['a'] {parameter}"),
        ("count", f"default True {field}"),
        ("limit", f"default None {field}"),
        ("size", f"default {{'a': 1}} {field}"),
        ("tags", f"default 'true' {field}"),
        ("word", f"default ['a'] {field}"),
    ], dropped
    assert_mypy_strict(folder)
    script = (
        "import dataclasses, inspect\n"
        "from unfit_defaults.client import UnfitDefaultsClient\n"
        "from unfit_defaults.models import Thing\n"
        "parameters = inspect.signature(UnfitDefaultsClient.get_things).parameters\n"
        "defaults = {name: p.default for name, p in parameters.items() if name not in ('self', 'timeout')}\n"
        "assert defaults == dict.fromkeys(['tags', 'limit', 'maybe', 'size', 'count', 'word'], None) | {'flags': [1, 2]}, defaults\n"
        "fields = {f.name: f for f in dataclasses.fields(Thing)}\n"
        "without = {name for name, f in fields.items() if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}\n"
        "assert without == {'tags', 'limit', 'size', 'count', 'word'}, without\n"
        "assert fields['maybe'].default is None and fields['flags'].default_factory() == [1, 2]\n"
        "assert fields['extra'].default_factory() == {'a': 1}\n"
    )
    assert_runs(folder, script)


def test_an_object_default_of_a_model_type_is_that_model(tmp_path: Path) -> None:
    folder, _ = generated("model_defaults.yaml", tmp_path)
    assert_mypy_strict(folder)
    script = (
        "from model_defaults.models import Point, Shape\n"
        "made, read = Shape(), Shape.from_dict({})\n"
        "for shape in (made, read):\n"
        "    assert (shape.origin, shape.corner, shape.path) == (Point(x=1), Point(), [Point(x=2)]), shape\n"
        "assert made.origin is not Shape().origin\n"
        "assert made.to_dict() == {'origin': {'x': 1}, 'corner': {}, 'path': [{'x': 2}]}\n"
    )
    assert_runs(folder, script)


def test_a_binary_answer_is_read_as_bytes_whatever_its_media_type(tmp_path: Path) -> None:
    folder, _ = generated("binary_answers.yaml", tmp_path)
    assert_mypy_strict(folder)
    script = (
        "import httpx\n"
        "from binary_answers.client import BinaryAnswersClient\n"
        "raw = bytes(range(256))\n"
        "answer = httpx.MockTransport(lambda request: httpx.Response(200, content=raw))\n"
        "with BinaryAnswersClient(base_url='https://example.com', transport=answer) as client:\n"
        "    assert client.get_text_bytes() == raw and client.get_octets() == raw\n"
        "    assert isinstance(client.get_text(), str)\n"
    )
    assert_runs(folder, script)
    emitted = run_python(folder, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", os.devnull, "--rootdir", str(folder), "tests")
    assert emitted.returncode == 0 and "2 passed" in emitted.stdout, emitted.stdout[-3000:]


def test_an_array_of_arrays_parameter_sends_each_inner_array_as_json_text(tmp_path: Path) -> None:
    folder, warnings = generated("nested_array_parameters.yaml", tmp_path)
    found = sorted((p.location.line, p.message.split(",")[0]) for p in warnings.problems)
    assert found == [(line, f"parameter {name!r} is an array of arrays") for line, name in
                     [(10, "p"), (11, "q"), (12, "c"), (13, "X-H")]], found
    assert_mypy_strict(folder)
    script = (
        "import datetime, httpx\n"
        "from nested_arrays.client import NestedArraysClient\n"
        "sent = []\n"
        "answer = httpx.MockTransport(lambda request: sent.append(request) or httpx.Response(204))\n"
        "with NestedArraysClient(base_url='https://example.com', transport=answer) as client:\n"
        "    client.get_a([[1, 2], [3]], q=[['a'], ['b', 'c']], c=[[datetime.date(2024, 1, 2)]], x_h=[['h']])\n"
        "(request,) = sent\n"
        "assert request.url.path == '/a/[1, 2],[3]', request.url.path\n"
        "assert request.url.params.get_list('q') == ['[\"a\"]', '[\"b\", \"c\"]'], request.url\n"
        "assert request.url.params['c'] == '[\"2024-01-02\"]' and request.headers['X-H'] == '[\"h\"]', request\n"
    )
    assert_runs(folder, script)


def test_a_discriminator_whose_property_is_not_a_string_is_ignored(tmp_path: Path) -> None:
    folder, warnings = generated("non_string_discriminators.yaml", tmp_path)
    found = sorted((p.location.line, p.location.pointer, p.message) for p in warnings.problems)
    assert found == [
        (32, "/components/schemas/Pet/discriminator", "discriminator property 'kind' is not a string: the discriminator is ignored"),
        (42, "/components/schemas/Trigger/discriminator",
         "discriminator property 'threshold' is not a string: the discriminator is ignored"),
    ], found
    assert_mypy_strict(folder)
    script = (
        "from non_string_discriminators import models\n"
        "from non_string_discriminators.models import Kind, Pet, Trigger\n"
        "pet = Pet.from_dict({'kind': {'name': 'dog'}})\n"
        "assert type(pet) is Pet and pet.kind == Kind(name='dog'), pet\n"
        "assert not hasattr(models, 'Dog')  # reached only as a subtype the discriminator would choose\n"
        "assert Trigger.from_dict({'threshold': 1.5}).threshold == 1.5 and Trigger(threshold=2).to_dict() == {'threshold': 2}\n"
    )
    assert_runs(folder, script)


def test_an_enum_naming_a_polymorphic_base_in_all_of_is_no_subtype(tmp_path: Path) -> None:
    folder, warnings = generated("enum_extending_a_base.yaml", tmp_path)
    found = [(p.location.line, p.location.pointer, p.message) for p in warnings.problems]
    assert found == [(25, "/definitions/Kind/allOf", "a schema that is not an object extends a polymorphic one: not a subtype")]
    assert_mypy_strict(folder)
    script = (
        "from enum_extending_a_base.models import Identifier, Kind\n"
        "read = Identifier.from_dict({'kind': 'app', 'user': {'id': 'u'}})\n"
        "assert read.kind is Kind.APP and read.user is not None and read.user.id == 'u', read\n"
    )
    assert_runs(folder, script)


def test_a_document_without_operations_is_a_package_of_its_models(tmp_path: Path) -> None:
    folder, _ = generated("models_only.yaml", tmp_path)
    assert_mypy_strict(folder)
    package = folder / "models_only"
    assert not (package / "_operations.py").exists()
    modules = [m for m in package.rglob("*.py") if m.name not in ("__init__.py", "_pipeline.py")]
    assert {str(m.relative_to(folder)): unused_imports(m) for m in modules if unused_imports(m)} == {}
    script = (
        "from models_only.models import Error, Owner, Pet\n"
        "from models_only.client import ModelsOnlyClient\n"
        "pet = Pet.from_dict({'name': 'Rex', 'owner': {'name': 'Ann'}})\n"
        "assert pet == Pet(name='Rex', owner=Owner(name='Ann')), pet\n"
        "assert Error(status=1).to_dict() == {'status': 1}\n"
        "with ModelsOnlyClient(base_url='http://127.0.0.1:1') as client:\n"
        "    assert not [n for n in vars(ModelsOnlyClient) if not n.startswith('_') and n != 'close']\n"
    )
    assert_runs(folder, script)


def test_a_selection_that_selects_no_operation_is_still_an_error(tmp_path: Path) -> None:
    from generator.errors import GeneratorError
    from generator.ir.options import BuildOptions

    job = Job(specs=(SPECS / "any_header.yaml",), options=BuildOptions(operation_ids=("nothing*",)))
    with pytest.raises(GeneratorError, match="no operations selected"):
        generate_plan(job, Warnings())
