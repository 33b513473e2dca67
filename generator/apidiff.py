"""API drift: compare two descriptions at the IR level and classify every change.

Each change is classified for a user of a generated client: **breaking** when code
written against the old client, or the old client itself, can fail against the new
API; **non-breaking** otherwise. The rule table is `RULES` (documented, with the
reasoning, in docs/api-diff.md). Two facts of the generated clients shape it: models
ignore response properties they do not know, and enums accept values they do not
know when `extensible` (Azure `modelAsString`), so additions on the response side
do not break parsing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .constraint_diff import constraint_moves, extensible_values, value_text
from .ir import model as ir
from .ir.walk import reachable


@dataclass(frozen=True)
class Rule:
    breaking: bool
    summary: str


RULES: dict[str, Rule] = {
    # operations
    "operation-added": Rule(False, "an operation was added"),
    "operation-removed": Rule(True, "an operation was removed"),
    "operation-id-changed": Rule(True, "an operation's operationId (its method name) changed"),
    "operation-path-changed": Rule(True, "an operation's method or path changed"),
    "operation-deprecated": Rule(False, "an operation became deprecated"),
    # paging and polling
    "operation-became-pageable": Rule(True, "an operation became pageable: it returns a pager of items, not the page"),
    "operation-no-longer-pageable": Rule(True, "an operation is no longer pageable: it returns the page, not a pager"),
    "paging-changed": Rule(True, "how an operation pages changed (next link, cursor or items): old clients lose pages"),
    "operation-became-long-running": Rule(True, "an operation became long-running: its method is begin_<name>, returning a poller"),
    "operation-no-longer-long-running": Rule(True, "an operation is no longer long-running: begin_<name> goes"),
    "long-running-final-state-changed": Rule(True, "where a long-running operation's final result is read changed"),
    # parameters
    "parameter-added-required": Rule(True, "a required parameter without a default was added"),
    "parameter-added-optional": Rule(False, "an optional (or defaulted) parameter was added"),
    "parameter-removed": Rule(True, "a parameter was removed"),
    "parameter-became-required": Rule(True, "a parameter became required"),
    "parameter-became-optional": Rule(True, "a parameter became optional: a positional argument becomes keyword-only"),
    "parameter-identifier-changed": Rule(True, "a parameter's name in the generated code changed"),
    "parameter-order-changed": Rule(True, "the order of the positional (required) parameters changed"),
    "api-version-changed": Rule(False, "the api-version parameter's default changed (a new API version)"),
    "parameter-type-changed": Rule(True, "a parameter's type or format changed"),
    "parameter-default-changed": Rule(True, "a parameter's default changed"),
    "parameter-collection-format-changed": Rule(True, "how an array parameter is serialised changed"),
    # request bodies
    "request-body-added-required": Rule(True, "a required request body was added"),
    "request-body-added-optional": Rule(False, "an optional request body was added"),
    "request-body-removed": Rule(True, "the request body was removed"),
    "request-body-became-required": Rule(True, "the request body became required"),
    "request-body-became-optional": Rule(True, "the request body became optional: a positional argument becomes keyword-only"),
    "request-body-type-changed": Rule(True, "the request body's type changed"),
    "request-media-type-changed": Rule(True, "the request body's media type changed"),
    # responses
    "response-success-status-added": Rule(True, "a success status was added (old clients reject it)"),
    "response-success-status-removed": Rule(True, "a success status was removed"),
    "response-error-status-added": Rule(False, "an error status was added"),
    "response-error-status-removed": Rule(False, "an error status was removed"),
    "response-body-type-changed": Rule(True, "a response body's type changed"),
    "response-body-removed": Rule(True, "a response no longer has a body"),
    "response-body-added": Rule(False, "a response gained a body"),
    "response-media-type-changed": Rule(True, "a response body's media type changed"),
    # models
    "model-added": Rule(False, "a model was added"),
    "model-removed": Rule(True, "a model was removed"),
    "request-property-added-required": Rule(True, "a required property was added to a model the client sends"),
    "request-property-added-optional": Rule(False, "an optional property was added to a model the client sends"),
    "request-property-removed": Rule(True, "a property was removed from a model the client sends"),
    "request-property-became-required": Rule(True, "a property of a model the client sends became required"),
    "request-property-became-optional": Rule(False, "a property of a model the client sends became optional"),
    "request-property-became-read-only": Rule(True, "a property the client could send became read-only"),
    "request-property-nullable-removed": Rule(True, "a property the client sends no longer accepts null"),
    "response-property-added": Rule(False, "a property was added to a model the client receives"),
    "response-property-removed": Rule(True, "a property was removed from a model the client receives"),
    "response-property-became-optional": Rule(True, "a property the client receives is no longer guaranteed"),
    "response-property-became-required": Rule(False, "a property the client receives is now always present"),
    "response-property-became-nullable": Rule(True, "a property the client receives may now be null"),
    "property-type-changed": Rule(True, "a property's type or format changed"),
    "property-nullable-changed": Rule(False, "a property's nullability changed in the safe direction"),
    "property-identifier-changed": Rule(True, "a property's name in the generated code changed"),
    "model-base-changed": Rule(True, "a model's base model changed"),
    "discriminator-value-changed": Rule(True, "the discriminator value of a subtype changed"),
    "discriminator-subtype-added": Rule(False, "a polymorphic model gained a subtype (unknown ones parse as the base)"),
    "discriminator-subtype-removed": Rule(True, "a polymorphic model lost a subtype"),
    # enums
    "enum-added": Rule(False, "an enum was added"),
    "enum-removed": Rule(True, "an enum was removed"),
    "request-enum-value-removed": Rule(True, "a value the client may send was removed from an enum"),
    "response-enum-value-removed": Rule(True, "a value the client receives was removed from an enum (its member goes)"),
    "request-enum-value-added": Rule(False, "a value the client may send was added to an enum"),
    "response-enum-value-added": Rule(False, "a value was added to an extensible enum the client receives"),
    "response-closed-enum-value-added": Rule(True, "a value was added to a closed enum the client receives"),
    "enum-became-closed": Rule(True, "an enum the client sends no longer accepts values beyond its list"),
    "enum-became-extensible": Rule(False, "an enum now accepts values beyond its list"),
    # security and servers
    "security-requirement-added": Rule(True, "an operation requires authentication it did not require"),
    "security-alternative-removed": Rule(True, "a way to authenticate is no longer accepted"),
    "security-alternative-added": Rule(False, "a new way to authenticate is accepted"),
    "security-removed": Rule(False, "an operation no longer requires authentication"),
    "server-host-changed": Rule(False, "the server's host changed (deployment detail; clients pass their endpoint)"),
    "server-base-path-changed": Rule(True, "the server's base path changed: every operation URL changes"),
    "server-variable-added-required": Rule(True, "the client needs a new required server argument"),
    "server-variable-added-optional": Rule(False, "the client takes a new optional server argument"),
    "server-variable-removed": Rule(True, "a server argument of the client was removed"),
    "server-variable-default-changed": Rule(False, "a server variable's default changed"),
    # validation constraints (maximum, maxLength, pattern, the 2020-12 keywords...)
    "request-constraint-tightened": Rule(True, "a constraint on what the client sends got stricter: the server rejects values the old client may send"),
    "request-constraint-changed": Rule(True, "a constraint on what the client sends changed in no comparable direction (a new pattern, other if/then/else)"),
    "request-constraint-loosened": Rule(False, "a constraint on what the client sends was relaxed"),
    "response-constraint-changed": Rule(False, "a constraint on what the client receives changed (generated models do not check them)"),
    "request-extensible-enum-value-removed": Rule(True, "a value the client may send was removed from an x-extensible-enum"),
    "response-extensible-enum-value-removed": Rule(False, "a value the client receives was removed from an x-extensible-enum"),
    "extensible-enum-value-added": Rule(False, "a value was added to an x-extensible-enum (clients accept values they do not know)"),
    # unions, compared by direction
    "request-union-variant-added": Rule(False, "a type the client may send was added to a oneOf/anyOf: the server accepts more"),
    "request-union-variant-removed": Rule(True, "a type the client may send was removed from a oneOf/anyOf"),
    "response-union-variant-added": Rule(True, "a type was added to a oneOf/anyOf the client receives: code handling the old ones meets a new one"),
    "response-union-variant-removed": Rule(False, "a type was removed from a oneOf/anyOf the client receives"),
    # body nullability and defaults
    "response-body-became-nullable": Rule(True, "a response body may now be null"),
    "request-body-nullable-removed": Rule(True, "a request body may no longer be null"),
    "body-nullable-changed": Rule(False, "a body's nullability changed in the safe direction"),
    "request-body-default-changed": Rule(False, "the default of a request body's schema changed"),
    "request-property-added-required-with-default": Rule(True, "a required property with a default was added to a model the client sends: the old client omits it"),
    "response-property-became-write-only": Rule(True, "a property the client receives became write-only: the server no longer returns it"),
    "property-default-changed": Rule(False, "a property's default changed"),
    "parameter-nullable-changed": Rule(False, "a parameter's nullability changed"),
    # response headers
    "returned-header-removed": Rule(True, "a response header the generated method returns was removed"),
    "returned-header-type-changed": Rule(True, "the type of a response header the generated method returns changed"),
    "response-header-added": Rule(False, "a response header was added"),
    "response-header-removed": Rule(False, "a response header the generated client does not return was removed"),
    "response-header-type-changed": Rule(False, "the type of a response header the generated client does not return changed"),
    # security scheme definitions
    "security-scheme-type-changed": Rule(True, "how a security scheme authenticates changed (its kind, or the name or place of its key)"),
    "security-scheme-changed": Rule(False, "a security scheme's OAuth URLs, scopes or OpenID Connect URL changed"),
    # lifecycle and tags
    "parameter-deprecated": Rule(False, "a parameter became deprecated"),
    "property-deprecated": Rule(False, "a property became deprecated"),
    "operation-sunset-changed": Rule(False, "an operation's x-sunset date changed"),
    "operation-stability-changed": Rule(False, "an operation's x-stability-level changed"),
    "parameter-sunset-changed": Rule(False, "a parameter's x-sunset date changed"),
    "property-sunset-changed": Rule(False, "a property's x-sunset date changed"),
    "property-stability-changed": Rule(False, "a property's x-stability-level changed"),
    "operation-tags-changed": Rule(False, "an operation's tags changed"),
    # events (callbacks, webhooks, the configured definitions); their fields are compared
    # as the properties of a model the client receives
    "event-added": Rule(False, "an event was added"),
    "event-removed": Rule(True, "an event was removed (its class goes; the service no longer sends it)"),
    "event-type-changed": Rule(True, "the type string an event's envelope carries changed: old clients no longer recognise it"),
}


# the rule of a constraint on what the client sends, by the way it moved
_REQUEST_CONSTRAINT = {
    "tightened": "request-constraint-tightened",
    "loosened": "request-constraint-loosened",
    "changed": "request-constraint-changed",
}


@dataclass(frozen=True)
class Change:
    rule: str
    where: str
    detail: str

    @property
    def breaking(self) -> bool:
        return RULES[self.rule].breaking


# ---------------------------------------------------------------------- type signatures


def signature(t: ir.TypeRef | None) -> str:
    """A type as comparable text: `string(uuid)`, `model:Foo`, `array<enum:Bar>`..."""
    if t is None:
        return "none"
    if isinstance(t, ir.PrimitiveType):
        return t.kind + (f"({t.format})" if t.format else "")
    if isinstance(t, ir.ModelType):
        return f"model:{t.name}"
    if isinstance(t, ir.EnumType):
        return f"enum:{t.name}"
    if isinstance(t, ir.ArrayType):
        return f"array<{signature(t.items)}{'|null' if t.nullable_items else ''}>"
    if isinstance(t, ir.MapType):
        return f"map<{signature(t.values)}{'|null' if t.nullable_values else ''}>"
    return "union<" + ",".join(sorted(signature(v) for v in t.variants)) + ">"


def _reach(api: ir.Api, types: Iterable[ir.TypeRef]) -> set[str]:
    return reachable({m.name: m for m in api.models}, types)


def _sides(api: ir.Api) -> tuple[set[str], set[str]]:
    """(sent, received): the model and enum names on each side of the wire."""
    sent = _reach(api, [p.type for op in api.operations for p in op.parameters]
                  + [p.type for p in api.client_parameters]
                  + [op.body.type for op in api.operations if op.body is not None])
    received = _reach(api, [r.type for op in api.operations for r in op.responses if r.type is not None]
                      + [f.type for event in api.events for f in event.model.fields])
    return sent, received


# ---------------------------------------------------------------------- comparison


def diff_apis(old: ir.Api, new: ir.Api) -> list[Change]:
    """Every change from `old` to `new`, in a stable order."""
    changes = [*_operations(old, new), *_definitions(old, new), *_events(old, new), *_servers(old, new),
               *_security_schemes(old, new)]
    return sorted(set(changes), key=lambda c: (not c.breaking, c.where, c.rule, c.detail))


def _operation_label(op: ir.Operation) -> str:
    return f"{op.method.upper()} {op.path} ({op.operation_id})"


def _operations(old: ir.Api, new: ir.Api) -> Iterator[Change]:
    old_ops = {op.operation_id: op for op in old.operations}
    new_ops = {op.operation_id: op for op in new.operations}
    new_by_route = {(op.method, op.path): op for op in new.operations}
    renamed = set()
    for operation_id, before in old_ops.items():
        after = new_ops.get(operation_id)
        if after is None:
            moved = new_by_route.get((before.method, before.path))
            if moved is not None and moved.operation_id not in old_ops:
                renamed.add(moved.operation_id)
                yield Change("operation-id-changed", _operation_label(before), f"now {moved.operation_id}")
                yield from _operation(before, moved, old, new)
            else:
                yield Change("operation-removed", _operation_label(before), "")
            continue
        if (before.method, before.path) != (after.method, after.path):
            yield Change("operation-path-changed", _operation_label(before), f"now {after.method.upper()} {after.path}")
        yield from _operation(before, after, old, new)
    for operation_id, after in new_ops.items():
        if operation_id not in old_ops and operation_id not in renamed:
            yield Change("operation-added", _operation_label(after), "")


def _operation(before: ir.Operation, after: ir.Operation, old: ir.Api, new: ir.Api) -> Iterator[Change]:
    label = _operation_label(after)
    if after.deprecated and not before.deprecated:
        yield Change("operation-deprecated", label, "")
    yield from _paging_and_polling(label, before, after)
    if before.sunset != after.sunset:
        yield Change("operation-sunset-changed", label, f"{before.sunset} -> {after.sunset}")
    if before.stability != after.stability:
        yield Change("operation-stability-changed", label, f"{before.stability} -> {after.stability}")
    if set(before.tags) != set(after.tags):
        yield Change("operation-tags-changed", label, f"{', '.join(before.tags) or 'none'} -> {', '.join(after.tags) or 'none'}")
    yield from _parameters(
        label, [p for p in before.parameters if not p.client_level], [p for p in after.parameters if not p.client_level]
    )
    yield from _body(label, before.body, after.body)
    yield from _responses(label, before.responses, after.responses)
    yield from _headers(label, before, after)
    yield from _security(label, before.security, after.security)


def _paging_and_polling(label: str, before: ir.Operation, after: ir.Operation) -> Iterator[Change]:
    """A pageable or long-running operation has another return type (a pager) or
    another method (`begin_<name>`, a poller) in the generated client."""
    old_paging, new_paging = before.paging, after.paging
    if old_paging is None and new_paging is not None:
        yield Change("operation-became-pageable", label, f"{new_paging.source}, {new_paging.kind}")
    elif old_paging is not None and new_paging is None:
        yield Change("operation-no-longer-pageable", label, "")
    elif old_paging is not None and new_paging is not None:
        # the next-page operation by its id: which arguments it takes follows from its parameters
        old_next = old_paging.next_operation.operation_id if old_paging.next_operation else None
        new_next = new_paging.next_operation.operation_id if new_paging.next_operation else None
        old_rule = (old_paging.kind, [f.json_name for f in old_paging.items], old_paging.next_path,
                    old_paging.cursor_parameter, old_paging.cursor_header, old_next)
        new_rule = (new_paging.kind, [f.json_name for f in new_paging.items], new_paging.next_path,
                    new_paging.cursor_parameter, new_paging.cursor_header, new_next)
        if old_rule != new_rule:
            yield Change("paging-changed", label, f"{_paging_text(old_paging)} -> {_paging_text(new_paging)}")
    old_lro, new_lro = before.long_running, after.long_running
    if old_lro is None and new_lro is not None:
        yield Change("operation-became-long-running", label, "")
    elif old_lro is not None and new_lro is None:
        yield Change("operation-no-longer-long-running", label, "")
    elif old_lro is not None and new_lro is not None and old_lro.final_state_via != new_lro.final_state_via:
        yield Change("long-running-final-state-changed", label, f"{old_lro.final_state_via} -> {new_lro.final_state_via}")


def _paging_text(paging: ir.Paging) -> str:
    where = ".".join(paging.next_path) or paging.cursor_header or ""
    return f"{paging.kind} {where}".strip()


def _parameters(label: str, before: list[ir.Parameter], after: list[ir.Parameter]) -> Iterator[Change]:
    old = {(p.location, p.wire_name): p for p in before}
    new = {(p.location, p.wire_name): p for p in after}
    for key, parameter in new.items():
        where = f"{label} › {key[0]} parameter {key[1]}"
        previous = old.get(key)
        if previous is None:
            required = parameter.required and not parameter.has_default
            yield Change("parameter-added-required" if required else "parameter-added-optional", where, "")
            continue
        if parameter.required and not previous.required:
            yield Change("parameter-became-required", where, "")
        elif previous.required and not parameter.required:
            yield Change("parameter-became-optional", where, "")
        yield from _type_changes("parameter-type-changed", where, previous.type, parameter.type, sent=True, received=False)
        yield from _constraints(where, previous.constraints, parameter.constraints, sent=True, received=False)
        if previous.nullable != parameter.nullable:
            yield Change("parameter-nullable-changed", where, f"{previous.nullable} -> {parameter.nullable}")
        if parameter.deprecated and not previous.deprecated:
            yield Change("parameter-deprecated", where, "")
        if parameter.sunset != previous.sunset:
            yield Change("parameter-sunset-changed", where, f"{previous.sunset} -> {parameter.sunset}")
        if (previous.has_default, previous.default) != (parameter.has_default, parameter.default):
            # api-version changes with every version of an Azure API: that is news, not breakage
            if key[1] == "api-version":  # reported once for the whole API
                yield Change("api-version-changed", "api-version", f"{previous.default!r} -> {parameter.default!r}")
            else:
                yield Change("parameter-default-changed", where, f"{previous.default!r} -> {parameter.default!r}")
        if parameter.name != previous.name:
            yield Change("parameter-identifier-changed", where, f"{previous.name} -> {parameter.name}")
        if isinstance(parameter.type, ir.ArrayType) and parameter.collection_format != previous.collection_format:
            yield Change("parameter-collection-format-changed", where,
                         f"{previous.collection_format} -> {parameter.collection_format}")
    for key in old.keys() - new.keys():
        yield Change("parameter-removed", f"{label} › {key[0]} parameter {key[1]}", "")
    old_order = [(p.location, p.wire_name) for p in before if p.required and not p.has_default]
    new_order = [(p.location, p.wire_name) for p in after if p.required and not p.has_default]
    if sorted(old_order) == sorted(new_order) and old_order != new_order:
        yield Change("parameter-order-changed", f"{label} › parameters",
                     " -> ".join(", ".join(name for _, name in order) for order in (old_order, new_order)))


def _body(label: str, before: ir.RequestBody | None, after: ir.RequestBody | None) -> Iterator[Change]:
    where = f"{label} › request body"
    if before is None and after is None:
        return
    if before is None:
        yield Change("request-body-added-required" if after.required else "request-body-added-optional", where, "")  # type: ignore[union-attr]
        return
    if after is None:
        yield Change("request-body-removed", where, "")
        return
    if after.required and not before.required:
        yield Change("request-body-became-required", where, "")
    elif before.required and not after.required:
        yield Change("request-body-became-optional", where, "")
    yield from _type_changes("request-body-type-changed", where, before.type, after.type, sent=True, received=False)
    if not isinstance(after.type, ir.ModelType):  # a model's own constraints are compared with the model
        yield from _constraints(where, before.constraints, after.constraints, sent=True, received=False)
    if before.nullable and not after.nullable:
        yield Change("request-body-nullable-removed", where, "")
    elif before.nullable != after.nullable:
        yield Change("body-nullable-changed", where, f"{before.nullable} -> {after.nullable}")
    if (before.has_default, before.default) != (after.has_default, after.default):
        yield Change("request-body-default-changed", where, f"{value_text(before.default)} -> {value_text(after.default)}")
    if before.media_type != after.media_type:
        yield Change("request-media-type-changed", where, f"{before.media_type} -> {after.media_type}")


def _responses(label: str, before: tuple[ir.Response, ...], after: tuple[ir.Response, ...]) -> Iterator[Change]:
    old = {r.status: r for r in before}
    new = {r.status: r for r in after}
    for status, response in new.items():
        where = f"{label} › response {status}"
        previous = old.get(status)
        if previous is None:
            yield Change("response-error-status-added" if response.is_error else "response-success-status-added", where, "")
            continue
        if previous.type is not None and response.type is None:
            yield Change("response-body-removed", where, "")
        elif previous.type is None and response.type is not None:
            yield Change("response-body-added", where, "")
        elif signature(previous.type) != signature(response.type):
            yield from _type_changes("response-body-type-changed", where, previous.type, response.type, sent=False, received=True)
        elif previous.type is not None and previous.media_type != response.media_type:
            yield Change("response-media-type-changed", where, f"{previous.media_type} -> {response.media_type}")
        if previous.type is not None and response.type is not None:
            if response.nullable and not previous.nullable:
                yield Change("response-body-became-nullable", where, "")
            elif previous.nullable != response.nullable:
                yield Change("body-nullable-changed", where, f"{previous.nullable} -> {response.nullable}")
            if not isinstance(response.type, ir.ModelType):
                yield from _constraints(where, previous.constraints, response.constraints, sent=False, received=True)
    for status in old.keys() - new.keys():
        rule = "response-error-status-removed" if old[status].is_error else "response-success-status-removed"
        yield Change(rule, f"{label} › response {status}", "")


def _headers(label: str, before: ir.Operation, after: ir.Operation) -> Iterator[Change]:
    """Headers by status; removing one the generated method returns (its `HeadersResult`) breaks code."""
    returned = {h.wire_name.lower() for h in before.headers_result.headers} if before.headers_result else set()
    new_responses = {r.status: r for r in after.responses}
    for response in before.responses:
        current = new_responses.get(response.status)
        if current is None:
            continue  # the status itself was removed: reported as such
        where = f"{label} › response {response.status}"
        old = {h.wire_name.lower(): h for h in response.headers}
        new = {h.wire_name.lower(): h for h in current.headers}
        for name in sorted(new.keys() - old.keys()):
            yield Change("response-header-added", f"{where} › header {new[name].wire_name}", "")
        for name in sorted(old.keys() - new.keys()):
            rule = "returned-header-removed" if name in returned else "response-header-removed"
            yield Change(rule, f"{where} › header {old[name].wire_name}", "")
        for name in sorted(old.keys() & new.keys()):
            if signature(old[name].type) != signature(new[name].type):
                rule = "returned-header-type-changed" if name in returned else "response-header-type-changed"
                yield Change(rule, f"{where} › header {old[name].wire_name}",
                             f"{signature(old[name].type)} -> {signature(new[name].type)}")


def _type_changes(
    rule: str, where: str, before: ir.TypeRef | None, after: ir.TypeRef | None, sent: bool, received: bool
) -> Iterator[Change]:
    """A type change; a union that only gained or lost members is judged by direction
    (the server accepts more; the client may receive more)."""
    old, new = signature(before), signature(after)
    if old == new:
        return
    old_members, new_members = _members(before), _members(after)
    widened, narrowed = old_members < new_members, new_members < old_members
    if (widened or narrowed) and (sent or received):
        detail = ", ".join([f"+{m}" for m in sorted(new_members - old_members)] + [f"-{m}" for m in sorted(old_members - new_members)])
        if sent:
            yield Change("request-union-variant-added" if widened else "request-union-variant-removed", where, detail)
        if received:
            yield Change("response-union-variant-added" if widened else "response-union-variant-removed", where, detail)
        return
    yield Change(rule, where, f"{old} -> {new}")


def _members(t: ir.TypeRef | None) -> frozenset[str]:
    return frozenset(signature(v) for v in t.variants) if isinstance(t, ir.UnionType) else frozenset({signature(t)})


def _constraints(where: str, before: ir.Constraints, after: ir.Constraints, sent: bool, received: bool) -> Iterator[Change]:
    for move in constraint_moves(before, after):
        if sent:
            yield Change(_REQUEST_CONSTRAINT[move.direction], where, move.detail)
        if received:
            yield Change("response-constraint-changed", where, move.detail)
    old_values, new_values = extensible_values(before), extensible_values(after)
    for place in sorted(old_values.keys() | new_values.keys()):
        old, new = old_values.get(place, ()), new_values.get(place, ())
        for value in [v for v in new if v not in old]:
            yield Change("extensible-enum-value-added", where, f"{place}{value!r}")
        for value in [v for v in old if v not in new]:
            if sent:
                yield Change("request-extensible-enum-value-removed", where, f"{place}{value!r}")
            if received:
                yield Change("response-extensible-enum-value-removed", where, f"{place}{value!r}")


def _security_schemes(old: ir.Api, new: ir.Api) -> Iterator[Change]:
    """Schemes both sides use: how they authenticate, and their OAuth details."""
    previous = {s.scheme_name: s for s in old.security_schemes}
    for scheme in new.security_schemes:
        before = previous.get(scheme.scheme_name)
        if before is None:
            continue  # a new scheme comes with the requirements that use it
        where = f"security scheme {scheme.scheme_name}"
        how = (before.kind, before.scheme, before.location, before.wire_name)
        now = (scheme.kind, scheme.scheme, scheme.location, scheme.wire_name)
        if how != now:
            yield Change("security-scheme-type-changed", where, f"{_how(*how)} -> {_how(*now)}")
        if before.open_id_connect_url != scheme.open_id_connect_url:
            yield Change("security-scheme-changed", where,
                         f"openIdConnectUrl {before.open_id_connect_url} -> {scheme.open_id_connect_url}")
        old_flows = {f.kind: f for f in before.flows}
        new_flows = {f.kind: f for f in scheme.flows}
        for kind in sorted(old_flows.keys() | new_flows.keys()):
            old_flow, new_flow = old_flows.get(kind), new_flows.get(kind)
            if old_flow is None or new_flow is None:
                yield Change("security-scheme-changed", where, f"flow {kind} {'added' if old_flow is None else 'removed'}")
                continue
            for url in ("authorization_url", "token_url", "refresh_url"):
                if getattr(old_flow, url) != getattr(new_flow, url):
                    yield Change("security-scheme-changed", where,
                                 f"{kind} {url.replace('_', ' ')} {getattr(old_flow, url)} -> {getattr(new_flow, url)}")
            for scope in sorted(set(new_flow.scopes) - set(old_flow.scopes)):
                yield Change("security-scheme-changed", where, f"{kind} scope {scope} added")
            for scope in sorted(set(old_flow.scopes) - set(new_flow.scopes)):
                yield Change("security-scheme-changed", where, f"{kind} scope {scope} removed")


def _how(kind: str, scheme: str | None, location: str | None, wire_name: str | None) -> str:
    return " ".join(part for part in (kind, scheme, location, wire_name) if part)


def _alternatives(requirements: tuple[ir.SecurityRequirement, ...]) -> set[frozenset[str]]:
    return {frozenset(r.schemes) for r in requirements}


def _security(label: str, before: tuple[ir.SecurityRequirement, ...], after: tuple[ir.SecurityRequirement, ...]) -> Iterator[Change]:
    old, new = _alternatives(before), _alternatives(after)
    where = f"{label} › security"
    if (not old or frozenset() in old) and new and frozenset() not in new:
        yield Change("security-requirement-added", where, "")
        return
    if old and frozenset() not in old and (not new or frozenset() in new):
        yield Change("security-removed", where, "")
        return
    for alternative in sorted(old - new, key=sorted):
        yield Change("security-alternative-removed", where, " + ".join(sorted(alternative)))
    for alternative in sorted(new - old, key=sorted):
        yield Change("security-alternative-added", where, " + ".join(sorted(alternative)))


def _definitions(old: ir.Api, new: ir.Api) -> Iterator[Change]:
    old_sent, old_received = _sides(old)
    new_sent, new_received = _sides(new)
    old_models = {m.name: m for m in old.models}
    new_models = {m.name: m for m in new.models}
    for name in sorted(new_models.keys() - old_models.keys()):
        yield Change("model-added", f"model {name}", "")
    for name in sorted(old_models.keys() - new_models.keys()):
        yield Change("model-removed", f"model {name}", "")
    for name in sorted(old_models.keys() & new_models.keys()):
        sent = name in old_sent or name in new_sent
        received = name in old_received or name in new_received
        yield from _model(old_models[name], new_models[name], sent, received)
    old_enums = {e.name: e for e in old.enums}
    new_enums = {e.name: e for e in new.enums}
    for name in sorted(new_enums.keys() - old_enums.keys()):
        yield Change("enum-added", f"enum {name}", "")
    for name in sorted(old_enums.keys() - new_enums.keys()):
        yield Change("enum-removed", f"enum {name}", "")
    for name in sorted(old_enums.keys() & new_enums.keys()):
        sent = name in old_sent or name in new_sent
        received = name in old_received or name in new_received
        yield from _enum(old_enums[name], new_enums[name], sent, received)


def _events(old: ir.Api, new: ir.Api) -> Iterator[Change]:
    """Events are matched by class name; an event's payload is a model the client
    receives, so its fields are classified as a response model's properties are."""
    old_events = {e.name: e for e in old.events}
    new_events = {e.name: e for e in new.events}
    for name in sorted(new_events.keys() - old_events.keys()):
        yield Change("event-added", f"event {name}", new_events[name].event_type)
    for name in sorted(old_events.keys() - new_events.keys()):
        yield Change("event-removed", f"event {name}", old_events[name].event_type)
    for name in sorted(old_events.keys() & new_events.keys()):
        before, after = old_events[name], new_events[name]
        if before.event_type != after.event_type:
            yield Change("event-type-changed", f"event {name}", f"{before.event_type} -> {after.event_type}")
        yield from _model(before.model, after.model, sent=False, received=True, label=f"event {name}")


