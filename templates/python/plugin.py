"""Filters of the `python` template set: IR types -> Python annotations and conversions.

Everything that knows how a JSON value maps to a Python value lives here, so the
templates read as the code they produce. Every filter returns `Code` built only from
IR identifiers, fixed Python text and `py_literal`/`py_string` output.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

import jinja2

from generator.errors import GeneratorError
from generator.ir import model as ir
from generator.ir.media import is_binary, is_json, is_text
from generator.ir.naming import Identifier, Scope
from generator.ir.values import duration_seconds
from generator.ir.walk import nested_types
from generator.render.escaping import Code, py_literal, py_string
from generator.render.layout import operator_chain
from generator.render.wire import example_request, sample, utc_date_time

# Formats whose values are Python values of another type than their JSON text or number
# (`base64url` and `unixtime` are AutoRest's), with that type.
_FORMAT_TYPES = {
    "date-time": "datetime",
    "date-time-rfc1123": "datetime",
    "date": "date",
    "duration": "timedelta",
    "byte": "bytes",
    "binary": "bytes",
    "base64url": "bytes",
    "unixtime": "datetime",
}
_SCALARS = {"integer": "int", "number": "float", "boolean": "bool", "any": "Any"}


def _value_format(t: ir.PrimitiveType) -> str:
    """The format that gives `t` a Python type of its own, or ""."""
    if t.format == "unixtime":
        return "unixtime" if t.kind == "integer" else ""
    return t.format if t.kind == "string" and t.format in _FORMAT_TYPES else ""


def setup(env: jinja2.Environment) -> None:
    options = env.globals.get("options")
    check_options(options if isinstance(options, Mapping) else {})
    env.filters.update(
        annotation=annotation,
        decode=decode,
        decode_map_value=decode_map_value,
        from_header=from_header,
        encode=encode,
        to_text=to_text,
        url_fstring=url_fstring,
        sample=sample,
        status_test=status_test,
        union_of=union_of,
        default_literal=default_literal,
        value_literal=lambda value, t: value_literal(t, value),
        as_sent=as_sent,
        body_content=body_content,
        body_annotation=body_annotation,
        response_value=response_value,
        local_name=local_name,
    )
    env.tests.update(sent_as_file=sent_as_file)
    env.globals.update(
        features=features,
        referenced_names=referenced_names,
        model_helpers=model_helpers,
        example_call=example_call,
        error_responses=error_responses,
        error_types=error_types,
        error_branches=error_branches,
        scalar_error_helpers=scalar_error_helpers,
        head_as_boolean=head_as_boolean,
        result_annotation=result_annotation,
        success_responses=success_responses,
        method_parameters=method_parameters,
        operation_doc=operation_doc,
        client_doc=client_doc,
        constructor_doc=constructor_doc,
        test_imports=test_imports,
        auth_kinds=auth_kinds,
        bearer_scopes=bearer_scopes,
        repeatable=repeatable,
        retryable=retryable,
        function_names=function_names,
        constant_name=constant_name,
        headers_results=headers_results,
    )


# ---------------------------------------------------------------------- annotations


def annotation(t: ir.TypeRef, optional: bool = False) -> Code:
    """The annotation of a value of type `t` (`| None` added when `optional`)."""
    text = _annotation(t)
    return Code(f"{text} | None" if optional and not text.endswith("| None") else text)


def _annotation(t: ir.TypeRef) -> str:
    if isinstance(t, ir.PrimitiveType):
        if _value_format(t):
            return _FORMAT_TYPES[_value_format(t)]
        return "str" if t.kind == "string" else _SCALARS[t.kind]
    if isinstance(t, ir.ModelType):
        return t.name
    if isinstance(t, ir.EnumType):
        return f"{t.name} | {_SCALARS.get(t.value_kind, 'str')}"
    if isinstance(t, ir.ArrayType):
        return f"list[{_annotation(t.items)}{' | None' if t.nullable_items else ''}]"
    if isinstance(t, ir.MapType):
        return f"dict[str, {_annotation(t.values)}{' | None' if t.nullable_values else ''}]"
    if _union_shape(t) is None:
        return "Any"  # no way to tell its variants apart from the JSON alone
    variants = list(dict.fromkeys(_annotation(v) for v in t.variants))
    return "Any" if "Any" in variants else " | ".join(variants)


def _union_shape(t: ir.UnionType) -> tuple[ir.TypeRef | None, ir.TypeRef | None] | None:
    """The object-shaped and the array-shaped variant of a union, when JSON's own types
    tell every variant apart (at most one of each, and scalars that need no conversion);
    None when they do not."""
    objects = [v for v in t.variants if isinstance(v, (ir.ModelType, ir.MapType))]
    arrays = [v for v in t.variants if isinstance(v, ir.ArrayType)]
    scalars = [v for v in t.variants if v not in objects and v not in arrays]
    plain = all(
        isinstance(v, ir.PrimitiveType) and not _value_format(v) for v in scalars
    )
    if len(objects) > 1 or len(arrays) > 1 or not plain:
        return None
    return (objects[0] if objects else None), (arrays[0] if arrays else None)


def _union_conversion(t: ir.UnionType, expression: str, convert: Any, depth: int) -> Code:
    shape = _union_shape(t)
    if shape is None:
        return Code(expression)
    branches = []
    for variant, python_type in zip(shape, ("dict", "list")):
        if variant is not None:
            converted = convert(variant, expression, depth + 1)
            if converted != expression:
                test = variant.name if isinstance(variant, ir.ModelType) and convert is encode else python_type
                branches.append(f"{converted} if isinstance({expression}, {test}) else ")
    return Code(f"({''.join(branches)}{expression})" if branches else expression)


# ---------------------------------------------------------------------- conversions


def local_name(name: Identifier) -> Identifier:
    """The local that holds a property's raw value in `from_dict`: `_<name>`, so that it
    hides no helper the conversions call (`date`, `known_value`)."""
    if not isinstance(name, Identifier):
        raise jinja2.TemplateRuntimeError(f"local_name: {name!r} is not a name from the IR")
    return Identifier("_" + name)


def _or_none(converted: str, item: str, nullable: bool) -> str:
    """The conversion of an item or value that may be null: None stays None."""
    return f"None if {item} is None else {converted}" if nullable and converted != item else converted


def decode(t: ir.TypeRef, expression: str, depth: int = 0) -> Code:
    """An expression that turns the JSON value `expression` into a value of type `t`."""
    if isinstance(t, ir.PrimitiveType):
        converter = {
            "date-time": "parse_datetime_iso",
            "date-time-rfc1123": "parse_datetime_rfc1123",
            "date": "date.fromisoformat",
            "duration": "parse_duration",
            "byte": "base64.b64decode",
            "base64url": "parse_base64url",
            "unixtime": "parse_unixtime",
        }.get(_value_format(t))
        return Code(f"{converter}({expression})" if converter else expression)
    if isinstance(t, ir.ModelType):
        return Code(f"{t.name}.from_dict({expression})")
    if isinstance(t, ir.EnumType):
        return Code(f"known_value({t.name}, {expression})")
    item = "item" if depth == 0 else f"item{depth + 1}"
    if isinstance(t, ir.ArrayType):
        inner = _or_none(decode(t.items, item, depth + 1), item, t.nullable_items)
        return Code(expression if inner == item else f"[{inner} for {item} in {expression}]")
    if isinstance(t, ir.MapType):
        key = "key" if depth == 0 else f"key{depth + 1}"
        inner = _or_none(decode(t.values, item, depth + 1), item, t.nullable_values)
        return Code(expression if inner == item else f"{{{key}: {inner} for {key}, {item} in {expression}.items()}}")
    return _union_conversion(t, expression, decode, depth)


def decode_map_value(t: ir.MapType, expression: str) -> Code:
    """An expression that turns `expression`, one value of a JSON object of type `t`,
    into a Python value (None stays None where the values may be null)."""
    return Code(_or_none(decode(t.values, expression, 1), expression, t.nullable_values))


def encode(t: ir.TypeRef, expression: str, depth: int = 0) -> Code:
    """An expression that turns `expression`, of type `t`, into a JSON value."""
    if isinstance(t, ir.PrimitiveType):
        converter = {
            "date-time": "format_datetime_iso({})",
            "date-time-rfc1123": "format_datetime({}, usegmt=True)",
            "date": "{}.isoformat()",
            "duration": "format_duration({})",
            "byte": 'base64.b64encode({}).decode("ascii")',
            "base64url": "format_base64url({})",
            "unixtime": "format_unixtime({})",
        }.get(_value_format(t))
        return Code(converter.format(expression) if converter else expression)
    if isinstance(t, ir.ModelType):
        return Code(f"{expression}.to_dict()")
    item = "item" if depth == 0 else f"item{depth + 1}"
    if isinstance(t, ir.ArrayType):
        inner = _or_none(encode(t.items, item, depth + 1), item, t.nullable_items)
        return Code(expression if inner == item else f"[{inner} for {item} in {expression}]")
    if isinstance(t, ir.MapType):
        key = "key" if depth == 0 else f"key{depth + 1}"
        inner = _or_none(encode(t.values, item, depth + 1), item, t.nullable_values)
        return Code(expression if inner == item else f"{{{key}: {inner} for {key}, {item} in {expression}.items()}}")
    if isinstance(t, ir.UnionType):
        return _union_conversion(t, expression, encode, depth)
    return Code(expression)  # enums are str/int subclasses


def to_text(parameter: ir.Parameter, expression: str, alone: bool = False) -> Code:
    """An expression giving the text of a path or header parameter, or of a query
    parameter or form field (a list of texts for a `multi` array). `alone`: it is the
    whole right-hand side of an assignment, where a conditional needs no parentheses
    (black removes them there)."""
    t = parameter.type
    if isinstance(t, ir.ArrayType):
        item_text = _scalar_text(t.items, "item")
        if t.nullable_items:  # a null item is an empty text, as AutoRest sends it
            item_text = Code(f'"" if item is None else {item_text}')
        items = expression if item_text == "item" else f"({item_text} for item in {expression})"
        if parameter.collection_format == "multi" and parameter.location in ("query", "formData"):
            return Code(f"list({expression})" if item_text == "item" else f"[{item_text} for item in {expression}]")
        separator = {"csv": ",", "ssv": " ", "tsv": "\t", "pipes": "|"}.get(parameter.collection_format, ",")
        return Code(f"{py_string(separator)}.join({items})")
    text = _scalar_text(t, expression)
    return Code(text.removeprefix("(").removesuffix(")")) if alone and _is_boolean(t) else text


def _is_boolean(t: ir.TypeRef) -> bool:
    return isinstance(t, ir.PrimitiveType) and t.kind == "boolean"


def _is_structured(t: ir.TypeRef) -> bool:
    """Values with no text form of their own: sent in parameters as JSON text (an array
    here is the item of an array: OpenAPI defines no serialisation of nested arrays)."""
    return isinstance(t, (ir.ModelType, ir.MapType, ir.UnionType, ir.ArrayType)) or (
        isinstance(t, ir.PrimitiveType) and t.kind == "any"
    )


def _scalar_text(t: ir.TypeRef, expression: str) -> Code:
    if _is_structured(t):
        return Code(f"json.dumps({encode(t, expression)})")
    if _is_boolean(t):
        return Code(f'("true" if {expression} else "false")')
    if isinstance(t, ir.EnumType) and t.value_kind == "number":
        return Code(f"str(float({expression}))")  # str() of a (float, enum.Enum) member is its name
    encoded = encode(t, expression)
    if isinstance(t, ir.PrimitiveType) and t.kind == "string":
        return encoded  # already text
    return Code(f"str({encoded})" if isinstance(t, (ir.PrimitiveType, ir.EnumType)) else encoded)


def url_fstring(parts: Iterable[ir.SegmentPart], operation: ir.Operation | None = None, indent: int | None = None) -> Code:
    """An expression for a URL template: the server's, or an operation's full URL
    (`base_url` + path, joined as text: httpx's own joining would read a path that
    starts with "//" as another host). Pieces are concatenated rather than put in an
    f-string, so any expression may appear in them on Python 3.11. In an operation's
    path, parameters are percent-encoded unless the spec says not to; server variables
    go in as given. With `indent`, the expression is an argument line of its own
    (trailing comma included) laid out as black would."""
    parameters = {p.name: p for p in operation.parameters} if operation is not None else {}
    pieces = ["base_url"] if operation is not None else []
    for part in parts:
        if part.parameter is None:
            if part.text:
                pieces.append(py_string(part.text))
        elif operation is None:
            pieces.append(part.parameter)
        else:
            parameter = parameters[part.parameter]
            text = to_text(parameter, parameter.name)
            pieces.append(text if parameter.skip_url_encoding else f'quote({text}, safe="")')
    if indent is not None:
        return operator_chain(pieces or ['""'], "+", ",", indent)
    return Code(" + ".join(pieces) if pieces else '""')


def _is_raw(t: ir.TypeRef) -> bool:
    """Bytes sent as they are, whatever the media type."""
    return isinstance(t, ir.PrimitiveType) and t.kind == "string" and t.format == "binary"


def sent_as_file(parameter: ir.Parameter) -> bool:
    """Whether a form field is a file of a multipart body (`type: file`: bytes)."""
    return parameter.location == "formData" and _is_raw(parameter.type)


def _takes_bytes(body: ir.RequestBody) -> bool:
    """Whether the body argument also takes raw bytes beside its declared type: when
    the caller may choose a binary media type (`application/pdf`, `image/png`, ...)."""
    declared = body.type
    untyped = isinstance(declared, ir.PrimitiveType) and declared.kind == "any"
    choice = body.content_type is not None and any(is_binary(m) for m in body.media_types)
    return choice and not _is_raw(declared) and not untyped


def body_annotation(body: ir.RequestBody, optional: bool = False) -> Code:
    """The annotation of the body argument (its type, `| bytes` when a media type takes
    raw bytes; `| None` added when `optional`)."""
    text = _annotation(body.type) + (" | bytes" if _takes_bytes(body) else "")
    return Code(f"{text} | None" if optional else text)


def body_content(body: ir.RequestBody) -> Code:
    """The bytes or text sent for a request body: JSON as the official Azure SDKs
    write it (`json.dumps` with its default separators), raw bytes (never through
    `json.dumps` or `str`), or text. With several media types, per `content_type`."""
    name = body.name
    if _is_raw(body.type):
        return Code(name)
    value = encode(body.type, name)
    is_string = isinstance(body.type, ir.PrimitiveType) and body.type.kind == "string" and not _value_format(body.type)
    text = name if is_string else f"str({value})"
    if body.content_type is None:
        if is_json(body.media_type):
            return Code(f"json.dumps({value})")
        return Code(name if isinstance(body.type, ir.PrimitiveType) and body.type.format == "byte" else text)
    json_types = [m for m in body.media_types if is_json(m)]
    if json_types and any(is_text(m) for m in body.media_types):
        choice = f"== {py_string(json_types[0])}" if len(json_types) == 1 else f"in ({', '.join(py_string(m) for m in json_types)})"
        expression = f"json.dumps({value}) if {body.content_type} {choice} else {text}"
    else:
        expression = f"json.dumps({value})" if json_types else text
    untyped = isinstance(body.type, ir.PrimitiveType) and body.type.kind == "any"
    if _takes_bytes(body) or untyped:
        expression = f"{name} if isinstance({name}, bytes) else {expression}"
    return Code(f"({expression})")


def response_value(response: ir.Response) -> Code:
    """The received body before decoding: the bytes of a `binary` answer (typed `bytes`,
    whatever the media type), the text of a `text/*` string answer, else the parsed JSON."""
    return Code({"bytes": "response.content", "text": "response.text", "json": "response.json()"}[_read_as(response)])


def _read_as(response: ir.Response) -> str:
    """How an answer's body is read: as `bytes`, `text` or `json`."""
    t = response.type
    if t is not None and _is_raw(t):
        return "bytes"
    if response.media_type and is_text(response.media_type) and isinstance(t, ir.PrimitiveType) and t.kind == "string":
        return "text"
    return "json"


