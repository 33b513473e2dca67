"""Parsing a large Call Automation answer with the generated client, in both modes of
response checking: the default (the declared types trusted) and
`strict_response_validation=True` (every value checked against its declared type first).

Generates the client from Azure's Call Automation description (../shared), then times,
in one process, the generated response parser of `CallConnection_GetCall` on an answer
with `--targets` call targets (each a CommunicationIdentifierModel of every kind), and
`GetParticipantsResponse.from_dict` of a page of `--targets` participants checked as a
strict parser checks it. Each figure is the median of `--runs` runs; the ratio is strict
over default. Prints Markdown. Nothing here is asserted (the machine is shared).

    .venv/bin/python benchmarks/codec.py [--targets 2000] [--runs 7]
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
UPSTREAM = REPO.parent / "shared" / "reference" / "upstream"
SPEC = UPSTREAM / "CallAutomation" / "stable" / "2024-09-15" / "communicationservicescallautomation.json"
PACKAGE = "call_automation_codec"


def identifier(index: int) -> dict[str, Any]:
    """A CommunicationIdentifierModel, of the kind `index` picks."""
    kind = index % 3
    if kind == 0:
        return {"kind": "communicationUser", "rawId": f"8:acs:{index}", "communicationUser": {"id": f"8:acs:{index}"}}
    if kind == 1:
        return {"kind": "phoneNumber", "rawId": f"4:+1555{index:07d}", "phoneNumber": {"value": f"+1555{index:07d}"}}
    return {
        "kind": "microsoftTeamsUser",
        "rawId": f"8:orgid:{index}",
        "microsoftTeamsUser": {"userId": f"user-{index}", "isAnonymous": False, "cloud": "public"},
    }


def call_properties(targets: int) -> dict[str, Any]:
    return {
        "callConnectionId": "411f0b00-bf4c-4b2e-8a8d-8f8f6e9c2b11",
        "serverCallId": "aHR0cHM6Ly9hcGkuZXhhbXBsZS5jb20vY2FsbHMvMQ",
        "targets": [identifier(index) for index in range(targets)],
        "callConnectionState": "connected",
        "callbackUri": "https://app.example.com/events",
        "sourceCallerIdNumber": {"value": "+15550000000"},
        "sourceDisplayName": "Contoso",
        "source": identifier(0),
        "correlationId": "d5f3a1c2-0000-4000-8000-000000000001",
        "answeredBy": {"id": "8:acs:bot"},
    }


def participants(count: int) -> dict[str, Any]:
    return {
        "value": [{"identifier": identifier(index), "isMuted": index % 2 == 0, "isOnHold": False} for index in range(count)],
        "nextLink": None,
    }


def generate(folder: Path) -> Any:
    subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(SPEC), "--ref-root", str(UPSTREAM), "-o", str(folder),
         "--package-name", PACKAGE, "--template-set", "python", "--no-cache"],
        check=True, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    sys.path.insert(0, str(folder / "python"))
    return importlib.import_module(PACKAGE)


def median_seconds(work: Callable[[], Any], runs: int) -> float:
    work()  # warm up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, default=2000, help="call targets / participants in the answer")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not SPEC.exists():
        sys.exit(f"codec.py: {SPEC} is absent (the reference data lives in ../shared)")
    with tempfile.TemporaryDirectory() as temporary:
        package = generate(Path(temporary))
        operations = importlib.import_module(f"{PACKAGE}._operations")
        schema = importlib.import_module(f"{PACKAGE}._schema")
        models = importlib.import_module(f"{PACKAGE}.models")

        call_body = json.dumps(call_properties(args.targets)).encode()
        page_body = json.dumps(participants(args.targets)).encode()
        page_type = schema.model("GetParticipantsResponse")

        def parse_call(strict: bool) -> Callable[[], Any]:
            return lambda: operations.parse_call_connection_get_call(httpx.Response(200, content=call_body), strict)

        def parse_page(strict: bool) -> Callable[[], Any]:
            return lambda: models.GetParticipantsResponse.from_dict(schema.checked(json.loads(page_body), strict, page_type))

        # the two modes give the same value
        assert parse_call(False)() == parse_call(True)() and parse_page(False)() == parse_page(True)()
        rows = []
        for name, size, make in (
            (f"`parse_call_connection_get_call`, {args.targets} targets", len(call_body), parse_call),
            (f"`GetParticipantsResponse`, {args.targets} participants", len(page_body), parse_page),
        ):
            fast, strict = median_seconds(make(False), args.runs), median_seconds(make(True), args.runs)
            rows.append(f"| {name} | {size / 1e6:.2f} MB | {fast * 1e3:.1f} | {strict * 1e3:.1f} | {strict / fast:.2f} |")
        del package
    print(f"Parsing Call Automation answers, median of {args.runs} runs (Python {sys.version.split()[0]}):\n")
    print("| answer | JSON size | default (ms) | strict (ms) | strict / default |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
