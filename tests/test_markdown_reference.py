"""The markdown reference page of transferToParticipant states the seed page's facts.

The seed page (../shared/reference/seed/, the public REST reference, Chinese locale) is
parsed programmatically, and so are the tables of the generated page; every URI
parameter, request header, body field, response and definition field must agree on
name, required flag and type.
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers import REPO, shared_path

PAGE = REPO / "generated" / "markdown" / "transfer_to_participant" / "call_connection_transfer_to_participant.md"
FORMATS = {"url", "uuid", "date-time-rfc1123", "date-time", "int32", "int64"}
SECTIONS = {"URI 参数": "uri", "请求头": "headers", "请求正文": "body", "响应": "responses", "安全性": "security",
            "示例": "examples", "定义": "definitions"}

Fact = tuple[bool, str, str | None]  # required, type, format


def _seed_sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if line in SECTIONS:
            current = SECTIONS[line]
            sections[current] = []
        elif current and line:
            sections[current].append(line)
    return sections


def _entries(lines: list[str]) -> dict[str, Fact]:
    """Entries of a seed table: a name line (with `path`/`query` and `True` when given),
    a type line, an optional format line, optional (non-ASCII) description lines."""
    entries: dict[str, Fact] = {}
    name: str | None = None
    expect = "name"
    for line in lines:
        if line.startswith("名称 "):
            continue  # a table's header row
        if expect == "type" and re.match(r"^((path|query) )?True$|^(path|query)$", line):
            entries[name] = ("True" in line, "", None)  # type: ignore[index]
            continue  # the location and required flag, on a line of their own
        if expect == "type":
            required, _, _ = entries[name]  # type: ignore[index]
            entries[name] = (required, line, None)  # type: ignore[index]
            expect = "after-type"
            continue
        if expect == "after-type" and line in FORMATS:
            required, kind, _ = entries[name]  # type: ignore[index]
            entries[name] = (required, kind, line)  # type: ignore[index]
            continue
        if expect == "after-type" and not line.isascii():
            continue  # description
        words = line.split()
        name = words[0]
        entries[name] = ("True" in words[1:], "", None)
        expect = "type"
    return entries


def _seed_facts() -> dict[str, object]:
    text = shared_path("reference", "seed", "000_fd233e82f01046e8.txt").read_text(encoding="utf-8")
    sections = _seed_sections(text)
    responses = sections["responses"][1:]  # after the header row
    response_facts = {}
    for index, line in enumerate(responses):
        if re.match(r"^(\d{3} \w+|Other Status Codes)$", line):
            response_facts[line] = responses[index + 1]
    # Definitions: a list of names first, then per definition its name, description and table.
    definitions: dict[str, dict[str, Fact]] = {}
    lines = sections["definitions"]
    starts = [i for i, line in enumerate(lines) if line == "名称 类型 说明"]
    for start in starts:
        title = lines[start - 2]
        end = next((s - 2 for s in starts if s > start), len(lines))
        definitions[title] = _entries(lines[start + 1 : end])
    return {
        "uri": _entries(sections["uri"]),
        "headers": _entries(sections["headers"]),
        "body": _entries(sections["body"]),
        "responses": response_facts,
        "definitions": definitions,
    }


def _page_tables(text: str) -> dict[str, list[list[str]]]:
    """Rows of every table on the page, by the heading above it (## or ###)."""
    tables: dict[str, list[list[str]]] = {}
    heading = ""
    for line in text.splitlines():
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        elif line.startswith("| ") and not line.startswith("| ---"):
            cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
            tables.setdefault(heading, []).append(cells)
    return {name: rows[1:] for name, rows in tables.items()}  # without header rows


def _type(cell: str) -> tuple[str, str | None]:
    link = re.match(r"^\[(\w+)\]\(#\w+\)(\[\])?$", cell)
    if link:
        return link.group(1) + (link.group(2) or ""), None
    match = re.match(r"^(\w+)(?: \(([\w-]+)\))?$", cell)
    assert match, cell
    return match.group(1), match.group(2)


def _compare(seed: dict[str, Fact], rows: list[list[str]], name_col: int, required_col: int | None, type_col: int) -> None:
    page = {row[name_col]: row for row in rows}
    assert set(page) == set(seed), (sorted(page), sorted(seed))
    for name, (required, kind, format) in seed.items():
        row = page[name]
        if required_col is not None:
            assert (row[required_col] == "True") == required, name
        page_kind, page_format = _type(row[type_col])
        assert page_kind == kind, (name, page_kind, kind)
        if page_format is not None or name != "endpoint":  # OpenAPI 3 server variables have no format
            assert page_format == format, (name, page_format, format)


def test_reference_page_states_the_seed_facts() -> None:
    seed = _seed_facts()
    tables = _page_tables(PAGE.read_text(encoding="utf-8"))
    _compare(seed["uri"], tables["URI Parameters"], 0, 2, 3)  # type: ignore[arg-type]
    _compare(seed["headers"], tables["Request Header"], 0, 1, 2)  # type: ignore[arg-type]
    _compare(seed["body"], tables["Request Body"], 0, 1, 2)  # type: ignore[arg-type]
    responses = {row[0]: _type(row[1])[0] for row in tables["Responses"]}
    assert responses == seed["responses"]
    definitions = seed["definitions"]
    assert set(definitions) == {"CustomCallingContext", "TransferCallResponse", "TransferToParticipantRequest"}  # type: ignore[arg-type]
    for title, facts in definitions.items():  # type: ignore[attr-defined]
        # The seed's definition tables show no required flags: compare names and types.
        rows = tables[title]
        _compare({n: (False, k, f) for n, (_, k, f) in facts.items()}, [[r[0], "", r[2]] for r in rows], 0, None, 2)


def test_seed_parser_reads_the_facts_it_should() -> None:
    """The parser itself, checked against facts the seed README states in English."""
    seed = _seed_facts()
    assert seed["uri"] == {
        "callConnectionId": (True, "string", None),
        "endpoint": (True, "string", "url"),
        "api-version": (True, "string", None),
    }
    assert seed["headers"]["Repeatability-First-Sent"] == (False, "string", "date-time-rfc1123")  # type: ignore[index]
    assert seed["body"]["targetParticipant"] == (True, "CommunicationIdentifierModel", None)  # type: ignore[index]
    assert len(seed["body"]) == 6  # type: ignore[arg-type]


def test_reference_page_links_the_events_it_announces() -> None:
    """The 202 says a CallTransferAccepted or CallTransferFailed event follows: the page
    lists both (event type, description) and their fields, and every type link of the
    page has its definition."""
    text = PAGE.read_text(encoding="utf-8")
    tables = _page_tables(text)
    events = {row[0]: row for row in tables["Events"]}
    assert set(events) == {"[CallTransferAccepted](#calltransferaccepted)", "[CallTransferFailed](#calltransferfailed)"}
    assert events["[CallTransferAccepted](#calltransferaccepted)"][1:] == [
        "Microsoft.Communication.CallTransferAccepted", "The call transfer accepted event."]
    assert events["[CallTransferFailed](#calltransferfailed)"][1:] == [
        "Microsoft.Communication.CallTransferFailed", "The call transfer failed event."]
    accepted = {row[0]: _type(row[2])[0] for row in tables["CallTransferAccepted"]}
    assert accepted["transferTarget"] == "CommunicationIdentifierModel"
    assert accepted["resultInformation"] == "ResultInformation"
    assert set(accepted) == {"callConnectionId", "serverCallId", "correlationId", "operationContext",
                             "resultInformation", "transferTarget", "transferee"}
    assert {row[0] for row in tables["CallTransferFailed"]} == {
        "callConnectionId", "serverCallId", "correlationId", "operationContext", "resultInformation"}
    headings = {line.lstrip("#").strip().lower() for line in text.splitlines() if line.startswith("### ")}
    for target in re.findall(r"\]\(#(\w+)\)", text):
        assert target in headings, target
