"""Examples of calls, from OpenAPI 3 named examples or Azure `x-ms-examples` files.

OpenAPI 3 spreads one example over the parameters, the request body and the
responses; entries with the same name are one call. `x-ms-examples` files hold the
whole call in one place. Both become `ir.Example`s. A missing example file is a
warning: descriptions in the wild reference example files that were never published.
"""

from __future__ import annotations

from typing import Any

from ..errors import GeneratorError, Warnings
from ..loading.refs import Node, Resolver
from . import model as ir
from .media import pick_media_type
from .naming import Identifier, Scope, snake_case
from .values import freeze

_NO_BODY = object()


def _example_name(title: str, operation_id: str, scope: Scope) -> Identifier:
    """Examples are often named after their operation; then `example` says enough."""
    return scope.claim(snake_case("example" if title == operation_id else title, prefix="example"))


def read_examples(
    operation: Node,
    parameters: list[Node],
    body_wire_name: str | None,
    resolver: Resolver,
    warnings: Warnings,
    swagger: bool,
) -> tuple[ir.Example, ...]:
    """`body_wire_name` is the key under which an `x-ms-examples` file gives the body."""
    operation_id = str(operation.value.get("operationId", ""))
    if isinstance(operation.value.get("x-ms-examples"), dict):
        return _azure_examples(operation.child("x-ms-examples"), body_wire_name, operation_id, resolver, warnings)
    if swagger:
        return ()
    return _openapi_examples(operation, parameters, operation_id, resolver)


def _azure_examples(
    examples: Node, body_wire_name: str | None, operation_id: str, resolver: Resolver, warnings: Warnings
) -> tuple[ir.Example, ...]:
    result = []
    scope = Scope(("error",))
    for name in examples.value:
        try:
            example = resolver.deref(examples.child(name))
        except GeneratorError as error:
            warnings.warn(f"example {name!r} skipped: {error.problem.message}", error.problem.location)
            continue
        value = example.value if isinstance(example.value, dict) else {}
        parameters = dict(value["parameters"]) if isinstance(value.get("parameters"), dict) else {}
        responses = value.get("responses")
        responses = responses if isinstance(responses, dict) else {}
        body = parameters.pop(body_wire_name, _NO_BODY) if body_wire_name else _NO_BODY
        result.append(
            ir.Example(
                name=_example_name(str(name), operation_id, scope),
                title=str(name),
                parameters=freeze(parameters),  # type: ignore[arg-type]
                body=None if body is _NO_BODY else freeze(body),
                has_body=body is not _NO_BODY,
                responses=tuple(
                    _response(status, response.get("body", _NO_BODY) if isinstance(response, dict) else _NO_BODY)
                    for status, response in responses.items()
                ),
            )
        )
    return tuple(result)


def _openapi_examples(
    operation: Node, parameters: list[Node], operation_id: str, resolver: Resolver
) -> tuple[ir.Example, ...]:
    by_name: dict[str, dict[str, Any]] = {}

    def entry(name: str) -> dict[str, Any]:
        return by_name.setdefault(name, {"parameters": {}, "body": _NO_BODY, "responses": {}})

    for parameter in parameters:
        for name, value in _named_values(parameter, resolver):
            entry(name)["parameters"][parameter.value["name"]] = value
    body = operation.get("requestBody")
    if body is not None:
        body = resolver.deref(body)
        media = _media(body)
        if media is not None:
            for name, value in _named_values(media, resolver):
                entry(name)["body"] = value
    responses = operation.get("responses")
    if responses is not None:
        for status in responses.value:
            media = _media(resolver.deref(responses.child(status)))
            if media is not None:
                for name, value in _named_values(media, resolver):
                    entry(name)["responses"][str(status)] = value
    result = []
    scope = Scope(("error",))
    for name, parts in by_name.items():
        if parts["body"] is _NO_BODY and not parts["responses"]:
            continue  # parameter values alone do not make a call worth testing
        result.append(
            ir.Example(
                name=_example_name(name, operation_id, scope),
                title=name,
                parameters=freeze(parts["parameters"]),  # type: ignore[arg-type]
                body=None if parts["body"] is _NO_BODY else freeze(parts["body"]),
                has_body=parts["body"] is not _NO_BODY,
                responses=tuple(_response(status, value) for status, value in parts["responses"].items()),
            )
        )
    return tuple(result)


def _media(owner: Node) -> Node | None:
    content = owner.get("content")
    if content is None or not isinstance(content.value, dict):
        return None
    media_type = pick_media_type(list(content.value))
    return content.child(media_type) if media_type else None


def _named_values(owner: Node, resolver: Resolver) -> list[tuple[str, Any]]:
    """`examples: {name: {value: ...}}` entries, or a lone `example` named "example"."""
    examples = owner.get("examples")
    if examples is not None and isinstance(examples.value, dict):
        named = []
        for name in examples.value:
            example = resolver.deref(examples.child(name))
            if isinstance(example.value, dict) and "value" in example.value:
                named.append((str(name), example.value["value"]))
        return named
    if isinstance(owner.value, dict) and "example" in owner.value:
        return [("example", owner.value["example"])]
    return []


def _response(status: Any, body: Any) -> ir.ExampleResponse:
    text = str(status)
    return ir.ExampleResponse(
        status=text,
        status_code=int(text) if text.isdigit() else None,
        body=None if body is _NO_BODY else freeze(body),
        has_body=body is not _NO_BODY,
    )
