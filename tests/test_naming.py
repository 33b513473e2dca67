"""The naming rules: every identifier in generated code comes from here."""

from __future__ import annotations

import ast
import keyword
from pathlib import Path

import pytest

from generator.errors import Warnings
from generator.ir.naming import Identifier, Scope, pascal_case, snake_case, upper_snake_case
from generator.ir.operations import split_operation_id
from generator.pipeline import Job, generate_plan
from generator.view.reserved import PACKAGE_NAMES
from helpers import REPO


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("transferToParticipant", "transfer_to_participant"),
        ("callConnectionId", "call_connection_id"),
        ("api-version", "api_version"),
        ("Repeatability-Request-ID", "repeatability_request_id"),
        ("HTTPServer", "http_server"),
        ("base64Url", "base64_url"),
        ("2fa", "field_2fa"),
        ("class", "class_"),
        ("from", "from_"),
        ("type", "type_"),
        ("é", "e"),
        # `field` itself is reserved: generated models use dataclasses.field
        ("日本", "field_"),
        ("", "field_"),
        ("a b\tc\n", "a_b_c"),
    ],
)
def test_snake_case(text: str, expected: str) -> None:
    assert snake_case(text, prefix="field") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call connection", "CallConnection"),
        ("TransferCallResponse", "TransferCallResponse"),
        ("HTTPError", "HTTPError"),
        ("404", "Model404"),
        ("Exception", "Exception_"),
        ("None", "None_"),
    ],
)
def test_pascal_case(text: str, expected: str) -> None:
    assert pascal_case(text) == expected


def test_upper_snake_case() -> None:
    assert upper_snake_case("communicationUser") == "COMMUNICATION_USER"
    assert upper_snake_case("1st") == "VALUE_1ST"
    assert upper_snake_case("") == "VALUE"


def test_scope_resolves_collisions_in_order() -> None:
    scope = Scope(["data"])
    assert [scope.claim(snake_case(n)) for n in ["first-name", "firstName", "first_name", "data"]] == [
        "first_name", "first_name_2", "first_name_3", "data_",
    ]


@pytest.mark.parametrize("word", keyword.kwlist + keyword.softkwlist)
def test_no_keyword_survives(word: str) -> None:
    for name in (snake_case(word), pascal_case(word), upper_snake_case(word)):
        assert not keyword.iskeyword(name) and name.isidentifier()


def test_scope_claims_a_class_with_its_async_twin() -> None:
    scope = Scope(["Reserved"])
    scope.claim(Identifier("AsyncGroupOperations"))  # a model
    assert scope.claim(Identifier("GroupOperations"), twin_prefix="Async") == "GroupOperations_2"
    assert scope.claim(Identifier("AsyncGroupOperations_2")) == "AsyncGroupOperations_2_2"
    assert scope.claim(Identifier("Reserved"), twin_prefix="Async") == "Reserved_"


@pytest.mark.parametrize("spec", [p for case in sorted((REPO / "tests" / "golden").iterdir()) for p in case.glob("spec.*")])
def test_reserved_names_cover_what_the_templates_bind(spec: Path) -> None:
    """Every name a generated module that holds spec names binds at its top level is one
    of reserved.PACKAGE_NAMES, or private, or a class or an operation's function named
    from the spec: a template that starts to bind a new name must reserve it there."""
    plan = generate_plan(Job(specs=(spec,), template_sets=("python",)), Warnings())
    modules = {path.rsplit("/", 1)[1]: ast.parse(text) for path, text in plan.files.items() if path.endswith(".py")}
    spec_classes = {
        node.name for name in ("models.py", "client.py", "aio.py") for node in modules[name].body
        if isinstance(node, ast.ClassDef)
    }
    for module in ("models.py", "errors.py", "client.py", "aio.py", "_operations.py", "__init__.py"):
        for statement in modules[module].body:
            if isinstance(statement, ast.ImportFrom) and statement.module in ("models", "client", "aio"):
                continue  # the spec's classes
            if isinstance(statement, (ast.Import, ast.ImportFrom)):
                names = [(alias.asname or alias.name).split(".")[0] for alias in statement.names]
            elif isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
                operation_function = module == "_operations.py" and statement.name.startswith(("build_", "parse_"))
                names = [] if operation_function else [statement.name]
            elif isinstance(statement, ast.Assign):
                names = [t.id for t in statement.targets if isinstance(t, ast.Name)]
            else:
                continue
            for name in names:
                if name.startswith("_") or name == "annotations" or name in spec_classes:
                    continue
                assert name in PACKAGE_NAMES, f"{module}: the template binds {name!r}, not in reserved.PACKAGE_NAMES"


@pytest.mark.parametrize(
    ("operation_id", "expected"),
    [
        ("CallConnection_Transfer", ("CallConnection", "Transfer")),
        ("httpSuccess_get200", ("httpSuccess", "get200")),  # AutoRest's lowerCamel groups
        ("get_user", (None, "get_user")),  # snake_case ids stay whole
        ("mainApp_1", (None, "mainApp_1")),  # a lowerCamel prefix needs a name, not a number
        ("a_b_c", (None, "a_b_c")),
    ],
)
def test_operation_groups_from_ids(operation_id: str, expected: tuple[str | None, str]) -> None:
    assert split_operation_id(operation_id) == expected
