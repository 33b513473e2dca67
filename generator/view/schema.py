"""The view of `_schema.py` and `_xml.py`: the declared shape of every model (the
`MODELS` table) and the type descriptors that strict response validation and the XML
codec read; which bodies are XML, and how they are read and written.

Descriptors are `Code` built from IR identifiers, fixed text and `py_string` output.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..ir import model as ir
from ..ir.media import is_xml
from ..render.escaping import Code, py_string
from ..render.layout import call, fits, split_right
from .code import block

_SCALARS = {"string": "STRING", "integer": "INTEGER", "number": "NUMBER", "boolean": "BOOLEAN", "any": "ANY"}


@dataclass(frozen=True, slots=True)
class SchemaModule:
    """What `_schema.py` holds besides its fixed runtime: `models`, the `MODELS`
    assignment (one entry per model, by class name), and whether the API has XML bodies
    (`xml`)."""

    models: Code
    xml: bool


def schema_module(api: ir.Api) -> SchemaModule:
    if not api.models:
        return SchemaModule(Code("MODELS: dict[str, Model] = {}"), uses_xml(api))
    lines = ["MODELS: dict[str, Model] = {"]
    for model in api.models:
        lines += _model_entry(model)
    lines.append("}")
    return SchemaModule(block(lines), uses_xml(api))


def _model_entry(model: ir.Model) -> list[str]:
    lines = [f"    {py_string(model.name)}: Model(", f"        {py_string(model.schema_name or model.name)},"]
    properties = []
    for field in model.fields:
        arguments: list[str] = [py_string(field.json_name), descriptor(field.type, field.xml, prefix="")]
        arguments += ["required=True"] if _required(field) else []
        properties.append(arguments)
    single = f"properties=(Property({', '.join(properties[0])}),)," if len(properties) == 1 else ""
    if not properties:
        lines.append("        properties=(),")
    elif single and fits(single, 8):  # a one-item tuple's comma is no magic trailing comma
        lines.append("        " + single)
    else:
        lines.append("        properties=(")
        lines += ["            " + call("Property(", arguments, "),", 12) for arguments in properties]
        lines.append("        ),")
    discriminator = model.discriminator
    subtypes = [case for case in discriminator.mapping if case.model != model.name] if discriminator else []
    if discriminator is not None and subtypes:
        lines.append(f"        discriminator={py_string(discriminator.property)},")
        pairs = [f"({py_string(case.value)}, {py_string(case.model)})" for case in subtypes]
        if len(pairs) == 1 and fits(f"subtypes=({pairs[0]},),", 8):  # no magic trailing comma
            lines.append(f"        subtypes=({pairs[0]},),")
        else:
            lines += ["        subtypes=(", *(f"            {pair}," for pair in pairs), "        ),"]
    extra = model.additional_properties
    if extra is not None:
        lines.append("        " + split_right(f"additional={descriptor(extra.values, prefix='')},", 8, argument=True))
        if extra.nullable_values:
            lines.append("        nullable_additional=True,")
    if model.xml is not None:
        lines.append("        " + split_right(f"xml={_xml(model.xml, '')},", 8, argument=True))
    lines.append("    ),")
    return lines


def _required(field: ir.Field) -> bool:
    """Must an answer hold a value for it? As `from_dict` reads it: required, not
    nullable, not read- or write-only, no default."""
    return field.required and not (field.nullable or field.read_only or field.write_only or field.has_default)


def descriptor(t: ir.TypeRef, xml: ir.XmlObject | None = None, prefix: str = "_schema.") -> Code:
    """An expression of `_schema.Type` for `t` (names qualified with `prefix`): what
    strict validation checks and the XML codec follows. `xml` is the `xml` object
    written at this place (an array's items' nested in it)."""
    own = _xml(xml, prefix) if xml is not None and _has_own(xml) else None
    items_xml = xml.items if xml is not None else None
    if isinstance(t, ir.PrimitiveType):
        kind = "string" if t.kind == "string" else t.kind
        return Code(f'{prefix}Type("{kind}", xml={own})' if own else prefix + _SCALARS[kind])
    if isinstance(t, ir.EnumType):
        return Code(f'{prefix}Type("{t.value_kind}", xml={own})' if own else prefix + _SCALARS[t.value_kind])
    if isinstance(t, ir.ModelType):
        return Code(f"{prefix}model({py_string(t.name)}{f', xml={own}' if own else ''})")
    if isinstance(t, ir.ArrayType):
        arguments: list[str] = [descriptor(t.items, items_xml, prefix)]
        arguments += ["True"] if t.nullable_items else []
        arguments += [f"xml={own}"] if own else []
        return Code(f"{prefix}array({', '.join(arguments)})")
    if isinstance(t, ir.MapType):
        values: list[str] = [descriptor(t.values, None, prefix)]
        values += ["True"] if t.nullable_values else []
        values += [f"xml={own}"] if own else []
        return Code(f"{prefix}map_of({', '.join(values)})")
    return Code(f"{prefix}union({', '.join(descriptor(v, None, prefix) for v in t.variants)})")


def _has_own(xml: ir.XmlObject) -> bool:
    return any((xml.name, xml.namespace, xml.prefix, xml.attribute, xml.wrapped, xml.text))


def _xml(xml: ir.XmlObject, prefix: str) -> str:
    """`Xml(...)` with the keywords that differ from the defaults."""
    arguments = [f"{key}={py_string(value)}" for key, value in (("name", xml.name), ("namespace", xml.namespace), ("prefix", xml.prefix)) if value]
    arguments += [f"{key}=True" for key, value in (("attribute", xml.attribute), ("wrapped", xml.wrapped), ("text", xml.text)) if value]
    return f"{prefix}Xml({', '.join(arguments)})"


# ---------------------------------------------------------------------- XML bodies


def uses_xml(api: ir.Api) -> bool:
    """Does any operation send or receive an XML body (so that `_xml.py` is written)?"""
    return any(
        (op.body is not None and xml_body(op.body)) or any(xml_response(r) for r in op.responses) for op in api.operations
    )


def xml_body(body: ir.RequestBody) -> bool:
    """Is the request body sent as an XML document: its one media type is XML and its
    type a model, an array or a map? (A scalar is sent as the text it is.)"""
    return body.content_type is None and is_xml(body.media_type) and _structured(body.type)


def xml_response(response: ir.Response) -> bool:
    """Is the answer's body read as an XML document (an XML media type, and a model,
    array or map type)?"""
    media_type = response.media_type
    return response.type is not None and media_type is not None and is_xml(media_type) and _structured(response.type)


def _structured(t: ir.TypeRef) -> bool:
    return isinstance(t, (ir.ModelType, ir.ArrayType, ir.MapType))


def xml_content(body: ir.RequestBody, value: str) -> Code:
    """The bytes of an XML request body whose JSON-shaped value is `value`."""
    return Code(f"_xml.dumps({value}, {descriptor(body.type, body.xml)})")


def xml_value(response: ir.Response) -> Code:
    """The JSON-shaped value of an XML answer."""
    return Code(f"_xml.loads(response.content, {descriptor(response.type, response.xml)})")  # type: ignore[arg-type]

