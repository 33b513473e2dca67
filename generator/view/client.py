"""The view of `client.py` and `aio.py` (one view, `is_async` tells them apart): the
imports (computed from what the module uses), the operation-group classes, the client
class, and each operation's method as code laid out as black lays it out."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..ir import model as ir
from ..render.escaping import Code, docstring, py_string
from ..render.layout import annotated, bracket, fits, import_from, split_right
from .auth import auth_kinds
from .code import block, indented, module_docstring, parameter_line
from .conversions import annotation, body_annotation, default_literal, url_fstring
from .docs import client_doc, constructor_doc, operation_doc
from .needs import features, referenced_names
from .operations import function_names, method_parameters, result_annotation, retryable
from .paging import (
    final_annotation,
    next_request,
    page_item_annotation,
    paging_client_names,
    paging_doc,
    paging_names,
)
from .requests import checks_responses, media_type_parameter
from .reserved import ASYNC_PREFIX


@dataclass(frozen=True, slots=True)
class MethodView:
    """One operation's method: its `signature` (the `def` line(s), ending with a line
    break), its `docstring` (indented to sit in the method) and its `body` (the
    statements that build, send and parse the request, ending with a line break)."""

    name: str
    signature: Code
    docstring: Code
    body: Code


@dataclass(frozen=True, slots=True)
class GroupView:
    """One operation-group class: its `name`, `docstring` and its operations' methods."""

    name: Code
    docstring: Code
    methods: tuple[tuple[ir.Operation, MethodView], ...]


@dataclass(frozen=True, slots=True)
class ClientView:
    """The client class: `name`, `docstring`, `constructor` (`__init__`, ending with a
    line break), whether it has a `from_connection_string` class method (an API signed
    with access keys), the methods of the operations outside any group, and the words
    that tell the async client from the sync one: `async_` and `await_` (`"async "`,
    `"await "` or empty), `transport` (its httpx transport class), `close` (the
    statement that closes its connections), `enter` and `exit` (the context manager's
    method names)."""

    name: Code
    docstring: Code
    constructor: Code
    from_connection_string: bool
    methods: tuple[tuple[ir.Operation, MethodView], ...]
    async_: Code
    await_: Code
    transport: Code
    close: Code
    enter: Code
    exit: Code


@dataclass(frozen=True, slots=True)
class ClientModule:
    """What `client.py` (or `aio.py`) holds: its `header` (the module docstring), its
    `imports` (code ending with a line break), the group classes and the client class."""

    header: Code
    imports: Code
    groups: tuple[tuple[ir.OperationGroup, GroupView], ...]
    client: ClientView


def client_module(api: ir.Api, is_async: bool = False, options: Mapping[str, Any] | None = None) -> ClientModule:
    prefix = ASYNC_PREFIX if is_async else ""
    client_name = Code(prefix + api.client_name)
    connection_string = "hmac" in auth_kinds(api, options or {}) and sum(1 for v in api.server.variables if v.required) == 1
    functions = function_names(api)
    helpers = paging_names(api)

    def methods(operations: list[ir.Operation], owner: str) -> tuple[tuple[ir.Operation, MethodView], ...]:
        return tuple((op, _method(api, op, owner, functions, helpers[op.operation_id], is_async)) for op in operations)

    groups = tuple(
        (
            group,
            GroupView(
                Code(prefix + group.class_name),
                docstring(f"Operations of the {group.name} group; reach them as `client.{group.name}`.", 4),
                methods([op for op in api.operations if op.group == group.name], "self._client"),
            ),
        )
        for group in api.groups
    )
    client = ClientView(
        name=client_name,
        docstring=docstring(client_doc(api), 4),
        constructor=block(_constructor(api, is_async, prefix), end="\n"),
        from_connection_string=connection_string,
        methods=methods([op for op in api.operations if not op.group], "self"),
        **_async_words(is_async),
    )
    header = module_docstring(api, "Asynchronous client" if is_async else "Client")
    return ClientModule(header, _imports(api, is_async, connection_string), groups, client)


def _async_words(is_async: bool) -> dict[str, Code]:
    words = {
        "async_": ("async ", ""),
        "await_": ("await ", ""),
        "transport": ("httpx.AsyncBaseTransport", "httpx.BaseTransport"),
        "close": ("await self._http.aclose()", "self._http.close()"),
        "enter": ("__aenter__", "__enter__"),
        "exit": ("__aexit__", "__exit__"),
    }
    return {key: Code(pair[0] if is_async else pair[1]) for key, pair in words.items()}


