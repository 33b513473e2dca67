"""xml-service.json: XML request and response bodies as the Swagger `xml` objects say
(element and attribute names, wrapped and unwrapped arrays, arrays at the root,
`x-ms-text`), Azure Storage's XML shapes, and the two JSON operations of an XML API.

Expected documents from the server's routes (legacy/routes/xml.js and
dist/test-routes/xml-service.js). The server compares what it receives with
xml2js's parsed form (whitespace between elements and the XML declaration do not
matter; an empty element is the empty string).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

GROUP = "xml-service"

REQUIRED_MISSING = (
    "the answer lacks properties the spec declares required ({}): from_dict refuses it with a KeyError "
    "(AutoRest's clients read every property as optional)"
)

KNOWN_GAPS = {
    "test_list_containers": REQUIRED_MISSING.format("Prefix"),
    "test_list_blobs": REQUIRED_MISSING.format("Prefix, Marker, Delimiter; Deleted and Snapshot of each Blob"),
}

UTC = timezone.utc
EXPIRATION = datetime(2018, 2, 28, 0, 40, 0, 123000, tzinfo=UTC)


def slideshow(models: Any) -> Any:
    return models.Slideshow(
        title="Sample Slide Show",
        date_="Date of publication",
        author="Yours Truly",
        slides=[
            models.Slide(type_="all", title="Wake up to WonderWidgets!", items=[]),
            models.Slide(
                type_="all",
                title="Overview",
                items=["Why WonderWidgets are great", "", "Who buys WonderWidgets"],
            ),
        ],
    )


def bananas(models: Any, count: int = 2) -> list[Any]:
    return [
        models.Banana(name="Cavendish", flavor="Sweet", expiration=EXPIRATION),
        models.Banana(name="Plantain", flavor="Savory", expiration=EXPIRATION),
    ][:count]


# ---------------------------------------------------------------- simple models


def test_get_simple(client: Any, api: Any) -> None:
    """Attributes (`title`, `date`, `author`, `type`), an unwrapped array of models
    (`<slide>` repeated) and one of strings (`<item>`, one of them empty)."""
    assert client.xml_get_simple() == slideshow(api.models)


def test_put_simple(client: Any, api: Any) -> None:
    assert client.xml_put_simple(slideshow(api.models)) is None


def test_get_wrapped_lists(client: Any, api: Any) -> None:
    """`<GoodApples><Apple>Fuji</Apple>...</GoodApples>`: wrapped arrays, items named by their `xml`."""
    expected = api.models.AppleBarrel(good_apples=["Fuji", "Gala"], bad_apples=["Red Delicious"])
    assert client.xml_get_wrapped_lists() == expected


def test_put_wrapped_lists(client: Any, api: Any) -> None:
    barrel = api.models.AppleBarrel(good_apples=["Fuji", "Gala"], bad_apples=["Red Delicious"])
    assert client.xml_put_wrapped_lists(barrel) is None


def test_get_empty_list(client: Any, api: Any) -> None:
    """`<slideshow/>`: no slide is an empty list."""
    assert client.xml_get_empty_list() == api.models.Slideshow(slides=[])


def test_put_empty_list(client: Any, api: Any) -> None:
    assert client.xml_put_empty_list(api.models.Slideshow(slides=[])) is None


def test_get_empty_wrapped_lists(client: Any, api: Any) -> None:
    """`<GoodApples></GoodApples><BadApples/>`: empty wrappers are empty lists."""
    assert client.xml_get_empty_wrapped_lists() == api.models.AppleBarrel(good_apples=[], bad_apples=[])


def test_put_empty_wrapped_lists(client: Any, api: Any) -> None:
    """The server expects both wrappers, empty."""
    assert client.xml_put_empty_wrapped_lists(api.models.AppleBarrel(good_apples=[], bad_apples=[])) is None


# ------------------------------------------------------------------ root arrays


def test_get_root_list(client: Any, api: Any) -> None:
    """`<bananas><banana>...</banana>...</bananas>`: an array as the document."""
    assert client.xml_get_root_list() == bananas(api.models)


def test_put_root_list(client: Any, api: Any) -> None:
    assert client.xml_put_root_list(bananas(api.models)) is None


def test_get_root_list_single_item(client: Any, api: Any) -> None:
    assert client.xml_get_root_list_single_item() == bananas(api.models, 1)


def test_put_root_list_single_item(client: Any, api: Any) -> None:
    assert client.xml_put_root_list_single_item(bananas(api.models, 1)) is None


def test_get_empty_root_list(client: Any) -> None:
    assert client.xml_get_empty_root_list() == []


def test_put_empty_root_list(client: Any) -> None:
    assert client.xml_put_empty_root_list([]) is None


def test_get_empty_child_element(client: Any, api: Any) -> None:
    """`<flavor></flavor>`: an empty element is the empty string."""
    expected = api.models.Banana(
        name="Unknown Banana", flavor="", expiration=datetime(2012, 2, 24, 0, 53, 52, 789000, tzinfo=UTC)
    )
    assert client.xml_get_empty_child_element() == expected


def test_put_empty_child_element(client: Any, api: Any) -> None:
    banana = api.models.Banana(
        name="Unknown Banana", flavor="", expiration=datetime(2012, 2, 24, 0, 53, 52, 789000, tzinfo=UTC)
    )
    assert client.xml_put_empty_child_element(banana) is None


# ------------------------------------------------------- references to models


def test_get_complex_type_ref_no_meta(client: Any, api: Any) -> None:
    """A property of a model type without `xml`: the element has the property's name."""
    expected = api.models.RootWithRefAndNoMeta(ref_to_model=api.models.ComplexTypeNoMeta(id="myid"), something="else")
    assert client.xml_get_complex_type_ref_no_meta() == expected


