"""XML bodies and strict response validation in a generated package: the codec of
`_xml.py` (round trips, attributes, wrapped and unwrapped arrays, namespaces, `x-ms-text`,
hostile documents refused) and the checks of `_schema.py` (the JSON path of the value
at fault), through the generated client with `httpx.MockTransport`."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from helpers import plan_for
from generator.output import write

PACKAGE = "xml_codec_pkg"

SPEC: dict[str, Any] = {
    "swagger": "2.0",
    "info": {"title": "XML codec", "version": "1"},
    "host": "example.com",
    "consumes": ["application/xml"],
    "produces": ["application/xml"],
    "paths": {
        "/library": {
            "get": {
                "operationId": "getLibrary",
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Library"}}},
            },
            "put": {
                "operationId": "putLibrary",
                "parameters": [{"in": "body", "name": "library", "required": True, "schema": {"$ref": "#/definitions/Library"}}],
                "responses": {"201": {"description": "stored"}},
            },
        },
        "/books": {
            "get": {
                "operationId": "listBooks",
                "responses": {
                    "200": {
                        "description": "ok",
                        "schema": {"type": "array", "xml": {"name": "Books"}, "items": {"$ref": "#/definitions/Book"}},
                    }
                },
            }
        },
        "/counts": {
            "get": {
                "operationId": "getCounts",
                "produces": ["application/json"],
                "responses": {
                    "200": {"description": "ok", "schema": {"type": "array", "items": {"type": "integer"}}}
                },
            }
        },
        "/shelf": {
            "get": {
                "operationId": "getShelf",
                "produces": ["application/json"],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Shelf"}}},
            }
        },
    },
    "definitions": {
        "Book": {
            "type": "object",
            "xml": {"name": "book", "namespace": "urn:books", "prefix": "bk"},
            "required": ["title"],
            "properties": {
                "id": {"type": "integer", "xml": {"attribute": True}},
                "title": {"type": "string"},
                "available": {"type": "boolean"},
                "note": {"type": "string", "xml": {"x-ms-text": True}},
            },
        },
        "Library": {
            "type": "object",
            "xml": {"name": "library"},
            "properties": {
                "name": {"type": "string", "xml": {"attribute": True, "name": "Name"}},
                "books": {"type": "array", "items": {"$ref": "#/definitions/Book"}},
                "tags": {"type": "array", "xml": {"wrapped": True, "name": "Tags"}, "items": {"type": "string", "xml": {"name": "tag"}}},
                "rating": {"type": "number"},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        },
        "Shelf": {
            "type": "object",
            "required": ["books"],
            "properties": {
                "books": {"type": "array", "items": {"$ref": "#/definitions/Book"}},
                "size": {"type": "integer"},
            },
        },
    },
}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    folder = tmp_path_factory.mktemp("xml_codec")
    source = folder / "spec.json"
    source.write_text(json.dumps(SPEC), encoding="utf-8")
    write(plan_for(source, package_name=PACKAGE, template_sets=("python",)), folder / "out")
    root = str(folder / "out" / "python")
    sys.path.insert(0, root)
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(root)
        for name in [name for name in sys.modules if name == PACKAGE or name.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def submodule(package: ModuleType, name: str) -> Any:
    return importlib.import_module(f"{package.__name__}.{name}")


def library(package: ModuleType) -> Any:
    book = package.Book
    return package.Library(
        name="City & Co",
        books=[book(id=1, title="Dune", available=True, note="classic"), book(title="Emma <1815>", available=False)],
        tags=["sf", "novel"],
        rating=4.5,
        labels={"floor": "2", "wing": "east"},
    )


def client_for(package: ModuleType, handler: Any, **options: Any) -> Any:
    return package.XmlCodecPkgClient(transport=httpx.MockTransport(handler), **options)


# ------------------------------------------------------------------------ writing


def test_the_document_follows_the_xml_objects(package: ModuleType) -> None:
    sent: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.content)
        return httpx.Response(201)

    with client_for(package, handler) as client:
        client.put_library(library(package))
    assert sent[0].decode() == (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<library Name="City &amp; Co">'
        '<bk:book xmlns:bk="urn:books" id="1"><title>Dune</title><available>true</available>classic</bk:book>'
        '<bk:book xmlns:bk="urn:books"><title>Emma &lt;1815&gt;</title><available>false</available></bk:book>'
        "<Tags><tag>sf</tag><tag>novel</tag></Tags>"
        "<rating>4.5</rating>"
        "<labels><floor>2</floor><wing>east</wing></labels>"
        "</library>"
    )


@pytest.mark.parametrize("strict", [False, True])
def test_round_trip(package: ModuleType, strict: bool) -> None:
    """What is written reads back as the same model (attributes, unwrapped and wrapped
    arrays, text content, a namespace, a map, numbers and booleans)."""
    sent: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "PUT":
            sent.append(request.content)
            return httpx.Response(201)
        return httpx.Response(200, content=sent[-1], headers={"Content-Type": "application/xml"})

    with client_for(package, handler, strict_response_validation=strict) as client:
        client.put_library(library(package))
        assert client.get_library() == library(package)


def test_empty_arrays_round_trip(package: ModuleType) -> None:
    """An empty wrapped array is an empty wrapper; unwrapped, no element at all; both
    read back as empty lists."""
    xml, schema = submodule(package, "_xml"), submodule(package, "_schema")
    value = package.Library(tags=[], books=[]).to_dict()
    document = xml.dumps(value, schema.model("Library"))
    assert document.endswith(b"<library><Tags></Tags></library>")
    assert xml.loads(document, schema.model("Library")) == {"books": [], "tags": []}


# ------------------------------------------------------------------------ reading


def test_reading_a_root_array_in_another_layout(package: ModuleType) -> None:
    """Whitespace between elements, another prefix for the same namespace, an empty
    element: an array at the root is read item by item."""
    document = b"""<?xml version='1.0'?>
    <Books xmlns:b="urn:books">
      <b:book id="7"><title>Solaris</title><available>1</available></b:book>
      <b:book><title></title></b:book>
    </Books>"""

    with client_for(package, lambda request: httpx.Response(200, content=document)) as client:
        books = client.list_books()
    assert books == [package.Book(id=7, title="Solaris", available=True), package.Book(title="")]


@pytest.mark.parametrize(
    ("document", "path"),
    [
        (b'<library><bk:book xmlns:bk="urn:books" id="x"><title>A</title></bk:book></library>', "$.books[0].id"),
        (b"<library><rating>high</rating></library>", "$.rating"),
        (b"<library><bk:book xmlns:bk='urn:books'><available>yes</available></bk:book></library>", "$.books[0].available"),
    ],
)
def test_text_that_is_no_value_of_its_type_is_refused(package: ModuleType, document: bytes, path: str) -> None:
    with client_for(package, lambda request: httpx.Response(200, content=document)) as client:
        with pytest.raises(package.DeserializationError) as caught:
            client.get_library()
    assert caught.value.path == path


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<library Name="&lol4;"/>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE library [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<library Name="&secret;"/>"""
BARE_DOCTYPE = b'<?xml version="1.0"?><!DOCTYPE library><library Name="x"/>'


