"""Facts about one operation that the client, the request builders and the response
parsers share: its answers, its errors, its parameters, whether it is retried, the
module-level names of its builder and parser."""

from __future__ import annotations

from ..ir import model as ir
from ..ir.naming import Identifier, Scope
from ..render.escaping import Code
from .conversions import _annotation, _value_format, status_test, union_of


def success_responses(operation: ir.Operation) -> list[ir.Response]:
    return [r for r in operation.responses if not r.is_error]


def error_responses(operation: ir.Operation) -> list[ir.Response]:
    return [r for r in operation.responses if r.is_error and r.type is not None]


# The errors module's parsers of scalar error bodies, by JSON kind.
_SCALAR_ERROR_PARSERS = {"string": "str_body", "integer": "int_body", "number": "float_body", "boolean": "bool_body"}


def _error_parser(t: ir.TypeRef | None) -> Code | None:
    """What `ApiError.from_response` parses an error body of type `t` with: a model's
    `from_dict`, a scalar parser of the errors module, or None (the body is not parsed)."""
    if isinstance(t, ir.ModelType):
        return Code(f"{t.name}.from_dict")
    if isinstance(t, ir.PrimitiveType) and not _value_format(t) and t.kind in _SCALAR_ERROR_PARSERS:
        return Code(_SCALAR_ERROR_PARSERS[t.kind])
    return None


def error_types(api: ir.Api) -> list[ir.Response]:
    """One error response per distinct body type the client parses (models and plain
    scalars) across the API, in a stable order."""
    seen: dict[str, ir.Response] = {}
    for op in api.operations:
        for response in error_responses(op):
            if _error_parser(response.type) is not None:
                seen.setdefault(_annotation(response.type), response)  # type: ignore[arg-type]
    return [seen[key] for key in sorted(seen)]


def scalar_error_helpers(api: ir.Api) -> list[dict[str, Code]]:
    """The scalar parsers the errors module defines: `name`, `annotation`, `test` (a
    condition on `body` that refuses it) and `kind` (the JSON kind)."""
    tests = {
        "string": "not isinstance(body, str)",
        "integer": "not isinstance(body, int) or isinstance(body, bool)",
        "number": "not isinstance(body, (int, float)) or isinstance(body, bool)",
        "boolean": "not isinstance(body, bool)",
    }
    kinds = sorted({r.type.kind for r in error_types(api) if isinstance(r.type, ir.PrimitiveType)})
    return [
        {
            "name": Code(_SCALAR_ERROR_PARSERS[kind]),
            "annotation": Code(_annotation(ir.PrimitiveType(kind))),
            "test": Code(tests[kind]),
            "kind": Code(kind),
        }
        for kind in kinds
    ]


def error_branches(operation: ir.Operation) -> list[dict[str, Code | None]]:
    """How the response parser raises, in order: `test` (a status condition, None for
    the last, unconditional raise) and `parser` (see `_error_parser`). Each declared
    error status gets its own body type, then ranges, then `default`; a status whose
    parser is the fallback's needs no branch of its own unless a range comes after it."""
    errors = [r for r in operation.responses if r.is_error]
    fallback = next((_error_parser(r.type) for r in errors if r.status == "default"), None)
    ranged = any(r.status_code is None and r.status != "default" for r in errors)
    branches: list[dict[str, Code | None]] = [
        {"test": status_test(r), "parser": _error_parser(r.type)}
        for r in errors
        if r.status != "default" and (ranged or _error_parser(r.type) != fallback)
    ]
    return [*branches, {"test": None, "parser": fallback}]


def head_as_boolean(operation: ir.Operation) -> bool:
    """A HEAD that declares a 404 answer that is no error, and no body: it returns
    whether the resource exists (True for the 2xx answers, False for the 404)."""
    successes = success_responses(operation)
    return (
        operation.method == "head"
        and any(r.status_code == 404 for r in successes)
        and not any(r.type is not None for r in successes)
    )


def result_annotation(operation: ir.Operation) -> Code:
    """The return annotation of an operation's method and response parser."""
    if head_as_boolean(operation):
        return Code("bool")
    if operation.headers_result is not None:
        return Code(operation.headers_result.name)
    successes = success_responses(operation)
    typed = [r for r in successes if r.type is not None]
    if not typed:
        return Code("None")
    optional = len(typed) < len(successes) or any(r.nullable for r in typed)
    return Code(union_of([_annotation(r.type) for r in typed]) + (" | None" if optional else ""))  # type: ignore[arg-type]


def method_parameters(operation: ir.Operation) -> list[ir.Parameter]:
    return [p for p in operation.parameters if not p.client_level]


def repeatable(operation: ir.Operation) -> dict[str, ir.Parameter] | None:
    """The `Repeatability-Request-ID` and `Repeatability-First-Sent` header parameters
    of an operation that declares both (the client then fills them), else None."""
    headers = {p.wire_name.lower(): p for p in operation.parameters if p.location == "header"}
    request_id, first_sent = headers.get("repeatability-request-id"), headers.get("repeatability-first-sent")
    return {"id": request_id, "first_sent": first_sent} if request_id and first_sent else None


def retryable(operation: ir.Operation) -> bool:
    """Safe to send twice: an idempotent method, or a repeatable request."""
    return operation.method in ("get", "head", "put", "delete", "options", "trace") or repeatable(operation) is not None


def function_names(api: ir.Api) -> dict[str, dict[str, Identifier]]:
    """Unique module-level names for each operation's request builder and response
    parser, by operationId."""
    scope = Scope()
    names = {}
    for operation in api.operations:
        stem = f"{operation.group}_{operation.name}" if operation.group else operation.name
        names[operation.operation_id] = {
            "build": scope.claim(Identifier(f"build_{stem}")),
            "parse": scope.claim(Identifier(f"parse_{stem}")),
        }
    return names
