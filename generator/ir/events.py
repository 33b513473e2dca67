"""Events: the payloads a service sends back to the user, read into `Api.events`.

Three sources: OpenAPI 3.0 `callbacks` of the selected operations, OpenAPI 3.1
`webhooks`, and named schemas that no operation references, chosen by the
`[tool.apiforge] events` globs (Azure describes Call Automation's events so). Each
callback's or webhook's JSON request body is one event. The payload's model is read
by the `SchemaReader` like every other model; `finish_events` then takes it out of
`Api.models` (it becomes the event's own frozen class) unless something else uses it.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import re
from dataclasses import dataclass
from typing import Literal

from ..errors import Warnings
from ..loading.refs import Node, Resolver
from . import model as ir
from .media import is_json
from .naming import Identifier, Scope, pascal_case
from .options import BuildOptions
from .schemas import SchemaReader
from .values import conforms, freeze, prose
from .walk import reachable

_METHODS = ("post", "put", "patch")


@dataclass(frozen=True, slots=True)
class PendingEvent:
    """An event whose model is read but not yet finished."""

    model: Identifier
    event_type: str
    schema_name: str
    description: str
    origin: Literal["definition", "callback", "webhook"]
    operations: tuple[str, ...]
    example: ir.JsonValue
    has_example: bool


def read_events(
    resolver: Resolver,
    schemas: SchemaReader,
    operations: list[ir.Operation],
    operation_nodes: dict[str, Node],
    options: BuildOptions,
    warnings: Warnings,
) -> list[PendingEvent]:
    """The events of the selected operations' callbacks, of the webhooks and of the
    configured definitions, in that order (one per model: the first source wins)."""
    found: dict[Identifier, PendingEvent] = {}

    def add(node: Node, hint: str, event_type: str, origin: Literal["definition", "callback", "webhook"],
            owners: tuple[str, ...]) -> None:
        schema = schemas.look_through(node)
        t, _ = schemas.type_of(node, hint)
        if not isinstance(t, ir.ModelType):
            warnings.warn(f"event {event_type!r}: its payload is not an object schema; no event class", node.location)
            return
        if t.name in found:
            return
        value = schema.node.value if isinstance(schema.node.value, dict) else {}
        has_example = "example" in value
        found[t.name] = PendingEvent(
            model=t.name,
            event_type=event_type,
            schema_name=schema.name or hint,
            description=prose(value.get("description")),
            origin=origin,
            operations=owners,
            example=freeze(value.get("example")),
            has_example=has_example,
        )

    for operation in operations:
        node = operation_nodes.get(operation.operation_id)
        callbacks = node.get("callbacks") if node is not None else None
        if callbacks is None or not isinstance(callbacks.value, dict):
            continue
        for key in callbacks.value:
            callback = resolver.deref(callbacks.child(key))
            if not isinstance(callback.value, dict):
                continue
            for expression in callback.value:
                for body in _bodies(resolver, resolver.deref(callback.child(expression))):
                    add(body, pascal_case(str(key)), options.event_type_prefix + str(key), "callback",
                        (operation.operation_id,))

    root = resolver.root_node
    webhooks = root.get("webhooks")
    if webhooks is not None and isinstance(webhooks.value, dict):
        for key in webhooks.value:
            for body in _bodies(resolver, resolver.deref(webhooks.child(key))):
                add(body, pascal_case(str(key)), options.event_type_prefix + str(key), "webhook", ())

    if options.events:
        container = root.get("definitions") or _child(root, "components", "schemas")
        declared = list(container.value) if container is not None and isinstance(container.value, dict) else []
        # Only the definitions nothing refers to are events (the others are parts of requests,
        # answers or other payloads).
        referenced = _referenced(root.value, container.pointer if container is not None else "")
        names = [name for name in declared if str(name) not in referenced]
        unmatched = [p for p in options.events if not any(fnmatch.fnmatchcase(str(n), p) for n in names)]
        # A configuration none of whose patterns matches is about another description
        # (one pyproject.toml, several specs): no warning then.
        for pattern in unmatched if len(unmatched) < len(options.events) else []:
            where = container.location if container is not None else root.location
            warnings.warn(f"[tool.apiforge] events: the pattern {pattern!r} matches no schema that nothing refers to", where)
        selecting = bool(options.operation_ids or options.tags)
        for name in names:
            if not any(fnmatch.fnmatchcase(str(name), pattern) for pattern in options.events):
                continue
            assert container is not None
            owners = tuple(op.operation_id for op in operations if _announces(op, str(name)))
            if selecting and not owners:
                continue  # an operation selection keeps the events its operations announce
            add(container.child(name), pascal_case(str(name)), options.event_type_prefix + str(name), "definition", owners)
    return list(found.values())


def _referenced(document: object, container: str) -> set[str]:
    """The names of the schemas of `container` (a pointer) that a `$ref` of the
    document names (by fragment: `other.json#/definitions/X` counts too, erring on the
    side of not taking a part of an answer for an event)."""
    prefix = container + "/"
    found: set[str] = set()
    pending = [document]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            reference = value.get("$ref")
            fragment = reference.partition("#")[2] if isinstance(reference, str) else ""
            if fragment.startswith(prefix):
                found.add(fragment[len(prefix):].split("/")[0].replace("~1", "/").replace("~0", "~"))
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return found


def _child(node: Node, *keys: str) -> Node | None:
    for key in keys:
        found = node.get(key)
        if found is None:
            return None
        node = found
    return node


def _bodies(resolver: Resolver, path_item: Node) -> list[Node]:
    """The JSON request body schemas of a callback's or webhook's path item."""
    bodies: list[Node] = []
    if not isinstance(path_item.value, dict):
        return bodies
    for method in _METHODS:
        operation = path_item.get(method)
        body = resolver.deref(operation.child("requestBody")) if operation is not None and operation.get("requestBody") else None
        content = body.get("content") if body is not None else None
        if content is None or not isinstance(content.value, dict):
            continue
        for media_type in content.value:
            media = content.child(media_type)
            if is_json(str(media_type)) and isinstance(media.value, dict) and "schema" in media.value:
                bodies.append(media.child("schema"))
                break
    return bodies


def _announces(operation: ir.Operation, name: str) -> bool:
    """Whether an operation's prose names the event (Azure's "a CallTransferAccepted or
    CallTransferFailed event will be received at the specified callback URI")."""
    text = " ".join([operation.summary, operation.description, *(r.description for r in operation.responses)])
    return re.search(r"\b" + re.escape(name) + r"\b", text) is not None


