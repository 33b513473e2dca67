"""Value formats: one entry per format, holding everything the generator knows about it.

A format such as `date-time` gives a JSON string (or, for `unixtime`, a number) a
Python type of its own. Its entry says which JSON kind carries it, its annotation in
generated code, how generated code decodes and encodes it (and the helper functions
that takes, defined once in `models.py`), which texts it accepts (defaults and examples
are vetted with it), how a text reads back after the generated models' round trip, its
example value for emitted tests, and how a default is written as a Python value.

Adding a format is adding one entry to `FORMATS` (and its helpers to `HELPERS`). The
IR reads `json_kind` and `accepts`; the examples of emitted tests (`render/wire.py`)
read `example` and `wire_text`; the python view reads the rest.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Helper:
    """A function that generated `models.py` defines when any module uses it.

    `needs`: the module-level names its definition uses (imported by `models.py`);
    `source`: its definition, preceded by the blank lines that separate it."""

    name: str
    needs: frozenset[str]
    source: str


@dataclass(frozen=True, slots=True)
class Format:
    """One value format. Conversions are templates with `{}` for the expression."""

    name: str
    json_kind: str  # "string" or "integer": the JSON values that carry it
    annotation: str = "str"  # the Python type of its values
    decoder: str = "{}"  # JSON value -> Python value
    decode_needs: str = ""  # the module-level name the decoder calls (a helper, or an import)
    encoder: str = "{}"  # Python value -> JSON value
    encode_needs: str = ""
    example: str | None = None  # a value for emitted tests
    parse: Callable[[str], object] | None = None  # raises ValueError (or similar) for a text it refuses
    round_trip: Callable[[str], str] | None = None  # a text after the generated models parse and format it
    wire_text: Callable[[str], str] | None = None  # an example's text as the generated client sends it
    literal: Callable[[Any], str] | None = None  # a default as a Python expression of `annotation`

    @property
    def converts(self) -> bool:
        """Whether generated code holds its values as another type than the JSON one."""
        return self.annotation != "str" or self.json_kind != "string"

    @property
    def annotation_needs(self) -> str:
        """The name the annotation needs imported (`datetime`), or ""."""
        return self.annotation if self.annotation in ("datetime", "date", "timedelta") else ""

    def accepts(self, text: str) -> bool:
        """Whether the generated models can read `text` in this format."""
        if self.parse is None:
            return True
        try:
            self.parse(text)
        except (ValueError, TypeError, binascii.Error, OverflowError):
            return False
        return True


# ---------------------------------------------------------------------- conversions at generation time


def utc_date_time(text: str) -> str:
    """An RFC 3339 date-time as clients send it: in UTC, written with `Z` (a time without
    offset taken as UTC); one that UTC cannot hold keeps its offset."""
    value = datetime.fromisoformat(text.upper())
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    try:
        value = value.astimezone(timezone.utc)
    except OverflowError:
        return value.isoformat()
    return value.isoformat().removesuffix("+00:00") + "Z"


_NUMBER = r"\d+(?:\.\d+)?"
_DURATION = re.compile(
    rf"^P(?:{_NUMBER}Y)?(?:{_NUMBER}M)?(?:{_NUMBER}W)?(?:{_NUMBER}D)?(?:T(?:{_NUMBER}H)?(?:{_NUMBER}M)?(?:{_NUMBER}S)?)?$"
)
_MAX_SECONDS = timedelta.max.total_seconds()
_SECONDS = {"Y": 365 * 86400, "W": 7 * 86400, "D": 86400, "H": 3600, "S": 1}


def duration_seconds(text: str) -> int | float:
    """An ISO 8601 duration (`_DURATION`) in seconds, read as the generated
    `parse_duration` reads it: a year is 365 days, a month 30."""
    total = 0.0
    date_part, _, time_part = text[1:].partition("T")
    for part, minute_or_month in ((date_part, 30 * 86400), (time_part, 60)):
        for number, unit in re.findall(r"(\d+(?:\.\d+)?)([YMWDHS])", part):
            total += float(number) * (minute_or_month if unit == "M" else _SECONDS[unit])
    return int(total) if total.is_integer() else total


def _parse_duration(text: str) -> None:
    if not _DURATION.match(text) or abs(duration_seconds(text)) > _MAX_SECONDS:
        raise ValueError(f"not a duration: {text!r}")


def _base64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _moment_literal(moment: datetime) -> str:
    from .render.escaping import py_string

    return f"datetime.fromisoformat({py_string(utc_date_time(moment.isoformat()))})"


def _date_literal(value: Any) -> str:
    day = date.fromisoformat(str(value))
    return f"date({day.year}, {day.month}, {day.day})"


def _duration_literal(value: Any) -> str:
    from .render.escaping import py_literal

    return f"timedelta(seconds={py_literal(duration_seconds(str(value)))})"


# ---------------------------------------------------------------------- the formats

FORMATS: dict[str, Format] = {
    entry.name: entry
    for entry in (
        Format(
            "date-time",
            "string",
            annotation="datetime",
            decoder="parse_datetime_iso({})",
            decode_needs="parse_datetime_iso",
            encoder="format_datetime_iso({})",
            encode_needs="format_datetime_iso",
            example="2024-01-02T03:04:05Z",
            parse=lambda text: datetime.fromisoformat(text.upper()),
            round_trip=utc_date_time,
            wire_text=utc_date_time,
            literal=lambda value: _moment_literal(datetime.fromisoformat(str(value).upper())),
        ),
        Format(
            "date-time-rfc1123",
            "string",
            annotation="datetime",
            decoder="parse_datetime_rfc1123({})",
            decode_needs="parse_datetime_rfc1123",
            encoder="format_datetime({}, usegmt=True)",
            encode_needs="format_datetime",
            example="Tue, 02 Jan 2024 03:04:05 GMT",
            parse=parsedate_to_datetime,
            round_trip=lambda text: format_datetime(parsedate_to_datetime(text), usegmt=True),
            literal=lambda value: _moment_literal(parsedate_to_datetime(str(value))),
        ),
        Format(
            "date",
            "string",
            annotation="date",
            decoder="date.fromisoformat({})",
            decode_needs="date",
            encoder="{}.isoformat()",
            example="2024-01-02",
            parse=date.fromisoformat,
            round_trip=lambda text: date.fromisoformat(text).isoformat(),
            literal=_date_literal,
        ),
        Format(
            "duration",
            "string",
            annotation="timedelta",
            decoder="parse_duration({})",
            decode_needs="parse_duration",
            encoder="format_duration({})",
            encode_needs="format_duration",
            example="PT1M30S",
            parse=_parse_duration,
            literal=_duration_literal,
        ),
        Format(
            "byte",
            "string",
            annotation="bytes",
            decoder="base64.b64decode({})",
            decode_needs="base64",
            encoder='base64.b64encode({}).decode("ascii")',
            encode_needs="base64",
            example="ZXhhbXBsZQ==",
            parse=lambda text: base64.b64decode(text, validate=True),
            round_trip=lambda text: base64.b64encode(base64.b64decode(text)).decode("ascii"),
            literal=lambda value: repr(base64.b64decode(str(value))),
        ),
        Format(
            "base64url",
            "string",
            annotation="bytes",
            decoder="parse_base64url({})",
            decode_needs="parse_base64url",
            encoder="format_base64url({})",
            encode_needs="format_base64url",
            example="ZXhhbXBsZQ",
            parse=_base64url,
            round_trip=lambda text: base64.urlsafe_b64encode(_base64url(text)).decode("ascii").rstrip("="),
            literal=lambda value: repr(_base64url(str(value))),
        ),
        Format(
            "unixtime",
            "integer",
            annotation="datetime",
            decoder="parse_unixtime({})",
            decode_needs="parse_unixtime",
            encoder="format_unixtime({})",
            encode_needs="format_unixtime",
            literal=lambda value: _moment_literal(datetime.fromtimestamp(int(value), timezone.utc)),
        ),
        # Bytes sent and received as they are (`type: file` too): no conversion.
        Format("binary", "string", annotation="bytes", literal=lambda value: repr(str(value).encode("utf-8"))),
        Format("uuid", "string", example="00000000-0000-4000-8000-000000000000"),
    )
}


def value_format(kind: str, format: str | None) -> Format | None:
    """The entry of a value of JSON kind `kind` in `format` that generated code holds as
    a type of its own, or None."""
    entry = FORMATS.get(format or "")
    return entry if entry is not None and entry.converts and entry.json_kind == kind else None


def example_text(format: str | None) -> str | None:
    """A text of `format` for emitted tests, or None when the format has none."""
    entry = FORMATS.get(format or "")
    return entry.example if entry is not None else None


# ---------------------------------------------------------------------- helpers defined by models.py
#
# In the order models.py defines them.

_HELPER_LIST = (
    Helper(
        "format_datetime_iso",
        frozenset({"datetime", "timezone"}),
        '''

def format_datetime_iso(value: datetime) -> str:
    """`value` as RFC 3339 text in UTC, e.g. `2012-01-05T01:00:00Z` (a naive value is
    taken as UTC); one that UTC cannot hold (past year 9999) keeps its own offset."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    try:
        value = value.astimezone(timezone.utc)
    except OverflowError:
        return value.isoformat()
    return value.isoformat().removesuffix("+00:00") + "Z"''',
    ),
    Helper(
        "parse_datetime_iso",
        frozenset({"datetime"}),
        '''

