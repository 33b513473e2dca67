"""The view of `models.py`: its imports (computed from what it uses), the helpers it
defines, and each enum, model and headers class as lines of code laid out as black
lays them out, so that `models.py.jinja` only prints them.

Every line is `Code`: built from IR identifiers, escaped spec text and fixed text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..formats import HELPERS
from ..ir import model as ir
from ..render.escaping import Code, docstring, py_literal, py_string
from ..render.layout import annotated, bracket, fits, split_right, wrap_in_parentheses
from .code import block, module_docstring
from .conversions import annotation, decode, decode_map_value, encode, local_name, value_literal
from .needs import features, from_header, headers_results

# The helper of enum-typed values, defined when the API has enums.
KNOWN_VALUE = Code(
    '''
_E = TypeVar("_E", bound=enum.Enum)


def known_value(enum_class: type[_E], value: Any) -> _E | Any:
    """The enum member for `value`, or `value` itself when this client does not know it yet."""
    try:
        return enum_class(value)
    except ValueError:
        return value'''
)


@dataclass(frozen=True, slots=True)
class EnumView:
    """One enum class: `name` and its `code` (class line, docstring, members)."""

    name: str
    code: Code


@dataclass(frozen=True, slots=True)
class ModelView:
    """One model class. `class_line` and `docstring` open it; `fields` is the code of its
    fields (ending with a line break, or empty); `to_dict` and `from_dict` the code of
    its two methods."""

    name: str
    class_line: Code
    docstring: Code
    fields: Code
    to_dict: Code
    from_dict: Code


@dataclass(frozen=True, slots=True)
class HeadersView:
    """One class of returned response headers: `name`, the code of its `fields` (ending
    with a line break, or empty) and of `from_headers`."""

    name: str
    fields: Code
    from_headers: Code


@dataclass(frozen=True, slots=True)
class ModelsModule:
    """What `models.py` holds: its `header` (the module docstring), its `imports` and
    `helpers` (code ending with a line break, or empty), and its classes."""

    header: Code
    imports: Code
    helpers: Code
    enums: tuple[tuple[ir.Enum, EnumView], ...]  # each with its IR enum, which overlays see as `enum`
    models: tuple[tuple[ir.Model, ModelView], ...]
    headers: tuple[tuple[ir.HeadersResult, HeadersView], ...]


def _is_factory_default(field: ir.Field) -> bool:
    """A required field whose default is a list or an object: made anew per instance."""
    default = field.default
    return field.required and field.has_default and not field.read_only and not isinstance(default, str) and isinstance(default, (Mapping, list, tuple))


def models_module(api: ir.Api) -> ModelsModule:
    needs = features(api, "models")
    return ModelsModule(
        header=module_docstring(api, "Models"),
        imports=_imports(api, needs),
        helpers=block(
            ([KNOWN_VALUE] if "known_value" in needs else [])
            + [helper.source for name, helper in HELPERS.items() if name in needs],
            end="\n",
        ),
        enums=tuple((enum, _enum(enum)) for enum in api.enums),
        models=tuple((model, _model(api, model)) for model in api.models),
        headers=tuple((result, _headers(result)) for result in headers_results(api)),
    )


def _imports(api: ir.Api, needs: set[str]) -> Code:
    lines = [""]
    lines += [f"import {module}" for module in ("base64", "enum", "re") if module in needs]
    if api.models or headers_results(api):
        factories = any(m.additional_properties for m in api.models) or any(
            _is_factory_default(f) for m in api.models for f in m.fields
        )
        lines += ["from collections.abc import Mapping", "from dataclasses import dataclass" + (", field" if factories else "")]
    for module, names in (
        ("datetime", ("date", "datetime", "timedelta", "timezone")),
        ("email.utils", ("format_datetime", "parsedate_to_datetime")),
    ):
        used = [name for name in names if name in needs]
        if used:
            lines.append(f"from {module} import {', '.join(used)}")
    if "Any" in needs or "known_value" in needs:
        lines.append("from typing import Any" + (", TypeVar" if "known_value" in needs else ""))
    return block(lines, end="\n")


def _enum(enum: ir.Enum) -> EnumView:
    base = {"string": "enum.StrEnum", "integer": "enum.IntEnum"}.get(enum.value_kind, "float, enum.Enum")
    lines = [
        split_right(f"class {enum.name}({base}):"),
        "    " + docstring(enum.description, 4, fallback=f"Allowed values of {enum.name}."),
        "",
    ]
    for value in enum.values:
        lines.append(f"    {value.name} = {py_literal(value.value)}")
        if value.description:
            lines.append("    " + docstring(value.description, 4, attribute=True))
    return EnumView(enum.name, block(lines, end="\n"))


def _model(api: ir.Api, model: ir.Model) -> ModelView:
    base = next((m for m in api.models if m.name == model.base), None) if model.base else None
    class_line = split_right(f"class {model.name}({model.base}):" if model.base else f"class {model.name}:")
    return ModelView(
        model.name,
        class_line,
        docstring(model.description, 4, fallback=f"{model.name}."),
        block(_fields(model, base), end="\n"),
        block(_to_dict(model), end="\n"),
        block(_from_dict(model), end="\n"),
    )


def _fields(model: ir.Model, base: ir.Model | None) -> list[str]:
    inherited = base.fields if base is not None else ()
    own = [field for field in model.fields if field not in inherited]
    lines = []
    for index, field in enumerate(own):
        # a write-only property is never in a response: a parsed model holds None for it
        optional = field.nullable or not field.required or field.read_only or field.write_only
        field_annotation = annotation(field.type, optional)
        head = f"{field.name}: {field_annotation}"
        if field.required and field.has_default and not field.read_only:
            if not _is_factory_default(field):
                lines.append(f"    {head} = {value_literal(field.type, field.default)}")
            elif not field.default and not isinstance(field.type, ir.ModelType):
                factory = "dict" if isinstance(field.default, Mapping) else "list"
                lines.append(f"    {head} = field(default_factory={factory})")
            else:
                factory = f"lambda: {value_literal(field.type, field.default)}"
                lines.append("    " + split_right(f"{head} = field(default_factory={factory})", 4))
        else:
            tail = " = None" if not field.required or field.read_only else ""
            lines.append("    " + annotated(f"{field.name}: ", field_annotation, tail, 4))
        if field.description:
            lines.append("    " + docstring(field.description, 4, attribute=True))
            if index < len(own) - 1:
                lines.append("")
    extra = model.additional_properties
    if extra is not None and not (base is not None and base.additional_properties == extra):
        lines += [
            "",
            f"    additional_properties: {annotation(extra)} = field(default_factory=dict)",
            '    """Properties beyond the ones declared, by JSON name."""',
        ]
    return lines


def _to_dict(model: ir.Model) -> list[str]:
    lines = ["    def to_dict(self) -> dict[str, Any]:"]
    if any(field.read_only for field in model.fields):
        lines += [
            '        """This model as a JSON-ready dict, with the API\'s property names; read-only',
            '        properties, which only the service sets, are left out."""',
        ]
    else:
        lines.append('        """This model as a JSON-ready dict, with the API\'s property names."""')
    always = [field for field in model.fields if field.required and not field.read_only]
    if always or model.additional_properties:
        lines.append("        data: dict[str, Any] = {")
        if model.additional_properties:
            lines.append(f"            **{encode(model.additional_properties, 'self.additional_properties')},")
        for field in always:
            value = f"self.{field.name}"
            encoded = encode(field.type, value)
            if (field.nullable or field.write_only) and encoded != value:
                key = f"{py_string(field.json_name)}: "
                conditional = f"None if {value} is None else {encoded}"
                if fits(conditional, 16) or fits(key + conditional + ",", 12):
                    lines.append("            " + wrap_in_parentheses(key, conditional, ",", 12))
                else:
                    lines += [
                        f"            {key}(",
                        "                None",
                        f"                if {value} is None",
                        "                " + split_right(f"else {encoded}", 16),
                        "            ),",
                    ]
            else:
                lines.append("            " + split_right(f"{py_string(field.json_name)}: {encoded},", 12, argument=True))
        lines.append("        }")
    else:
        lines.append("        data: dict[str, Any] = {}")
    for field in model.fields:
        if field in always or field.read_only:
            continue
        value = f"self.{field.name}"
        lines.append(f"        if {value} is not None:")
        target = f"data[{py_string(field.json_name)}] = "
        encoded = encode(field.type, value)
        statement = target + encoded
        if fits(statement, 12):
            lines.append("            " + statement)
        elif encoded == value:
            lines.append("            " + wrap_in_parentheses(target, value, "", 12))
        else:
            lines.append("            " + split_right(statement, 12))
    lines.append("        return data")
    return lines


