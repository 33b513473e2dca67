"""Filters of the `markdown` template set: IR types and values as reference-page text.

Every filter returns `Code` made of escaped spec text (`md_cell`, `md_text`) or of
fenced blocks whose fence is longer than any backtick run inside them.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

import jinja2

from generator.ir import model as ir
from generator.ir.dump import to_plain
from generator.ir.naming import Identifier, Scope, split_words
from generator.ir.walk import reachable
from generator.render.escaping import Code, markdown_cell, markdown_text
from generator.render.wire import example_request


def setup(env: jinja2.Environment) -> None:
    env.filters.update(md_type=md_type, md_fence=md_fence, anchor=anchor, status_label=status_label)
    env.globals.update(
        page_name=page_name,
        page_title=page_title,
        http_line=http_line,
        reached_definitions=reached_definitions,
        announced_events=announced_events,
        example_request=example_request,
        header_rows=header_rows,
        md_json=md_json,
        md_fence=md_fence,
        used_schemes=used_schemes,
    )


_pages: tuple[ir.Api, dict[tuple[str | None, str], Identifier]] | None = None


def page_name(api: ir.Api, operation: ir.Operation) -> Identifier:
    """The file name (without `.md`) of an operation's page: `<group>_<name>`, or `<name>`
    for an operation without a group, made unique in the spec's order (`Foo_bar`, group
    `foo`, and `fooBar` would both be `foo_bar`: the second gets `foo_bar_2`)."""
    global _pages
    if _pages is None or _pages[0] is not api:  # computed once per API, not per page
        scope = Scope()
        names: dict[tuple[str | None, str], Identifier] = {
            (op.group, op.name): scope.claim(Identifier(f"{op.group}_{op.name}" if op.group else op.name))
            for op in api.operations
        }
        _pages = (api, names)
    return _pages[1][(operation.group, operation.name)]


def page_title(operation: ir.Operation) -> Code:
    """`CallConnection_TransferToParticipant` -> `Call Connection - Transfer To Participant`."""
    parts = operation.operation_id.split("_", 1) if operation.group else [operation.operation_id]
    words = [" ".join(w[0].upper() + w[1:] for w in split_words(part)) for part in parts]
    return markdown_text(" - ".join(w for w in words if w) or operation.operation_id)


def anchor(name: str) -> Code:
    """The Markdown heading anchor of a definition name (an IR identifier)."""
    return Code(name.lower())


def md_type(t: ir.TypeRef) -> Code:
    """A type as the reference pages write it: `string (uuid)`, a link to a
    definition, `Name[]`, `object` for maps."""
    if isinstance(t, ir.PrimitiveType):
        text = "object" if t.kind == "any" else t.kind
        return Code(text + (f" ({markdown_cell(t.format)})" if t.format else ""))
    if isinstance(t, (ir.ModelType, ir.EnumType)):
        return Code(f"[{t.name}](#{anchor(t.name)})")
    if isinstance(t, ir.ArrayType):
        return Code(f"{md_type(t.items)}[]")
    if isinstance(t, ir.MapType):
        return Code("object")
    return Code(" \\| ".join(md_type(v) for v in t.variants))


def status_label(response: ir.Response) -> Code:
    """`202 Accepted`; `Other Status Codes` for `default`."""
    if response.status == "default":
        return Code("Other Status Codes")
    if response.status_code is not None:
        try:
            return Code(f"{response.status_code} {HTTPStatus(response.status_code).phrase}")
        except ValueError:
            return Code(str(response.status_code))
    return markdown_cell(response.status)


def http_line(api: ir.Api, operation: ir.Operation) -> Code:
    """`POST {endpoint}/path/{id}?api-version=2024-09-15`: required query parameters
    with a default are shown with it."""
    query = [
        f"{p.wire_name}={p.default}"
        for p in operation.parameters
        if p.location == "query" and p.required and p.has_default
    ]
    line = f"{operation.method.upper()} {api.server.url.rstrip('/')}{operation.path}"
    return md_fence(line + ("?" + "&".join(query) if query else ""), "http")


def md_json(value: Any) -> Code:
    return md_fence(json.dumps(to_plain(value), indent=2, ensure_ascii=False), "json")


def md_fence(text: str, language: str = "") -> Code:
    """A fenced code block that no backtick run inside `text` can close."""
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * max(3, longest + 1)
    return Code(f"{fence}{language}\n{text}\n{fence}")


def header_rows(api: ir.Api, operation: ir.Operation) -> list[tuple[str, bool, ir.TypeRef | None, str]]:
    """(name, required, type, description) of every request header: those the security
    scheme puts in a header (required when every alternative needs it), then the
    operation's header parameters."""
    rows: list[tuple[str, bool, ir.TypeRef | None, str]] = []
    schemes = {s.name: s for s in api.security_schemes}
    for requirement in operation.security:
        for name in requirement.schemes:
            scheme = schemes.get(name)
            if scheme is None or scheme.location != "header" or not scheme.wire_name:
                continue
            if any(row[0] == scheme.wire_name for row in rows):
                continue
            required = all(name in r.schemes for r in operation.security)
            rows.append((scheme.wire_name, required, ir.PrimitiveType("string"), scheme.description))
    for parameter in operation.parameters:
        if parameter.location == "header":
            rows.append((parameter.wire_name, parameter.required, parameter.type, parameter.description))
    return rows


def used_schemes(api: ir.Api, operation: ir.Operation) -> list[ir.SecurityScheme]:
    used = {name for requirement in operation.security for name in requirement.schemes}
    return [scheme for scheme in api.security_schemes if scheme.name in used]


def announced_events(api: ir.Api, operation: ir.Operation) -> list[ir.Event]:
    """The events an operation announces (`Event.operations` names it), sorted by name."""
    return [event for event in api.events if operation.operation_id in event.operations]


def reached_definitions(api: ir.Api, operation: ir.Operation) -> list[ir.Model | ir.Enum]:
    """The models and enums an operation reaches, and those the fields of the events it
    announces reach (so that every type link of the page has its definition), sorted by name."""
    types: list[ir.TypeRef] = [p.type for p in operation.parameters]
    types += [operation.body.type] if operation.body is not None else []
    types += [r.type for r in operation.responses if r.type is not None]
    types += [f.type for event in announced_events(api, operation) for f in event.model.fields]
    definitions: dict[str, ir.Model | ir.Enum] = {m.name: m for m in api.models}
    definitions.update({e.name: e for e in api.enums})
    return [definitions[name] for name in sorted(reachable({m.name: m for m in api.models}, types))]
