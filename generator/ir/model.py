"""The intermediate model (IR): the contract between reading a spec and rendering code.

Plain, immutable, typed data. It knows nothing of Jinja, of Python syntax beyond the
identifiers chosen by `naming`, or of the raw spec dictionaries it came from. Swagger
2.0, OpenAPI 3.0 and 3.1 all arrive here in the same shape. Every type and field is
documented for template authors in `docs/templates.md` (a test keeps the two in step).

Conventions:
- `name` fields are `Identifier`s chosen by the naming rules; `wire_name`/`json_name`
  fields are the exact strings the HTTP API uses.
- Spec prose (`summary`, `description`) is kept verbatim; templates must escape it.
- JSON values from the spec (defaults, examples, enum values) are `JsonValue`s:
  `FrozenDict` for objects, tuples for arrays, and str/int/float/bool/None.
- Collections are tuples in a stable order.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal, TypeAlias, Union

from .naming import Identifier


class FrozenDict(Mapping[str, "JsonValue"]):
    """A read-only JSON object that keeps the spec's key order."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, JsonValue] | None = None) -> None:
        self._items: dict[str, JsonValue] = dict(items or {})

    def __getitem__(self, key: str) -> JsonValue:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(tuple(self._items.items()))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self._items) == dict(other)

    def __repr__(self) -> str:
        return f"FrozenDict({self._items!r})"


JsonValue: TypeAlias = Union[None, bool, int, float, str, tuple["JsonValue", ...], FrozenDict]


# --------------------------------------------------------------------------- types


@dataclass(frozen=True, slots=True)
class PrimitiveType:
    """A scalar. `kind` is one of: string, integer, number, boolean, any.

    `format` refines it (`date-time`, `date-time-rfc1123`, `date`, `duration`, `uuid`,
    `byte` (base64), `base64url`, `binary`, `url`, `int32`, `int64`, `unixtime` (an
    integer of seconds), `float`, `double`, ...) and is
    None when the spec gives none. `any` is a value of unknown shape.
    """

    kind: Literal["string", "integer", "number", "boolean", "any"]
    format: str | None = None
    type_kind: Literal["primitive"] = "primitive"


@dataclass(frozen=True, slots=True)
class ModelType:
    """A reference to `Api.models` entry `name`."""

    name: Identifier
    type_kind: Literal["model"] = "model"


@dataclass(frozen=True, slots=True)
class EnumType:
    """A reference to `Api.enums` entry `name`, whose values are `value_kind`."""

    name: Identifier
    value_kind: Literal["string", "integer", "number"]
    type_kind: Literal["enum"] = "enum"


@dataclass(frozen=True, slots=True)
class ArrayType:
    items: TypeRef
    nullable_items: bool = False
    type_kind: Literal["array"] = "array"


@dataclass(frozen=True, slots=True)
class MapType:
    """A JSON object with arbitrary string keys and `values` of one type."""

    values: TypeRef
    nullable_values: bool = False
    type_kind: Literal["map"] = "map"


@dataclass(frozen=True, slots=True)
class UnionType:
    """One of several types (`oneOf`/`anyOf` without a usable discriminator)."""

    variants: tuple[TypeRef, ...]
    type_kind: Literal["union"] = "union"


TypeRef: TypeAlias = Union[PrimitiveType, ModelType, EnumType, ArrayType, MapType, UnionType]


# --------------------------------------------------------------------------- xml


@dataclass(frozen=True, slots=True)
class XmlObject:
    """How a value is written in an XML body: the OpenAPI/Swagger `xml` object of the
    schema at one place (a property, a model, a body, an array's items), as written there
    (a `$ref` is not followed: a model's own is `Model.xml`).

    `name` is the element's (or attribute's) name, None for the default; `namespace` and
    `prefix` its XML namespace; `attribute`: written as an attribute of the parent element;
    `wrapped`: an array whose items sit inside an element of its own (else they are
    repeated in the parent); `text`: the element's text content (Azure's `x-ms-text`).
    `items` is the `xml` object of an array's items, when they have one.
    """

    name: str | None = None
    namespace: str | None = None
    prefix: str | None = None
    attribute: bool = False
    wrapped: bool = False
    text: bool = False
    items: XmlObject | None = None