def _from_dict(model: ir.Model) -> list[str]:
    lines = [
        "    @classmethod",
        "    " + bracket("def from_dict(", ["cls", "data: Mapping[str, Any]"], f") -> {model.name}:", 4, is_def=True),
        '        """Parse the JSON object `data`; properties this model does not know are ignored."""',
    ]
    discriminator = model.discriminator
    subtypes = [case for case in discriminator.mapping if case.model != model.name] if discriminator else []
    if subtypes and discriminator is not None:
        lines.append(f"        subtypes: dict[str, type[{model.name}]] = {{")
        lines += [f"            {py_string(case.value)}: {case.model}," for case in subtypes]
        lines += [
            "        }",
            f"        subtype = subtypes.get(str(data.get({py_string(discriminator.property)})))",
            "        if subtype is not None:",
            "            return subtype.from_dict(data)",
        ]
    # A local only for optional values that need converting (checked for None first).
    for field in model.fields:
        if _maybe_absent(field) and str(decode(field.type, field.name)) != field.name:
            lines.append("        " + split_right(f"{local_name(field.name)} = data.get({py_string(field.json_name)})", 8))
    lines.append("        return cls(")
    for field in model.fields:
        json_name = py_string(field.json_name)
        if not _maybe_absent(field):
            read = f"data.get({json_name}, {py_literal(field.default)})" if field.has_default else f"data[{json_name}]"
            lines.append("            " + split_right(f"{field.name}={decode(field.type, read)},", 12, argument=True))
        elif str(decode(field.type, field.name)) == field.name:
            lines.append("            " + split_right(f"{field.name}=data.get({json_name}),", 12, argument=True))
        else:
            local = local_name(field.name)
            lines += _optional_argument(field.name, f"{local} is None", decode(field.type, local))
    if model.additional_properties:
        lines += [
            "            additional_properties={",
            f"                key: {decode_map_value(model.additional_properties, 'value')}",
            "                for key, value in data.items()",
            "                if key",
            "                not in {",
            *(f"                    {py_string(field.json_name)}," for field in model.fields),
            "                }",
            "            },",
        ]
    lines.append("        )")
    return lines


