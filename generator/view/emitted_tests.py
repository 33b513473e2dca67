"""The view of the emitted tests (`tests/test_<package>.py`): its imports, and for each
example of an operation a test that checks the exact request the client sends and the
parsing of the answer, plus one test of an error answer for operations whose errors
have a model body, as code laid out as black lays it out, so that `tests.py.jinja`
only prints them. The JSON objects and arrays the tests send and expect (the
examples' payloads) are not Python literals: they are the JSON file written beside
the module (`tests/test_<package>.json`, `tests_payloads.json.jinja`), which the
module reads once, on first use, through `_payloads()` (nothing runs at import time)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..ir import model as ir
from ..render.escaping import Code, docstring, py_literal, py_string
from ..render.layout import bracket, fits, import_from, split_right, wrap_in_parentheses
from ..render.wire import sample
from .code import block, indented
from .conversions import decode
from .examples import as_sent, example_call, payload_key, test_imports
from .operations import error_responses


@dataclass(frozen=True, slots=True)
class TestView:
    """One emitted test: its `name` (`test_...`) and its `code`."""

    name: str
    code: Code


@dataclass(frozen=True, slots=True)
class TestsModule:
    """What the emitted tests' module holds: its `header` (the module docstring), its
    `imports` (code ending with a line break, or empty when no operation has an
    example), the `loader` (`_payloads()`, the function that reads the payloads file
    on first use, or empty when no test uses a payload), its tests, each with the IR
    operation it tests, and `payloads`, the text of the JSON file beside the module
    (empty when no test uses a payload)."""

    header: Code
    imports: Code
    loader: Code
    tests: tuple[tuple[ir.Operation, TestView], ...]
    payloads: Code


class _Payloads:
    """The JSON values the tests use, by key, in the order the tests first use them."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def ref(self, key: str, value: Any) -> str:
        """The expression of `value` in a test: a JSON object or array is read from the
        payloads (`_payloads()["key"]`, the key made unique when it is taken by another
        value), a scalar stays an inline literal."""
        if not _is_data(value):
            return py_literal(value)
        unique, n = key, 1
        # compared as literals: the IR keeps arrays as tuples
        while unique in self.values and py_literal(self.values[unique]) != py_literal(value):
            n += 1
            unique = f"{key}_{n}"
        self.values.setdefault(unique, value)
        return f"_payloads()[{py_string(unique)}]"

    def text(self) -> Code:
        """The payloads file: one JSON object, two-space indented, keys in the order of
        first use, each value as the description gave it; UTF-8 text, except that text
        UTF-8 cannot hold (lone surrogates) is written as JSON escapes."""
        if not self.values:
            return Code("")
        text = json.dumps(self.values, indent=2, ensure_ascii=False, default=_as_dict)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            text = json.dumps(self.values, indent=2, default=_as_dict)
        return Code(text + "\n")  # JSON escapes what it holds: safe to write as it is


def _as_dict(value: Any) -> dict[str, Any]:
    """The IR's read-only mappings, for `json.dumps` (which writes tuples as arrays)."""
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"not a JSON value: {type(value).__name__}")


_LOADER = Code(
    "\n\n@cache\n"
    "def _payloads() -> dict[str, Any]:\n"
    '    """The examples\' JSON payloads, from the file apiforge wrote beside this module."""\n'
    "    payloads: dict[str, Any] = json.loads(\n"
    '        Path(__file__).with_suffix(".json").read_text(encoding="utf-8")\n'
    "    )\n"
    "    return payloads\n"
)


def tests_module(api: ir.Api) -> TestsModule:
    """The view of the emitted tests (computed once per IR: the module and its payloads
    file are two outputs)."""
    if _last is not None and _last[0] is api:
        return _last[1]
    module = _tests_module(api)
    globals()["_last"] = (api, module)
    return module


_last: tuple[ir.Api, TestsModule] | None = None


