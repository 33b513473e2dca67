"""The view of a `markdown` reference page: one operation's page in the structure of the
Azure REST reference pages (title, HTTP line, URI parameters, request headers and body,
responses, events, security, examples, definitions).

Every cell and paragraph is spec text through `markdown_cell` / `markdown_text`, or a
fenced block whose fence is longer than any backtick run inside it; tables come as
lines (`Table`), so the template only prints them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from ..ir import model as ir
from ..ir.dump import to_plain
from ..ir.naming import Identifier, Scope, split_words
from ..ir.walk import reachable
from ..render.escaping import Code, markdown_cell, markdown_text
from ..render.wire import example_request

FIELD_COLUMNS = ("Name", "Required", "Type", "Description")


@dataclass(frozen=True, slots=True)
class Table:
    """A Markdown table: `header` (the column names and the `---` line, two lines) and
    `rows` (one line each, cells escaped)."""

    header: Code
    rows: tuple[Code, ...]


@dataclass(frozen=True, slots=True)
class DefinitionView:
    """A `### name` section of a model, an enum or an event: `name` (an identifier),
    `description` (a paragraph, or empty), `event_type` (an event's type string, or
    None) and its `table` (fields, or an enum's values)."""

    name: Identifier
    description: Code
    event_type: Code | None
    table: Table


@dataclass(frozen=True, slots=True)
class SchemeView:
    """A security scheme the operation uses: `name`, `description` (or empty), `kind`
    (`apiKey`, `http (bearer)`, `oauth2`, `openIdConnect`) and `location` (where an
    API key goes, or None)."""

    name: Code
    description: Code
    kind: Code
    location: Code | None


@dataclass(frozen=True, slots=True)
class SampleResponse:
    """One answer of an example: its `status` and its `body` as a fenced JSON block
    (None when the answer has no body)."""

    status: Code
    body: Code | None


@dataclass(frozen=True, slots=True)
class ExampleView:
    """An example of the description: `title`, the `request` line as a fenced `http`
    block, the `request_body` as fenced JSON (or None) and its `responses`."""

    title: Code
    request: Code
    request_body: Code | None
    responses: tuple[SampleResponse, ...]


@dataclass(frozen=True, slots=True)
class ReferencePage:
    """What one operation's page holds. `title`; `summary` (a paragraph, or empty);
    `deprecated`; `http_line` (a fenced `http` block); the tables `uri_parameters`,
    `request_headers` (or None), `request_bodies` (the body's fields or type, then
    form fields; none, one or two tables) and `responses`; `events` (the events table,
    or None) and `event_definitions`; `security` (None when the operation declares
    none, else the schemes it uses); `examples`; `definitions` (the table of the
    models and enums the page links to, or None) and `definition_sections`."""

    title: Code
    summary: Code
    deprecated: bool
    http_line: Code
    uri_parameters: Table
    request_headers: Table | None
    request_bodies: tuple[Table, ...]
    responses: Table
    events: Table | None
    event_definitions: tuple[DefinitionView, ...]
    security: tuple[SchemeView, ...] | None
    examples: tuple[ExampleView, ...]
    definitions: Table | None
    definition_sections: tuple[DefinitionView, ...]


def reference_page(api: ir.Api, operation: ir.Operation) -> ReferencePage:
    events = announced_events(api, operation)
    definitions = reached_definitions(api, operation)
    return ReferencePage(
        title=page_title(operation),
        summary=markdown_text(operation.summary or operation.description or ""),
        deprecated=operation.deprecated,
        http_line=http_line(api, operation),
        uri_parameters=_uri_parameters(api, operation),
        request_headers=_fields_table(header_rows(api, operation)),
        request_bodies=_request_bodies(api, operation),
        responses=table(
            ("Name", "Type", "Description"),
            ((status_label(r), md_type(r.type) if r.type else "", markdown_cell(r.description))
             for r in operation.responses),
        ),
        events=table(
            ("Name", "Event Type", "Description"),
            ((_link(e.name), markdown_cell(e.event_type), markdown_cell(e.description)) for e in events),
        ) if events else None,
        event_definitions=tuple(
            DefinitionView(e.name, markdown_text(e.description), markdown_cell(e.event_type), _fields(e.model.fields))
            for e in events
        ),
        security=tuple(_scheme(s) for s in used_schemes(api, operation)) if operation.security else None,
        examples=tuple(_example(api, operation, e) for e in operation.examples),
        definitions=table(
            ("Name", "Description"), ((_link(d.name), markdown_cell(d.description)) for d in definitions)
        ) if definitions else None,
        definition_sections=tuple(_definition(d) for d in definitions),
    )


def table(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> Table:
    """A table of `columns` (template text) and `rows` of cells already escaped."""
    header = "| " + " | ".join(columns) + " |\n|" + " --- |" * len(columns)
    return Table(Code(header), tuple(Code("| " + " | ".join(cells) + " |") for cells in rows))


def _fields_table(rows: list[tuple[str, bool, ir.TypeRef | None, str]]) -> Table | None:
    """A `Name | Required | Type | Description` table, or None without rows."""
    if not rows:
        return None
    return table(FIELD_COLUMNS, ((markdown_cell(name), "True" if required else "",
                                  md_type(t) if t is not None else "", markdown_cell(description))
                                 for name, required, t, description in rows))


def _fields(fields: Sequence[ir.Field]) -> Table:
    return table(FIELD_COLUMNS, ((markdown_cell(f.json_name), "True" if f.required else "", md_type(f.type),
                                  markdown_cell(f.description)) for f in fields))


def _uri_parameters(api: ir.Api, operation: ir.Operation) -> Table:
    rows = [(markdown_cell(v.wire_name), "path", "True" if v.required else "", "string", markdown_cell(v.description))
            for v in api.server.variables if "{" + v.wire_name + "}" in api.server.url]
    rows += [(markdown_cell(p.wire_name), markdown_cell(p.location), "True" if p.required else "", md_type(p.type),
              markdown_cell(p.description))
             for p in operation.parameters if p.location in ("path", "query")]
    return table(("Name", "In", "Required", "Type", "Description"), rows)


def _request_bodies(api: ir.Api, operation: ir.Operation) -> tuple[Table, ...]:
    """The body's table (a model's writable fields, else its type), then the form fields'."""
    tables: list[Table] = []
    body = operation.body
    if body is not None:
        model = next((m for m in api.models if m.name == body.type.name), None) \
            if isinstance(body.type, ir.ModelType) else None
        if model is not None:
            tables.append(_fields([f for f in model.fields if not f.read_only]))
        else:
            tables.append(table(("Type", "Required", "Description"),
                                [(md_type(body.type), "True" if body.required else "", markdown_cell(body.description))]))
    form: list[tuple[str, bool, ir.TypeRef | None, str]] = [
        (p.wire_name, p.required, p.type, p.description) for p in operation.parameters if p.location == "formData"
    ]
    return (*tables, *filter(None, [_fields_table(form)]))


def _definition(definition: ir.Model | ir.Enum) -> DefinitionView:
    if isinstance(definition, ir.Model):
        contents = _fields(definition.fields)
    else:
        contents = table(("Value", "Description"),
                         ((markdown_cell(str(v.value)), markdown_cell(v.description)) for v in definition.values))
    return DefinitionView(definition.name, markdown_text(definition.description), None, contents)


def _scheme(scheme: ir.SecurityScheme) -> SchemeView:
    kinds = {"api_key": "apiKey", "oauth2": "oauth2"}
    kind = f"http ({markdown_cell(scheme.scheme)})" if scheme.kind == "http" else kinds.get(scheme.kind, "openIdConnect")
    return SchemeView(
        name=markdown_text(scheme.scheme_name),
        description=markdown_text(scheme.description),
        kind=Code(kind),
        location=markdown_cell(scheme.location) if scheme.location else None,
    )


def _example(api: ir.Api, operation: ir.Operation, example: ir.Example) -> ExampleView:
    request = example_request(api, operation, example)
    return ExampleView(
        title=markdown_text(example.title),
        request=md_fence(f"{request.method} {request.url}", "http"),
        request_body=md_json(request.body) if request.body is not None else None,
        responses=tuple(SampleResponse(markdown_cell(r.status), md_json(r.body) if r.has_body else None)
                        for r in example.responses),
    )


def _link(name: Identifier) -> Code:
    return Code(f"[{name}](#{anchor(name)})")


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
        return _link(t.name)
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
    """A value as an indented JSON block."""
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
    """The security schemes an operation's requirements name, in the API's order."""
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
