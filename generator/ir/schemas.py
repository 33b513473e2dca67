"""JSON Schemas -> IR types, models and enums.

Swagger 2.0 and OpenAPI 3.0/3.1 schemas differ only at the edges (`x-nullable` vs
`nullable` vs `type: [..., "null"]`), so one reader serves all three. Only schemas
reached from the API's operations are read, so only those become models.

Named schemas (`#/definitions/X`, `#/components/schemas/X`) keep their name; inline
object and enum schemas are named after where they sit (`Parent` + `Field`). Models are
registered before their fields are read, so recursive schemas simply refer to
themselves.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import GeneratorError, Location, Warnings, escape_pointer_token, unescape_pointer_token
from ..formats import value_format
from ..loading.refs import Node, Resolver
from . import model as ir
from .constraints import constraints_of, read_constraints
from .naming import Identifier, Scope, pascal_case, snake_case, upper_snake_case
from .values import coerce, conforms, freeze, prose, text_or_none, thaw
from .walk import mentions_model

# Names the generated model classes define themselves.
_ANNOTATION_KEYS = frozenset(
    {"description", "title", "readOnly", "writeOnly", "nullable", "x-nullable", "x-ms-client-name", "deprecated",
     "default", "example", "examples", "x-ms-mutability", "x-ms-secret", "externalDocs", "format"}
)
_NAMED_CONTAINERS = ("/definitions/", "/components/schemas/")


@dataclass(frozen=True, slots=True)
class Schema:
    """A schema after `$ref`s and annotation-only wrappers were looked through."""

    node: Node
    name: str | None  # the schema's own name when it is a named schema


class SchemaReader:
    def __init__(
        self, resolver: Resolver, warnings: Warnings, class_scope: Scope, model_members: tuple[str, ...]
    ) -> None:
        self.resolver = resolver
        self.model_members = model_members  # what a model's fields avoid besides keywords
        self.warnings = warnings
        self.class_scope = class_scope
        self.models: dict[Identifier, ir.Model] = {}
        self.enums: dict[Identifier, ir.Enum] = {}
        self._names: dict[tuple[str, str], Identifier] = {}
        self._started: set[tuple[str, str]] = set()  # schemas whose class is built or being built
        self._roots: dict[Identifier, tuple[str, Schema]] = {}  # models that declare a discriminator: it, their schema
        # Subtypes reached while their base was still being built (a base with a property
        # of its subtype's type) wait for it: by the base they wait on, and the other way.
        self._waiting: dict[Identifier, list[tuple[Identifier, Schema]]] = {}
        self._blocked_by: dict[Identifier, Identifier] = {}
        # Inline enums by x-ms-enum name and values: the same one met again is reused.
        self._x_ms_enums: dict[tuple[str, tuple[Any, ...]], Identifier] = {}
        # Where each default holding an object of a model type was declared, by the model
        # and property that has it: checked by `finish`, once every model is read.
        self._model_defaults: dict[tuple[Identifier, str], Location] = {}
        # Named schemas of the main file claim their names first, so that an inline
        # schema named after its place (`Parent` + `Field`) never takes a schema's own name.
        root = resolver.root
        for container in ("definitions", "components/schemas"):
            found: Any = root.data
            for token in container.split("/"):
                found = found.get(token) if isinstance(found, dict) else None
            for schema_name in found if isinstance(found, dict) else ():
                pointer = "/" + container + "/" + escape_pointer_token(schema_name)
                # An alias (`X: {$ref: common.json#/definitions/X}`) names its target.
                target = resolver.deref(Node(found[schema_name], root, pointer))
                key = (target.file.display, target.pointer)
                if key not in self._names:
                    # Azure's x-ms-client-name renames the class (`A` -> `MyException`).
                    self._names[key] = class_scope.claim(pascal_case(target.text("x-ms-client-name") or schema_name))

    # ------------------------------------------------------------------ entry points

    def look_through(self, node: Node) -> Schema:
        """Follow `$ref`s and single-`allOf` wrappers that only add annotations."""
        name: str | None = None
        while True:
            if isinstance(node.value, dict) and isinstance(node.value.get("$ref"), str):
                node = self.resolver.deref(node)
                name = _schema_name(node.pointer)
                continue
            value = node.value
            if isinstance(value, dict) and _is_annotated_reference(value):
                node = node.child("allOf", 0)
                continue
            return Schema(node, name)

    def type_of(self, node: Node, name_hint: str) -> tuple[ir.TypeRef, bool]:
        """The IR type of a schema, and whether it admits null."""
        if not isinstance(node.value, dict):
            if node.value is True or node.value == {}:
                return ir.PrimitiveType("any"), True
            raise GeneratorError("a schema must be an object", node.location)
        nullable = _declares_nullable(node.value)
        schema = self.look_through(node)
        nullable = nullable or _declares_nullable(schema.node.value)
        value = schema.node.value
        if not isinstance(value, dict):
            raise GeneratorError("a schema must be an object", schema.node.location)
        hint = schema.name or name_hint
        types = _declared_types(value)
        if "null" in types:
            nullable = True
            types = [t for t in types if t != "null"]
        if ("enum" in value or "const" in value) and not _is_formatted_value(types, value):
            return self._enum(schema, hint, types), nullable or None in value.get("enum", ())
        for keyword in ("oneOf", "anyOf"):
            if keyword in value and not value.get("properties"):
                return self._union(schema.node.child(keyword), hint, nullable)
        if "allOf" in value or "properties" in value or types == ["object"] and _has_own_shape(value):
            if _is_plain_map(value) or _is_free_form(value):
                return self._map(schema.node, hint), nullable
            return ir.ModelType(self._model(schema, hint)), nullable
        if len(types) > 1:
            variants = tuple(ir.PrimitiveType(_primitive_kind(t), None) for t in types)
            return ir.UnionType(variants), nullable
        kind = types[0] if types else ("object" if "additionalProperties" in value else "")
        if kind == "array":
            items = schema.node.get("items")
            if items is None:
                return ir.ArrayType(ir.PrimitiveType("any")), nullable
            item_type, nullable_items = self.type_of(items, hint + "Item")
            return ir.ArrayType(item_type, nullable_items), nullable
        # Swagger 2.0 files; AutoRest also writes them `type: object, format: file`.
        if kind == "file" or kind == "object" and _format(value) == "file":
            return ir.PrimitiveType("string", "binary"), nullable
        if kind == "object":
            return self._map(schema.node, hint), nullable
        if kind in _PRIMITIVE_KINDS:
            return ir.PrimitiveType(_primitive_kind(kind), _format(value)), nullable
        return ir.PrimitiveType("any"), nullable

    # ------------------------------------------------------------------ models

    def _class_name(self, schema: Schema, hint: str) -> tuple[Identifier, bool]:
        """The class name for a schema, and whether it was already named before."""
        key = (schema.node.file.display, schema.node.pointer)
        if key in self._started:
            return self._names[key], True
        self._started.add(key)
        if key not in self._names:
            title = schema.node.text("x-ms-client-name") if schema.name is None else None
            self._names[key] = self.class_scope.claim(pascal_case(title or hint))
        return self._names[key], False

    def _model(self, schema: Schema, hint: str) -> Identifier:
        name, known = self._class_name(schema, hint)
        if not known:
            self._build_model(schema, name)
        return name

    def _build_model(self, schema: Schema, name: Identifier) -> None:
        value = schema.node.value
        base = self._parent_of(schema, name)
        if base is not None and base not in self.models:
            self._wait(name, schema, base)
            return
        base_model = self.models[base] if base is not None else None
        inherited = list(base_model.fields) if base_model is not None else []
        own_properties: list[tuple[str, Node]] = []
        required = set(_strings(value.get("required")))
        for part in self._all_of_parts(schema, skip=base):
            required |= set(_strings(part.node.value.get("required")))
            own_properties += _properties(part.node)
        own_properties += _properties(schema.node)
        inherited_names = {f.json_name for f in inherited}
        scope = Scope(self.model_members)
        for known_field in inherited:
            scope.claim(known_field.name)
        fields = list(inherited)
        for json_name, node in own_properties:
            if json_name not in inherited_names:  # else a subtype restating a parent's property
                fields.append(self._field(json_name, node, json_name in required, name, scope))
        discriminator_property = self._usable_discriminator(schema, fields)
        # Each model of a polymorphic family fills in its own discriminator value.
        discriminator_value = None
        families = [(discriminator_property, schema)] if discriminator_property else []
        families += self._polymorphic_roots(base)
        for property_name, root_schema in reversed(families):  # the nearest root's value wins
            discriminator_value = _discriminator_value(schema, root_schema, self.resolver)
            fields = [_fixed(field, property_name, discriminator_value) for field in fields]
        extra = self._additional(schema.node, name)
        additional = ir.MapType(*extra) if extra else None
        if "additionalProperties" not in value and base_model is not None:
            additional = base_model.additional_properties  # extra properties a base allows stay allowed
        self.models[name] = ir.Model(
            name=name,
            schema_name=schema.name or "",
            description=prose(value.get("description") or value.get("title")),
            fields=tuple(fields),
            base=base,
            discriminator=ir.Discriminator(discriminator_property, ()) if discriminator_property else None,
            discriminator_value=discriminator_value,
            additional_properties=additional,
            usage="both",
            deprecated=bool(value.get("deprecated")),
            constraints=read_constraints(value),
            xml=self.xml_of(schema.node),
        )
        if discriminator_property:
            self._roots[name] = (discriminator_property, schema)
        for waiting, waiting_schema in self._waiting.pop(name, []):
            del self._blocked_by[waiting]
            self._build_model(waiting_schema, waiting)
        if discriminator_property:
            self._add_subtypes(schema, name)

    def _usable_discriminator(self, schema: Schema, fields: list[ir.Field]) -> str | None:
        """The property the schema's discriminator names, unless that property holds
        something other than text: a discriminator value is a string (OpenAPI says so),
        and a subtype's could not be put in a number or an object. Such a discriminator is
        left out with a warning; the schemas stay, `allOf` subtypes as plain subclasses."""
        name = _discriminator_property(schema.node.value)
        declared = next((f for f in fields if f.json_name == name), None)
        if declared is None or _holds_text(declared.type):
            return name
        where = schema.node.child("discriminator").location
        self.warnings.warn(f"discriminator property {name!r} is not a string: the discriminator is ignored", where)
        return None

    def _wait(self, name: Identifier, schema: Schema, parent: Identifier) -> None:
        """Build `name` once its parent, still being built, is done; an inheritance cycle
        (the parent waiting, through others, on this model) is refused."""
        blocker: Identifier | None = parent
        while blocker is not None:
            if blocker == name:
                raise GeneratorError("a schema inherits from itself through allOf", schema.node.child("allOf").location)
            blocker = self._blocked_by.get(blocker)
        self._blocked_by[name] = parent
        self._waiting.setdefault(parent, []).append((name, schema))

    def _polymorphic_roots(self, base: Identifier | None) -> list[tuple[str, Schema]]:
        """The ancestors that declare a discriminator, nearest first: the property and
        the ancestor's schema."""
        found = []
        while base is not None:
            if base in self._roots:
                found.append(self._roots[base])
            base = self.models[base].base
        return found

    def _add_subtypes(self, schema: Schema, name: Identifier) -> None:
        """Build every named schema that extends this polymorphic one through `allOf`
        (it may arrive in any response that promises the base) and record the
        discriminator value of each."""
        cases = []
        family = {schema.node.pointer}  # the base and, as they are found, its descendants
        candidates = [c for c in _named_schemas(schema.node.file) if isinstance(c.value, dict)]
        grew = True
        while grew:
            grew = False
            for candidate in candidates:
                parts = candidate.value.get("allOf")
                if candidate.pointer in family or not isinstance(parts, list):
                    continue
                parents = [
                    self.look_through(candidate.child("allOf", index)).node
                    for index, part in enumerate(parts)
                    if isinstance(part, dict) and "$ref" in part
                ]
                if any(p.pointer in family and p.file is schema.node.file for p in parents):
                    family.add(candidate.pointer)
                    grew = True
                    named = Schema(candidate, _schema_name(candidate.pointer))
                    # A schema read as something else where it is used (a string enum
                    # that also names the base in `allOf`) is no subtype: building a
                    # model of it would give its one class name to two classes.
                    declared = _declared_types(candidate.value)
                    if "enum" in candidate.value or (declared and "object" not in declared):
                        where = candidate.child("allOf").location
                        self.warnings.warn("a schema that is not an object extends a polymorphic one: not a subtype", where)
                        continue
                    subtype = self._model(named, named.name or "Subtype")
                    value = _discriminator_value(named, schema, self.resolver)
                    cases.append(ir.DiscriminatorCase(value, subtype))
        base = self.models[name]
        assert base.discriminator is not None
        mapping = tuple(sorted(cases, key=lambda case: case.value))
        self.models[name] = dataclasses.replace(base, discriminator=ir.Discriminator(base.discriminator.property, mapping))

    def finish(self) -> None:
        """Give each subtype with subtypes of its own the dispatch to them. Done once every
        model is read: a base lists its subtypes while some of them (a `Mid` between
        `Base` and `Leaf`, when the operation promises `Leaf`) are still being built."""
        families = [self.models[root].discriminator for root in self._roots]  # before any is replaced
        for discriminator in families:
            assert discriminator is not None
            mapping = discriminator.mapping
            for case in mapping:
                below = tuple(c for c in mapping if c.model != case.model and self._descends(c.model, case.model))
                if below:
                    model = self.models[case.model]
                    nested = ir.Discriminator(discriminator.property, below)
                    self.models[case.model] = dataclasses.replace(model, discriminator=nested)
        self._drop_unfit_model_defaults()

    def _drop_unfit_model_defaults(self) -> None:
        """Defaults holding an object of a model type become `Model.from_dict(default)`,
        which converts nothing: one whose members do not have their properties' types
        (`{"n": "x"}` for an integer `n`), or that lacks a required one, is dropped with a
        warning, as `coerce` drops the defaults of other types that do not fit."""
        for name, model in list(self.models.items()):
            fields = list(model.fields)
            for index, field in enumerate(fields):
                if not field.has_default or not mentions_model(field.type) or conforms(field.type, field.default, self.models):
                    continue
                declared_in: Identifier | None = name  # a subtype repeats its base's fields
                while declared_in is not None and (declared_in, field.json_name) not in self._model_defaults:
                    declared_in = self.models[declared_in].base
                where = self._model_defaults.get((declared_in, field.json_name)) if declared_in else None
                self.warnings.warn(f"default {thaw(field.default)!r} does not fit the property's type; ignored", where)
                fields[index] = dataclasses.replace(field, has_default=False, default=None)
            if fields != list(model.fields):
                self.models[name] = dataclasses.replace(model, fields=tuple(fields))

    def _descends(self, name: Identifier, ancestor: Identifier) -> bool:
        parent = self.models[name].base
        while parent is not None and parent != ancestor:
            parent = self.models[parent].base
        return parent is not None

    def _all_of_parts(self, schema: Schema, skip: Identifier | None) -> list[Schema]:
        parts_node = schema.node.get("allOf")
        if parts_node is None or not isinstance(parts_node.value, list):
            return []
        parts = [self.look_through(parts_node.child(index)) for index in range(len(parts_node.value))]
        if skip is not None:
            parts = parts[1:]
        return parts

    def _parent_of(self, schema: Schema, name: Identifier) -> Identifier | None:
        """The parent model of an `allOf` whose first part is a named object schema (it
        may still be being built)."""
        parts_node = schema.node.get("allOf")
        if parts_node is None or not isinstance(parts_node.value, list) or not parts_node.value:
            return None
        first = self.look_through(parts_node.child(0))
        if first.name is None or not isinstance(first.node.value, dict):
            return None
        base_type, _ = self.type_of(parts_node.child(0), name + "Base")
        return base_type.name if isinstance(base_type, ir.ModelType) else None

    def constant(self, t: ir.TypeRef, schema: Any) -> tuple[bool, Any]:
        """(True, its value) for a single-value enum (`schema` is the JSON Schema `t` was
        read from): a required property or parameter of that type is a constant
        (AutoRest's rule), given its only value by default."""
        if isinstance(t, ir.EnumType):
            values = self.enums[t.name].values
            if len(values) == 1:
                return True, values[0].value
        enum = schema.get("enum") if isinstance(schema, dict) else None
        if isinstance(t, ir.PrimitiveType) and t.kind == "boolean" and isinstance(enum, list) and len(enum) == 1:
            return coerce(enum[0], t)  # a boolean enum is no enum class: `[true]`
        return False, None

    def _field(self, json_name: str, node: Node, required: bool, owner: str, scope: Scope) -> ir.Field:
        value = node.value if isinstance(node.value, dict) else {}
        target = self.look_through(node).node.value if isinstance(node.value, dict) else {}
        if value.get("x-ms-client-flatten") is True:
            self.warnings.warn(
                "x-ms-client-flatten is not honoured: the property stays a nested object",
                node.child("x-ms-client-flatten").location,
            )
        field_type, nullable = self.type_of(node, owner + pascal_case(json_name, prefix="Field"))
        default = value.get("default", target.get("default") if isinstance(target, dict) else None)
        has_default = "default" in value or (isinstance(target, dict) and "default" in target)
        if has_default and not (default is None and nullable):  # null stands where null may be
            declared = default
            has_default, default = coerce(declared, field_type)
            if not has_default:
                self.warnings.warn(f"default {declared!r} does not fit the property's type; ignored", node.location)
        if has_default and mentions_model(field_type):
            self._model_defaults[Identifier(owner), json_name] = node.location
        if required and not has_default:
            has_default, default = self.constant(field_type, target)
        annotations = {**(target if isinstance(target, dict) else {}), **value}
        client_name = node.text("x-ms-client-name")
        return ir.Field(
            name=scope.claim(snake_case(client_name or json_name, prefix="field")),
            json_name=json_name,
            type=field_type,
            required=required,
            nullable=nullable,
            read_only=bool(annotations.get("readOnly")),
            deprecated=bool(annotations.get("deprecated")),
            has_default=has_default,
            default=freeze(default) if has_default else None,
            description=prose(value.get("description") or (target or {}).get("description")),
            write_only=bool(annotations.get("writeOnly")),
            constraints=self.constraints(node),
            xml=self.xml_of(node),
            sunset=text_or_none(annotations.get("x-sunset")),
            stability=text_or_none(annotations.get("x-stability-level")),
        )

    def xml_of(self, node: Node | None, depth: int = 0) -> ir.XmlObject | None:
        """The `xml` object of the schema at `node`, its array items' nested in it; None
        when neither has one. A `$ref` to a model is not followed (the model's own is
        `Model.xml`); one to an array or a scalar is, when the place has no `xml` of its own."""
        if node is None or not isinstance(node.value, dict) or depth > 8:
            return None
        own = node.value.get("xml")
        target = self.look_through(node).node
        value = target.value if isinstance(target.value, dict) else {}
        is_model = "properties" in value or "allOf" in value
        if not isinstance(own, dict) and not is_model:
            own = value.get("xml")
        items_node = target.get("items") if not is_model and _declared_types(value) == ["array"] else None
        items = self.xml_of(items_node, depth + 1)
        if not isinstance(own, dict):
            return ir.XmlObject(items=items) if items is not None else None
        return ir.XmlObject(
            name=_text_of(own, "name"),
            namespace=_text_of(own, "namespace"),
            prefix=_text_of(own, "prefix"),
            attribute=own.get("attribute") is True,
            wrapped=own.get("wrapped") is True,
            text=own.get("x-ms-text") is True,
            items=items,
        )

    def constraints(self, node: Node) -> ir.Constraints:
        """The validation keywords of a schema, its items' included."""
        return constraints_of(node, lambda reference: self.look_through(reference).node)

    def _additional(self, node: Node, owner: str) -> tuple[ir.TypeRef, bool] | None:
        """The type of the additional properties and whether they may be null; None
        when the schema allows none."""
        extra = node.get("additionalProperties")
        if extra is None or extra.value is False:
            return None
        if extra.value is True or extra.value == {}:
            return ir.PrimitiveType("any"), False
        return self.type_of(extra, owner + "Value")

    def _map(self, node: Node, owner: str) -> ir.MapType:
        values, nullable = self._additional(node, owner) or (ir.PrimitiveType("any"), False)
        return ir.MapType(values, nullable)

    # ------------------------------------------------------------------ enums, unions

    def _enum(self, schema: Schema, hint: str, types: list[str]) -> ir.TypeRef:
        value = schema.node.value
        entries = _enum_entries(schema.node)
        kind = types[0] if len(types) == 1 else _kind_of_values([raw for _, raw in entries])
        if kind not in ("string", "integer", "number") or not entries:
            if kind == "boolean":
                return ir.PrimitiveType("boolean")
            self.warnings.warn("enum of values that are not all strings or numbers: treated as any", schema.node.location)
            return ir.PrimitiveType("any")
        raw_values = self._enum_values(entries, kind)
        if raw_values is None:
            return ir.PrimitiveType(_primitive_kind(kind), _format(value))
        x_ms_enum = value.get("x-ms-enum") if isinstance(value.get("x-ms-enum"), dict) else {}
        name_source = schema.node.child("x-ms-enum").text("name") if schema.name is None and x_ms_enum else None
        reuse_key = (str(name_source), tuple(dict.fromkeys(raw_values))) if name_source else None
        if reuse_key in self._x_ms_enums:
            return ir.EnumType(self._x_ms_enums[reuse_key], kind)  # type: ignore[arg-type]
        name, known = self._class_name(schema, name_source or hint)
        if known:
            return ir.EnumType(name, kind)  # type: ignore[arg-type]
        if reuse_key is not None:
            self._x_ms_enums[reuse_key] = name
        described = {
            str(entry.get("value")): entry for entry in x_ms_enum.get("values", []) if isinstance(entry, dict)
        }
        scope = Scope()
        members = []
        for raw in dict.fromkeys(raw_values):  # duplicates listed once
            extra = described.get(str(raw), {})
            member_name = scope.claim(upper_snake_case(str(extra.get("name") or raw)))
            members.append(ir.EnumValue(member_name, raw, prose(extra.get("description"))))
        self.enums[name] = ir.Enum(
            name=name,
            schema_name=schema.name or "",
            description=prose(value.get("description")),
            value_kind=kind,  # type: ignore[arg-type]
            values=tuple(members),
            extensible=x_ms_enum.get("modelAsString", True) is not False,
        )
        return ir.EnumType(name, kind)  # type: ignore[arg-type]

    def _enum_values(self, entries: list[tuple[Node, Any]], kind: str) -> list[Any] | None:
        """The values of an enum, each read as its kind (YAML's unquoted `1` in an enum of
        strings is "1"); None, after a located warning, when one cannot be (an object, a
        `$ref`, which in an enum is an object too, `abc` among integers): such a schema is
        no enum class but a plain value of its type."""
        values = []
        for node, raw in entries:
            fits, read = coerce(raw, ir.PrimitiveType(_primitive_kind(kind)))
            if not fits:
                self.warnings.warn(f"enum value {raw!r} is not of type {kind}: read as a plain {kind}, not an enum", node.location)
                return None
            values.append(read)
        return values

    def _union(self, variants_node: Node, hint: str, nullable: bool) -> tuple[ir.TypeRef, bool]:
        if not isinstance(variants_node.value, list):
            raise GeneratorError("oneOf/anyOf must be a list", variants_node.location)
        variants: list[ir.TypeRef] = []
        for index, raw in enumerate(variants_node.value):
            if isinstance(raw, dict) and raw.get("type") == "null":
                nullable = True
                continue
            variant, variant_nullable = self.type_of(variants_node.child(index), f"{hint}Option{index + 1}")
            nullable = nullable or variant_nullable
            if variant not in variants:
                variants.append(variant)
        if not variants:
            return ir.PrimitiveType("any"), True
        if len(variants) == 1:
            return variants[0], nullable
        return ir.UnionType(tuple(variants)), nullable