def status_test(response: ir.Response) -> Code:
    """A condition on `response.status_code` matching this response's status."""
    if response.status_code is not None:
        return Code(f"response.status_code == {response.status_code}")
    if response.status[1:].upper() == "XX" and response.status[0].isdigit():
        low = int(response.status[0]) * 100
        return Code(f"{low} <= response.status_code < {low + 100}")
    return Code("response.is_success")


def union_of(annotations: Iterable[str], separator: str = " | ") -> Code:
    return Code(separator.join(dict.fromkeys(annotations)))


def default_literal(parameter: ir.Parameter) -> Code:
    """The parameter's default as a Python value of its annotation (`value_literal`), or `None`."""
    return value_literal(parameter.type, parameter.default) if parameter.has_default else Code("None")


def value_literal(t: ir.TypeRef, value: Any) -> Code:
    """A JSON value of type `t` as a Python expression of the type `annotation(t)` says:
    `py_literal`, except for the formats generated code converts, written as the value
    they convert to: `datetime.fromisoformat("2024-01-01T00:00:00Z")` (in UTC),
    `date(2024, 1, 1)`, `timedelta(seconds=3600)`, `b"..."`, and an object of a model
    type parsed by it (`Point.from_dict({"x": 1})`). The IR keeps only defaults that
    convert (`generator.ir.values.coerce`)."""
    if isinstance(t, ir.ArrayType) and isinstance(value, (list, tuple)):
        return Code("[" + ", ".join(value_literal(t.items, item) for item in value) + "]")
    if isinstance(t, ir.ModelType) and isinstance(value, Mapping):
        return Code(f"{t.name}.from_dict({py_literal(value)})")
    if not isinstance(t, ir.PrimitiveType) or value is None:
        return py_literal(value)
    kind = _value_format(t)
    if kind in ("date-time", "date-time-rfc1123", "unixtime"):
        if kind == "unixtime":
            moment = datetime.fromtimestamp(int(value), timezone.utc)
        elif kind == "date-time":
            moment = datetime.fromisoformat(str(value).upper())
        else:
            moment = parsedate_to_datetime(str(value))
        return Code(f"datetime.fromisoformat({py_string(utc_date_time(moment.isoformat()))})")
    if kind == "date":
        day = date.fromisoformat(str(value))
        return Code(f"date({day.year}, {day.month}, {day.day})")
    if kind == "duration":
        return Code(f"timedelta(seconds={py_literal(duration_seconds(str(value)))})")
    if kind in ("byte", "base64url"):
        text = str(value)
        raw = base64.b64decode(text) if kind == "byte" else base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        return Code(repr(raw))
    if kind == "binary":
        return Code(repr(str(value).encode("utf-8")))
    return py_literal(value)


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
        "    httpx.HTTPError: The request could not be sent or its answer not received."
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
        ("headers", "Headers sent with every request."),
        ("transport", "The httpx transport, e.g. `httpx.MockTransport` in tests."),
    ]
    return "Connect to the service.\n\nArgs:\n" + _arguments(entries)