def test_put_complex_type_ref_no_meta(client: Any, api: Any) -> None:
    body = api.models.RootWithRefAndNoMeta(ref_to_model=api.models.ComplexTypeNoMeta(id="myid"), something="else")
    assert client.xml_put_complex_type_ref_no_meta(body) is None


def test_get_complex_type_ref_with_meta(client: Any, api: Any) -> None:
    """The model names its element (`XMLComplexTypeWithMeta`), which the property takes."""
    expected = api.models.RootWithRefAndMeta(ref_to_model=api.models.ComplexTypeWithMeta(id="myid"), something="else")
    assert client.xml_get_complex_type_ref_with_meta() == expected


def test_put_complex_type_ref_with_meta(client: Any, api: Any) -> None:
    body = api.models.RootWithRefAndMeta(ref_to_model=api.models.ComplexTypeWithMeta(id="myid"), something="else")
    assert client.xml_put_complex_type_ref_with_meta(body) is None


# ------------------------------------------------------------- Azure Storage


def test_list_containers(client: Any, api: Any) -> None:
    """`EnumerationResults` with an attribute, a wrapped array of models, RFC 1123 dates."""
    result = client.xml_list_containers()
    assert result.service_endpoint == "https://myaccount.blob.core.windows.net/"
    assert result.max_results == 3 and result.next_marker == "video"
    assert [container.name for container in result.containers] == ["audio", "images", "textfiles"]
    first = result.containers[0].properties
    assert first.last_modified == datetime(2016, 10, 26, 20, 39, 39, tzinfo=UTC)
    assert first.etag == "0x8CACB9BD7C6B1B2" and first.public_access == "container"


def service_properties(models: Any) -> Any:
    retention = models.RetentionPolicy(enabled=True, days=7)
    return models.StorageServiceProperties(
        logging=models.Logging(version="1.0", delete=True, read=False, write=True, retention_policy=retention),
        hour_metrics=models.Metrics(version="1.0", enabled=True, include_ap_is=False, retention_policy=retention),
        minute_metrics=models.Metrics(version="1.0", enabled=True, include_ap_is=True, retention_policy=retention),
    )