# ---------------------------------------------------------------------- helpers


def _properties(node: Node) -> list[tuple[str, Node]]:
    properties = node.get("properties")
    if properties is None or not isinstance(properties.value, dict):
        return []
    return [(key, properties.child(key)) for key in properties.value]


def _named_schemas(source: Any) -> list[Node]:
    """The named schemas of one file, in the file's order."""
    found = []
    for container in (("definitions",), ("components", "schemas")):
        value = source.data
        for token in container:
            value = value.get(token) if isinstance(value, dict) else None
        if isinstance(value, dict):
            node = Node(value, source, "/" + "/".join(container))
            found += [node.child(key) for key in value]
    return found


def _enum_entries(node: Node) -> list[tuple[Node, Any]]:
    """Where each value of an enum (or a `const`) sits, and the value; null left out."""
    value = node.value
    if "const" in value and "enum" not in value:
        entries = [(node.child("const"), value["const"])]
    else:
        listed = value["enum"] if isinstance(value["enum"], list) else []
        entries = [(node.child("enum", index), item) for index, item in enumerate(listed)]
    return [(where, raw) for where, raw in entries if raw is not None]


def _discriminator_value(schema: Schema, base: Schema, resolver: Resolver) -> str:
    """What a subtype's discriminator property holds: the base's OpenAPI 3 mapping entry
    for it, else its `x-ms-discriminator-value`, else its schema name."""
    declared = base.node.value.get("discriminator")
    mapping = declared.get("mapping") if isinstance(declared, dict) else None
    for value, reference in (mapping or {}).items():
        if "#" not in str(reference):  # a bare schema name
            if str(reference) == schema.name:
                return str(value)
            continue
        target = resolver.lookup(str(reference), base.node)
        if target.pointer == schema.node.pointer and target.file is schema.node.file:
            return str(value)
    explicit = schema.node.value.get("x-ms-discriminator-value")
    return str(explicit) if explicit is not None else str(schema.name or "")