def _imports(api: ir.Api, is_async: bool, connection_string: bool) -> Code:
    needs = features(api, "client")
    lines = ["", "from collections.abc import Mapping"]
    times = [name for name in ("date", "datetime", "timedelta") if name in needs]
    lines += [f"from datetime import {', '.join(times)}"] if times else []
    lines.append("from types import TracebackType")
    media_choice = any(op.body is not None and op.body.content_type for op in api.operations)
    typing = (["Any"] if "Any" in needs else []) + (["Literal"] if media_choice else [])
    lines += [f"from typing import {', '.join(typing)}"] if typing else []
    modules = ["_operations"] if api.operations else []  # a document of models only has none
    modules += ["_paging"] if any(op.paging for op in api.operations) else []
    modules += ["_polling"] if any(op.long_running for op in api.operations) else []
    lines += ["", "import httpx", ""] + ([f"from . import {', '.join(modules)}"] if modules else [])
    send = [("send_async" if is_async else "send")] if api.operations else []
    lines.append(f"from ._pipeline import {', '.join(['RetryPolicy', *send])}")
    lines += ["from .auth import HmacAuth, parse_connection_string"] if connection_string else []
    names = referenced_names(api)
    names += paging_client_names(api, names)
    lines += [import_from(".models", names)] if names else []
    return block(lines, end="\n")


def _constructor(api: ir.Api, is_async: bool, prefix: str) -> list[str]:
    variables = api.server.variables
    positional = [p for p in api.client_parameters if p.required and not p.has_default]
    lines = ["    def __init__(", "        self,"]
    lines += [f"        {v.name}: str," for v in variables if v.required]
    lines += ["        " + parameter_line(p.name, annotation(p.type), indent=8) for p in positional]
    lines.append("        *,")
    lines += [f"        {v.name}: str = {py_string(v.default)}," for v in variables if not v.required]
    lines += [
        "        " + parameter_line(p.name, annotation(p.type, not p.has_default), default_literal(p), 8)
        for p in api.client_parameters
        if not (p.required and not p.has_default)
    ]
    lines += [
        "        auth: httpx.Auth | None = None,",
        "        timeout: float | httpx.Timeout = 30.0,",
        "        retry: RetryPolicy | None = None,",
        "        headers: Mapping[str, str] | None = None,",
        f"        transport: {_async_words(is_async)['transport']} | None = None,",
        "        strict_response_validation: bool = False,",
        "    ) -> None:",
        "        " + docstring(constructor_doc(api), 8),
    ]
    lines += [f"        self._{p.name} = {p.name}" for p in api.client_parameters]
    lines += [
        f'        self._base_url = {url_fstring(api.server.url_parts)}.rstrip("/")',
        "        self._retry = retry or RetryPolicy()",
        "        self._strict = strict_response_validation",
        f"        self._http = {'httpx.AsyncClient' if is_async else 'httpx.Client'}(",
        "            auth=auth, timeout=timeout, headers=headers, transport=transport",
        "        )",
    ]
    for group in api.groups:
        lines.append(f"        self.{group.name} = {prefix}{group.class_name}(self)")
        lines.append("        " + docstring(f"Operations of the {group.name} group.", 8))
    return lines


def _method(
    api: ir.Api,
    operation: ir.Operation,
    owner: str,
    functions: Mapping[str, Mapping[str, str]],
    helpers: Mapping[str, str],
    is_async: bool,
) -> MethodView:
    """One operation's method; `functions` are the names of every operation's request
    builder and response parser (`function_names`), `helpers` those of its pager's or
    poller's functions in `_operations.py` (`paging_names`)."""
    parameters = method_parameters(operation)
    positional = [p for p in parameters if p.required and not p.has_default]
    keyword = [p for p in parameters if p not in positional]
    body = operation.body
    lro = operation.long_running
    paged = operation.paging is not None and lro is None
    name = lro.method_name if lro is not None else operation.name
    poller, pager = ("AsyncPoller", "AsyncPager") if is_async else ("Poller", "Pager")
    if lro is not None and operation.paging is not None:
        result = Code(f"_polling.{poller}[_paging.{pager}[{page_item_annotation(operation.paging)}]]")
    elif lro is not None:
        result = Code(f"_polling.{poller}[{final_annotation(operation)}]")
    elif operation.paging is not None:
        result = Code(f"_paging.{pager}[{page_item_annotation(operation.paging)}]")
    else:
        result = result_annotation(operation)
    lines = [f"    {'async ' if is_async and not paged else ''}def {name}(", "        self,"]
    lines += ["        " + parameter_line(p.name, annotation(p.type), indent=8) for p in positional]
    if body is not None and body.required:
        lines.append("        " + parameter_line(body.name, body_annotation(body), indent=8))
    lines.append("        *,")
    if body is not None and not body.required:
        lines.append("        " + parameter_line(body.name, body_annotation(body, True), "None", 8))
    if body is not None and body.content_type:
        lines.append("        " + media_type_parameter(body, 8))
    lines += ["        " + parameter_line(p.name, annotation(p.type, not p.has_default), default_literal(p), 8) for p in keyword]
    lines += ["        polling_interval: float | None = None,"] if lro is not None else []
    lines += ["        continuation_token: str | None = None,"] if lro is not None or paged else []
    lines += ["        timeout: float | httpx.Timeout | None = None,", "    " + annotated(") -> ", result, ":", 4)]
    return MethodView(
        name,
        block(lines, end="\n"),
        Code("        " + docstring(paging_doc(operation, operation_doc(operation)), 8)),
        block(_method_body(api, operation, owner, functions, helpers, is_async, positional, keyword), end="\n"),
    )


