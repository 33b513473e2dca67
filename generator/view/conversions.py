"""Conversions between JSON values and Python values in generated code: annotations,
decoding and encoding, text for paths, queries and headers, request bodies, literals.

Every function returns `Code` built only from IR identifiers, fixed Python text,
`generator.formats` entries and `py_literal`/`py_string` output."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..formats import Format, value_format
from ..ir import model as ir
from ..ir.media import is_binary, is_json, is_text
from ..ir.naming import Identifier
from ..ir.walk import nested_types
from ..render.escaping import Code, py_literal, py_string
from ..render.layout import operator_chain
from .schema import xml_body, xml_content, xml_response, xml_value


_SCALARS = {"integer": "int", "number": "float", "boolean": "bool", "any": "Any"}


def _value_format(t: ir.PrimitiveType) -> Format | None:
    """The format that gives `t` a Python type of its own (`generator.formats`), or None."""
    return value_format(t.kind, t.format)


# ---------------------------------------------------------------------- annotations


def annotation(t: ir.TypeRef, optional: bool = False) -> Code:
    """The annotation of a value of type `t` (`| None` added when `optional`)."""
    text = _annotation(t)
    return Code(f"{text} | None" if optional and not text.endswith("| None") else text)


def _annotation(t: ir.TypeRef) -> str:
    if isinstance(t, ir.PrimitiveType):
        entry = _value_format(t)
        if entry is not None:
            return entry.annotation
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


def written_types(types: Iterable[ir.TypeRef]) -> Iterator[ir.TypeRef]:
    """Each type and the types inside it that generated code names or converts: not the
    variants of a union annotated `Any`, which it does neither."""
    return nested_types(types, opaque=_is_any_union)


def _is_any_union(t: ir.TypeRef) -> bool:
    return isinstance(t, ir.UnionType) and _union_shape(t) is None


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
        raise ValueError(f"local_name: {name!r} is not a name from the IR")
    return Identifier("_" + name)


def _or_none(converted: str, item: str, nullable: bool) -> str:
    """The conversion of an item or value that may be null: None stays None."""
    return f"None if {item} is None else {converted}" if nullable and converted != item else converted


def decode(t: ir.TypeRef, expression: str, depth: int = 0) -> Code:
    """An expression that turns the JSON value `expression` into a value of type `t`."""
    if isinstance(t, ir.PrimitiveType):
        entry = _value_format(t)
        return Code(entry.decoder.format(expression) if entry is not None else expression)
    if isinstance(t, ir.ModelType):
        return Code(f"{t.name}.from_dict({expression})")
    if isinstance(t, ir.EnumType):
        return Code(f"known_value({t.name}, {expression})")
    if isinstance(t, (ir.ArrayType, ir.MapType)):
        return _each(t, expression, decode, depth)
    return _union_conversion(t, expression, decode, depth)


def _each(t: ir.ArrayType | ir.MapType, expression: str, convert: Any, depth: int) -> Code:
    """`convert` (`decode` or `encode`) applied to each item of an array or value of a
    map: a comprehension, or `expression` itself when no item needs converting."""
    item = "item" if depth == 0 else f"item{depth + 1}"
    if isinstance(t, ir.ArrayType):
        inner = _or_none(convert(t.items, item, depth + 1), item, t.nullable_items)
        return Code(expression if inner == item else f"[{inner} for {item} in {expression}]")
    key = "key" if depth == 0 else f"key{depth + 1}"
    inner = _or_none(convert(t.values, item, depth + 1), item, t.nullable_values)
    return Code(expression if inner == item else f"{{{key}: {inner} for {key}, {item} in {expression}.items()}}")


def decode_map_value(t: ir.MapType, expression: str) -> Code:
    """An expression that turns `expression`, one value of a JSON object of type `t`,
    into a Python value (None stays None where the values may be null)."""
    return Code(_or_none(decode(t.values, expression, 1), expression, t.nullable_values))


def encode(t: ir.TypeRef, expression: str, depth: int = 0) -> Code:
    """An expression that turns `expression`, of type `t`, into a JSON value."""
    if isinstance(t, ir.PrimitiveType):
        entry = _value_format(t)
        return Code(entry.encoder.format(expression) if entry is not None else expression)
    if isinstance(t, ir.ModelType):
        return Code(f"{expression}.to_dict()")
    if isinstance(t, (ir.ArrayType, ir.MapType)):
        return _each(t, expression, encode, depth)
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
    if xml_body(body):
        return xml_content(body, value)
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
    whatever the media type), the text of a `text/*` string answer, the JSON-shaped value
    of an XML document (`_xml.loads`), else the parsed JSON."""
    how = read_as(response)
    if how == "xml":
        return xml_value(response)
    return Code({"bytes": "response.content", "text": "response.text", "json": "response.json()"}[how])


def read_as(response: ir.Response) -> str:
    """How an answer's body is read: as `bytes`, `text`, `xml` or `json`."""
    t = response.type
    if t is not None and _is_raw(t):
        return "bytes"
    if xml_response(response):
        return "xml"
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
    entry = _value_format(t)
    return Code(entry.literal(value)) if entry is not None and entry.literal is not None else py_literal(value)
