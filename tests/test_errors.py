"""Bad input: one located line on stderr, exit status 2, nothing written."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from generator.errors import GeneratorError, Location, Warnings
from generator.loading import validation
from generator.pipeline import Job, generate_plan
from helpers import REPO, run_cli

BAD = REPO / "tests" / "bad_specs"

# file, the line where known, and what the message must say
CASES = {
    "broken_ref.yaml": (13, r"#/paths/~1a/get/responses/200/content/application~1json/schema/\$ref: broken \$ref"),
    "invalid.yaml": (2, r"#/info: invalid document: 'version' is a required property"),
    "syntax.yaml": (3, r"invalid YAML"),
    "bad_json.json": (3, r"invalid JSON"),
    "no_responses.yaml": (9, r"#/paths/~1a~1\{id\}/get/responses: invalid document: \{\} should be non-empty"),
    "undeclared_path_parameter.yaml": (5, r"path parameter \{id\} is not declared"),
    "escaping_ref.yaml": (None, r"leaves the git work tree that holds the spec"),
    "url_ref.yaml": (None, r"\$ref to a URL is refused"),
    "alias_bomb.yaml": (None, r"YAML aliases expand to more than"),
    "response_not_an_object.yaml": (16, r"#/paths/~1b/get/responses/default: a response must be an object"),
    "duplicate_operation_id.yaml": (18, r"#/paths/~1items/post/operationId: operationId 'listItems' is already the id of "
                                        r"#/paths/~1items/get"),
}


@pytest.fixture(params=["validated in-process", "validated in a worker"])
def validation_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Documents are validated in a worker process while the IR is built, or in-process
    where fork is missing: the same errors and warnings must come out either way."""
    monkeypatch.setattr(validation, "IN_WORKER", request.param == "validated in a worker")
    return str(request.param)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_spec_gives_one_located_line_and_exit_2(name: str, tmp_path: Path, validation_mode: str) -> None:
    line, pattern = CASES[name]
    output = tmp_path / "out"
    code, stdout, stderr = run_cli("generate", str(BAD / name), "-o", str(output), "--no-cache", cwd=BAD)
    assert code == 2
    assert stdout == ""
    (message,) = stderr.splitlines()
    prefix = f"error: {name}:{line}: " if line is not None else f"error: {name}"
    assert message.startswith(prefix), message
    assert re.search(pattern, message), message
    assert not output.exists(), "nothing may be written on bad input"


def test_missing_spec_file(tmp_path: Path) -> None:
    code, _, stderr = run_cli("generate", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "out"))
    assert code == 2
    assert stderr.strip().endswith("nope.yaml: no such file")


