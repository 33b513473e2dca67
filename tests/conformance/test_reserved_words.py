"""reserved-words.json: operations, parameters and enum members named like Python
keywords, builtins or the generated code's own names (`import`, `content`, `json`,
`data`, `files`, `url`, `headerParameters`, `queryParameters`).

Expected values from the operations' descriptions and the server's routes
(dist/test-routes/reserved-words.js). Every route answers 200 without a body, although
the Swagger file declares `type: object`: no value. Required parameters are passed
positionally (in the Swagger file's order), since a parameter named like a reserved
word may be renamed by the generator.
"""

from __future__ import annotations

from typing import Any

GROUP = "reserved-words"

FORM_DATA = (
    "formData parameters are not supported yet: the group does not generate; then every answer"
    " (200 without a body, schema `type: object`) fails in response.json()"
)
KNOWN_GAPS = {
    "test_import_operation_one": FORM_DATA,
    "test_operation_with_content_param": FORM_DATA,
    "test_operation_with_json_param": FORM_DATA,
    "test_operation_with_data_param": FORM_DATA,
    "test_operation_with_files_param": FORM_DATA,
    "test_operation_with_url": FORM_DATA,
    "test_reserved_enum": FORM_DATA,
}


def test_import_operation_one(client: Any) -> None:
    """The operation group `import` (a keyword): the query parameter `parameter1=foo`."""
    assert client.import_operation_one("foo") is None


def test_operation_with_content_param(client: Any) -> None:
    """A binary body named `content`: the bytes `hello, world`, as they are."""
    assert client.operation_with_content_param(b"hello, world") is None


def test_operation_with_json_param(client: Any) -> None:
    """A JSON body (schema `{}`) named `json`: `{"hello": "world"}`."""
    assert client.operation_with_json_param({"hello": "world"}) is None


def test_operation_with_data_param(client: Any) -> None:
    """Two `formData` fields, `data` and `world`, sent urlencoded: `data=hello&world=world`."""
    assert client.operation_with_data_param("hello", "world") is None


def test_operation_with_files_param(client: Any) -> None:
    """A multipart body: the file `files` and the field `fileName=my.txt`."""
    assert client.operation_with_files_param(b"the file's content", "my.txt") is None


def test_operation_with_url(client: Any) -> None:
    """The path parameter `url=foo`, the header `headerParameters: x-ms-header`, and the
    query parameter `queryParameters` with `collectionFormat: multi`: one each for
    `one` and `two`."""
    assert client.operation_with_url("foo", "x-ms-header", query_parameters=["one", "two"]) is None


def test_reserved_enum(client: Any, api: Any) -> None:
    """The enum MyEnum has a member named `import`: the header `enumParameter: import`."""
    member = next(m for m in api.models.MyEnum if m.value == "import")
    assert client.reserved_enum(member) is None