# ---------------------------------------------------------------------- what a module needs


def _model_types(api: ir.Api) -> list[ir.TypeRef]:
    types = [f.type for m in api.models for f in m.fields]
    types += [h.type for result in headers_results(api) for h in result.headers]
    return types + [m.additional_properties for m in api.models if m.additional_properties is not None]


def _client_types(api: ir.Api) -> list[ir.TypeRef]:
    """The types the operations module sends and receives."""
    types: list[ir.TypeRef] = [p.type for op in api.operations for p in op.parameters]
    types += [p.type for p in api.client_parameters]
    types += [op.body.type for op in api.operations if op.body is not None]
    return types + [r.type for op in api.operations for r in op.responses if r.type is not None]


def _annotated_types(api: ir.Api) -> list[ir.TypeRef]:
    """The types the client module's annotations name: its arguments and what its
    methods return (not the error bodies, which only the operations module parses)."""
    types: list[ir.TypeRef] = [p.type for op in api.operations for p in method_parameters(op)]
    types += [p.type for p in api.client_parameters]
    types += [op.body.type for op in api.operations if op.body is not None]
    returned = [op for op in api.operations if op.headers_result is None and not head_as_boolean(op)]
    return types + [r.type for op in returned for r in success_responses(op) if r.type is not None]