@pytest.mark.parametrize("document", [BILLION_LAUGHS, EXTERNAL_ENTITY, BARE_DOCTYPE], ids=["billion-laughs", "external-entity", "doctype"])
def test_a_doctype_is_refused_with_a_clear_error(package: ModuleType, document: bytes) -> None:
    with client_for(package, lambda request: httpx.Response(200, content=document)) as client:
        with pytest.raises(package.DeserializationError, match="DOCTYPE"):
            client.get_library()


@pytest.mark.parametrize("document", [b"<library>", b"", b"<library Name='&undefined;'/>", b"not xml"])
def test_a_document_that_is_not_well_formed_is_refused(package: ModuleType, document: bytes) -> None:
    with client_for(package, lambda request: httpx.Response(200, content=document)) as client:
        with pytest.raises(package.DeserializationError, match="XML"):
            client.get_library()


# ------------------------------------------------------ strict response validation


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ([1, "2", 3], "$[1]"),
        ([1, True], "$[1]"),  # a boolean is no integer
        ([1, None], "$[1]"),  # items not declared nullable
        ({"0": 1}, "$"),
    ],
)
def test_strict_validation_names_the_json_path(package: ModuleType, body: Any, path: str) -> None:
    with client_for(package, lambda request: httpx.Response(200, json=body), strict_response_validation=True) as client:
        with pytest.raises(package.DeserializationError) as caught:
            client.get_counts()
    assert caught.value.path == path
    assert isinstance(caught.value, package.ClientError) and isinstance(caught.value, ValueError)
    assert str(caught.value).startswith(path + ":")


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"books": [{"title": "A"}, {"title": 3}]}, "$.books[1].title"),
        ({"books": [{"id": 1}]}, "$.books[0].title"),  # a required property missing
        ({"books": [{"title": None}]}, "$.books[0].title"),
        ({"books": "none"}, "$.books"),
        ({"books": [], "size": 1.5}, "$.size"),
    ],
)
def test_strict_validation_of_models(package: ModuleType, body: Any, path: str) -> None:
    with client_for(package, lambda request: httpx.Response(200, json=body), strict_response_validation=True) as client:
        with pytest.raises(package.DeserializationError) as caught:
            client.get_shelf()
    assert caught.value.path == path


def test_strict_validation_passes_valid_answers_and_unknown_properties(package: ModuleType) -> None:
    body = {"books": [{"title": "A", "id": 1, "extra": [1]}], "size": 2, "unknown": {"x": 1}}
    with client_for(package, lambda request: httpx.Response(200, json=body), strict_response_validation=True) as client:
        assert client.get_shelf() == package.Shelf(books=[package.Book(title="A", id=1)], size=2)


def test_the_default_client_trusts_the_declared_types(package: ModuleType) -> None:
    """The fast path: no check, the value comes back as the service sent it."""
    with client_for(package, lambda request: httpx.Response(200, json=[1, "2", 3])) as client:
        assert client.get_counts() == [1, "2", 3]


def test_the_async_client_takes_the_option_too(package: ModuleType) -> None:
    import asyncio

    async def call() -> Any:
        transport = httpx.MockTransport(lambda request: httpx.Response(200, json=[1, "2"]))
        async with package.AsyncXmlCodecPkgClient(transport=transport, strict_response_validation=True) as client:
            return await client.get_counts()

    with pytest.raises(package.DeserializationError):
        asyncio.run(call())


def test_generated_modules_exist_only_when_needed(package: ModuleType) -> None:
    folder = Path(package.__file__).parent
    assert (folder / "_xml.py").exists() and (folder / "_schema.py").exists()
