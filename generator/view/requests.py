"""The view of `_operations.py`: its imports (computed from what it uses), and for each
operation its request builder and its response parser as code laid out as black lays
it out, so that `_operations.py.jinja` only prints them."""

from __future__ import annotations

from dataclasses import dataclass

from ..ir import model as ir
from ..ir.naming import Identifier
from ..render.escaping import Code, docstring, py_string
from ..render.layout import annotated, bracket, call, fits, import_from, split_right
from .code import block, module_docstring, parameter_line
from .conversions import (
    annotation,
    body_annotation,
    body_content,
    decode,
    default_literal,
    encode,
    read_as,
    response_value,
    sent_as_file,
    status_test,
    to_text,
    url_fstring,
)
from .needs import features, model_helpers, referenced_names
from .schema import descriptor, uses_xml, xml_body
from .paging import paging_client_names, paging_helpers, paging_names
from .operations import (
    error_branches,
    function_names,
    head_as_boolean,
    repeatable,
    result_annotation,
    scalar_error_helpers,
    success_responses,
)

# The module's one private helper, called by every request builder.
EXTENSIONS = Code(
    '''def _extensions(timeout: float | httpx.Timeout | None) -> dict[str, Any]:
    """A per-request timeout, in the form httpx reads from a request."""
    return {} if timeout is None else {"timeout": httpx.Timeout(timeout).as_dict()}'''
)


@dataclass(frozen=True, slots=True)
class RequestsView:
    """One operation's two functions: `build` and `parse` (their module-level names),
    `request_builder` and `response_parser` (their code, each ending with a line break),
    and `paging_helpers`, the helpers of a pageable or long-running operation's pager
    or poller (`paging.paging_helpers`; empty for other operations)."""

    build: str
    parse: str
    request_builder: Code
    response_parser: Code
    paging_helpers: Code


@dataclass(frozen=True, slots=True)
class OperationsModule:
    """What `_operations.py` holds: its `header` (the module docstring), its `imports`
    (code ending with a line break), the `extensions` helper, and each operation's
    functions with the IR operation (which overlays see as `operation`)."""

    header: Code
    imports: Code
    extensions: Code
    operations: tuple[tuple[ir.Operation, RequestsView], ...]


def operations_module(api: ir.Api) -> OperationsModule:
    names = function_names(api)
    helpers = paging_names(api)
    return OperationsModule(
        header=module_docstring(api, "Requests and responses of every operation"),
        imports=_imports(api),
        extensions=EXTENSIONS,
        operations=tuple(
            (operation, _functions(operation, names[operation.operation_id], helpers[operation.operation_id]))
            for operation in api.operations
        ),
    )


def _imports(api: ir.Api) -> Code:
    needs = features(api, "operations")
    repeats = any(repeatable(operation) for operation in api.operations)
    lines = [""]
    lines += [f"import {module}" for module in ("base64", "json") if module in needs]
    lines += ["import uuid"] if repeats else []
    times: set[str] = {name for name in ("date", "datetime", "timedelta") if name in needs}
    times |= {"datetime", "timezone"} if repeats else set()
    lines += [f"from datetime import {', '.join(sorted(times))}"] if times else []
    emails = [name for name in ("format_datetime", "parsedate_to_datetime") if name in needs]
    lines += [f"from email.utils import {', '.join(emails)}"] if emails else []
    media_choice = any(op.body is not None and op.body.content_type for op in api.operations)
    lines.append("from typing import Any, Literal" if media_choice else "from typing import Any")
    lines += ["from urllib.parse import quote"] if "quote" in needs else []
    lines += ["", "import httpx", ""]
    modules = ["_paging"] if any(op.paging for op in api.operations) else []
    modules += ["_schema"] if any(checks_responses(op) for op in api.operations) else []
    modules += ["_xml"] if uses_xml(api) else []
    lines += [f"from . import {', '.join(modules)}"] if modules else []
    lines.append(import_from(".errors", ["ApiError", *(helper["name"] for helper in scalar_error_helpers(api))]))
    referenced = referenced_names(api, "operations")
    from_models = list(dict.fromkeys([*referenced, *paging_client_names(api, referenced), *model_helpers(needs)]))
    lines += [import_from(".models", from_models)] if from_models else []
    return block(lines, end="\n")


def _functions(operation: ir.Operation, names: dict[str, Identifier], helpers: dict[str, Identifier]) -> RequestsView:
    return RequestsView(
        names["build"],
        names["parse"],
        block(_builder(operation, names["build"]), end="\n"),
        block(_parser(operation, names["parse"]), end="\n"),
        paging_helpers(operation, helpers, names["parse"]),
    )


def media_type_parameter(body: ir.RequestBody, indent: int) -> Code:
    """The `content_type: Literal[...] = "..."` parameter line of a body sent as one of
    several media types."""
    choices = ", ".join(dict.fromkeys(py_string(media_type) for media_type in body.media_types))
    return split_right(f"{body.content_type}: Literal[{choices}] = {py_string(body.media_type)},", indent)


