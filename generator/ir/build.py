"""A resolved spec -> the IR `Api`: selection, servers, security, groups, ordering."""

from __future__ import annotations

import dataclasses
import fnmatch
from pathlib import Path
from typing import Any, Literal

from ..errors import GeneratorError, Location, Warnings, join_pointer
from ..loading.refs import Node, Resolver
from . import model as ir
from .naming import (
    Identifier,
    ReservedNames,
    Scope,
    pascal_case,
    snake_case,
    title_words,
)
from .events import finish_events, read_events
from .options import BuildOptions
from .operations import HTTP_METHODS, OperationReader, parse_template, scheme_identifier, synthesised_id
from .paging import read_paging
from .schemas import SchemaReader
from .values import conforms, prose
from .walk import reachable



def build_api(
    resolver: Resolver, dialect: str, warnings: Warnings, options: BuildOptions, reserved: ReservedNames
) -> ir.Api:
    """The IR of a loaded spec. `reserved` are the names the generated code writes
    itself, per namespace (the python view's `RESERVED_NAMES`): spec names avoid them."""
    try:
        return _build_api(resolver, dialect, warnings, options, reserved)
    except RecursionError:  # the readers recurse through nested schemas
        raise GeneratorError(
            "schemas are nested too deeply to generate code for (over Python's recursion limit)", resolver.root.location()
        ) from None


def _build_api(
    resolver: Resolver, dialect: str, warnings: Warnings, options: BuildOptions, reserved: ReservedNames
) -> ir.Api:
    root = resolver.root_node
    info = root.value.get("info") if isinstance(root.value.get("info"), dict) else {}
    name = _api_name(info) or _stem(Path(resolver.root.path))  # the default of both names
    package_name = snake_case(options.package_name or name, prefix="api", reserved=reserved.modules)
    class_scope = Scope(reserved.package)
    client_base = options.client_name or (package_name if options.package_name else name)
    client_name = class_scope.claim(
        pascal_case(client_base) if options.client_name else Identifier(pascal_case(client_base, prefix="Api") + "Client"),
        twin_prefix=reserved.async_prefix,
    )
    schemas = SchemaReader(resolver, warnings, class_scope, reserved.model_members)
    reader = OperationReader(resolver, schemas, warnings, dialect, reserved.operation_locals)

    operations, pointers = _read_operations(root, resolver, reader, options)
    if not operations:
        if _declares_operations(root):
            raise GeneratorError("no operations selected", root.location)
        _read_definitions(root, schemas)  # a document of models only
    server, server_examples = _server(root, resolver, dialect, reserved.client_arguments)
    operations = _with_server_examples(operations, server_examples)
    operations, groups = _grouped(operations, class_scope, reserved)
    operations = [_with_headers_result(op, class_scope, reserved.headers_members) for op in operations]
    client_parameters = _client_parameters(reader, server, reserved.client_parameters)
    operations = _with_client_names(operations, client_parameters)
    pending_events = read_events(resolver, schemas, operations, reader.nodes, options, warnings)
    schemas.finish()
    by_id = {op.operation_id: op for op in operations}
    operations = [
        dataclasses.replace(
            op,
            paging=read_paging(reader.nodes[op.operation_id], op, schemas.models, options.pagination, warnings, by_id),
        )
        for op in operations
    ]
    models, events = finish_events(pending_events, schemas.models, operations, class_scope, warnings)
    models = _with_usage(models, operations)
    operations = [
        _vetted(op, models, warnings, resolver.root.location(pointers[op.operation_id]))
        for op in operations
    ]
    return ir.Api(
        title=prose(info.get("title")),
        version=str(info.get("version", "")),
        description=prose(info.get("description")),
        source=resolver.root.path.name,
        package_name=package_name,
        client_name=client_name,
        server=server,
        client_parameters=client_parameters,
        security_schemes=_security_schemes(root, resolver, operations, dialect),
        security=reader.security(root.get("security")),
        operations=tuple(operations),
        groups=groups,
        models=_ordered(models),
        enums=tuple(schemas.enums[name] for name in sorted(schemas.enums)),
        events=events,
    )


