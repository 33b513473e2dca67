"""The view of pageable and long-running operations: the names and code of their
helpers in `_operations.py`, their methods' result annotations and docstrings, and
what `_paging.py` / `_polling.py` are given. Spec text reaches the code only through
`py_string`."""

from __future__ import annotations

from typing import Any

from ..ir import model as ir
from ..ir.naming import Identifier, Scope
from ..render.escaping import Code, docstring, py_string
from ..render.layout import bracket
from .code import block
from .conversions import annotation, decode, response_value
from .operations import error_branches, function_names, result_annotation, retryable


def paging_names(api: ir.Api) -> dict[str, dict[str, Identifier]]:
    """Module-level names in `_operations.py` of each pageable or long-running
    operation's helpers (`items`, `page_rule`, `final`, `failure`), by operationId;
    none takes a name of a request builder or response parser."""
    taken = function_names(api)
    scope = Scope(tuple(name for entry in taken.values() for name in entry.values()))
    result: dict[str, dict[str, Identifier]] = {}
    for operation in api.operations:
        stem = f"{operation.group}_{operation.name}" if operation.group else operation.name
        entry: dict[str, Identifier] = {}
        if operation.paging is not None:
            entry["items"] = scope.claim(Identifier(f"items_{stem}"))
            entry["page_rule"] = scope.claim(Identifier(f"page_rule_{stem}"))
        if operation.long_running is not None:
            entry["final"] = scope.claim(Identifier(f"final_{stem}"))
            entry["failure"] = scope.claim(Identifier(f"failure_{stem}"))
        result[operation.operation_id] = entry
    return result

def page_item_annotation(paging: ir.Paging) -> Code:
    """The type of one item; `| None` when the array's items may be null."""
    array = paging.items[-1].type if paging.items else paging.page.type
    nullable = isinstance(array, ir.ArrayType) and array.nullable_items
    return annotation(paging.item_type, nullable)

def page_rule(paging: ir.Paging) -> list[Code]:
    """The arguments of an operation's `_paging.PageRule(...)`."""
    arguments = [Code(f"kind={py_string(paging.kind)}")]
    if paging.next_path:
        names = ", ".join(py_string(name) for name in paging.next_path)
        arguments.append(Code(f"path=({names},)" if len(paging.next_path) == 1 else f"path=({names})"))
    if paging.cursor_parameter is not None:
        arguments.append(Code(f"cursor_parameter={py_string(paging.cursor_parameter)}"))
    if paging.cursor_header is not None:
        arguments.append(Code(f"cursor_header={py_string(paging.cursor_header)}"))
    return arguments

def page_item_steps(operation: ir.Operation) -> list[dict[str, Any]]:
    """How `items_<name>` walks from the parsed page to its items: one step per field,
    each `{"value": <name>, "source": <expression>, "optional": bool}`; the page
    itself is `page`. A missing (optional) step gives no items."""
    assert operation.paging is not None
    page = final_annotation(operation) if operation.long_running else result_annotation(operation)
    page_optional = str(page).endswith("| None")
    steps: list[dict[str, Any]] = [{"value": Code("page"), "optional": page_optional}]
    for index, field in enumerate(operation.paging.items):
        steps.append(
            {
                "value": Code(f"part_{index + 1}"),
                "source": Code(f"{steps[-1]['value']}.{field.name}"),
                "optional": not field.required or field.nullable,
            }
        )
    return steps

def final_annotation(operation: ir.Operation) -> Code:
    """The final result of a long-running operation: its `result` answer's type,
    optional when the final answer may be empty (POST and DELETE, a success answer
    without body, a nullable body); `None` when no answer has a body."""
    assert operation.long_running is not None
    result = operation.long_running.result
    if result is None or result.type is None:
        return Code("None")
    text = annotation(result.type)
    return Code(f"{text} | None") if final_optional(operation) and not text.endswith("| None") else Code(text)

def final_optional(operation: ir.Operation) -> bool:
    assert operation.long_running is not None
    result = operation.long_running.result
    successes = [r for r in operation.responses if not r.is_error]
    return (
        result is None
        or result.nullable
        or operation.method in ("post", "delete")
        or any(r.type is None for r in successes)
    )

def failure_parser(operation: ir.Operation) -> Code | None:
    """What `ApiError.from_response` parses the error body of a failed operation with."""
    return error_branches(operation)[-1]["parser"]

def next_request(api: ir.Api, operation: ir.Operation, build: str, owner: str, indent: int) -> list[str]:
    """The keyword arguments of `_paging.Listing` (or `final_pager`) that fetch the pages
    after the first with Azure's `operationName` (`build` is that operation's request
    builder): `next_request`, a function of the next link (`url`) that builds its
    request from the method's arguments, and `next_retryable` when that request is not
    safe to send twice. Empty when next links are followed as they are. Lines at
    `indent`, each ending with a comma."""
    paging = operation.paging
    if paging is None or paging.next_operation is None:
        return []
    target = next(op for op in api.operations if op.operation_id == paging.next_operation.operation_id)
    values = dict(paging.next_operation.arguments)
    if paging.next_operation.link_parameter is not None:
        values[paging.next_operation.link_parameter] = Identifier("url")  # OPERATION_LOCAL_NAMES: no parameter's name
    positional = [p for p in target.parameters if not p.client_level and p.required and not p.has_default]
    arguments = [f"{owner}._base_url", *(values[p.name] for p in positional)]
    arguments += [f"{p.name}={owner}._{p.name}" for p in target.parameters if p.client_level]
    arguments += [
        f"{p.name}={values[p.name]}"
        for p in target.parameters
        if not p.client_level and p not in positional and p.name in values
    ]
    arguments.append("timeout=timeout")
    pad = " " * indent
    lines = [pad + bracket(f"next_request=lambda url: _operations.{build}(", arguments, "),", indent, explode=True)]
    return lines + ([pad + "next_retryable=False,"] if not retryable(target) else [])


