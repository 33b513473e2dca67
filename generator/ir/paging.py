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
) -> ir.Paging | None:
    declared = node.get("x-ms-pageable")
    if declared is not None:
        return _azure(declared, operation, models, warnings)
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


def _azure(declared: Node, operation: ir.Operation, models: Mapping[Identifier, ir.Model], warnings: Warnings) -> ir.Paging | None:
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
    next_operation = value.get("operationName")
    if not isinstance(item_name, str) or not (next_name is None or isinstance(next_name, str)):
        warnings.warn(f"x-ms-pageable: itemName and nextLinkName must be strings{PLAIN}", declared.location)
        return None
    found = _items(page.type, (item_name,), models)
    if isinstance(found, str):
        warnings.warn(f"x-ms-pageable: {found}{PLAIN}", declared.location)
        return None
    fields, item_type = found
    if isinstance(next_operation, str) and next_name:
        warnings.warn(
            f"x-ms-pageable: operationName {next_operation!r} is not called for the next pages; "
            "the pager follows the next link itself (a next link that is not a URL of the "
            "endpoint, such as a fragment, fails)",
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
        next_operation=next_operation if isinstance(next_operation, str) and next_name else None,
        source="x-ms-pageable",
    )


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
