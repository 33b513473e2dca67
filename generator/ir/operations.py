"""Path items -> IR operations, for OpenAPI 3.x and Swagger 2.0 alike.

The two dialects differ in where they keep things (a `requestBody` vs an `in: body`
parameter, `content` maps vs `produces` lists, `schema` vs inline `type` on simple
parameters); `OperationReader` asks the dialect and builds one shape.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from ..errors import GeneratorError, Warnings
from ..loading.refs import Node, Resolver
from . import model as ir
from .naming import Identifier, Scope, pascal_case, snake_case
from .examples import read_examples
from .media import pick_media_type
from .paging import read_long_running
from .schemas import SchemaReader
from .values import coerce, freeze, prose, text_or_none

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_PATH_TEMPLATE = re.compile(r"\{([^{}]+)\}")
# `Group_Name` (AutoRest's operation groups): a PascalCase prefix, or a lowerCamel one
# with a capital inside followed by a name starting with a letter (`httpSuccess_get200`),
# so that snake_case ids such as `get_user` or `mainApp_1` stay whole.
_GROUPED_ID = re.compile(r"^([A-Z][A-Za-z0-9]*)_([A-Za-z0-9]+)$|^([a-z][a-z0-9]*[A-Z][A-Za-z0-9]*)_([A-Za-z][A-Za-z0-9]*)$")
_GLOBAL_PARAMETER = re.compile(r"/parameters/[^/]+")
_STYLE_FORMATS = {"form": "csv", "spaceDelimited": "ssv", "pipeDelimited": "pipes", "simple": "csv"}


def split_operation_id(operation_id: str) -> tuple[str | None, str]:
    """Azure's `Group_Name` convention: `CallConnection_Transfer` -> (`CallConnection`, `Transfer`)."""
    match = _GROUPED_ID.match(operation_id)
    if match is None:
        return None, operation_id
    return (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))


def parse_template(template: str, names: dict[str, Identifier]) -> tuple[ir.SegmentPart, ...]:
    """`/a/{id}:x` -> literal `/a/`, parameter `id`, literal `:x`."""
    parts: list[ir.SegmentPart] = []
    position = 0
    for match in _PATH_TEMPLATE.finditer(template):
        if match.start() > position:
            parts.append(ir.SegmentPart(template[position : match.start()], None))
        parts.append(ir.SegmentPart("", names[match.group(1)]))
        position = match.end()
    if position < len(template):
        parts.append(ir.SegmentPart(template[position:], None))
    return tuple(parts)