def _builder(operation: ir.Operation, name: str) -> list[str]:
    parameters = operation.parameters
    positional = [p for p in parameters if not p.client_level and p.required and not p.has_default]
    keyword = [p for p in parameters if not p.client_level and p not in positional]
    body, repeat = operation.body, repeatable(operation)
    headers = [p for p in parameters if p.location == "header"]
    query = [p for p in parameters if p.location == "query"]
    form = [p for p in parameters if p.location == "formData"]
    files = [p for p in form if sent_as_file(p)]
    fields = [p for p in form if not sent_as_file(p)]
    lines = [f"def {name}(", "    base_url: str,"]
    lines += ["    " + parameter_line(p.name, annotation(p.type), indent=4) for p in positional]
    if body is not None and body.required:
        lines.append("    " + parameter_line(body.name, body_annotation(body), indent=4))
    lines.append("    *,")
    for p in parameters:
        if p.client_level:
            lines.append("    " + parameter_line(p.name, annotation(p.type, not p.required and not p.has_default), indent=4))
    if body is not None and not body.required:
        lines.append("    " + parameter_line(body.name, body_annotation(body, True), "None", 4))
    if body is not None and body.content_type:
        lines.append("    " + media_type_parameter(body, 4))
    lines += ["    " + parameter_line(p.name, annotation(p.type, not p.has_default), default_literal(p), 4) for p in keyword]
    repeatable_note = " (repeatable: the repeatability headers are filled when not given)" if repeat else ""
    lines += [
        "    timeout: float | httpx.Timeout | None = None,",
        ") -> httpx.Request:",
        "    " + docstring(f"The request of `{operation.operation_id}`{repeatable_note}.", 4),
    ]
    if repeat:
        lines += [
            f"    if {repeat['id'].name} is None:",
            f"        {repeat['id'].name} = str(uuid.uuid4())",
            f"    if {repeat['first_sent'].name} is None:",
            f"        {repeat['first_sent'].name} = datetime.now(timezone.utc)",
        ]
    if query:
        lines += _collected("params", "dict[str, str | list[str]]", query, as_text=True)
    if fields:
        lines += _collected("form_data", "dict[str, str | list[str]]", fields, as_text=True)
    if files:
        lines += _collected("form_files", "dict[str, bytes]", files, as_text=False)
    lines += _headers(operation, headers, repeat)
    lines += [
        f"    {'request =' if files else 'return'} httpx.Request(",
        f"        {py_string(operation.method.upper())},",
    ]
    if query and _raw_path(operation):
        # a path parameter sent as it is may hold a query (a next link such as
        # `next?page=2`): the parameters are added to it, where `params=` would replace it
        lines += [
            "        httpx.URL(",
            f"            {url_fstring(operation.path_parts, operation)}",
            "        ).copy_merge_params(params),",
        ]
    else:
        lines.append(f"        {url_fstring(operation.path_parts, operation, 8)}")
        lines += ["        params=params,"] if query else []
    lines.append("        headers=headers,")
    lines += ["        data=form_data,"] if fields else []
    lines += ["        files=form_files,"] if files else []
    if body is not None and xml_body(body):
        lines += _xml_content(body)
    elif body is not None:
        content = body_content(body)
        if body.required or str(content) == body.name:
            lines.append(f"        content={content},")
        else:
            lines.append(f"        content=None if {body.name} is None else {content},")
    lines += ["        extensions=_extensions(timeout),", "    )"]
    if files:
        lines += ["    request.read()  # a multipart body is a stream: read once, it can be sent (and resent)", "    return request"]
    return lines


def _xml_content(body: ir.RequestBody) -> list[str]:
    """The `content=` argument of an XML body: its JSON-shaped value written as the
    declared type's `xml` objects say (`_xml.dumps`), laid out as black lays it out."""
    arguments = [str(encode(body.type, body.name)), str(descriptor(body.type, body.xml))]
    if body.required:
        return ["        " + call("content=_xml.dumps(", arguments, "),", 8)]
    # as the other optional bodies: black lays out the conditional
    return [f"        content=None if {body.name} is None else _xml.dumps({', '.join(arguments)}),"]


def _raw_path(operation: ir.Operation) -> bool:
    """Whether a path parameter of the operation is sent without percent-encoding."""
    return any(p.location == "path" and p.skip_url_encoding for p in operation.parameters)