def test_get_service_properties(client: Any, api: Any) -> None:
    """Nested models, booleans and integers read from text."""
    assert client.xml_get_service_properties() == service_properties(api.models)


def test_put_service_properties(client: Any, api: Any) -> None:
    assert client.xml_put_service_properties(service_properties(api.models)) is None


def signed_identifiers(models: Any) -> list[Any]:
    policy = models.AccessPolicy(
        start=datetime(2009, 9, 28, 8, 49, 37, 123000, tzinfo=UTC),
        expiry=datetime(2009, 9, 29, 8, 49, 37, 123000, tzinfo=UTC),
        permission="rwd",
    )
    return [models.SignedIdentifier(id="MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=", access_policy=policy)]


def test_get_acls(client: Any, api: Any) -> None:
    """`SignedIdentifiers`: a named array schema as the document."""
    assert client.xml_get_acls() == signed_identifiers(api.models)


def test_put_acls(client: Any, api: Any) -> None:
    assert client.xml_put_acls(signed_identifiers(api.models)) is None


def test_list_blobs(client: Any, api: Any) -> None:
    """Unwrapped arrays of models (`<Blob>` repeated), a map of metadata (`<Color>blue</Color>`)."""
    result = client.xml_list_blobs()
    assert result.container_name == "https://myaccount.blob.core.windows.net/mycontainer"
    assert [blob.name for blob in result.blobs.blob] == ["blob1.txt", "blob2.txt", "blob2.txt", "blob2.txt", "blob3.txt"]
    assert result.blobs.blob[0].metadata == {"Color": "blue", "BlobNumber": "01", "SomeMetadataName": "SomeMetadataValue"}
    assert result.blobs.blob[4].properties.blob_sequence_number == 3


# ------------------------------------------------------- other shapes, headers


def test_get_x_ms_text(client: Any, api: Any) -> None:
    """`<Data language="english">I am text</Data>`: `x-ms-text` is the element's text."""
    assert client.xml_get_x_ms_text() == api.models.ObjectWithXMsTextProperty(language="english", content="I am text")


def test_get_bytes(client: Any, api: Any) -> None:
    assert client.xml_get_bytes() == api.models.ModelWithByteProperty(bytes_=b"Hello world")


def test_put_binary(client: Any, api: Any) -> None:
    """The server expects `<Bytes>SGVsbG8gd29ybGQ=</Bytes>` (base64)."""
    assert client.xml_put_binary(api.models.ModelWithByteProperty(bytes_=b"Hello world")) is None


def test_get_uri(client: Any, api: Any) -> None:
    expected = api.models.ModelWithUrlProperty(url="https://myaccount.blob.core.windows.net/")
    assert client.xml_get_uri() == expected


def test_put_uri(client: Any, api: Any) -> None:
    assert client.xml_put_uri(api.models.ModelWithUrlProperty(url="https://myaccount.blob.core.windows.net/")) is None


def test_get_headers(client: Any) -> None:
    """`Custom-HEADER: custom-value` (no body)."""
    assert client.xml_get_headers().custom_header == "custom-value"


def test_json_input(client: Any, api: Any) -> None:
    """An operation that consumes JSON in an XML API: `{"id": 42}`."""
    assert client.xml_json_input(api.models.JSONInput(id=42)) is None


def test_json_output(client: Any, api: Any) -> None:
    assert client.xml_json_output() == api.models.JSONOutput(id=42)


@pytest.mark.parametrize("strict", [False, True])
def test_strict_mode_reads_the_same(api: Any, strict: bool) -> None:
    """Strict response validation checks XML answers too, and passes valid ones."""
    with api.new_client(strict_response_validation=strict) as client:
        assert client.xml_get_simple() == slideshow(api.models)
        assert client.xml_get_service_properties() == service_properties(api.models)