class OperationReader:
    def __init__(
        self,
        resolver: Resolver,
        schemas: SchemaReader,
        warnings: Warnings,
        dialect: str,
        operation_locals: tuple[str, ...],
    ) -> None:
        self.resolver = resolver
        self.operation_locals = operation_locals  # what an operation's parameters avoid besides keywords
        self.schemas = schemas
        self.warnings = warnings
        self.swagger = dialect == "2.0"
        self.root = resolver.root_node
        self.client_parameters: dict[str, ir.Parameter] = {}
        self.nodes: dict[str, Node] = {}  # each operation's node, by operationId, for what is read after the models
        # AutoRest's reading of Swagger files that flag their errors: a declared status is
        # an error only when marked `x-ms-error-response: true` (or when it is `default`).
        self.flagged_errors = self.swagger and _uses_error_flags(self.root.value)
        info = self.root.value.get("info")
        self.api_version = str(info["version"]) if isinstance(info, dict) and info.get("version") else None

    # ------------------------------------------------------------------ operations

    def read(self, path: str, method: str, node: Node, path_item: Node) -> ir.Operation:
        value = node.value
        operation_id = value.get("operationId") or synthesised_id(method, path)
        group, method_name = split_operation_id(operation_id)
        responses = node.get("responses")
        if responses is None or not isinstance(responses.value, dict) or not responses.value:
            raise GeneratorError("operation has no responses", node.location)

        parameter_nodes = self._parameter_nodes(path_item, node)
        body_node = self._body_node(node, parameter_nodes)
        scope = Scope(self.operation_locals)
        body_name = self._body_name(body_node, node)
        operation_hint = pascal_case(operation_id)
        parameters: list[ir.Parameter] = []
        for parameter_node in parameter_nodes:
            if parameter_node.value.get("in") == "body":
                continue
            parameter = self._parameter(parameter_node, scope, operation_hint)
            if parameter.client_level:
                self.client_parameters.setdefault(parameter.wire_name, parameter)
            parameters.append(parameter)
        self._check_form(node, parameters)
        body = None
        if body_node is not None:
            body = self._body(body_node, scope.claim(snake_case(body_name, prefix="body")), scope, operation_hint, node)

        path_names = {p.wire_name: p.name for p in parameters if p.location == "path"}
        for placeholder in _PATH_TEMPLATE.findall(path):
            if placeholder not in path_names:
                raise GeneratorError(f"path parameter {{{placeholder}}} is not declared", node.location)
        operation = ir.Operation(
            operation_id=operation_id,
            name=snake_case(method_name, prefix="operation"),
            group=snake_case(group) if group else None,
            method=method,  # type: ignore[arg-type]
            path=path,
            path_parts=parse_template(path, path_names),
            summary=prose(value.get("summary")),
            description=prose(value.get("description")),
            tags=tuple(t for t in value.get("tags", ()) if isinstance(t, str)),
            deprecated=bool(value.get("deprecated")),
            parameters=tuple(_sorted_parameters(parameters)),
            body=body,
            responses=self._responses(responses, operation_hint, node, method),
            security=self.security(node.get("security") or self.root.get("security")),
            examples=read_examples(
                node,
                parameter_nodes,
                body_node.value.get("name") if self.swagger and body_node is not None else None,
                self.resolver,
                self.warnings,
                self.swagger,
            ),
            sunset=text_or_none(value.get("x-sunset")),
            stability=text_or_none(value.get("x-stability-level")),
        )
        self.nodes[operation_id] = node
        return dataclasses.replace(operation, long_running=read_long_running(node, operation, self.warnings))

    def _parameter_nodes(self, path_item: Node, operation: Node) -> list[Node]:
        """Path-level parameters overridden by operation-level ones of the same name and place."""
        merged: dict[tuple[str, str], Node] = {}
        for owner in (path_item, operation):
            listed = owner.get("parameters")
            if listed is None or not isinstance(listed.value, list):
                continue
            for index in range(len(listed.value)):
                parameter = self.resolver.deref(listed.child(index))
                if not isinstance(parameter.value, dict) or "name" not in parameter.value or "in" not in parameter.value:
                    raise GeneratorError("a parameter needs `name` and `in`", parameter.location)
                merged[(parameter.value["name"], parameter.value["in"])] = parameter
        return list(merged.values())

    def _parameter(self, node: Node, scope: Scope, operation_hint: str) -> ir.Parameter:
        value = node.value
        location = value["in"]
        if "x-ms-parameter-grouping" in value:
            self.warnings.warn(UNSUPPORTED_GROUPING, node.child("x-ms-parameter-grouping").location)
        if location not in ("path", "query", "header", "cookie") + (("formData",) if self.swagger else ()):
            raise GeneratorError(f"unknown parameter location {location!r}", node.location)
        schema_node = node if self.swagger else node.get("schema")
        if schema_node is None:
            content = node.get("content")
            media = next(iter(content.value), None) if content is not None and isinstance(content.value, dict) else None
            schema_node = content.child(media, "schema") if content is not None and media else None
        hint = operation_hint + pascal_case(value["name"])
        nullable = False
        if schema_node is None:
            parameter_type: ir.TypeRef = ir.PrimitiveType("string")
            schema_value: dict[str, Any] = {}
        else:
            parameter_type, nullable = self.schemas.type_of(schema_node, hint)
            schema_value = self.schemas.look_through(schema_node).node.value if not self.swagger else value
        # AutoRest's rule for Swagger files: a parameter of a document's own `parameters`
        # section (reached by `$ref`) belongs to the client unless it is marked `method`.
        declared_location = value.get("x-ms-parameter-location")
        is_global = self.swagger and _GLOBAL_PARAMETER.fullmatch(node.pointer) is not None
        client_level = declared_location == "client" or (is_global and declared_location != "method")
        has_default, default = "default" in schema_value, schema_value.get("default")
        for source in (value, schema_value):  # Azure: the default the client (not the service) applies
            if not has_default and "x-ms-client-default" in source:
                has_default, default = True, source["x-ms-client-default"]
        if not has_default and value["name"] == "api-version" and location == "query" and self.api_version:
            # Azure's convention (AutoRest's too): api-version defaults to the API's version.
            has_default, default = True, self.api_version
        if has_default:
            declared = default
            has_default, default = coerce(declared, parameter_type)
            # A null default of a parameter that may be null is no default: it is not sent.
            if not has_default and not (declared is None and nullable):
                self.warnings.warn(f"default {declared!r} does not fit the parameter's type; ignored", node.location)
        if isinstance(parameter_type, ir.ArrayType) and isinstance(parameter_type.items, ir.ArrayType):
            self.warnings.warn(
                f"parameter {value['name']!r} is an array of arrays, for which OpenAPI defines no serialisation"
                f" in a {location} parameter: each inner array is sent as JSON text",
                node.location,
            )
        required = bool(value.get("required")) or location == "path"
        if required and not has_default:
            has_default, default = self.schemas.constant(parameter_type, schema_value)
        name = snake_case(node.text("x-ms-client-name") or value["name"], prefix="param")
        return ir.Parameter(
            name=name if client_level else scope.claim(name),
            wire_name=value["name"],
            location=location,
            type=parameter_type,
            required=required,
            has_default=has_default,
            default=freeze(default) if has_default else None,
            description=prose(value.get("description")),
            deprecated=bool(value.get("deprecated")),
            sunset=text_or_none(value.get("x-sunset")),
            client_level=client_level,
            skip_url_encoding=bool(value.get("x-ms-skip-url-encoding") or value.get("allowReserved")),
            # how items are joined only matters for arrays; scalars get the one neutral value
            collection_format=(
                self._collection_format(value, location) if isinstance(parameter_type, ir.ArrayType) else "csv"
            ),
            nullable=nullable,
            constraints=self.schemas.constraints(schema_node) if schema_node is not None else ir.NO_CONSTRAINTS,
        )

    def _collection_format(self, value: dict[str, Any], location: str) -> Any:
        if self.swagger:
            declared = value.get("collectionFormat", "csv")
            return declared if declared in ("csv", "ssv", "tsv", "pipes", "multi") else "csv"
        style = value.get("style", "form" if location in ("query", "cookie") else "simple")
        explode = value.get("explode", style == "form")
        return "multi" if style == "form" and explode else _STYLE_FORMATS.get(style, "csv")

    # ------------------------------------------------------------------ bodies

    def _body_node(self, operation: Node, parameters: list[Node]) -> Node | None:
        if self.swagger:
            bodies = [p for p in parameters if p.value.get("in") == "body"]
            if bodies and any(p.value.get("in") == "formData" for p in parameters):
                raise GeneratorError("an operation takes a body or formData parameters, not both", operation.location)
            return bodies[0] if bodies else None
        body = operation.get("requestBody")
        return self.resolver.deref(body) if body is not None else None

    def _check_form(self, operation: Node, parameters: list[ir.Parameter]) -> None:
        """Form fields go in a multipart body when one is a file, else in an urlencoded one."""
        form = [p for p in parameters if p.location == "formData"]
        files = [p for p in form if isinstance(p.type, ir.PrimitiveType) and p.type.format == "binary"]
        consumes = self._media_list(operation, "consumes")
        if form and not files and "multipart/form-data" in consumes and "application/x-www-form-urlencoded" not in consumes:
            self.warnings.warn(
                "multipart/form-data without a file field: the form is sent as application/x-www-form-urlencoded",
                operation.location,
            )

    def _body_name(self, body: Node | None, operation: Node) -> str:
        if body is None:
            return "body"
        if self.swagger:
            return str(body.value["name"])
        for key in ("x-codegen-request-body-name", "x-ms-requestBody-name"):
            for owner in (body.value, operation.value):
                if isinstance(owner.get(key), str):
                    return str(owner[key])
        return "body"

    def _body(self, body: Node, name: Identifier, scope: Scope, operation_hint: str, operation: Node) -> ir.RequestBody:
        if body.value.get("x-ms-client-flatten") is True:
            self.warnings.warn(UNSUPPORTED_FLATTEN, body.child("x-ms-client-flatten").location)
        if self.swagger:
            media_types = self._media_list(operation, "consumes")
            schema_node = body.get("schema")
            media_type = pick_media_type(media_types) or "application/json"
        else:
            content = body.get("content")
            if content is None or not isinstance(content.value, dict) or not content.value:
                raise GeneratorError("requestBody has no content", body.location)
            media_types = [str(m) for m in content.value]
            media_type = pick_media_type(media_types) or ""
            schema_node = content.child(media_type).get("schema")
        body_type, nullable = (
            self.schemas.type_of(schema_node, operation_hint + "Request")
            if schema_node is not None
            else (ir.PrimitiveType("any"), False)
        )
        schema_value = self.schemas.look_through(schema_node).node.value if schema_node is not None else None
        has_default = isinstance(schema_value, dict) and "default" in schema_value
        media_types = list(dict.fromkeys(media_types or [media_type]))
        return ir.RequestBody(
            name=name,
            media_type=media_type,
            media_types=tuple(media_types),
            content_type=scope.claim(Identifier("content_type")) if len(media_types) > 1 else None,
            type=body_type,
            required=bool(body.value.get("required")),
            description=prose(body.value.get("description")),
            nullable=nullable,
            has_default=has_default,
            default=freeze(schema_value["default"]) if has_default else None,  # type: ignore[index]
            constraints=self.schemas.constraints(schema_node) if schema_node is not None else ir.NO_CONSTRAINTS,
            xml=self.schemas.xml_of(schema_node),
        )

    def _media_list(self, operation: Node, key: str) -> list[str]:
        declared = operation.value.get(key, self.root.value.get(key, []))
        return [m for m in declared if isinstance(m, str)] if isinstance(declared, list) else []

    # ------------------------------------------------------------------ responses

    def _responses(self, responses: Node, operation_hint: str, operation: Node, method: str) -> tuple[ir.Response, ...]:
        nodes = {str(status): self.resolver.deref(responses.child(status)) for status in responses.value}
        for node in nodes.values():
            if not isinstance(node.value, dict):
                raise GeneratorError("a response must be an object", node.location)
        errors = {status: self._is_error(status, node.value, method) for status, node in nodes.items()}
        if "default" in errors and errors["default"] is None:
            # `default` is an error beside any other answer; alone, it is the answer
            errors["default"] = any(flag is False for flag in errors.values())
        result = []
        for status_text in sorted(nodes, key=_status_order):
            node = nodes[status_text]
            status_code = int(status_text) if status_text.isdigit() else None
            media_type, schema_node = self._response_schema(node, operation)
            if method == "head" and schema_node is not None:
                # RFC 9110: the answer to HEAD never has content, whatever a schema says
                self.warnings.warn("a HEAD answer has no body: its schema is ignored", schema_node.location)
                media_type, schema_node = None, None
            suffix = "" if status_text.startswith("2") else status_text.capitalize()
            response_type, nullable = (
                self.schemas.type_of(schema_node, operation_hint + "Response" + suffix)
                if schema_node is not None
                else (None, False)
            )
            is_error = bool(errors[status_text])
            result.append(
                ir.Response(
                    status=status_text,
                    status_code=status_code,
                    description=prose(node.value.get("description")),
                    media_type=media_type if response_type is not None else None,
                    type=response_type,
                    nullable=nullable and response_type is not None,
                    headers=self._response_headers(node),
                    is_error=is_error,
                    error_field=self._error_field(response_type) if is_error else None,
                    constraints=self.schemas.constraints(schema_node) if schema_node is not None else ir.NO_CONSTRAINTS,
                    xml=self.schemas.xml_of(schema_node),
                )
            )
        return tuple(result)

    def _is_error(self, status: str, response: Any, method: str) -> bool | None:
        """Whether a declared status is an error; None for a `default` not flagged either way."""
        flag = response.get("x-ms-error-response") if isinstance(response, dict) else None
        if isinstance(flag, bool):
            return flag
        if status == "default":
            return None
        if status[:1] not in ("4", "5"):
            return False
        # A HEAD that declares 404 tells whether the resource exists (AutoRest's reading).
        return not (self.flagged_errors or (method == "head" and status == "404"))

    def _response_schema(self, response: Node, operation: Node) -> tuple[str | None, Node | None]:
        if self.swagger:
            schema = response.get("schema")
            return (pick_media_type(self._media_list(operation, "produces")) or "application/json", schema)
        content = response.get("content")
        if content is None or not isinstance(content.value, dict) or not content.value:
            return None, None
        media_type = pick_media_type(list(content.value))
        return media_type, content.child(media_type).get("schema") if media_type else None

    def _response_headers(self, response: Node) -> tuple[ir.ResponseHeader, ...]:
        headers = response.get("headers")
        if headers is None or not isinstance(headers.value, dict):
            return ()
        scope = Scope()
        result = []
        for wire_name in headers.value:
            header = self.resolver.deref(headers.child(wire_name))
            schema_node = header if self.swagger else header.get("schema")
            header_type = (
                self.schemas.type_of(schema_node, pascal_case(wire_name))[0] if schema_node is not None
                else ir.PrimitiveType("string")
            )
            result.append(
                ir.ResponseHeader(
                    name=scope.claim(snake_case(wire_name, prefix="header")),
                    wire_name=wire_name,
                    type=header_type,
                    description=prose(header.value.get("description")),
                )
            )
        return tuple(result)

    def _error_field(self, response_type: ir.TypeRef | None) -> ir.Field | None:
        """The `error` field of an `{"error": {...}}` envelope, per the Microsoft REST guidelines."""
        if not isinstance(response_type, ir.ModelType):
            return None
        envelope = self.schemas.models.get(response_type.name)
        if envelope is None or len(envelope.fields) != 1:
            return None
        (only,) = envelope.fields
        return only if only.json_name == "error" and isinstance(only.type, ir.ModelType) else None

    # ------------------------------------------------------------------ security

    def security(self, node: Node | None) -> tuple[ir.SecurityRequirement, ...]:
        if node is None or not isinstance(node.value, list):
            return ()
        requirements = []
        for alternative in node.value:
            if not isinstance(alternative, dict):
                continue
            scopes = sorted({s for listed in alternative.values() if isinstance(listed, list) for s in listed})
            requirements.append(
                ir.SecurityRequirement(tuple(scheme_identifier(s) for s in alternative), tuple(scopes))
            )
        return tuple(requirements)