# What each conversion direction needs imported, by type format.
_ANNOTATION_NEEDS = {
    "date-time": "datetime",
    "date-time-rfc1123": "datetime",
    "date": "date",
    "duration": "timedelta",
    "unixtime": "datetime",
}
_ENCODE_NEEDS = {
    "date-time": "format_datetime_iso",
    "date-time-rfc1123": "format_datetime",
    "duration": "format_duration",
    "byte": "base64",
    "base64url": "format_base64url",
    "unixtime": "format_unixtime",
}
_DECODE_NEEDS = {
    "date-time": "parse_datetime_iso",
    "date-time-rfc1123": "parse_datetime_rfc1123",
    "date": "date",
    "duration": "parse_duration",
    "byte": "base64",
    "base64url": "parse_base64url",
    "unixtime": "parse_unixtime",
}


# The helpers models.py defines when the API uses them anywhere (the client and the
# tests import them from there), with the names each definition needs.
_HELPERS = {
    "format_datetime_iso": {"datetime", "timezone"},
    "parse_datetime_iso": {"datetime"},
    "parse_datetime_rfc1123": {"datetime", "timezone", "parsedate_to_datetime"},
    "parse_duration": {"timedelta"},
    "format_duration": {"timedelta"},
    "parse_base64url": {"base64"},
    "format_base64url": {"base64"},
    "parse_unixtime": {"datetime", "timezone"},
    "format_unixtime": {"datetime", "timezone"},
}