def _with_headers_result(operation: ir.Operation, class_scope: Scope, members: tuple[str, ...]) -> ir.Operation:
    """An operation whose successful answers have no body but whose 2xx answers declare
    headers returns them (`HeadersResult`; headers of redirects, which the client
    follows, do not count); its class is named after the operation (and its group)."""
    successes = [r for r in operation.responses if not r.is_error]
    declaring = [r for r in successes if r.status.startswith("2") and r.headers]
    if not declaring or any(r.type is not None for r in successes):
        return operation
    if operation.method == "head" and any(r.status_code == 404 for r in successes):
        return operation  # it tells whether the resource exists: a bool
    headers: dict[str, ir.ResponseHeader] = {}
    for response in declaring:
        for header in response.headers:
            headers.setdefault(header.wire_name.lower(), header)
    names = Scope(members)
    fields = tuple(dataclasses.replace(h, name=names.claim(h.name)) for h in headers.values())
    stem = pascal_case((operation.group or "") + "_" + operation.name)
    name = class_scope.claim(Identifier(stem + "Headers"))
    return dataclasses.replace(operation, headers_result=ir.HeadersResult(name=name, headers=fields))


def _api_name(info: dict[str, Any]) -> str | None:
    """What the default package and client names come from, as AutoRest reads it: the
    `name` of `x-ms-code-generation-settings`, else the title without its trailing
    generic words (`... Call Automation APIs` -> `... Call Automation`); None when
    neither gives a word (the file's name serves then)."""
    settings = info.get("x-ms-code-generation-settings")
    named = settings.get("name") if isinstance(settings, dict) else None
    for text in (named, info.get("title")):
        if isinstance(text, str) and (words := title_words(text)):
            return " ".join(words)
    return None


def _stem(path: Path) -> str:
    """`api.swagger.json` -> `api`; `example.com__v2.json` -> `example.com__v2`."""
    stem = path.stem
    for marker in (".swagger", ".openapi", ".oas", ".oas3"):
        stem = stem.removesuffix(marker)
    return stem


def _read_operations(
    root: Node, resolver: Resolver, reader: OperationReader, options: BuildOptions
) -> tuple[list[ir.Operation], dict[str, str]]:
    """The selected operations, in the spec's order: those of `paths`, then those of
    Azure's `x-ms-paths` (whose keys may end in a query string that only tells
    operations of one path apart, as AutoRest reads it: it is not sent); with the JSON
    pointer of each, by operationId. Unselected ones are not read at all, so only the
    models the selection reaches are built."""
    paths = root.get("paths")
    if paths is None or not isinstance(paths.value, dict):
        raise GeneratorError("the document has no `paths` object", root.location)
    sections = [(paths, str(path), str(path)) for path in paths.value]
    extra = root.get("x-ms-paths")
    if extra is not None:
        if not isinstance(extra.value, dict):
            raise GeneratorError("x-ms-paths must be an object of path items", extra.location)
        sections += [(extra, str(key), x_ms_path(str(key), extra.child(key))) for key in extra.value]
    operations = []
    first_with_id: dict[str, str] = {}  # operationId -> the pointer of the operation that has it
    pointers: dict[str, str] = {}  # operationId -> its pointer in the root document
    for section, key, path in sections:
        path_item = resolver.deref(section.child(key))
        if not isinstance(path_item.value, dict):
            raise GeneratorError("a path item must be an object", path_item.location)
        for method in path_item.value:
            if method in HTTP_METHODS and _selected(path_item.value[method], path, method, options):
                operation = path_item.child(method)
                operations.append(reader.read(path, method, operation, path_item))
                if section is extra:
                    _check_query(key, operations[-1], operation, reader.warnings)
                # Functions, examples and pages are named by operationId: one id, one operation.
                # (The validator says so too, but not once it has given up on a document.)
                operation_id = operations[-1].operation_id
                if operation_id in first_with_id:
                    raise GeneratorError(
                        f"operationId {operation_id!r} is already the id of #{first_with_id[operation_id]}",
                        (operation.get("operationId") or operation).location,
                    )
                first_with_id[operation_id] = operation.pointer
                pointers[operation_id] = join_pointer(section.pointer, key, method)
    return operations, pointers