def _tests_module(api: ir.Api) -> TestsModule:
    # pagers and pollers are tested by the generator's own tests (tests/test_paging_client.py)
    tested = [op for op in api.operations if op.examples and not op.paging and not op.long_running]
    raises = [op for op in tested if _error_with_model(op) is not None]
    header = docstring(
        f"Tests of the {api.package_name} client, emitted from the examples in its API description.\n\n"
        "Each test drives the client through httpx.MockTransport and checks the exact request\n"
        "it sends and the parsing of the answer. Generated by apiforge; do not edit."
    )
    tests: list[tuple[ir.Operation, TestView]] = []
    payloads = _Payloads()
    for operation in tested:
        first_request: list[str | None] = []
        for example in operation.examples:
            plan = example_call(api, operation, example)
            if plan["answer"]:
                tests.append((operation, _example_test(api, operation, example, plan, payloads, first_request)))
        if operation in raises:
            tests.append((operation, _error_test(api, operation, payloads, first_request)))
    loader = _LOADER if payloads.values else Code("")
    return TestsModule(header, _imports(api, tested, raises), loader, tuple(tests), payloads.text())


def _error_with_model(operation: ir.Operation) -> ir.Response | None:
    return next((r for r in error_responses(operation) if isinstance(r.type, ir.ModelType)), None)


def _imports(api: ir.Api, tested: list[ir.Operation], raises: list[ir.Operation]) -> Code:
    if not tested:
        return Code("")
    imports = test_imports(api)
    lines = ["import json", *imports["modules"], "", "import httpx"]
    lines += ["import pytest"] if raises else []
    lines += ["", import_from(api.package_name, (["ApiError"] if raises else []) + [api.client_name])]
    if imports["models"]:
        lines.append(import_from(f"{api.package_name}.models", imports["models"]))
    return block(lines, end="\n")


def _is_data(value: Any) -> bool:
    """A JSON object or array of an example is a payload; a scalar stays inline."""
    return isinstance(value, (Mapping, list, tuple))


def _assert_equal(left: str, right: str) -> list[str]:
    """`assert left == right`, laid out as black would (and the blank line after it)."""
    whole, comparison = f"assert {left} == {right}", f"{left} == {right}"
    if fits(whole, 4):
        lines = ["    " + whole]
    elif fits(comparison, 8):
        lines = ["    assert (", "        " + comparison, "    )"]
    elif not right.startswith("_payloads()[") and split_right(whole, 4) != whole:  # black keeps a subscript whole here
        lines = ["    " + split_right(whole, 4)]
    else:
        lines = ["    assert (", f"        {left}", f"        == {right}", "    )"]
    return [*lines, ""]


def _open_client(api: ir.Api, plan: Mapping[str, Any]) -> list[str]:
    lines = [f"    with {api.client_name}("]
    lines += [f"        {variable.name}={py_literal(value)}," for variable, value in plan["server_args"]]
    lines += [f"        {p.name}={decode(p.type, py_literal(value))}," for p, value in plan["client_args"]]
    return [*lines, "        transport=httpx.MockTransport(answer),", "    ) as client:", ""]


def _invocation(operation: ir.Operation, plan: Mapping[str, Any], body: str | None, indent: int) -> str:
    call = f"client.{operation.group + '.' if operation.group else ''}{operation.name}("
    with_body = operation.body is not None and plan["body"] is not None
    if not (plan["arguments"] or with_body):
        return call + ")"
    arguments = [f"{p.name}={decode(p.type, py_literal(value))}," for p, value in plan["arguments"]]
    if with_body:
        arguments.append(f"{operation.body.name}={decode(operation.body.type, body)},")  # type: ignore[union-attr, arg-type]
    return call + "\n" + "".join("    " + split_right(argument, 4, indent, argument=True) + "\n" for argument in arguments) + ")"


def _def_line(name: str) -> str:
    return wrap_in_parentheses(f"def {name}() -> ", "None", ":")