def parse_datetime_iso(text: str) -> datetime:
    """RFC 3339 text such as `2012-01-05T01:00:00Z`; a lower-case `t` or `z` is read too."""
    return datetime.fromisoformat(text.upper())''',
    ),
    Helper(
        "parse_datetime_rfc1123",
        frozenset({"datetime", "timezone", "parsedate_to_datetime"}),
        '''

def parse_datetime_rfc1123(text: str) -> datetime:
    """RFC 1123 text such as `Fri, 31 Dec 9999 23:59:59 GMT`, in UTC. Other forms go to
    email.utils, second because it reads a year such as 0001 as 2001."""
    try:
        return datetime.strptime(text, "%a, %d %b %Y %H:%M:%S GMT").replace(
            tzinfo=timezone.utc
        )
    except ValueError:
        return parsedate_to_datetime(text)''',
    ),
    Helper(
        "format_base64url",
        frozenset({"base64"}),
        '''

def format_base64url(value: bytes) -> str:
    """`value` in URL-safe base64 without `=` padding (the `base64url` format)."""
    return base64.urlsafe_b64encode(value).decode("ascii").rstrip("=")''',
    ),
    Helper(
        "parse_base64url",
        frozenset({"base64"}),
        '''

def parse_base64url(text: str) -> bytes:
    """URL-safe base64 text (the `base64url` format), its `=` padding optional."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))''',
    ),
    Helper(
        "format_unixtime",
        frozenset({"datetime", "timezone"}),
        '''

def format_unixtime(value: datetime) -> int:
    """`value` as whole seconds since 1970-01-01 UTC (the `unixtime` format); a naive
    value is taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return int(value.timestamp())''',
    ),
    Helper(
        "parse_unixtime",
        frozenset({"datetime", "timezone"}),
        '''