def _method_body(
    api: ir.Api,
    operation: ir.Operation,
    owner: str,
    all_functions: Mapping[str, Mapping[str, str]],
    helpers: Mapping[str, str],
    is_async: bool,
    positional: list[ir.Parameter],
    keyword: list[ir.Parameter],
) -> list[str]:
    body = operation.body
    functions = all_functions[operation.operation_id]
    build_head = f"_operations.{functions['build']}("
    arguments = [f"{owner}._base_url", *(p.name for p in positional)]
    arguments += [body.name] if body is not None and body.required else []
    arguments += [f"{p.name}={owner}._{p.name}" for p in operation.parameters if p.client_level]
    arguments += [f"{body.name}={body.name}"] if body is not None and not body.required else []
    arguments += [f"{body.content_type}={body.content_type}"] if body is not None and body.content_type else []
    arguments += [f"{p.name}={p.name}" for p in keyword] + ["timeout=timeout"]
    build_call = "\n".join([build_head, *(f"            {argument}," for argument in arguments), "        )"])
    # black puts a call whose first line is too long after `request = ` in parentheses
    if fits("request = " + build_head, 8) or not fits(build_head, 12):
        lines = ["        request = " + build_call]
    else:
        lines = ["        request = (", "            " + indented(build_call), "        )"]
    if operation.long_running is not None or operation.paging is not None:
        paging = operation.paging
        target = paging.next_operation if paging is not None else None
        build = all_functions[target.operation_id]["build"] if target is not None else ""
        return lines + _pager_or_poller(operation, owner, helpers, is_async, lambda indent: next_request(api, operation, build, owner, indent))
    send = "response = await send_async(" if is_async else "response = send("
    retry = "retryable=True" if retryable(operation) else "retryable=False"
    lines.append("        " + bracket(send, [f"{owner}._http", "request", f"{owner}._retry", retry], ")", 8))
    strict = f", strict={owner}._strict" if checks_responses(operation) else ""
    parse_call = f"_operations.{functions['parse']}(response{strict})"
    if fits(f"return _operations.{functions['parse']}(", 8):
        lines.append("        " + split_right("return " + parse_call, 8))
    else:
        lines += ["        return (", "            " + split_right(parse_call, 12), "        )"]
    return lines


def _pager_or_poller(
    operation: ir.Operation,
    owner: str,
    helpers: Mapping[str, str],
    is_async: bool,
    next_pages: Callable[[int], list[str]],
) -> list[str]:
    """The `return` of a long-running operation's method (a poller) or of a pageable
    one's (a pager), after its first request is built; `next_pages` gives, at an
    indentation, the arguments that fetch the next pages with another operation."""
    lro = operation.long_running
    if lro is not None:
        start = "await _polling.AsyncPoller.start" if is_async else "_polling.Poller"
        final_state = py_string(lro.final_state_via) if lro.final_state_via else "None"
        return [
            f"        return {start}(",
            f"            {owner}._http,",
            f"            {owner}._retry,",
            "            _polling.Operation(",
            f"                {owner}._base_url,",
            *_final_result(operation, owner, helpers, is_async, next_pages),
            f"                _operations.{helpers['failure']},",
            f"                {final_state},",
            "                polling_interval,",
            "            ),",
            "            request,",
            "            continuation_token,",
            f"            retryable={'True' if retryable(operation) else 'False'},",
            "        )",
        ]
    return [
        f"        return _paging.{'AsyncPager' if is_async else 'Pager'}(",
        f"            {owner}._http,",
        f"            {owner}._retry,",
        "            _paging.Listing(",
        "                request,",
        f"                _operations.{helpers['items']},",
        f"                _operations.{helpers['page_rule']},",
        f"                {owner}._base_url,",
        f"                {'True' if retryable(operation) else 'False'},",
        *next_pages(16),
        "            ),",
        "            continuation_token,",
        "        )",
    ]


def _final_result(
    operation: ir.Operation,
    owner: str,
    helpers: Mapping[str, str],
    is_async: bool,
    next_pages: Callable[[int], list[str]],
) -> list[str]:
    """What reads a long-running operation's final result: its `final` function, or, for
    one that also pages, a pager whose first page is the answer that ended it."""
    if operation.paging is None:
        return [f"                _operations.{helpers['final']},"]
    return [
        f"                _paging.final_{'async_' if is_async else ''}pager(",
        f"                    {owner}._http,",
        f"                    {owner}._retry,",
        f"                    _operations.{helpers['items']},",
        f"                    _operations.{helpers['page_rule']},",
        f"                    {owner}._base_url,",
        *next_pages(20),
        "                ),",
    ]