def _check_query(key: str, operation: ir.Operation, where: Node, warnings: Warnings) -> None:
    """A located warning for each name in the query of an `x-ms-paths` key that is no
    query parameter of the operation: that query is not sent (AutoRest's reading)."""
    declared = {p.wire_name for p in operation.parameters if p.location == "query"}
    for pair in key.partition("?")[2].split("&"):
        name, equals, _ = pair.partition("=")
        if equals and name not in declared:
            warnings.warn(
                f"x-ms-paths key {key!r}: {name!r} is no query parameter of the operation, and the "
                "key's query only tells operations apart: it is not sent",
                where.location,
            )


def x_ms_path(key: str, where: Node) -> str:
    """The path of an `x-ms-paths` key: `/a/{b}?op=c` -> `/a/{b}`; a located error for
    a key that is no path (not starting with `/`, or with nothing after its `?`)."""
    path, mark, query = key.partition("?")
    if not path.startswith("/"):
        raise GeneratorError(f"x-ms-paths key {key!r} must start with `/`", where.location)
    if mark and not query:
        raise GeneratorError(f"x-ms-paths key {key!r} has nothing after its `?`", where.location)
    if "#" in key:
        raise GeneratorError(f"x-ms-paths key {key!r} must not hold a fragment (`#`)", where.location)
    return path


def _declares_operations(root: Node) -> bool:
    """Whether any path item of the document holds an operation (selected or not)."""
    paths = root.value.get("paths")
    return any(
        isinstance(item, dict) and any(method in HTTP_METHODS for method in item)
        for item in (paths.values() if isinstance(paths, dict) else ())
    )


def _read_definitions(root: Node, schemas: SchemaReader) -> None:
    """Every named schema of a document without operations (Swagger `definitions`,
    OpenAPI `components/schemas`), in the document's order: the package is its models."""
    for container in (("definitions",), ("components", "schemas")):
        node: Node | None = root
        for token in container:
            node = node.get(token) if node is not None else None
        if node is None or not isinstance(node.value, dict):
            continue
        for schema_name in node.value:
            schemas.type_of(node.child(schema_name), str(schema_name))


def _selected(operation: Any, path: str, method: str, options: BuildOptions) -> bool:
    if not isinstance(operation, dict):
        return True  # read, so that the problem is reported where it is
    operation_id = str(operation.get("operationId") or synthesised_id(method, path))
    if options.operation_ids and not any(fnmatch.fnmatchcase(operation_id, p) for p in options.operation_ids):
        return False
    tags = operation.get("tags")
    tags = tags if isinstance(tags, list) else []
    return not options.tags or any(tag in options.tags for tag in tags)


def _grouped(
    operations: list[ir.Operation], class_scope: Scope, reserved: ReservedNames
) -> tuple[list[ir.Operation], tuple[ir.OperationGroup, ...]]:
    """Unique method names per group, and a class per group, in order of appearance."""
    client_scope = Scope(reserved.client_members)
    group_names = list(dict.fromkeys(op.group for op in operations if op.group is not None))
    attribute = {group: client_scope.claim(group) for group in group_names}
    scopes = {group: Scope(reserved.client_members) for group in group_names}
    named = []
    for op in operations:
        scope = scopes[op.group] if op.group is not None else client_scope
        group = attribute[op.group] if op.group is not None else None
        renamed = dataclasses.replace(op, name=scope.claim(op.name), group=group)
        if op.long_running is not None:  # its method is `begin_<name>`
            long_running = dataclasses.replace(op.long_running, method_name=scope.claim(snake_case("begin_" + renamed.name)))
            renamed = dataclasses.replace(renamed, long_running=long_running)
        named.append(renamed)
    groups = tuple(
        ir.OperationGroup(
            name=attribute[group],
            class_name=class_scope.claim(Identifier(pascal_case(group) + "Operations"), twin_prefix=reserved.async_prefix),
            operations=tuple(op.name for op in named if op.group == attribute[group]),
        )
        for group in group_names
    )
    return named, groups