def paging_client_names(api: ir.Api, present: list[str]) -> list[str]:
    """Model and enum names the client's pager annotations name besides `present`."""
    found: set[str] = set()
    for operation in api.operations:
        if operation.paging is not None:
            _named(operation.paging.item_type, found)
    return sorted(found - set(present))

def paging_doc(operation: ir.Operation, text: str) -> str:
    """An operation's docstring with the arguments and the result of its pager or poller."""
    lines: list[str] = []
    if operation.long_running is not None:
        lines.append("    polling_interval: Seconds between polls when the service names no delay.")
        lines.append("    continuation_token: A poller's `continuation_token()`: resume polling it.")
        returns = (
            "Returns:\n    A poller: `result()` waits for the end and returns the final result"
            + (", a pager of the items of every page." if operation.paging is not None else ".")
        )
    elif operation.paging is not None:
        lines.append("    continuation_token: A `Page.continuation_token`: start from that page.")
        returns = "Returns:\n    A pager of the items of every page; nothing is sent before it is iterated."
    else:
        return text
    head, _, tail = text.partition("\n\nRaises:")
    return head + "\n" + "\n".join(lines) + "\n\n" + returns + "\n\nRaises:" + tail


def paging_helpers(operation: ir.Operation, names: dict[str, Identifier], parse: str) -> Code:
    """The module-level helpers of a pageable or long-running operation in
    `_operations.py` (empty for other operations): a pageable one's `PageRule` constant
    and `items_<name>` function (`parse` is its response parser's name), a long-running
    one's `final_<name>` and `failure_<name>` functions."""
    lines: list[str] = []
    if operation.paging is not None:
        head = f"{names['page_rule']} = _paging.PageRule("
        lines += ["", "", bracket(head, page_rule(operation.paging), ")", 0), "", ""]
        lines += [
            f"def {names['items']}(",
            "    response: httpx.Response,",
            f") -> list[{page_item_annotation(operation.paging)}]:",
            "    " + docstring(f"The items of a page of `{operation.operation_id}`; `ApiError` for an error answer.", 4),
        ]
        if operation.long_running is not None:
            lines += ["    if response.is_error:", f"        raise {names['failure']}(response)"]
            lines.append(f"    page = {names['final']}(response)")
        else:
            lines.append(f"    page = {parse}(response)")
        steps = page_item_steps(operation)
        for index, step in enumerate(steps):
            lines += [f"    {step['value']} = {step['source']}"] if index else []
            lines += [f"    if {step['value']} is None:", "        return []"] if step["optional"] else []
        lines.append(f"    return {steps[-1]['value']}")
    if operation.long_running is not None:
        lines += ["", ""] + _final_function(operation, names["final"]) + ["", ""]
        lines += [
            f"def {names['failure']}(",
            "    response: httpx.Response, kind: type[ApiError] = ApiError",
            ") -> ApiError:",
            "    " + docstring(f"The error of `{operation.operation_id}` for a failed answer or a Failed or Canceled status.", 4),
        ]
        parser = failure_parser(operation)
        lines.append(f"    return kind.from_response(response{', ' + parser if parser else ''})")
    return block(lines, end="\n")


def _final_function(operation: ir.Operation, name: str) -> list[str]:
    """`final_<name>`: the final result of a long-running operation, from the answer that ends it."""
    assert operation.long_running is not None
    result = operation.long_running.result
    lines = [
        f"def {name}(response: httpx.Response) -> {final_annotation(operation)}:",
        "    " + docstring(f"The final result of `{operation.operation_id}`, from the answer that ends it.", 4),
    ]
    if result is None or result.type is None:
        return lines + ["    return None"]
    lines += ["    if not response.content:", "        return None"] if final_optional(operation) else []
    json: str = response_value(result)
    if result.nullable:
        lines += [f"    body = {json}", "    if body is None:", "        return None"]
        json = "body"
    if isinstance(result.type, ir.ModelType):
        return lines + [f"    return {decode(result.type, json)}"]
    return lines + [f"    final: {annotation(result.type)} = {decode(result.type, json)}", "    return final"]


def _named(t: ir.TypeRef, found: set[str]) -> None:
    if isinstance(t, (ir.ModelType, ir.EnumType)):
        found.add(t.name)
    elif isinstance(t, ir.ArrayType):
        _named(t.items, found)
    elif isinstance(t, ir.MapType):
        _named(t.values, found)
    elif isinstance(t, ir.UnionType):
        for variant in t.variants:
            _named(variant, found)