# --------------------------------------------------------------------------- constraints


@dataclass(frozen=True, slots=True)
class Constraints:
    """What a schema allows beyond its type: the JSON Schema validation keywords.

    None (or `()`, False) when the schema does not use the keyword. Exclusive bounds are
    numbers in every dialect: OpenAPI 3.0's and Swagger's `exclusiveMaximum: true` beside
    `maximum: 5` is `exclusive_maximum=5` (and no `maximum`). The JSON Schema 2020-12
    keywords of OpenAPI 3.1 whose values are schemas are kept as JSON values, as written
    (`$ref`s not followed): they are compared, never turned into models. `items` holds
    the constraints of an array's items. `extensible_values` are the values Zalando's
    `x-extensible-enum` lists: the ones known today, of a set that may grow (the type
    stays a plain string or number). `not_schema` is the schema of `not` (values it
    matches are rejected), kept as written.
    """

    minimum: int | float | None = None
    maximum: int | float | None = None
    exclusive_minimum: int | float | None = None
    exclusive_maximum: int | float | None = None
    multiple_of: int | float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    min_items: int | None = None
    max_items: int | None = None
    unique_items: bool = False
    min_properties: int | None = None
    max_properties: int | None = None
    prefix_items: JsonValue = None
    contains: JsonValue = None
    min_contains: int | None = None
    max_contains: int | None = None
    pattern_properties: JsonValue = None
    property_names: JsonValue = None
    dependent_required: JsonValue = None
    dependent_schemas: JsonValue = None
    if_schema: JsonValue = None
    then_schema: JsonValue = None
    else_schema: JsonValue = None
    unevaluated_properties: JsonValue = None
    unevaluated_items: JsonValue = None
    content_media_type: str | None = None
    content_schema: JsonValue = None
    not_schema: JsonValue = None
    extensible_values: tuple[JsonValue, ...] = ()
    items: Constraints | None = None


NO_CONSTRAINTS = Constraints()


# --------------------------------------------------------------------------- models


@dataclass(frozen=True, slots=True)
class Field:
    """One property of a model. `sunset` and `stability` are its lifecycle extensions
    (`x-sunset`, `x-stability-level`) as text, None when absent."""

    name: Identifier
    json_name: str
    type: TypeRef
    required: bool
    nullable: bool
    read_only: bool
    deprecated: bool
    has_default: bool
    default: JsonValue
    description: str
    write_only: bool = False
    constraints: Constraints = NO_CONSTRAINTS
    xml: XmlObject | None = None
    sunset: str | None = None
    stability: str | None = None


@dataclass(frozen=True, slots=True)
class Discriminator:
    """How a polymorphic base model tells its subtypes apart.

    `property` is the JSON name of the discriminating field; `mapping` lists the
    value each concrete model carries, sorted by value.
    """

    property: str
    mapping: tuple[DiscriminatorCase, ...]


@dataclass(frozen=True, slots=True)
class DiscriminatorCase:
    value: str
    model: Identifier


@dataclass(frozen=True, slots=True)
class Model:
    """An object schema that becomes a class.

    `fields` holds every property, inherited ones first. `base` names the parent model
    for `allOf` inheritance; `discriminator` is set on a polymorphic base (and on a
    subtype with subtypes of its own), `discriminator_value` on every model of the
    family. `additional_properties` is the map of extra keys when the schema allows
    typed ones: the type of their values and whether those may be null (None when it
    does not declare any; a subtype keeps its base's).
    `usage` says whether the model is sent (`input`), received (`output`) or both.
    `xml` is the schema's own `xml` object (its element's name and namespace), if any.
    """

    name: Identifier
    schema_name: str
    description: str
    fields: tuple[Field, ...]
    base: Identifier | None
    discriminator: Discriminator | None
    discriminator_value: str | None
    additional_properties: MapType | None
    usage: Literal["input", "output", "both"]
    deprecated: bool
    constraints: Constraints = NO_CONSTRAINTS
    xml: XmlObject | None = None


