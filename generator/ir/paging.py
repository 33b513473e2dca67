"""Pages and long-running operations: `Operation.paging` and `Operation.long_running`.

Paging is read, first rule that applies winning, from Azure's `x-ms-pageable`, an
operation's `x-apiforge-pagination` object, the `[[tool.apiforge.pagination]]` rules,
and last from the shape of the answer: a GET whose successful answer is a JSON array
and declares a `Link` header pages through RFC 8288 `rel="next"` links (GitHub's way).
Long-running operations are Azure's `x-ms-long-running-operation` with its
`x-ms-long-running-operation-options`. What cannot be honoured is a located warning,
and the operation is then generated as a plain call.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from typing import Any, Literal

from ..errors import Warnings
from ..loading.refs import Node
from . import model as ir
from .naming import Identifier, snake_case
from .options import PaginationRule, pagination_rule

FINAL_STATES = ("azure-async-operation", "location", "original-uri", "operation-location")
PLAIN = "; generated as a plain call"


def read_paging(
    node: Node,
    operation: ir.Operation,
    models: Mapping[Identifier, ir.Model],
    rules: tuple[PaginationRule, ...],
    warnings: Warnings,
    operations: Mapping[str, ir.Operation],
) -> ir.Paging | None:
    """`operations` are the selected operations by operationId, among which Azure's
    `operationName` is looked for."""
    declared = node.get("x-ms-pageable")
    if declared is not None:
        return _azure(declared, operation, models, warnings, operations)
    extension = node.get("x-apiforge-pagination")
    if extension is not None:
        rule = pagination_rule(extension.value, configured=False)
        if isinstance(rule, str):
            warnings.warn(f"x-apiforge-pagination {rule}{PLAIN}", extension.location)
            return None
        return _configured(rule, "x-apiforge-pagination", operation, models, warnings, extension)
    for rule in rules:
        if any(fnmatch.fnmatchcase(operation.operation_id, glob) for glob in rule.operations):
            # a rule applies to the operations it matches whose answer has its shape
            paging = _configured(rule, "configuration", operation, models, warnings, None)
            if paging is not None:
                return paging
    return _link_header(operation, models)


def read_long_running(node: Node, operation: ir.Operation, warnings: Warnings) -> ir.LongRunning | None:
    flag = node.value.get("x-ms-long-running-operation")
    if flag is not True:
        if flag not in (None, False):
            warnings.warn(f"x-ms-long-running-operation must be true or false, not {flag!r}{PLAIN}", node.location)
        return None
    final_state_via: Any = None
    options = node.get("x-ms-long-running-operation-options")
    if options is not None:
        declared = options.value.get("final-state-via") if isinstance(options.value, dict) else None
        if declared in FINAL_STATES:
            final_state_via = declared
        elif declared is not None or not isinstance(options.value, dict):
            warnings.warn(
                f"x-ms-long-running-operation-options: final-state-via {declared!r} is not one of "
                f"{', '.join(FINAL_STATES)}; the method's default is used",
                options.location,
            )
    typed = [r for r in operation.responses if not r.is_error and r.type is not None]
    result = next((r for status in ("200", "201") for r in typed if r.status == status), typed[0] if typed else None)
    return ir.LongRunning(
        method_name=snake_case("begin_" + operation.name),
        final_state_via=final_state_via,
        result=result,
    )


def _page_response(operation: ir.Operation) -> ir.Response | None:
    """The successful answer that is a page: 200 first, else the first typed 2xx."""
    typed = [r for r in operation.responses if not r.is_error and r.type is not None and r.status.startswith("2")]
    return next((r for r in typed if r.status == "200"), typed[0] if typed else None)


def _items(
    page: ir.TypeRef, path: tuple[str, ...], models: Mapping[Identifier, ir.Model]
) -> tuple[tuple[ir.Field, ...], ir.TypeRef] | str:
    """The fields leading from the page to its array of items, and one item's type; or
    why there are none."""
    fields: list[ir.Field] = []
    current = page
    for name in path:
        model = models.get(current.name) if isinstance(current, ir.ModelType) else None
        found = next((f for f in model.fields if f.json_name == name), None) if model is not None else None
        if found is None:
            return f"the answer has no field {'.'.join(path)!r}"
        fields.append(found)
        current = found.type
    if not isinstance(current, ir.ArrayType):
        return f"{'.'.join(path)!r} is not an array" if path else "the answer is not an array"
    return tuple(fields), current.items


def _azure(
    declared: Node,
    operation: ir.Operation,
    models: Mapping[Identifier, ir.Model],
    warnings: Warnings,
    operations: Mapping[str, ir.Operation],
) -> ir.Paging | None:
    value = declared.value
    if not isinstance(value, dict):
        warnings.warn(f"x-ms-pageable must be an object{PLAIN}", declared.location)
        return None
    page = _page_response(operation)
    if page is None or page.type is None:
        warnings.warn(f"x-ms-pageable: the operation has no successful answer with a body{PLAIN}", declared.location)
        return None
    item_name = value.get("itemName", "value")
    next_name = value.get("nextLinkName", "nextLink")
    if not isinstance(item_name, str) or not (next_name is None or isinstance(next_name, str)):
        warnings.warn(f"x-ms-pageable: itemName and nextLinkName must be strings{PLAIN}", declared.location)
        return None
    found = _items(page.type, (item_name,), models)
    if isinstance(found, str):
        warnings.warn(f"x-ms-pageable: {found}{PLAIN}", declared.location)
        return None
    fields, item_type = found
    next_operation = None
    named = value.get("operationName")
    if named is not None and next_name:  # with `nextLinkName: null` there is no next page to fetch
        problem = f"is not a string, not {named!r}" if not isinstance(named, str) else None
        if isinstance(named, str):
            next_operation = _next_operation(operations.get(named), operation, page, next_name)
            problem = next_operation if isinstance(next_operation, str) else None
        if problem is not None:
            warnings.warn(
                f"x-ms-pageable: operationName {problem}; the pager follows the next link itself "
                "(a next link that is not a URL of the endpoint, such as a fragment, fails)",
                declared.location,
            )
    return ir.Paging(
        kind="next_link" if next_name else "single",
        items=fields,
        item_type=item_type,
        page=page,
        next_path=(next_name,) if next_name else (),
        cursor_parameter=None,
        cursor_header=None,
        next_operation=next_operation if isinstance(next_operation, ir.NextOperation) else None,
        source="x-ms-pageable",
    )


def _next_operation(
    target: ir.Operation | None, first: ir.Operation, page: ir.Response, next_name: str
) -> ir.NextOperation | str:
    """How `target` (AutoRest's `operationName`) fetches the pages of `first` after the
    first page, or why it cannot: its parameter `nextLink` (or named as `nextLinkName`)
    takes the next link, its other parameters take the values of `first`'s parameters
    of the same wire name and type (a value that may be None only where None is
    accepted), and the rest must be optional."""
    if target is None:
        return "names no operation (of those generated)"
    label = f"{target.operation_id!r}"
    target_page = _page_response(target)
    if target.long_running is not None:
        return f"{label} is long-running"
    if target_page is None or target_page.type != page.type:
        return f"{label} does not answer with the page type of this operation"
    if target.body is not None and target.body.required:
        return f"{label} needs a request body"
    link = next(
        (
            p
            for p in target.parameters
            if p.wire_name.lower() in ("nextlink", next_name.lower()) and p.location in ("path", "query")
            and not p.client_level
        ),
        None,
    )
    if link is not None and link.type != ir.PrimitiveType("string"):
        return f"{label}: its next-link parameter {link.wire_name!r} is not a string"
    given = {p.wire_name: p for p in first.parameters if not p.client_level}
    arguments: list[tuple[Identifier, Identifier]] = []
    for parameter in target.parameters:
        if parameter.client_level or parameter is link:
            continue
        source = given.get(parameter.wire_name)
        if source is not None and _passes(source, parameter):
            arguments.append((parameter.name, source.name))
        elif parameter.required and not parameter.has_default:
            return f"{label}: its parameter {parameter.wire_name!r} gets no value from this operation"
    return ir.NextOperation(
        operation_id=target.operation_id,
        link_parameter=link.name if link is not None else None,
        arguments=tuple(arguments),
    )


def _passes(source: ir.Parameter, target: ir.Parameter) -> bool:
    """Whether the value of `source` can be passed for `target`: the same type, and
    None (an optional argument left out) only where None is accepted."""

    def may_be_none(p: ir.Parameter) -> bool:
        return p.nullable or not (p.required or p.has_default)

    return source.type == target.type and (may_be_none(target) or not may_be_none(source))


def _configured(
    rule: PaginationRule,
    source: Literal["x-apiforge-pagination", "configuration"],
    operation: ir.Operation,
    models: Mapping[Identifier, ir.Model],
    warnings: Warnings,
    where: Node | None,
) -> ir.Paging | None:
    """A rule the user wrote; for an extension (`where`), what does not fit is a warning."""
    page = _page_response(operation)
    found = _items(page.type, rule.items, models) if page is not None and page.type is not None else "no answer has a body"
    problem = found if isinstance(found, str) else None
    if problem is None and rule.cursor_parameter is not None:
        query = {p.wire_name for p in operation.parameters if p.location == "query"}
        if rule.cursor_parameter not in query:
            problem = f"the operation has no query parameter {rule.cursor_parameter!r}"
    if problem is not None or isinstance(found, str) or page is None:
        if where is not None:
            warnings.warn(f"x-apiforge-pagination: {problem}{PLAIN}", where.location)
        return None
    fields, item_type = found
    return ir.Paging(
        kind="next_link" if rule.next_link else "cursor",
        items=fields,
        item_type=item_type,
        page=page,
        next_path=rule.next_link or rule.cursor,
        cursor_parameter=rule.cursor_parameter,
        cursor_header=rule.cursor_header,
        next_operation=None,
        source=source,
    )


def _link_header(operation: ir.Operation, models: Mapping[Identifier, ir.Model]) -> ir.Paging | None:
    """A GET answering a JSON array and declaring a `Link` header pages by RFC 8288 links."""
    page = _page_response(operation)
    if operation.method != "get" or page is None or page.type is None:
        return None
    declares_link = any(
        h.wire_name.lower() == "link" for r in operation.responses if r.status.startswith("2") for h in r.headers
    )
    found = _items(page.type, (), models)
    if not declares_link or isinstance(found, str):
        return None
    return ir.Paging(
        kind="link_header",
        items=(),
        item_type=found[1],
        page=page,
        next_path=(),
        cursor_parameter=None,
        cursor_header=None,
        next_operation=None,
        source="link-header",
    )