def _model(before: ir.Model, after: ir.Model, sent: bool, received: bool, label: str = "") -> Iterator[Change]:
    old = {f.json_name: f for f in before.fields}
    new = {f.json_name: f for f in after.fields}
    label = label or f"model {after.name}"
    if before.discriminator_value != after.discriminator_value:
        yield Change("discriminator-value-changed", label, f"{before.discriminator_value} -> {after.discriminator_value}")
    if before.base != after.base:
        yield Change("model-base-changed", label, f"{before.base} -> {after.base}")
    old_cases = {c.value for c in before.discriminator.mapping} if before.discriminator else set()
    new_cases = {c.value for c in after.discriminator.mapping} if after.discriminator else set()
    for value in sorted(new_cases - old_cases):
        yield Change("discriminator-subtype-added", label, value)
    for value in sorted(old_cases - new_cases):
        yield Change("discriminator-subtype-removed", label, value)
    yield from _constraints(label, before.constraints, after.constraints, sent, received)
    for json_name, field in new.items():
        where = f"{label} › property {json_name}"
        previous = old.get(json_name)
        if previous is None:
            if sent and not field.read_only:
                rule = "request-property-added-optional"
                if field.required:
                    rule = "request-property-added-required-with-default" if field.has_default else "request-property-added-required"
                yield Change(rule, where, "")
            if received and not field.write_only:
                yield Change("response-property-added", where, "")
            continue
        # a write-only property is never received; a read-only one never sent
        field_sent = sent and not field.read_only
        field_received = received and not previous.write_only
        yield from _type_changes("property-type-changed", where, previous.type, field.type, field_sent, field_received)
        if not isinstance(field.type, ir.ModelType):  # a model's own constraints are compared with the model
            yield from _constraints(where, previous.constraints, field.constraints, field_sent,
                                    field_received and not field.write_only)
        if field.deprecated and not previous.deprecated:
            yield Change("property-deprecated", where, "")
        if field.sunset != previous.sunset:
            yield Change("property-sunset-changed", where, f"{previous.sunset} -> {field.sunset}")
        if field.stability != previous.stability:
            yield Change("property-stability-changed", where, f"{previous.stability} -> {field.stability}")
        fixed = {before.discriminator_value, after.discriminator_value} - {None}
        if (previous.has_default, previous.default) != (field.has_default, field.default) and not (
            fixed and {previous.default, field.default} <= fixed | {None}  # a discriminator's value moves with it
        ):
            yield Change("property-default-changed", where, f"{value_text(previous.default)} -> {value_text(field.default)}")
        if received and field.write_only and not previous.write_only:
            yield Change("response-property-became-write-only", where, "")
        if field.name != previous.name:
            yield Change("property-identifier-changed", where, f"{previous.name} -> {field.name}")
        if sent and not field.read_only:
            if field.required and not previous.required:
                yield Change("request-property-became-required", where, "")
            elif previous.required and not field.required:
                yield Change("request-property-became-optional", where, "")
            if previous.nullable and not field.nullable:
                yield Change("request-property-nullable-removed", where, "")
        if sent and field.read_only and not previous.read_only:
            yield Change("request-property-became-read-only", where, "")
        if field_received and not field.write_only:
            if previous.required and not field.required:
                yield Change("response-property-became-optional", where, "")
            elif field.required and not previous.required:
                yield Change("response-property-became-required", where, "")
            if field.nullable and not previous.nullable:
                yield Change("response-property-became-nullable", where, "")
        safe_nullable = (not field_received or field.write_only or not field.nullable) and (not sent or field.nullable)
        if previous.nullable != field.nullable and safe_nullable:
            yield Change("property-nullable-changed", where, f"{previous.nullable} -> {field.nullable}")
    for json_name in old.keys() - new.keys():
        where = f"{label} › property {json_name}"
        if sent and not old[json_name].read_only:
            yield Change("request-property-removed", where, "")
        if received and not old[json_name].write_only:
            yield Change("response-property-removed", where, "")