def _written_types(types: Iterable[ir.TypeRef]) -> Iterator[ir.TypeRef]:
    """Each type and the types inside it that generated code names or converts: not the
    variants of a union annotated `Any`, which it does neither."""
    return nested_types(types, opaque=_is_any_union)


def _is_any_union(t: ir.TypeRef) -> bool:
    return isinstance(t, ir.UnionType) and _union_shape(t) is None


def _needs(types: Iterable[ir.TypeRef], encoding: bool, decoding: bool) -> set[str]:
    found = set()
    for t in _written_types(types):
        if _is_any_union(t):
            found.add("Any")
        elif isinstance(t, ir.PrimitiveType):
            if t.kind == "any":
                found.add("Any")
            elif _value_format(t):
                found.update(
                    need
                    for table, wanted in ((_ANNOTATION_NEEDS, True), (_ENCODE_NEEDS, encoding), (_DECODE_NEEDS, decoding))
                    if wanted and (need := table.get(_value_format(t)))
                )
        elif isinstance(t, ir.EnumType) and decoding:
            found.add("known_value")
    return found


def features(api: ir.Api, module: str) -> set[str]:
    """The names a module must import or define: `models`, `operations` or `client`.

    Models both encode and decode every field; the operations module encodes parameters
    and decodes the responses it returns directly (model bodies convert themselves); the
    client module only names types in its annotations.
    """
    if module == "client":
        return _needs(_annotated_types(api), encoding=False, decoding=False)
    if module == "models":
        found = _needs(_model_types(api), encoding=True, decoding=True)
        # Helpers are defined here for the models, the client and the emitted tests, each
        # when one of them uses it: known_value with the enums.
        enums = {"enum", "known_value", "Any"} if api.enums else set()
        used = found | features(api, "operations") | set(test_imports(api)["models"])
        helpers = {name for name in _HELPERS if name in used}
        helpers |= {need for name in helpers for need in _HELPERS[name]}
        return found | ({"Any"} if api.models else set()) | enums | helpers
    sent: list[ir.TypeRef] = [p.type for op in api.operations for p in op.parameters]
    sent += [p.type for p in api.client_parameters]
    bodies = [op.body.type for op in api.operations if op.body is not None]
    received = [r.type for op in api.operations for r in op.responses if r.type is not None]
    found = _needs(sent, True, False) | _needs(bodies, True, False) | _needs(received, False, True)
    if any(p.location == "path" and not p.skip_url_encoding for op in api.operations for p in op.parameters):
        found.add("quote")
    parameters = [p.type for op in api.operations for p in op.parameters] + [p.type for p in api.client_parameters]
    items = [t.items if isinstance(t, ir.ArrayType) else t for t in parameters]
    bodies_as_json = any(op.body is not None and "json.dumps(" in body_content(op.body) for op in api.operations)
    if bodies_as_json or any(_is_structured(t) for t in items):
        found.add("json")
    return found


