"""The auth classes a generated package defines, the options that choose them, and the
view of `auth.py`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import GeneratorError
from ..ir import model as ir
from ..render.escaping import Code, docstring, py_string
from .code import block, module_docstring


# ---------------------------------------------------------------------- client runtime

AUTH_KINDS = ("api-key", "bearer", "hmac")
OPTIONS_TABLE = "[tool.apiforge.options.python]"


def check_options(options: Mapping[str, Any]) -> None:
    """Refuse settings this set does not read, or of the wrong kind, before rendering."""
    for key, value in options.items():
        if key not in ("auth", "bearer-scopes"):
            raise GeneratorError(f"{OPTIONS_TABLE}: unknown setting {key!r} (known: auth, bearer-scopes)")
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise GeneratorError(f"{OPTIONS_TABLE} {key} must be a list of strings")
    unknown = [kind for kind in options.get("auth", []) if kind not in AUTH_KINDS]
    if unknown:
        raise GeneratorError(f"{OPTIONS_TABLE} auth: unknown kinds {unknown} (known: {', '.join(AUTH_KINDS)})")


def auth_kinds(api: ir.Api, options: Mapping[str, Any]) -> list[str]:
    """The auth classes to generate: `options.auth` when configured, else what the
    security schemes call for (API keys; bearer tokens for http bearer and OAuth2)."""
    configured = options.get("auth")
    if configured is not None:  # checked by `check_options`
        return [kind for kind in AUTH_KINDS if kind in configured]
    kinds = set()
    for scheme in api.security_schemes:
        if scheme.kind == "api_key":
            kinds.add("api-key")
        elif scheme.kind in ("oauth2", "open_id_connect") or scheme.scheme == "bearer":
            kinds.add("bearer")
    return [kind for kind in AUTH_KINDS if kind in kinds]


def bearer_scopes(api: ir.Api, options: Mapping[str, Any]) -> list[str]:
    """Scopes a bearer token is asked for: `options.bearer-scopes`, else the scopes the
    security requirements name (the API's and its operations', such as Azure's
    `[{"AADToken": ["https://security.microsoft.com/.default"]}]`), else the OAuth2
    schemes' scopes."""
    configured = options.get("bearer-scopes")
    if configured is not None:
        return list(configured)
    tokens = {s.name for s in api.security_schemes if s.kind in ("oauth2", "open_id_connect")}
    requirements = [*api.security, *(r for op in api.operations for r in op.security)]
    required = {scope for r in requirements if tokens & set(r.schemes) for scope in r.scopes}
    if required:
        return sorted(required)
    return sorted({scope for scheme in api.security_schemes for scope in scheme.scopes})


# ---------------------------------------------------------------------- the module's view


@dataclass(frozen=True, slots=True)
class AuthModule:
    """What `auth.py` holds: its `header` (the module docstring) and `imports`, and
    which of its parts it defines: `api_key` (`ApiKeyAuth`, with the `key_docstring`,
    `key_name` and `key_location` its security scheme gives), `insecure_http` (the
    helpers that refuse a credential over plain http), `bearer` (`BearerTokenAuth`,
    asking for `scopes`, a tuple expression) and `hmac` (`HmacAuth` and
    `parse_connection_string`)."""

    header: Code
    imports: Code
    api_key: bool
    key_docstring: Code
    key_name: Code
    key_location: Code
    insecure_http: bool
    bearer: bool
    scopes: Code
    hmac: bool


def auth_module(api: ir.Api, options: Mapping[str, Any] | None = None) -> AuthModule:
    kinds = auth_kinds(api, options or {})
    bearer, hmac = "bearer" in kinds, "hmac" in kinds
    scheme = next((s for s in api.security_schemes if s.kind == "api_key"), None)
    declared = f", as the `{scheme.scheme_name}` security scheme declares" if scheme is not None else ""
    scopes = [py_string(scope) for scope in bearer_scopes(api, options or {})]
    return AuthModule(
        header=module_docstring(api, "Authentication (pass one to the client as `auth=`)"),
        imports=_imports(kinds),
        api_key="api-key" in kinds,
        key_docstring=docstring(
            f"Sends an API key{declared}.\n\nIt is sent over plain http too when the endpoint is http, as azure-core's "
            "`AzureKeyCredentialPolicy` sends it: some services declare only an http server.",
            4,
        ),
        key_name=py_string(scheme.wire_name if scheme is not None and scheme.wire_name is not None else "Authorization"),
        key_location=py_string(scheme.location if scheme is not None and scheme.location is not None else "header"),
        insecure_http=bearer or hmac,
        bearer=bearer,
        scopes=Code(f"({', '.join(dict.fromkeys(scopes))}{',' if len(scopes) == 1 else ''})"),
        hmac=hmac,
    )


def _imports(kinds: list[str]) -> Code:
    bearer, hmac = "bearer" in kinds, "hmac" in kinds
    lines = [""]
    lines += ["import base64", "import hashlib", "import hmac"] if hmac else []
    lines += ["import inspect"] if bearer else []
    lines += ["import ipaddress"] if bearer or hmac else []
    lines += ["import threading", "import time"] if bearer else []
    if bearer or hmac:
        lines.append(f"from collections.abc import {'AsyncGenerator, ' if bearer else ''}Callable, Generator")
    elif kinds:
        lines.append("from collections.abc import Generator")
    lines += ["from datetime import datetime, timezone", "from email.utils import format_datetime"] if hmac else []
    lines += ["from typing import Any, Protocol"] if bearer else []
    lines += ["", "import httpx"] if kinds else []
    lines += ["", "from .errors import InsecureRequestError"] if bearer or hmac else []
    return block(lines, end="\n")