@dataclass(frozen=True, slots=True)
class EnumValue:
    name: Identifier
    value: str | int | float
    description: str


@dataclass(frozen=True, slots=True)
class Enum:
    """A set of allowed values. `extensible` is false only when the spec closes the
    set (Azure `x-ms-enum` with `modelAsString: false`); generated clients parse
    values they do not know either way."""

    name: Identifier
    schema_name: str
    description: str
    value_kind: Literal["string", "integer", "number"]
    values: tuple[EnumValue, ...]
    extensible: bool


# --------------------------------------------------------------------------- operations


@dataclass(frozen=True, slots=True)
class Parameter:
    """A path, query, header or cookie parameter, or a Swagger 2.0 form field (`formData`).

    `client_level` parameters are constructor arguments of the client rather than
    arguments of each method (Azure `x-ms-parameter-location: client`; in Swagger 2.0,
    also a parameter of the document's `parameters` section not marked `method`).
    Form fields are sent in a `multipart/form-data` body when one of them is a file (a
    binary string), else in an `application/x-www-form-urlencoded` one.
    `skip_url_encoding` path parameters are inserted as they are.
    `collection_format` says how an array is written: `csv`, `ssv`, `tsv`, `pipes` or
    `multi` (one query parameter per item). An item with no text form of its own (an
    object, or an array: OpenAPI defines no serialisation of nested arrays) is written as
    JSON text. `sunset` is its `x-sunset` extension as text (None when absent).
    """

    name: Identifier
    wire_name: str
    location: Literal["path", "query", "header", "cookie", "formData"]
    type: TypeRef
    required: bool
    has_default: bool
    default: JsonValue
    description: str
    deprecated: bool
    client_level: bool
    skip_url_encoding: bool
    collection_format: Literal["csv", "ssv", "tsv", "pipes", "multi"]
    nullable: bool = False
    constraints: Constraints = NO_CONSTRAINTS
    sunset: str | None = None


@dataclass(frozen=True, slots=True)
class RequestBody:
    """A request body. `media_types` are all the ones the operation accepts, the default
    `media_type` among them; with several, `content_type` names the argument choosing one.
    `xml` is the body schema's `xml` object (the root element of an XML body), if any."""

    name: Identifier
    media_type: str
    media_types: tuple[str, ...]
    content_type: Identifier | None
    type: TypeRef
    required: bool
    description: str
    nullable: bool = False
    has_default: bool = False
    default: JsonValue = None
    constraints: Constraints = NO_CONSTRAINTS
    xml: XmlObject | None = None


@dataclass(frozen=True, slots=True)
class ResponseHeader:
    name: Identifier
    wire_name: str
    type: TypeRef
    description: str


@dataclass(frozen=True, slots=True)
class Response:
    """The answer for one status code; `status` is e.g. "202", "4XX" or "default".

    `status_code` is the integer for an exact status and None otherwise. `type` is
    None when the response has no body; `nullable` says the body may be JSON null or
    absent (`x-nullable`, `nullable: true`, a `null` type). `error_field` names the
    field of an error envelope (`{"error": {...}}`, the Microsoft REST guidelines'
    shape) that holds the error details, when the body is such an envelope. `xml` is
    the body schema's `xml` object (the root element of an XML body), if any.
    """

    status: str
    status_code: int | None
    description: str
    media_type: str | None
    type: TypeRef | None
    nullable: bool
    headers: tuple[ResponseHeader, ...]
    is_error: bool
    error_field: Field | None
    constraints: Constraints = NO_CONSTRAINTS
    xml: XmlObject | None = None


@dataclass(frozen=True, slots=True)
class SegmentPart:
    """A piece of a URL template: literal `text`, or the parameter `parameter` names."""

    text: str
    parameter: Identifier | None


