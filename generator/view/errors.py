"""The view of `errors.py`: its imports, the aliases of the error bodies it parses,
`ApiError` (whose constructor and `from_response` depend on those bodies), and the
helpers that pick an error's details and parse scalar error bodies."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..ir import model as ir
from ..render.escaping import Code
from ..render.layout import import_from
from .auth import auth_kinds
from .code import block, module_docstring
from .conversions import annotation, union_of
from .operations import error_types, scalar_error_helpers


@dataclass(frozen=True, slots=True)
class ErrorsModule:
    """What `errors.py` holds: its `header` (the module docstring), `imports` and
    `aliases` (`ErrorBody`, `ErrorDetails`; code ending with a line break, or empty),
    whether it defines `InsecureRequestError` (`insecure_request_error`: an auth class
    refuses plain http), the code of `ApiError`, and `helpers` (`_details` and the
    scalar error-body parsers, each after two blank lines; or empty)."""

    header: Code
    imports: Code
    aliases: Code
    insecure_request_error: bool
    api_error: Code
    helpers: Code


def errors_module(api: ir.Api, options: Mapping[str, Any] | None = None) -> ErrorsModule:
    bodies = error_types(api)
    models = [r for r in bodies if isinstance(r.type, ir.ModelType)]
    details = list(dict.fromkeys(_detail_name(r) for r in models))
    kinds = auth_kinds(api, options or {})
    return ErrorsModule(
        header=module_docstring(api, "Errors"),
        imports=_imports(bodies, models),
        aliases=_aliases(bodies, details),
        insecure_request_error="bearer" in kinds or "hmac" in kinds,
        api_error=block(_api_error(api, bodies, details), end="\n"),
        helpers=block(_helpers(api, models, details), end="\n"),
    )


def _detail_name(response: ir.Response) -> str:
    """The class of an error's details: its `error_field`'s model, else the body's."""
    field = response.error_field
    return field.type.name if field is not None else response.type.name  # type: ignore[union-attr]


def _imports(bodies: list[ir.Response], models: list[ir.Response]) -> Code:
    lines = ["", "from collections.abc import Callable", "from typing import Any", ""] if bodies else [""]
    lines.append("import httpx")
    names = [r.type.name for r in models] + [r.error_field.type.name for r in models if r.error_field]  # type: ignore[union-attr]
    if bodies and models:
        lines += ["", import_from(".models", sorted(dict.fromkeys(names), key=str.lower))]
    return block(lines, end="\n")


def _aliases(bodies: list[ir.Response], details: list[str]) -> Code:
    lines = ["", f"ErrorBody = {union_of(annotation(r.type) for r in bodies)}"] if bodies else []  # type: ignore[arg-type]
    lines += [f"ErrorDetails = {union_of(details)}"] if details else []
    return block(lines, end="\n")


def _api_error(api: ir.Api, bodies: list[ir.Response], details: list[str]) -> list[str]:
    lines = [
        "class ApiError(ClientError):",
        '    """The service answered with a status the operation does not expect.',
        "",
        "    `response` is the raw response; `status_code`, `headers` and `request_id` (the",
        "    service's `x-ms-request-id` or `x-request-id`) are taken from it.",
    ]
    if bodies:
        lines += [
            "    `body` is the parsed error payload when the service sent one this client",
            f"    understands{', and `error` the error details inside it' if details else ''} (`None` otherwise).",
        ]
    lines += [
        '    """',
        "",
        f"    def __init__(self, response: httpx.Response{', body: ErrorBody | None = None' if bodies else ''}) -> None:",
        "        self.response = response",
        "        self.status_code = response.status_code",
        "        self.headers = response.headers",
        '        request_id = response.headers.get("x-ms-request-id")',
        '        self.request_id = request_id or response.headers.get("x-request-id")',
    ]
    lines += ["        self.body = body"] if bodies else []
    lines += ["        self.error: ErrorDetails | None = _details(body)"] if details else []
    lines.append('        message = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()')
    models: dict[str, ir.Model] = {model.name: model for model in reversed(api.models)}  # the first of a name, as the IR lists them
    if details and all({"code", "message"} <= {f.json_name for f in models[name].fields} for name in details):
        lines += ["        if self.error is not None:", '            message += f": {self.error.code}: {self.error.message}"']
    lines += [
        "        super().__init__(message)",
        "",
        "    @classmethod",
        "    def from_response(",
        f"        cls, response: httpx.Response{', parse: Callable[[Any], ErrorBody] | None = None' if bodies else ''}",
        "    ) -> ApiError:",
        '        """The error for `response`: `AuthenticationError` for 401 and 403,',
        f"        `NotFoundError` for 404, `ApiError` otherwise{', with the body parsed by' if bodies else ''}",
    ]
    lines[-1] += '\n        `parse` when it can be."""' if bodies else '."""'
    lines += [
        "        kind = {",
        "            401: AuthenticationError,",
        "            403: AuthenticationError,",
        "            404: NotFoundError,",
        "        }.get(response.status_code, cls)",
    ]
    if bodies:
        lines += [
            "        if parse is None:",
            "            return kind(response)",
            "        try:",
            "            body = parse(response.json())",
            "        except (ValueError, KeyError, TypeError, AttributeError):",
            "            return kind(response)",
            "        return kind(response, body)",
        ]
    else:
        lines.append("        return kind(response)")
    return lines


def _helpers(api: ir.Api, models: list[ir.Response], details: list[str]) -> list[str]:
    lines = []
    if details:
        lines += ["", "", "def _details(body: ErrorBody | None) -> ErrorDetails | None:"]
        for response in models:
            field = f".{response.error_field.name}" if response.error_field else ""
            lines += [f"    if isinstance(body, {response.type.name}):", f"        return body{field}"]  # type: ignore[union-attr]
        lines.append("    return None")
    for helper in scalar_error_helpers(api):
        lines += [
            "",
            "",
            f"def {helper['name']}(body: Any) -> {helper['annotation']}:",
            f'    """A JSON {helper["kind"]} error body, as it is."""',
            f"    if {helper['test']}:",
            f'        raise TypeError("the error body is not a JSON {helper["kind"]}")',
            "    return float(body)" if helper["kind"] == "number" else "    return body",
        ]
    return lines