def _collected(variable: str, annotation_text: str, parameters: list[ir.Parameter], as_text: bool) -> list[str]:
    """`variable`: a dict of the parameters' values by wire name (as text when
    `as_text`), the optional ones added when given."""
    always = [p for p in parameters if p.required or p.has_default]
    lines = [f"    {variable}: {annotation_text} = {{" if always else f"    {variable}: {annotation_text} = {{}}"]
    for p in always:
        value = to_text(p, p.name) if as_text else p.name
        lines.append("        " + split_right(f"{py_string(p.wire_name)}: {value},", 8, argument=True))
    lines += ["    }"] if always else []
    for p in parameters:
        if p not in always:
            value = to_text(p, p.name, alone=True) if as_text else p.name
            lines += [f"    if {p.name} is not None:", f"        {variable}[{py_string(p.wire_name)}] = {value}"]
    return lines


def _headers(operation: ir.Operation, headers: list[ir.Parameter], repeat: dict[str, ir.Parameter] | None) -> list[str]:
    """The `headers` dict: what the request accepts and sends, and the header parameters."""
    typed = [r for r in success_responses(operation) if r.type is not None]
    body = operation.body
    filled = [p for p in headers if p.required or p.has_default or (repeat and p in repeat.values())]
    if not (typed or body is not None or any(p.required or p.has_default for p in headers) or repeat):
        lines = ["    headers: dict[str, str] = {}"]
    else:
        lines = ["    headers: dict[str, str] = {"]
        lines += [f'        "Accept": {py_string(typed[0].media_type)},'] if typed else []
        if body is not None:
            lines.append(f'        "Content-Type": {body.content_type or py_string(body.media_type)},')
        lines += ["        " + split_right(f"{py_string(p.wire_name)}: {to_text(p, p.name)},", 8, argument=True) for p in filled]
        lines.append("    }")
    for p in headers:
        if p not in filled:
            lines += [f"    if {p.name} is not None:", f"        headers[{py_string(p.wire_name)}] = {to_text(p, p.name, alone=True)}"]
    return lines


def checks_responses(operation: ir.Operation) -> bool:
    """Does the operation's response parser check its answers under strict response
    validation: it returns a typed body read as JSON or XML (not a pager's or poller's)?"""
    if head_as_boolean(operation) or operation.headers_result is not None:
        return False
    return any(r.type is not None and read_as(r) in ("json", "xml") for r in success_responses(operation))


def _check_statement(response: ir.Response, value: str) -> Code | None:
    """`body = ...`: the body `value` of `response`, checked against its declared type
    when `strict` (an XML document is read and checked by `_xml.loads`); None when the
    answer is not checked."""
    how = read_as(response) if response.type is not None else None
    if response.type is None or how not in ("json", "xml"):
        return None
    declared = descriptor(response.type, response.xml)
    if how == "xml" and not response.nullable:
        return call("body = _xml.loads(", ["response.content", declared, "strict"], ")", 8)
    return call("body = _schema.checked(", [value, "strict", declared], ")", 8)


def _parser(operation: ir.Operation, name: str) -> list[str]:
    successes = success_responses(operation)
    exists = head_as_boolean(operation)
    checks = checks_responses(operation)
    arguments = ["response: httpx.Response", *(["strict: bool = False"] if checks else [])]
    summary = f"The result of `{operation.operation_id}`; `ApiError` (or a subclass) for any other answer."
    if checks:
        summary += " `strict`: the body is first checked against its declared type (`DeserializationError`)."
    lines = [
        bracket(f"def {name}(", arguments, annotated(") -> ", result_annotation(operation), ":"), 0, is_def=True),
        "    " + docstring(summary, 4),
    ]
    for index, response in enumerate(successes, 1):
        lines.append(f"    if {status_test(response)}:")
        if exists:
            lines.append("        return False" if response.status_code == 404 else "        return True")
            continue
        if operation.headers_result is not None:
            lines.append(f"        return {operation.headers_result.name}.from_headers(response.headers)")
            continue
        value = Code("body") if response.nullable else response_value(response)
        if response.nullable:
            lines += [
                "        if not response.content:",
                "            return None",
                f"        body = {response_value(response)}",
                "        if body is None:",
                "            return None",
            ]
        check = _check_statement(response, value)
        if check is not None:
            lines.append("        " + check)
            value = Code("body")
        if isinstance(response.type, ir.ModelType):
            lines.append("        " + split_right(f"return {decode(response.type, value)}", 8))
        elif response.type is not None:
            # a typed name, because response.json() is Any; one name per branch for mypy
            result = f"result_{index}" if len(successes) > 1 else "result"
            lines.append("        " + split_right(f"{result}: {annotation(response.type)} = {decode(response.type, value)}", 8))
            lines.append(f"        return {result}")
        else:
            lines.append("        return None")
    for branch in error_branches(operation):
        statement = f"raise ApiError.from_response(response{', ' + branch['parser'] if branch['parser'] else ''})"
        if branch["test"]:
            lines += [f"    if {branch['test']}:", "        " + split_right(statement, 8)]
        else:
            lines.append("    " + split_right(statement, 4))
    return lines