@dataclass(frozen=True, slots=True)
class Example:
    """One named example of a call: the parameters sent (by wire name), the request
    body, and the response body per status code. `title` is the spec's name for it,
    `name` that name as an identifier unique within the operation."""

    name: Identifier
    title: str
    parameters: FrozenDict
    body: JsonValue
    has_body: bool
    responses: tuple[ExampleResponse, ...]


@dataclass(frozen=True, slots=True)
class ExampleResponse:
    status: str
    status_code: int | None
    body: JsonValue
    has_body: bool


@dataclass(frozen=True, slots=True)
class SecurityRequirement:
    """All of `schemes` together satisfy one alternative of an operation's security."""

    schemes: tuple[Identifier, ...]
    scopes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Operation:
    """One HTTP operation. `name` is the method name within its group; `group` is the
    operation group (`CallConnection_Transfer` -> group `call_connection`) or None."""

    operation_id: str
    name: Identifier
    group: Identifier | None
    method: Literal["get", "put", "post", "delete", "options", "head", "patch", "trace"]
    path: str
    path_parts: tuple[SegmentPart, ...]
    summary: str
    description: str
    tags: tuple[str, ...]
    deprecated: bool
    parameters: tuple[Parameter, ...]
    body: RequestBody | None
    responses: tuple[Response, ...]
    security: tuple[SecurityRequirement, ...]
    examples: tuple[Example, ...]
    headers_result: HeadersResult | None = None
    paging: Paging | None = None
    long_running: LongRunning | None = None
    sunset: str | None = None
    stability: str | None = None


@dataclass(frozen=True, slots=True)
class Paging:
    """How the answer of a listing operation continues on further pages.

    `kind` says where the next page is found: `next_link` (a URL in the page's body,
    at `next_path`), `link_header` (an RFC 8288 `Link: <...>; rel="next"` header),
    `cursor` (a token in the body at `next_path`, or in the header `cursor_header`,
    sent back in the query parameter `cursor_parameter`), or `single` (one page only,
    Azure's `nextLinkName: null`). `items` leads from the page model to its array of
    items (empty when the page body is the array itself); `item_type` is one item's
    type. `next_operation` is the operation that fetches the pages after the first
    (Azure's `operationName`), None when next links are followed as they are. `source`
    names where the rule came from.
    """

    kind: Literal["single", "next_link", "link_header", "cursor"]
    items: tuple[Field, ...]
    item_type: TypeRef
    page: Response
    next_path: tuple[str, ...]
    cursor_parameter: str | None
    cursor_header: str | None
    next_operation: NextOperation | None
    source: Literal["x-ms-pageable", "link-header", "x-apiforge-pagination", "configuration"]


@dataclass(frozen=True, slots=True)
class NextOperation:
    """Azure's `x-ms-pageable` `operationName`: the operation that fetches every page
    after the first (`operation_id`). `link_parameter` is its parameter that is given the
    next link (a path parameter with `x-ms-skip-url-encoding` takes a fragment such as
    `next?page=2` as it is); None when it has none, and the link only tells that there
    is a next page. `arguments` pairs each other parameter it is given (its name) with
    the parameter of the first operation whose value it takes (same wire name and
    type); client-level parameters come from the client, and the rest keep their
    defaults.
    """

    operation_id: str
    link_parameter: Identifier | None
    arguments: tuple[tuple[Identifier, Identifier], ...]


@dataclass(frozen=True, slots=True)
class LongRunning:
    """An operation that answers before it has finished (Azure
    `x-ms-long-running-operation`): the client polls until a terminal status.

    `method_name` is the name of the method that starts it and returns a poller
    (`begin_<name>`). `final_state_via` is the declared source of the final result
    (`azure-async-operation`, `location`, `original-uri`, `operation-location`), None
    for the default of the method. `result` is the declared answer whose body type the
    final result has, None when no successful answer has a body.
    """

    method_name: Identifier
    final_state_via: Literal["azure-async-operation", "location", "original-uri", "operation-location"] | None
    result: Response | None