def model_helpers(needs: Iterable[str]) -> list[str]:
    """The helpers of the models module among `needs` (a module's `features`), sorted."""
    return sorted(name for name in needs if name in _HELPERS or name == "known_value")


def headers_results(api: ir.Api) -> list[ir.HeadersResult]:
    """The classes of the answers' headers that operations return, in operation order."""
    return [op.headers_result for op in api.operations if op.headers_result is not None]


def from_header(t: ir.TypeRef, expression: str) -> Code:
    """An expression turning header text `expression` into a value of type `t`: numbers
    and booleans are parsed from text, lists split at commas, the rest as in JSON."""
    if isinstance(t, ir.PrimitiveType) and t.format != "unixtime":
        if t.kind == "integer":
            return Code(f"int({expression})")
        if t.kind == "number":
            return Code(f"float({expression})")
        if t.kind == "boolean":
            return Code(f'{expression}.lower() == "true"')
    if isinstance(t, ir.PrimitiveType) and t.format == "unixtime":
        return decode(t, Code(f"int({expression})"))
    if isinstance(t, ir.ArrayType):
        item = from_header(t.items, "item.strip()")  # httpx joins repeated headers with ", "
        return Code(f'[{item} for item in {expression}.split(",")]')
    return decode(t, expression)


def referenced_names(api: ir.Api, module: str = "client") -> list[str]:
    """Model and enum classes the `client` or the `operations` module refers to, sorted."""
    names = {result.name for result in headers_results(api)}
    for t in _written_types(_annotated_types(api) if module == "client" else _client_types(api)):
        if isinstance(t, (ir.ModelType, ir.EnumType)):
            names.add(t.name)
    return sorted(names)