# ---------------------------------------------------------------------- server


def _server(
    root: Node, resolver: Resolver, dialect: str, arguments: tuple[str, ...]
) -> tuple[ir.Server, dict[str, str]]:
    """The server, and example values of its variables (by wire name) for the examples;
    the variables' names avoid the client constructor's other `arguments`."""
    if dialect == "2.0":
        return _swagger_server(root, resolver, arguments), {}
    servers = root.get("servers")
    if servers is None or not isinstance(servers.value, list) or not servers.value:
        return _fixed_server("", ""), {}
    server = servers.child(0)
    url = str(server.value.get("url", ""))
    declared = server.value.get("variables") if isinstance(server.value.get("variables"), dict) else {}
    if not declared:
        return _fixed_server(url, prose(server.value.get("description"))), {}
    scope = Scope(arguments)
    variables = []
    examples = {}
    for wire_name, spec in declared.items():
        spec = spec if isinstance(spec, dict) else {}
        # A variable the URL starts with is the scheme and host: there is no sensible
        # default for it, so its spec default only serves as the example value.
        required = url.startswith("{" + wire_name + "}")
        if required and spec.get("default") is not None:
            examples[str(wire_name)] = str(spec["default"])
        variables.append(
            ir.ServerVariable(
                name=scope.claim(snake_case(wire_name, prefix="server")),
                wire_name=wire_name,
                default=None if required else _string_or_none(spec.get("default")),
                description=prose(spec.get("description")),
                required=required,
            )
        )
    names = {v.wire_name: v.name for v in variables}
    _check_template(url, names, server)
    server_ir = ir.Server(url, parse_template(url, names), tuple(variables), prose(server.value.get("description")))
    return server_ir, examples


def _swagger_server(root: Node, resolver: Resolver, arguments: tuple[str, ...]) -> ir.Server:
    value = root.value
    base_path = str(value.get("basePath", "")).rstrip("/")
    host_spec = root.get("x-ms-parameterized-host")
    if host_spec is None or not isinstance(host_spec.value, dict):
        host = value.get("host")
        if not host:
            return _fixed_server(base_path, "")
        schemes = value.get("schemes") or ["https"]
        return _fixed_server(f"{schemes[0]}://{host}{base_path}", "")
    template = host_spec.text("hostTemplate") or ""
    if host_spec.value.get("useSchemePrefix", True):
        template = f"{(value.get('schemes') or ['http'])[0]}://{template}"  # AutoRest's default: http
    scope = Scope(arguments)
    variables = []
    parameters = host_spec.get("parameters")
    for index in range(len(parameters.value) if parameters is not None and isinstance(parameters.value, list) else 0):
        parameter = resolver.deref(parameters.child(index))  # type: ignore[union-attr]
        spec = parameter.value
        if not isinstance(spec, dict) or parameter.text("name") is None:
            raise GeneratorError("a host parameter needs a name", parameter.location)
        variables.append(
            ir.ServerVariable(
                name=scope.claim(snake_case(parameter.text("x-ms-client-name") or spec["name"], prefix="server")),
                wire_name=spec["name"],
                default=_string_or_none(spec.get("default")),
                description=prose(spec.get("description")),
                required=bool(spec.get("required")) and "default" not in spec,
            )
        )
    url = template + base_path
    names = {v.wire_name: v.name for v in variables}
    _check_template(url, names, host_spec)
    return ir.Server(url, parse_template(url, names), tuple(variables), "")


def _fixed_server(url: str, description: str) -> ir.Server:
    """A server with no variables still gets one client argument, to point it elsewhere."""
    variable = ir.ServerVariable(
        name=Identifier("base_url"),
        wire_name="base_url",
        default=url if "://" in url else None,
        description="The base URL of the service.",
        required="://" not in url,
    )
    path = "" if "://" in url else url
    parts = (ir.SegmentPart("", variable.name),) + ((ir.SegmentPart(path, None),) if path else ())
    return ir.Server(url, parts, (variable,), description)


