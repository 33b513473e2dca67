"""What a user chooses about the IR; kept apart so that reading settings does not
import the IR builder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class PaginationRule:
    """How an OpenAPI 3 API pages that says so in no extension Azure or RFC 8288 define:
    from `[[tool.apiforge.pagination]]` (with `operations`, operationId globs) or from an
    operation's `x-apiforge-pagination` object.

    Paths are JSON names leading into the page's body (a string is a path of one name).
    `items` leads to the array of items (empty: the body is the array). Either
    `next_link` leads to the URL of the next page, or the cursor is at `cursor` in the
    body or in the response header `cursor_header`, and goes back in the query
    parameter `cursor_parameter`.
    """

    operations: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    next_link: tuple[str, ...] = ()
    cursor: tuple[str, ...] = ()
    cursor_header: str | None = None
    cursor_parameter: str | None = None


_RULE_KEYS = ("items", "next-link", "cursor", "cursor-header", "cursor-parameter")


def pagination_rule(value: Any, *, configured: bool) -> PaginationRule | str:
    """A rule read from a table (`configured`) or an `x-apiforge-pagination` object, or
    what is wrong with it."""
    if not isinstance(value, dict):
        return "must be a table of `items`, `next-link` or `cursor`, ..." if configured else "must be an object"
    known = _RULE_KEYS + (("operations",) if configured else ())
    unknown = sorted(str(key) for key in value if key not in known)
    if unknown:
        return f"unknown key {unknown[0]!r} (known: {', '.join(known)})"
    paths: dict[str, tuple[str, ...]] = {}
    for key in ("items", "next-link", "cursor"):
        given = value.get(key, [])
        path = (given,) if isinstance(given, str) else tuple(given) if isinstance(given, list) else None
        if path is None or not all(isinstance(part, str) and part for part in path):
            return f"`{key}` must be a JSON name or a list of them"
        paths[key] = path
    texts: dict[str, str | None] = {}
    for key in ("cursor-header", "cursor-parameter"):
        given = value.get(key)
        if given is not None and (not isinstance(given, str) or not given):
            return f"`{key}` must be a non-empty string"
        texts[key] = given
    cursor = bool(paths["cursor"] or texts["cursor-header"])
    if bool(paths["next-link"]) == cursor:
        return "give either `next-link`, or `cursor` (or `cursor-header`) with `cursor-parameter`"
    if paths["cursor"] and texts["cursor-header"]:
        return "give `cursor` or `cursor-header`, not both"
    if cursor != bool(texts["cursor-parameter"]):
        return "`cursor-parameter` goes with `cursor` or `cursor-header`"
    operations = value.get("operations", ["*"] if configured else [])
    if not isinstance(operations, list) or not all(isinstance(glob, str) and glob for glob in operations):
        return "`operations` must be a list of operationId globs"
    return PaginationRule(
        operations=tuple(operations),
        items=paths["items"],
        next_link=paths["next-link"],
        cursor=paths["cursor"],
        cursor_header=texts["cursor-header"],
        cursor_parameter=texts["cursor-parameter"],
    )


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How to shape the API: names, which operations to keep (globs; empty = all), the
    pagination rules of `[tool.apiforge]`, and the event definitions to keep (`events`,
    schema-name globs) with the prefix of their type strings."""

    package_name: str | None = None
    client_name: str | None = None
    operation_ids: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    pagination: tuple[PaginationRule, ...] = ()
    events: tuple[str, ...] = ()
    event_type_prefix: str = ""