def test_imports(api: ir.Api) -> dict[str, list[str]]:
    """What the emitted tests import to build typed arguments: `models` (classes and
    helpers from the generated models module) and `modules` (`from x import y` lines)."""
    types: list[ir.TypeRef] = []
    constants = False  # JSON objects and arrays become constants annotated with Any
    for operation in api.operations:
        if operation.examples and any(r.type and r.type.type_kind == "model" for r in error_responses(operation)):
            constants = True
        for example in operation.examples:
            plan = example_call(api, operation, example)
            answer = plan["answer"]
            if answer is not None and (
                (operation.body is not None and isinstance(plan["body"], (Mapping, list, tuple)))
                or (answer["has_body"] and isinstance(answer["body"], (Mapping, list, tuple)))
            ):
                constants = True
            types += [parameter.type for parameter, _ in plan["client_args"] + plan["arguments"]]
            types += [operation.body.type] if operation.body is not None and plan["body"] is not None else []
            if answer is not None and answer["type"] is not None and (answer["type"].type_kind != "model" or answer["narrow"]):
                types.append(answer["type"])
    names: set[str] = set()
    modules: set[str] = set()
    for t in _written_types(types):
        if isinstance(t, ir.ModelType):
            names.add(t.name)
        elif isinstance(t, ir.EnumType):
            names.update((t.name, "known_value"))
        elif isinstance(t, ir.PrimitiveType):
            needed = _DECODE_NEEDS.get(_value_format(t), "")
            if needed in _HELPERS:
                names.add(needed)
            elif needed == "date":
                modules.add("from datetime import date")
            elif needed == "base64":
                modules.add("import base64")
    if constants:
        modules.add("from typing import Any")
    return {"models": sorted(names), "modules": sorted(modules)}


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


# ---------------------------------------------------------------------- examples for tests


def as_sent(t: ir.TypeRef, value: Any, api: ir.Api) -> Any:
    """An example value as the generated models write it back: an optional property
    given as null is left out, since the models do not tell null from unset there, and
    so are read-only properties; a required property with a default is filled in."""
    if isinstance(t, ir.ModelType) and isinstance(value, Mapping):
        model = next(m for m in api.models if m.name == t.name)
        if model.discriminator is not None:  # parsed as the subtype it names, like from_dict
            kind = str(value.get(model.discriminator.property))
            case = next((c for c in model.discriminator.mapping if c.value == kind and c.model != model.name), None)
            if case is not None:
                return as_sent(ir.ModelType(case.model), value, api)
        fields = {f.json_name: f for f in model.fields}
        result = {}
        for key, item in value.items():
            field = fields.get(key)
            if field is None:
                if model.additional_properties is not None:
                    result[key] = as_sent(model.additional_properties.values, item, api)
                continue  # unknown properties are ignored when parsing
            if field.read_only or item is None and not (field.required and field.nullable):
                continue  # read-only properties are never sent
            result[key] = as_sent(field.type, item, api)
        for field in model.fields:  # a required property with a default is filled in when absent
            if field.required and field.has_default and not field.read_only and field.json_name not in value:
                result[field.json_name] = field.default
        return result
    if isinstance(t, ir.ArrayType) and isinstance(value, (list, tuple)):
        return [as_sent(t.items, item, api) for item in value]
    if isinstance(t, ir.MapType) and isinstance(value, Mapping):
        return {key: as_sent(t.values, item, api) for key, item in value.items()}
    if isinstance(t, ir.PrimitiveType) and t.kind == "string" and isinstance(value, str):
        return _rewritten(t.format, value)
    return value