def _check_template(url: str, names: dict[str, Identifier], where: Node) -> None:
    try:
        parse_template(url, names)
    except KeyError as missing:
        raise GeneratorError(f"server URL uses the undeclared variable {missing}", where.location) from None


def _string_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def _with_server_examples(operations: list[ir.Operation], extra: dict[str, str]) -> list[ir.Operation]:
    """Give examples the server variables' example values they do not state themselves."""
    if not extra:
        return operations
    result = []
    for op in operations:
        examples = tuple(
            dataclasses.replace(example, parameters=ir.FrozenDict({**extra, **example.parameters}))
            for example in op.examples
        )
        result.append(dataclasses.replace(op, examples=examples))
    return result


def _with_client_names(operations: list[ir.Operation], client: tuple[ir.Parameter, ...]) -> list[ir.Operation]:
    """Client-level parameters carry, in every operation, the name the client gave them."""
    names = {p.wire_name: p.name for p in client}
    renamed = []
    for op in operations:
        parameters = tuple(
            dataclasses.replace(p, name=names[p.wire_name]) if p.client_level and p.wire_name in names else p
            for p in op.parameters
        )
        path_names = {p.wire_name: p.name for p in parameters if p.location == "path"}
        renamed.append(dataclasses.replace(op, parameters=parameters, path_parts=parse_template(op.path, path_names)))
    return renamed


def _client_parameters(
    reader: OperationReader, server: ir.Server, reserved: tuple[str, ...]
) -> tuple[ir.Parameter, ...]:
    scope = Scope((*reserved, *(v.name for v in server.variables)))
    return tuple(dataclasses.replace(p, name=scope.claim(p.name)) for p in reader.client_parameters.values())


# ---------------------------------------------------------------------- security


def _security_schemes(
    root: Node, resolver: Resolver, operations: list[ir.Operation], dialect: str
) -> tuple[ir.SecurityScheme, ...]:
    used = {scheme for op in operations for requirement in op.security for scheme in requirement.schemes}
    container = root.get("securityDefinitions") if dialect == "2.0" else root.get("components")
    if dialect != "2.0" and container is not None:
        container = container.get("securitySchemes")
    if container is None or not isinstance(container.value, dict):
        return ()
    schemes = []
    for scheme_name in container.value:
        if scheme_identifier(scheme_name) not in used:
            continue
        node = resolver.deref(container.child(scheme_name))
        spec = node.value
        kind = {"apiKey": "api_key", "http": "http", "basic": "http", "oauth2": "oauth2",
                "openIdConnect": "open_id_connect"}.get(spec.get("type"))
        if kind is None:
            raise GeneratorError(f"unknown security scheme type {spec.get('type')!r}", node.location)
        scopes = spec.get("scopes") or {}
        for flow in (spec.get("flows") or {}).values():
            if isinstance(flow, dict):
                scopes = {**scopes, **(flow.get("scopes") or {})}
        schemes.append(
            ir.SecurityScheme(
                name=scheme_identifier(scheme_name),
                scheme_name=str(scheme_name),
                kind=kind,  # type: ignore[arg-type]
                description=prose(spec.get("description")),
                wire_name=spec.get("name") if kind == "api_key" else None,
                location=spec.get("in") if kind == "api_key" else None,
                scheme="basic" if spec.get("type") == "basic" else spec.get("scheme"),
                scopes=tuple(sorted(scopes)),
                flows=_oauth_flows(spec) if kind == "oauth2" else (),
                open_id_connect_url=_string_or_none(spec.get("openIdConnectUrl")),
            )
        )
    return tuple(schemes)


_SWAGGER_FLOWS = {"accessCode": "authorizationCode", "application": "clientCredentials"}