def _openapi(**extra: object) -> dict[str, object]:
    operation = {"operationId": "A_Get", "responses": {"200": {"description": "ok"}}}
    return {"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {"/a": {"get": operation}}, **extra}


def _deep_schema(levels: int) -> dict[str, object]:
    schema: dict[str, object] = {"type": "string"}
    for _ in range(levels):
        schema = {"type": "object", "properties": {"a": schema}}
    return schema


def _swagger_parameter(**parameter: object) -> dict[str, object]:
    operation = {"operationId": "A_Get", "parameters": [{"name": "e", "in": "query", "type": "string", **parameter}],
                 "responses": {"200": {"description": "ok"}}}
    return {"swagger": "2.0", "info": {"title": "T", "version": "1"}, "host": "h", "paths": {"/a": {"get": operation}}}


# Documents that used to end in a traceback: file name -> (text, what the message must say)
ODD_DOCUMENTS = {
    "long_integer.json": (json.dumps(_openapi()).replace('"1"}', '"1", "x-n": ' + "9" * 5000 + "}", 1), "more than 4,300 digits"),
    "long_integer.yaml": (yaml.safe_dump(_openapi()) + "x-n: " + "9" * 5000 + "\n", "more than 4,300 digits"),
    "impossible_date.yaml": (yaml.safe_dump(_openapi()) + "x-d: 2001-13-45\n", "invalid YAML value: month must be in 1..12"),
    "deep_schemas.json": (
        json.dumps(_openapi(components={"schemas": {"Deep": _deep_schema(300)}})).replace(
            '"description": "ok"}', '"description": "ok", "content": {"application/json": {"schema": '
            '{"$ref": "#/components/schemas/Deep"}}}}', 1),
        "nested too deeply",
    ),
    "path_item_ref_to_a_list.yaml": (
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    $ref: '#/x-list'\nx-list: [1, 2]\n",
        "a path item must be an object",
    ),
    "client_name_not_a_string.json": (json.dumps(_swagger_parameter(**{"x-ms-client-name": 5})),
                                      "x-ms-client-name must be a non-empty string, not 5"),
    "enum_name_not_a_string.json": (json.dumps(_swagger_parameter(enum=["a"], **{"x-ms-enum": {"name": ["E"]}})),
                                    "name must be a non-empty string"),
}


@pytest.mark.parametrize("name", sorted(ODD_DOCUMENTS))
def test_odd_documents_give_one_located_line(name: str, tmp_path: Path) -> None:
    text, message = ODD_DOCUMENTS[name]
    (tmp_path / name).write_text(text)
    code, _, stderr = run_cli("generate", name, "-o", str(tmp_path / "out"), "--no-cache", cwd=tmp_path)
    assert code == 2
    (line,) = stderr.splitlines()
    assert line.startswith(f"error: {name}") and message in line, line
    assert not (tmp_path / "out").exists()


def test_a_spec_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    """A pipe would block the run and a device never end: neither is read."""
    fifo = tmp_path / "spec.yaml"
    os.mkfifo(fifo)
    for spec in (fifo, Path("/dev/zero")):
        result = subprocess.run(  # a process, so that a regression times out instead of hanging the suite
            [sys.executable, "-m", "generator", "generate", str(spec), "-o", str(tmp_path / "out"), "--no-cache"],
            capture_output=True, text=True, timeout=60,
        )
        assert result.returncode == 2 and result.stderr.strip().endswith("is not a regular file"), result.stderr


def test_real_process_exit_status_and_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "syntax.yaml", "-o", str(tmp_path / "out"), "--no-cache"],
        cwd=BAD,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_template_error_names_template_and_line(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay" / "python"
    overlay.mkdir(parents=True)
    (overlay / "py.typed.jinja").write_text("ok\n{{ api.no_such_field }}\n")
    code, _, stderr = run_cli(
        "generate", str(REPO / "specs" / "transfer_to_participant.yaml"),
        "-o", str(tmp_path / "out"), "--templates", str(tmp_path / "overlay"), "--no-cache",
    )
    assert code == 2
    assert re.match(r"error: .*py\.typed\.jinja:2: template error: .*no_such_field", stderr), stderr


def test_unescaped_spec_text_in_a_template_is_refused(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay" / "python"
    overlay.mkdir(parents=True)
    (overlay / "py.typed.jinja").write_text("# {{ api.description }}\n")
    code, _, stderr = run_cli(
        "generate", str(REPO / "specs" / "transfer_to_participant.yaml"),
        "-o", str(tmp_path / "out"), "--templates", str(tmp_path / "overlay"), "--no-cache",
    )
    assert code == 2
    assert "refusing to print unescaped text" in stderr


@pytest.mark.parametrize(
    ("template", "message"),
    [
        # spec text joined to a block or macro output stays plain text, refused as such
        ('{% set h %}x = ({% endset %}{{ (h ~ api.description ~ ")")|split_right(4) }}', "refusing to lay out"),
        ("{% set h %}# {% endset %}{{ h ~ api.description }}", "refusing to print unescaped text"),
        ("{{ api.description|safe }}", "No filter named 'safe'"),
        ("{{ ['class']|import_from('m'|verbatim) }}", "is not a name"),
    ],
)
def test_spec_text_cannot_slip_past_the_guard(template: str, message: str, tmp_path: Path) -> None:
    overlay = tmp_path / "overlay" / "python"
    overlay.mkdir(parents=True)
    (overlay / "py.typed.jinja").write_text(template + "\n")
    code, _, stderr = run_cli(
        "generate", str(REPO / "specs" / "transfer_to_participant.yaml"),
        "-o", str(tmp_path / "out"), "--templates", str(tmp_path / "overlay"), "--no-cache",
    )
    assert code == 2, stderr
    assert message in stderr, stderr
    assert not (tmp_path / "out").exists()


def test_small_problems_are_warnings_and_strict_makes_them_errors(tmp_path: Path, validation_mode: str) -> None:
    spec = REPO / "tests" / "warning_specs" / "small_problems.yaml"
    code, _, stderr = run_cli("generate", str(spec), "-o", str(tmp_path / "out"), "--no-cache")
    assert code == 0
    warnings = [line for line in stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 2, stderr
    assert any("'100' is not of type 'integer'" in w and ":12: #/paths/~1a/get/parameters/0/schema" in w for w in warnings)
    assert any("is not a 'regex'" in w for w in warnings)
    code, _, stderr = run_cli("generate", str(spec), "-o", str(tmp_path / "strict"), "--no-cache", "--strict")
    assert code == 2
    assert len(stderr.splitlines()) == 1 and "made an error by --strict" in stderr
    assert not (tmp_path / "strict").exists()


def test_locations_stay_on_one_line() -> None:
    """A file name or JSON pointer holding a line break or another control character is
    printed escaped: every message stays one line."""
    location = Location("a\nb.json", "/paths/~1a\nb\u2028c\td/get", 3)
    assert str(location) == "a\\nb.json:3: #/paths/~1a\\nb\\u2028c\\td/get"
    assert str(Location("spec.json", "/paths/~1é ü")) == "spec.json: #/paths/~1é ü"
    message = str(GeneratorError("invalid document", location))
    assert len(message.splitlines()) == 1 and message.endswith("/get: invalid document")


def test_a_validator_that_gives_up_leaves_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash of openapi-spec-validator is its bug, not a problem of the document: a
    warning, and the IR build's own checks decide."""

    class Crashing:
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def iter_errors(self) -> Iterator[object]:
            raise ValueError("expected ':' after conversion\nspecifier")
            yield

    monkeypatch.setattr(validation, "_validator_class", lambda base: Crashing)
    warnings = Warnings()
    generate_plan(Job(specs=(REPO / "specs" / "transfer_to_participant.yaml",), cache_dir=None), warnings)
    (problem,) = warnings.problems
    assert "the validator gave up (ValueError: expected ':' after conversion specifier)" in str(problem)
    assert len(str(problem).splitlines()) == 1


def test_a_default_with_an_inner_value_of_the_wrong_type_is_a_warning_at_that_value(
    tmp_path: Path, validation_mode: str
) -> None:
    """The validator reports such a value relative to the default (`#/0`): located in
    the document instead, a warning, and the default dropped where it does not fit."""
    spec = REPO / "tests" / "warning_specs" / "inner_default_types.yaml"
    code, _, stderr = run_cli("generate", spec.name, "-o", str(tmp_path / "out"), "--no-cache", cwd=spec.parent)
    assert code == 0, stderr
    name = spec.name
    assert [line for line in stderr.splitlines() if line.startswith("warning: ")] == [
        f"warning: {name}:14: #/paths/~1a/get/parameters/0/schema/default/0: spec validation: '1' is not of type 'integer'",
        f"warning: {name}:30: #/components/schemas/Shape/properties/box/default/n: spec validation: 'x' is not of type 'integer'",
        f"warning: {name}:30: #/components/schemas/Shape/properties/box: default {{'n': 'x'}} does not fit the property's type; ignored",
    ], stderr
    package = tmp_path / "out" / "python" / "t"
    assert "ids: list[int] = [1, 2]," in (package / "client.py").read_text()
    assert "box=Box.from_dict(data[\"box\"])," in (package / "models.py").read_text()


def test_a_schema_on_a_head_answer_is_ignored_with_a_warning(tmp_path: Path) -> None:
    spec = REPO / "tests" / "warning_specs" / "head_with_schema.yaml"
    code, _, stderr = run_cli("generate", spec.name, "-o", str(tmp_path / "out"), "--no-cache", cwd=spec.parent)
    assert code == 0, stderr
    assert [line for line in stderr.splitlines() if line.startswith("warning: ")] == [
        f"warning: {spec.name}:13: #/paths/~1things/head/responses/200/schema: a HEAD answer has no body: its schema is ignored",
    ], stderr
    client = (tmp_path / "out" / "python" / "t" / "client.py").read_text()
    assert "def head_things(" in client and ") -> None:" in client.split("def head_things(")[1]


def test_azure_flattening_and_grouping_are_located_warnings(tmp_path: Path) -> None:
    """x-ms-client-flatten and x-ms-parameter-grouping are not honoured: each use is a
    warning where it is written, and the code is generated without them."""
    spec = REPO / "tests" / "warning_specs" / "azure_flatten_grouping.json"
    code, _, stderr = run_cli("generate", spec.name, "-o", str(tmp_path / "out"), "--no-cache", cwd=spec.parent)
    assert code == 0, stderr
    found = sorted(line for line in stderr.splitlines() if line.startswith("warning: "))
    things = "#/paths/~1things/put/parameters"
    assert found == [
        f"warning: {spec.name}:10: {things}/1/x-ms-parameter-grouping: "
        "x-ms-parameter-grouping is not honoured: the parameter stays an argument of its own",
        f"warning: {spec.name}:20: #/definitions/Thing/properties/properties/x-ms-client-flatten: "
        "x-ms-client-flatten is not honoured: the property stays a nested object",
        f"warning: {spec.name}:9: {things}/0/x-ms-client-flatten: "
        "x-ms-client-flatten is not honoured: the value is taken and given as one object of its schema",
    ], stderr