def _rewritten(format: str | None, text: str) -> str:
    """`text` after a round trip through the generated models' parse and format."""
    if format == "date-time":
        return utc_date_time(text)
    if format == "date":
        return date.fromisoformat(text).isoformat()
    if format == "date-time-rfc1123":
        return format_datetime(parsedate_to_datetime(text), usegmt=True)
    if format == "byte":
        return base64.b64encode(base64.b64decode(text)).decode("ascii")
    if format == "base64url":
        return base64.urlsafe_b64encode(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))).decode("ascii").rstrip("=")
    return text


def example_call(api: ir.Api, operation: ir.Operation, example: ir.Example | None) -> dict[str, Any]:
    """Everything a generated test needs to make one call and check what was sent.

    The expected request comes from `generator.render.wire`, computed from the
    example's raw values independently of the generated client.
    """
    request = example_request(api, operation, example)
    given = dict(example.parameters) if example is not None else {}
    server_args = [
        (variable, request.server_values[variable.name])
        for variable in api.server.variables
        if variable.required or variable.wire_name in given
    ]
    client_args = [
        (parameter, request.values[parameter.name])
        for parameter in api.client_parameters
        if parameter.name in request.values and (parameter.required or parameter.wire_name in given)
    ]
    arguments = [
        (parameter, request.values[parameter.name])
        for parameter in operation.parameters
        if parameter.name in request.values
        and not parameter.client_level
        and (parameter.wire_name in given or not parameter.has_default)
    ]
    return {
        "server_args": server_args,
        "client_args": client_args,
        "arguments": arguments,
        "body": request.body,
        "url": request.url,
        "headers": request.headers,
        "answer": _answer(api, operation, example),
    }


def _answer(api: ir.Api, operation: ir.Operation, example: ir.Example | None) -> dict[str, Any] | None:
    """The success answer a test's mock transport gives: the example's, or one made
    from the declared success response. None for an example that shows only errors."""
    successes = success_responses(operation)
    shown = [r for r in (example.responses if example else ()) if r.status_code and 200 <= r.status_code < 300]
    if example is not None and example.responses and not shown:
        return None
    if shown:
        declared = next((r for r in successes if r.status == shown[0].status), successes[0] if successes else None)
        status, has_body, body = shown[0].status_code, shown[0].has_body, shown[0].body
    else:
        declared = successes[0] if successes else None
        status = (declared.status_code if declared is not None else None) or 200
        has_body = declared is not None and declared.type is not None
        body = sample(declared.type, api) if has_body else None  # type: ignore[union-attr, arg-type]
    result_type = declared.type if declared is not None and has_body else None
    read_as = _read_as(declared) if declared is not None and has_body else "json"
    # A model answer of an operation that returns more (a union, or None too): the test
    # checks its class before calling its methods.
    narrow = isinstance(result_type, ir.ModelType) and result_annotation(operation) != _annotation(result_type)
    return {"status": status, "body": body, "has_body": has_body, "type": result_type, "read_as": read_as, "narrow": narrow}



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


def constant_name(parts: Iterable[str], role: str) -> Identifier:
    """A module-level constant of the emitted tests: `_` + the parts (names from the
    naming rules) and the role (a fixed word), upper-cased and joined by `_`."""
    words = [*parts, role]
    for word in words:
        if not word.isidentifier():
            raise ValueError(f"constant_name: {word!r} is not a name")
    return Identifier("_" + "_".join(word.upper() for word in words))
