"""The docstrings of the generated client: operations, the client class, its constructor."""

from __future__ import annotations

from collections.abc import Iterable

from ..ir import model as ir
from .operations import method_parameters


# ---------------------------------------------------------------------- docstrings


def _arguments(entries: Iterable[tuple[str, str]]) -> str:
    lines = []
    for name, text in entries:
        first, *rest = (text or "").split("\n")
        lines.append(f"    {name}: {first}".rstrip())
        lines += [f"        {line}".rstrip() for line in rest]
    return "\n".join(lines)


def _parameter_doc(parameter: ir.Parameter) -> str:
    if parameter.description:
        return parameter.description
    kind = "form field" if parameter.location == "formData" else f"{parameter.location} parameter"
    return f"The `{parameter.wire_name}` {kind}."


def operation_doc(operation: ir.Operation) -> str:
    parameters = method_parameters(operation)
    positional = [p for p in parameters if p.required and not p.has_default]
    keyword = [p for p in parameters if p not in positional]
    entries: list[tuple[str, str]] = [(p.name, _parameter_doc(p)) for p in positional]
    if operation.body is not None:
        entries.append((operation.body.name, operation.body.description or "The request body."))
    if operation.body is not None and operation.body.content_type is not None:
        entries.append((operation.body.content_type, "The media type the body is sent as."))
    entries += [(p.name, _parameter_doc(p)) for p in keyword]
    entries.append(("timeout", "Overrides the client's timeout for this call."))
    parts = [operation.summary or operation.description or operation.operation_id]
    if operation.description and operation.description != parts[0]:
        parts.append(operation.description)
    if operation.deprecated:
        parts.append("Deprecated: the API marks this operation as deprecated.")
    parts.append("Args:\n" + _arguments(entries))
    parts.append(
        "Raises:\n"
        "    ApiError: The service answered with a status this operation does not expect.\n"
        "    TransportError: The request could not be sent or its answer not received\n"
        "        (`RequestTimeoutError` when the service did not answer in time)."
    )
    return "\n\n".join(parts)


def client_doc(api: ir.Api) -> str:
    parts = [api.title or api.client_name]
    if api.description and api.description != api.title:
        parts.append(api.description)
    parts.append("Use it as a context manager, or call `close()`, to release its connections.")
    return "\n\n".join(parts)


def constructor_doc(api: ir.Api) -> str:
    entries: list[tuple[str, str]] = [(v.name, v.description or f"The `{v.wire_name}` part of the service URL.") for v in api.server.variables]
    entries += [(p.name, _parameter_doc(p)) for p in api.client_parameters]
    entries += [
        ("auth", "How requests authenticate: any `httpx.Auth`."),
        ("timeout", "Seconds to wait for the service, or an `httpx.Timeout`."),
        ("retry", "When and how often a failed request is sent again (`RetryPolicy()` when None)."),
        ("headers", "Headers sent with every request."),
        ("transport", "The httpx transport, e.g. `httpx.MockTransport` in tests."),
        (
            "strict_response_validation",
            "Check every answer's body against its declared type before converting it, and raise"
            " `DeserializationError` (naming the JSON path at fault) when it does not match; off by"
            " default, when answers are trusted (faster).",
        ),
    ]
    return "Connect to the service.\n\nArgs:\n" + _arguments(entries)