def _enum(before: ir.Enum, after: ir.Enum, sent: bool, received: bool) -> Iterator[Change]:
    label = f"enum {after.name}"
    old = {v.value for v in before.values}
    new = {v.value for v in after.values}
    for value in sorted(new - old, key=str):
        where = f"{label} › value {value!r}"
        if sent:
            yield Change("request-enum-value-added", where, "")
        if received:
            yield Change("response-enum-value-added" if after.extensible else "response-closed-enum-value-added", where, "")
    for value in sorted(old - new, key=str):
        where = f"{label} › value {value!r}"
        if sent:
            yield Change("request-enum-value-removed", where, "")
        if received:
            yield Change("response-enum-value-removed", where, "")
    if before.extensible and not after.extensible and sent:
        yield Change("enum-became-closed", label, "")
    elif after.extensible and not before.extensible:
        yield Change("enum-became-extensible", label, "")


def _servers(old: ir.Api, new: ir.Api) -> Iterator[Change]:
    if old.server.url != new.server.url:
        before, after = _split_url(old.server.url), _split_url(new.server.url)
        rule = "server-base-path-changed" if before[1] != after[1] else "server-host-changed"
        yield Change(rule, "server", f"{old.server.url} -> {new.server.url}")
    previous = {v.wire_name: v for v in old.server.variables}
    current = {v.wire_name: v for v in new.server.variables}
    for name, variable in current.items():
        where = f"server › variable {name}"
        if name not in previous:
            yield Change("server-variable-added-required" if variable.required else "server-variable-added-optional", where, "")
        elif previous[name].default != variable.default:
            yield Change("server-variable-default-changed", where, f"{previous[name].default} -> {variable.default}")
    for name in sorted(previous.keys() - current.keys()):
        yield Change("server-variable-removed", f"server › variable {name}", "")


def _split_url(template: str) -> tuple[str, str]:
    """(scheme and host, path) of a server URL template (`{endpoint}` counts as host)."""
    if "://" not in template and template.startswith("{"):
        closing = template.find("}")  # `{endpoint}/path`: the variable is scheme and host
        return template[: closing + 1], template[closing + 1 :].rstrip("/")
    scheme, _, rest = template.rpartition("://")
    host, _, path = rest.partition("/")
    return f"{scheme}://{host}", ("/" + path).rstrip("/")
