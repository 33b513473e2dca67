"""The auth classes a generated package defines, and the options that choose them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import GeneratorError
from ..ir import model as ir


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
    """Scopes a bearer token is asked for: `options.bearer-scopes`, else the OAuth2
    schemes' scopes."""
    configured = options.get("bearer-scopes")
    if configured is not None:
        return list(configured)
    return sorted({scope for scheme in api.security_schemes for scope in scheme.scopes})
