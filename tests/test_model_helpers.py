"""The conversion helpers of a generated models module, called directly: what the
conformance suite checks against the AutoRest test server, here without a server."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from types import ModuleType

import pytest

from helpers import generated_models

SPEC = {
    "swagger": "2.0",
    "info": {"title": "Formats", "version": "1"},
    "paths": {
        "/values": {
            "put": {
                "operationId": "putValues",
                "parameters": [{"name": "body", "in": "body", "required": True, "schema": {"$ref": "#/definitions/Values"}}],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Values"}}},
            }
        }
    },
    "definitions": {
        "Values": {
            "type": "object",
            "properties": {
                "instant": {"type": "string", "format": "date-time"},
                "httpDate": {"type": "string", "format": "date-time-rfc1123"},
                "span": {"type": "string", "format": "duration"},
                "token": {"type": "string", "format": "base64url"},
                "seconds": {"type": "integer", "format": "unixtime"},
                "extras": {"$ref": "#/definitions/Extras"},
            },
        },
        # declared properties beside extra ones that are models and may be null
        "Extras": {
            "type": "object",
            "properties": {"name": {"type": "string"}},
            "additionalProperties": {"$ref": "#/definitions/Point", "x-nullable": True},
        },
        "Point": {"type": "object", "properties": {"x": {"type": "integer"}}},
    },
}


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return generated_models(tmp_path_factory.mktemp("formats"), SPEC, "formats")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (datetime(2012, 1, 5, 1, 0, tzinfo=timezone.utc), "2012-01-05T01:00:00Z"),
        (datetime(2012, 1, 5, 1, 0), "2012-01-05T01:00:00Z"),  # naive: taken as UTC
        (datetime(2012, 1, 5, 2, 0, 0, 5000, tzinfo=timezone(timedelta(hours=1))), "2012-01-05T01:00:00.005000Z"),
        # past year 9999 in UTC: the offset is kept
        (datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-14))), "9999-12-31T23:00:00-14:00"),
    ],
)
def test_date_times_are_written_in_utc_with_z(models: ModuleType, value: datetime, text: str) -> None:
    assert models.format_datetime_iso(value) == text


def test_date_times_are_read_with_lower_case_t_and_z(models: ModuleType) -> None:
    assert models.parse_datetime_iso("2000-12-01t00:00:01z") == datetime(2000, 12, 1, 0, 0, 1, tzinfo=timezone.utc)
    with pytest.raises(ValueError):
        models.parse_datetime_iso("2000-12-01 date-time")


def test_rfc1123_reads_every_year_in_utc(models: ModuleType) -> None:
    assert models.parse_datetime_rfc1123("Mon, 01 Jan 0001 00:00:00 GMT") == datetime(1, 1, 1, tzinfo=timezone.utc)
    assert models.parse_datetime_rfc1123("fri, 31 dec 9999 23:59:59 gmt") == datetime(
        9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc
    )
    # another RFC 2822 form, through email.utils
    assert models.parse_datetime_rfc1123("Fri, 01 Dec 2000 01:00:01 +0100") == datetime(
        2000, 12, 1, 0, 0, 1, tzinfo=timezone.utc
    )


def test_base64url_has_no_padding_and_reads_text_without_it(models: ModuleType) -> None:
    assert models.format_base64url(b"a string that gets encoded with base64url") == (
        "YSBzdHJpbmcgdGhhdCBnZXRzIGVuY29kZWQgd2l0aCBiYXNlNjR1cmw"
    )
    assert models.format_base64url(b"\xfb\xff") == "-_8"
    assert models.parse_base64url("-_8") == b"\xfb\xff"
    assert models.parse_base64url("-_8=") == b"\xfb\xff"


def test_unixtime_is_seconds_since_1970_in_utc(models: ModuleType) -> None:
    assert models.parse_unixtime(1460505600) == datetime(2016, 4, 13, tzinfo=timezone.utc)
    assert models.format_unixtime(datetime(2016, 4, 13, tzinfo=timezone.utc)) == 1460505600
    assert models.format_unixtime(datetime(2016, 4, 13)) == 1460505600  # naive: taken as UTC


def test_models_convert_the_autorest_formats(models: ModuleType) -> None:
    data = {"token": "-_8", "seconds": 1460505600}
    values = models.Values.from_dict(data)
    assert values.token == b"\xfb\xff"
    assert values.seconds == datetime(2016, 4, 13, tzinfo=timezone.utc)
    assert values.to_dict() == data


def test_extra_properties_are_converted_both_ways_and_may_be_null(models: ModuleType) -> None:
    data = {"name": "n", "origin": {"x": 1}, "missing": None}
    extras = models.Extras.from_dict(data)
    assert extras.additional_properties == {"origin": models.Point(x=1), "missing": None}
    assert extras.to_dict() == data
    assert json.loads(json.dumps(models.Values(extras=extras).to_dict())) == {"extras": data}


def test_durations_read_years_months_and_weeks(models: ModuleType) -> None:
    rest = timedelta(hours=12, minutes=30, seconds=5)
    assert models.parse_duration("P3Y6M4DT12H30M5S") == timedelta(days=3 * 365 + 6 * 30 + 4) + rest
    assert models.parse_duration("P2W") == timedelta(days=14)
    assert models.parse_duration("PT1M") == timedelta(minutes=1)  # M after T: minutes
    value = models.parse_duration("P1Y2M3W4DT5H6M7.5S")
    assert models.parse_duration(models.format_duration(value)) == value
    assert models.format_duration(timedelta(days=123, hours=22, minutes=14, seconds=12.011)) == "P123DT22H14M12.011S"
    with pytest.raises(ValueError):
        models.parse_duration("123ABC")