def _fixed(field: ir.Field, discriminator: str, value: str) -> ir.Field:
    """The discriminator property defaults to the model's own discriminator value."""
    if field.json_name != discriminator:
        return field
    return dataclasses.replace(field, has_default=True, default=value)


def _schema_name(pointer: str) -> str | None:
    for container in _NAMED_CONTAINERS:
        if pointer.startswith(container) and "/" not in pointer[len(container):]:
            return unescape_pointer_token(pointer[len(container):])
    return None


def _is_annotated_reference(value: dict[str, Any]) -> bool:
    """`{allOf: [{$ref: X}], description: ...}`: the OpenAPI 3.0 way to annotate a reference."""
    parts = value.get("allOf")
    return (
        isinstance(parts, list)
        and len(parts) == 1
        and isinstance(parts[0], dict)
        and "$ref" in parts[0]
        and all(key in _ANNOTATION_KEYS or key.startswith("x-") for key in value if key != "allOf")
    )


def _declares_nullable(value: Any) -> bool:
    return isinstance(value, dict) and bool(value.get("nullable") or value.get("x-nullable"))


def _text_of(value: dict[str, Any], key: str) -> str | None:
    found = value.get(key)
    return found if isinstance(found, str) else None


def _declared_types(value: dict[str, Any]) -> list[str]:
    declared = value.get("type")
    if isinstance(declared, str):
        return [declared]
    if isinstance(declared, list):
        return [t for t in declared if isinstance(t, str)]
    return []