def _example_test(
    api: ir.Api,
    operation: ir.Operation,
    example: ir.Example,
    plan: Mapping[str, Any],
    payloads: _Payloads,
    first_request: list[str | None],
) -> TestView:
    answer = plan["answer"]
    body = operation.body
    checks_result = answer["type"] is not None
    is_model = isinstance(answer["type"], ir.ModelType)
    parts = [part for part in (operation.group, operation.name, example.name) if part]
    sends_body = body is not None and plan["body"] is not None
    request_key, answer_key = payload_key(parts, "request"), payload_key(parts, "answer")
    request = payloads.ref(request_key, plan["body"]) if sends_body else None
    first_request.append(request)
    sent = as_sent(body.type, plan["body"], api) if sends_body else None  # type: ignore[union-attr]
    # compared as literals: the IR keeps arrays as tuples
    sent_key = request_key if sends_body and py_literal(sent) == py_literal(plan["body"]) else payload_key(parts, "sent")
    parsed = as_sent(answer["type"], answer["body"], api) if checks_result and is_model else None
    parsed_key = answer_key if parsed is not None and py_literal(parsed) == py_literal(answer["body"]) else payload_key(parts, "parsed")
    name = f"test_{'_'.join(parts)}"
    lines = [
        _def_line(name),
        "    " + docstring(f"Example {example.title}: the request sent and the answer parsed.", 4),
        "    sent: list[httpx.Request] = []",
        "",
        "    def answer(request: httpx.Request) -> httpx.Response:",
        "        sent.append(request)",
    ]
    if answer["has_body"]:
        reference = payloads.ref(answer_key, answer["body"])
        read = {"bytes": f"content={reference}.encode()", "text": f"text={reference}"}.get(answer["read_as"], f"json={reference}")
        lines.append("        " + bracket("return httpx.Response(", [str(answer["status"]), read], ")", 8))
    else:
        lines.append(f"        return httpx.Response({answer['status']})")
    lines += ["", *_open_client(api, plan)]
    call = indented(_invocation(operation, plan, request, 8), 8)
    lines.append(f"        result = {call}" if checks_result else f"        {call}")
    lines += [
        "",
        "    (request,) = sent",
        f"    assert request.method == {py_string(operation.method.upper())}",
        "    " + bracket("assert request.url == httpx.URL(", [py_string(plan["url"])], ")", 4),
    ]
    lines += [f"    assert request.headers[{py_string(header)}] == {py_string(value)}" for header, value in plan["headers"]]
    if sends_body:
        lines.append(f'    assert request.headers["Content-Type"] == {py_string(body.media_type)}')  # type: ignore[union-attr]
        lines += _assert_equal("json.loads(request.content)", payloads.ref(sent_key, sent))
    if checks_result and is_model:
        lines += [f"    assert isinstance(result, {answer['type'].name})"] if answer["narrow"] else []
        lines += _assert_equal("result.to_dict()", payloads.ref(parsed_key, parsed))
    elif checks_result and answer["read_as"] == "bytes":
        lines += _assert_equal("result", f"{payloads.ref(answer_key, answer['body'])}.encode()")
    elif checks_result:
        lines += _assert_equal("result", decode(answer["type"], payloads.ref(answer_key, answer["body"])))
    return TestView(name, block(lines, end="\n"))


def _error_test(api: ir.Api, operation: ir.Operation, payloads: _Payloads, first_request: list[str | None]) -> TestView:
    error = _error_with_model(operation)
    assert error is not None and error.type is not None
    plan = example_call(api, operation, operation.examples[0])
    body = sample(error.type, api)
    parts = [part for part in (operation.group, operation.name) if part]
    if first_request:
        request = first_request[0]
    elif operation.body is not None and plan["body"] is not None:
        request = payloads.ref(payload_key(parts, "error_request"), sample(operation.body.type, api))
    else:
        request = None
    error_ref = payloads.ref(payload_key(parts, "error"), body)
    status = error.status_code or 400
    name = f"test_{'_'.join(parts)}_error"
    lines = [
        _def_line(name),
        '    """An error answer raises ApiError carrying the status, headers and parsed error."""',
        "",
        "    def answer(request: httpx.Request) -> httpx.Response:",
        "        return httpx.Response(",
        f"            {status},",
        f"            json={error_ref},",
        '            headers={"x-ms-request-id": "example-request-id"},',
        "        )",
        "",
        *_open_client(api, plan),
        "        with pytest.raises(ApiError) as raised:",
        "            " + indented(_invocation(operation, plan, request, 12), 12),
        "",
        f"    assert raised.value.status_code == {status}",
        '    assert raised.value.headers["x-ms-request-id"] == "example-request-id"',
        "    assert raised.value.body is not None",
        *_assert_equal("raised.value.body.to_dict()", error_ref),
    ]
    if error.error_field:
        lines.append(f"    assert raised.value.error == raised.value.body.{error.error_field.name}")
    return TestView(name, block(lines, end="\n"))