def _oauth_flows(spec: dict[str, Any]) -> tuple[ir.OAuthFlow, ...]:
    """OpenAPI 3's `flows`, or Swagger 2.0's one `flow` with its URLs and scopes."""
    if isinstance(spec.get("flows"), dict):
        flows = [(str(kind), flow) for kind, flow in spec["flows"].items() if isinstance(flow, dict)]
    elif isinstance(spec.get("flow"), str):
        flows = [(_SWAGGER_FLOWS.get(spec["flow"], spec["flow"]), spec)]
    else:
        return ()
    return tuple(
        ir.OAuthFlow(
            kind=kind,
            authorization_url=_string_or_none(flow.get("authorizationUrl")),
            token_url=_string_or_none(flow.get("tokenUrl")),
            refresh_url=_string_or_none(flow.get("refreshUrl")),
            scopes=tuple(sorted(str(s) for s in flow.get("scopes") or {})),
        )
        for kind, flow in sorted(flows)
    )


# ---------------------------------------------------------------------- examples


def _vetted(op: ir.Operation, models: dict[Identifier, ir.Model], warnings: Warnings, where: Location) -> ir.Operation:
    """Examples with the parts that do not match their schemas left out (with a warning):
    tests emitted from a wrong example would only test the example."""
    parameters = {p.wire_name: p for p in op.parameters}
    responses = {r.status: r for r in op.responses}
    vetted = []
    for example in op.examples:
        label = f"operation {op.operation_id}, example {example.title!r}"
        kept_parameters = {}
        for wire_name, value in example.parameters.items():
            parameter = parameters.get(wire_name)
            if parameter is not None and not _parameter_fits(parameter, value, models):
                warnings.warn(f"{label}: parameter {wire_name!r} does not match its schema; not used", where)
                continue
            kept_parameters[wire_name] = value
        body, has_body = example.body, example.has_body
        if has_body and op.body is not None and not conforms(op.body.type, body, models):
            warnings.warn(f"{label}: the request body does not match its schema; not used", where)
            body, has_body = None, False
        kept_responses = []
        for response in example.responses:
            declared = responses.get(response.status) or responses.get("default")
            if response.has_body and declared is not None and declared.type is not None and not conforms(
                declared.type, response.body, models
            ):
                warnings.warn(f"{label}: the {response.status} response does not match its schema; not used", where)
                continue
            kept_responses.append(response)
        vetted.append(
            dataclasses.replace(
                example,
                parameters=ir.FrozenDict(kept_parameters),
                body=body,
                has_body=has_body,
                responses=tuple(kept_responses),
            )
        )
    return dataclasses.replace(op, examples=tuple(vetted))


def _parameter_fits(parameter: ir.Parameter, value: Any, models: dict[Identifier, ir.Model]) -> bool:
    """Whether an example's value can be passed for `parameter`: null leaves out an
    optional parameter, and a required one takes no null."""
    if value is None:
        return not parameter.required
    return conforms(parameter.type, value, models)


# ---------------------------------------------------------------------- models


def _ordered(models: dict[Identifier, ir.Model]) -> tuple[ir.Model, ...]:
    """Sorted by name, except that a base model always comes before its subtypes."""
    ordered: dict[Identifier, ir.Model] = {}

    def place(name: Identifier) -> None:
        if name in ordered:
            return
        base = models[name].base
        if base is not None:
            place(base)
        ordered[name] = models[name]

    for name in sorted(models):
        place(name)
    return tuple(ordered.values())


# ---------------------------------------------------------------------- usage


def _with_usage(models: dict[Identifier, ir.Model], operations: list[ir.Operation]) -> dict[Identifier, ir.Model]:
    """Mark each model as sent (`input`), received (`output`) or both."""
    sent = reachable(models, [p.type for op in operations for p in op.parameters]
                     + [op.body.type for op in operations if op.body])
    received = reachable(models, [r.type for op in operations for r in op.responses if r.type is not None])
    result = {}
    for name, model in models.items():
        usage: Literal["input", "output", "both"] = (
            "both" if name in sent and name in received else "input" if name in sent else "output"
        )
        result[name] = dataclasses.replace(model, usage=usage)
    return result