def _maybe_absent(field: ir.Field) -> bool:
    """May a parsed document lack this property, or hold null for it? Not required,
    nullable, or read- or write-only (the service never returns a write-only one)."""
    return not field.required or field.nullable or field.read_only or field.write_only


def _optional_argument(name: str, test: str, converted: str, split: bool = True) -> list[str]:
    """`name=None if <test> else <converted>,` laid out as black lays out an argument
    of a call; `split`: the last line may be split at its brackets."""
    condition = f"None if {test} else {converted}"
    argument = f"{name}={condition},"
    if fits(argument, 12):
        return ["            " + argument]
    if fits(condition, 16):
        return [f"            {name}=(", "                " + condition, "            ),"]
    otherwise = split_right(f"else {converted}", 16) if split else f"else {converted}"
    return [f"            {name}=(", "                None", f"                if {test}", "                " + otherwise, "            ),"]


def _headers(result: ir.HeadersResult) -> HeadersView:
    fields = []
    for index, header in enumerate(result.headers):
        fields.append(f"    {header.name}: {annotation(header.type, True)} = None")
        if header.description:
            fields.append("    " + docstring(header.description, 4, attribute=True))
            if index < len(result.headers) - 1:
                fields.append("")
    lines = [
        "    @classmethod",
        "    " + bracket("def from_headers(", ["cls", "headers: Mapping[str, str]"], f") -> {result.name}:", 4, is_def=True),
        '        """Read them from an answer\'s headers (`httpx.Headers`: names match in any case)."""',
        "        return cls(",
    ]
    for header in result.headers:
        conversion = from_header(header.type, "value")
        read = f"headers.get({py_string(header.wire_name)})"
        if conversion == "value":
            lines.append("            " + split_right(f"{header.name}={read},", 12))
        else:
            lines += _optional_argument(header.name, f"(value := {read}) is None", conversion, split=False)
    lines.append("        )")
    return HeadersView(result.name, block(fields, end="\n"), block(lines, end="\n"))