def finish_events(
    pending: list[PendingEvent],
    models: dict[Identifier, ir.Model],
    operations: list[ir.Operation],
    class_scope: Scope,
    warnings: Warnings,
) -> tuple[dict[Identifier, ir.Model], tuple[ir.Event, ...]]:
    """The models without the events' own ones, and the events. An event's model stays
    a model too when an operation, another model or a polymorphic family uses it; its
    event class is then named `<Model>Event`."""
    used_types: list[ir.TypeRef] = [p.type for op in operations for p in op.parameters]
    used_types += [op.body.type for op in operations if op.body]
    used_types += [r.type for op in operations for r in op.responses if r.type is not None]
    for model in models.values():
        used_types += [f.type for f in model.fields]
        used_types += [model.additional_properties] if model.additional_properties else []
    used = reachable(models, used_types)
    kept = dict(models)
    events = []
    for event in pending:
        model = models[event.model]
        in_family = model.base is not None or model.discriminator is not None
        if event.model in used or in_family:
            name = class_scope.claim(Identifier(event.model + "Event"))
        else:
            name = event.model
            del kept[event.model]
        own = dataclasses.replace(model, name=name, base=None, discriminator=None, discriminator_value=None, usage="output")
        example, has_example = event.example, event.has_example
        if has_example and not conforms(ir.ModelType(event.model), example, models):
            warnings.warn(f"event {event.event_type!r}: its example does not match its schema; not used")
            example, has_example = None, False
        events.append(
            ir.Event(
                name=name,
                event_type=event.event_type,
                schema_name=event.schema_name,
                description=event.description,
                model=own,
                origin=event.origin,
                operations=event.operations,
                example=example,
                has_example=has_example,
            )
        )
    return kept, tuple(sorted(events, key=lambda e: e.name))