def _has_own_shape(value: dict[str, Any]) -> bool:
    return "properties" in value or "allOf" in value


def _is_free_form(value: dict[str, Any]) -> bool:
    """`{type: object, properties: {}}` and nothing else that shapes it: any JSON object
    (`dict[str, Any]`, as AutoRest reads it), not a model class without fields that
    would drop every member."""
    shaping = ("allOf", "anyOf", "oneOf", "discriminator", "required", "additionalProperties", "enum")
    return value.get("properties") == {} and not any(key in value for key in shaping)


def _is_plain_map(value: dict[str, Any]) -> bool:
    return not value.get("properties") and "allOf" not in value and "additionalProperties" in value


_PRIMITIVE_KINDS: dict[str, Literal["string", "integer", "number", "boolean"]] = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
}


def _primitive_kind(name: str) -> Literal["string", "integer", "number", "boolean", "any"]:
    return _PRIMITIVE_KINDS.get(name, "any")


def _format(value: dict[str, Any]) -> str | None:
    declared = value.get("format")
    return declared if isinstance(declared, str) and declared else None


def _is_formatted_value(types: list[str], value: dict[str, Any]) -> bool:
    """A scalar whose format makes it something other than text or a number (a date, bytes,
    ...): its enum, often a single value as AutoRest's constants, does not make it an enum."""
    return len(types) == 1 and value_format(types[0], _format(value)) is not None


def _kind_of_values(values: list[Any]) -> str:
    if values and all(isinstance(v, str) for v in values):
        return "string"
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "integer"
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "number"
    if values and all(isinstance(v, bool) for v in values):
        return "boolean"
    return "mixed"


def _holds_text(t: ir.TypeRef) -> bool:
    """Whether a field of type `t` takes a discriminator value, a string as it is."""
    if isinstance(t, ir.EnumType):
        return t.value_kind == "string"
    if not isinstance(t, ir.PrimitiveType):
        return False
    return t.kind == "any" or (t.kind == "string" and value_format("string", t.format) is None)


def _discriminator_property(value: dict[str, Any]) -> str | None:
    declared = value.get("discriminator")
    if isinstance(declared, str):
        return declared
    name = declared.get("propertyName") if isinstance(declared, dict) else None
    return name if isinstance(name, str) else None


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