@dataclass(frozen=True, slots=True)
class HeadersResult:
    """What an operation returns when its answers have no body but its 2xx answers
    declare headers: an instance of the class `name`, one optional field per header (a
    header the answer lacks is None)."""

    name: Identifier
    headers: tuple[ResponseHeader, ...]


@dataclass(frozen=True, slots=True)
class OperationGroup:
    """Operations that share an operationId prefix; `class_name` is for its class."""

    name: Identifier
    class_name: Identifier
    operations: tuple[Identifier, ...]


# --------------------------------------------------------------------------- API


@dataclass(frozen=True, slots=True)
class ServerVariable:
    """A variable of the server URL, which the client takes as a constructor argument.

    `required` variables have no default (an OpenAPI 3 default of a variable that is
    the whole host is only an example: it is added to the operations' examples).
    """

    name: Identifier
    wire_name: str
    default: str | None
    description: str
    required: bool


@dataclass(frozen=True, slots=True)
class Server:
    """The base URL template, e.g. `{endpoint}` or `https://{region}.example.com/v1`."""

    url: str
    url_parts: tuple[SegmentPart, ...]
    variables: tuple[ServerVariable, ...]
    description: str


@dataclass(frozen=True, slots=True)
class SecurityScheme:
    """A way to authenticate. `kind` is `api_key`, `http` (with `scheme` basic or
    bearer), `oauth2` or `open_id_connect`; `wire_name` and `location` describe where
    an API key goes."""

    name: Identifier
    scheme_name: str
    kind: Literal["api_key", "http", "oauth2", "open_id_connect"]
    description: str
    wire_name: str | None
    location: Literal["header", "query", "cookie"] | None
    scheme: str | None
    scopes: tuple[str, ...]
    flows: tuple[OAuthFlow, ...] = ()
    open_id_connect_url: str | None = None


@dataclass(frozen=True, slots=True)
class OAuthFlow:
    """One OAuth 2 flow of a scheme: `kind` is the OpenAPI 3 flow name
    (`authorizationCode`, `clientCredentials`, `implicit`, `password`; Swagger 2.0's
    `accessCode` and `application` are read as the first two)."""

    kind: str
    authorization_url: str | None
    token_url: str | None
    refresh_url: str | None
    scopes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Api:
    """Everything a template set renders from one spec.

    `client_parameters` are the parameters the client takes once, in its constructor,
    besides the server variables. `models` and `enums` are sorted by name; operations
    keep the spec's order. `events` are the payloads the service sends back
    (see `Event`), sorted by name.
    """

    title: str
    version: str
    description: str
    source: str
    package_name: Identifier
    client_name: Identifier
    server: Server
    client_parameters: tuple[Parameter, ...]
    security_schemes: tuple[SecurityScheme, ...]
    security: tuple[SecurityRequirement, ...]
    operations: tuple[Operation, ...]
    groups: tuple[OperationGroup, ...]
    models: tuple[Model, ...]
    enums: tuple[Enum, ...]
    events: tuple[Event, ...] = ()


# --------------------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class Event:
    """A payload the service sends to the user (a callback, a webhook, an event
    definition chosen in `[tool.apiforge] events`), which a generated client parses.

    `name` is its class name; `event_type` the type string its envelope carries
    (CloudEvents `type`, Event Grid `eventType`): the configured prefix and the
    schema's name for a chosen definition, the callback's or webhook's key for the
    others. `model` is its payload, a model of its own (inherited fields flattened,
    no base); the models its fields reach are in `Api.models`. `origin` says where
    it came from: `definition`, `callback` or `webhook`. `operations` are the
    operationIds that announce it (their callbacks, or their text naming it).
    `example` is the payload's example from the description (`has_example` says
    whether there is one).
    """

    name: Identifier
    event_type: str
    schema_name: str
    description: str
    model: Model
    origin: Literal["definition", "callback", "webhook"]
    operations: tuple[str, ...]
    example: JsonValue = None
    has_example: bool = False