def parse_unixtime(seconds: int) -> datetime:
    """Seconds since 1970-01-01 UTC (the `unixtime` format) as a UTC datetime."""
    return datetime.fromtimestamp(seconds, timezone.utc)''',
    ),
    Helper(
        "parse_duration",
        frozenset({"timedelta", "re"}),
        r'''

_DURATION = re.compile(
    r"^P(?:(?P<years>\d+(?:\.\d+)?)Y)?(?:(?P<months>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<weeks>\d+(?:\.\d+)?)W)?(?:(?P<days>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)


def parse_duration(text: str) -> timedelta:
    """An ISO 8601 duration such as `P3Y6M4DT12H30M5S`. Years and months have no fixed
    length: a year counts as 365 days, a month as 30."""
    match = _DURATION.match(text)
    if match is None:
        raise ValueError(f"not an ISO 8601 duration: {text!r}")
    parts = {name: float(value) for name, value in match.groupdict().items() if value}
    days = (
        parts.pop("days", 0) + 365 * parts.pop("years", 0) + 30 * parts.pop("months", 0)
    )
    return timedelta(days=days, **parts)''',
    ),
    Helper(
        "format_duration",
        frozenset({"timedelta"}),
        '''

def format_duration(value: timedelta) -> str:
    """`value` as an ISO 8601 duration in days and smaller units, e.g. `P1DT2H30M`."""
    seconds = value.total_seconds()
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    text = "P" + (f"{int(days)}D" if days else "")
    time = (f"{int(hours)}H" if hours else "") + (f"{int(minutes)}M" if minutes else "")
    time += f"{seconds:g}S" if seconds or not (days or time) else ""
    return text + ("T" + time if time else "")''',
    ),
)
HELPERS: dict[str, Helper] = {helper.name: helper for helper in _HELPER_LIST}