#: Azure extensions read but not honoured (located warnings; the code stays correct).
UNSUPPORTED_FLATTEN = "x-ms-client-flatten is not honoured: the value is taken and given as one object of its schema"
UNSUPPORTED_GROUPING = "x-ms-parameter-grouping is not honoured: the parameter stays an argument of its own"


def scheme_identifier(scheme_name: str) -> Identifier:
    return snake_case(scheme_name, prefix="scheme")


def _uses_error_flags(root: Any) -> bool:
    """Whether a Swagger document marks any response with `x-ms-error-response`."""
    responses: list[Any] = list(root.get("responses", {}).values()) if isinstance(root.get("responses"), dict) else []
    path_items = [
        item for section in (root.get("paths"), root.get("x-ms-paths")) if isinstance(section, dict)
        for item in section.values()
    ]
    for path_item in path_items:
        for operation in path_item.values() if isinstance(path_item, dict) else ():
            declared = operation.get("responses") if isinstance(operation, dict) else None
            responses += declared.values() if isinstance(declared, dict) else ()
    return any(isinstance(r, dict) and "x-ms-error-response" in r for r in responses)


def _status_order(status: Any) -> tuple[int, str]:
    text = str(status)
    if text.isdigit():
        return (0, text)
    return (1, text) if text != "default" else (2, text)


def _sorted_parameters(parameters: list[ir.Parameter]) -> list[ir.Parameter]:
    """Required parameters first (in spec order), then optional ones."""
    return [p for p in parameters if p.required and not p.has_default] + [
        p for p in parameters if not (p.required and not p.has_default)
    ]


def synthesised_id(method: str, path: str) -> str:
    return f"{method}_{path}"
