"""Choosing among the media types an operation offers."""

from __future__ import annotations

import re

_JSON_MEDIA = re.compile(r"^application/(.+\+)?json$|^text/json$")


def is_json(media_type: str) -> bool:
    return bool(_JSON_MEDIA.match(media_type.split(";")[0].strip().lower()))


_XML_MEDIA = re.compile(r"^(application|text)/(.+\+)?xml$")


def is_xml(media_type: str) -> bool:
    """`application/xml`, `text/xml` and `+xml` types: bodies written as the `xml`
    objects of their schemas say."""
    return bool(_XML_MEDIA.match(media_type.split(";")[0].strip().lower()))


def is_text(media_type: str) -> bool:
    """`text/*` other than JSON: sent and read as text."""
    return media_type.split(";")[0].strip().lower().startswith("text/") and not is_json(media_type)


_BINARY_MEDIA = re.compile(r"^(image|audio|video|font)/|^application/(octet-stream|pdf|zip|gzip)$")


def is_binary(media_type: str) -> bool:
    """Media types of opaque bytes (files, images, PDF, `application/octet-stream`)."""
    return bool(_BINARY_MEDIA.match(media_type.split(";")[0].strip().lower()))


def pick_media_type(media_types: list[str]) -> str | None:
    """JSON when it is offered, else the first listed."""
    for media_type in media_types:
        if is_json(media_type):
            return media_type
    return media_types[0] if media_types else None
