"""Operations whose answers carry headers and no body return those headers, typed
(the golden edge case's `purgeItems`; the AutoRest `header` group tests the formats)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from helpers import REPO

SCRIPT = textwrap.dedent(
    """
    from datetime import datetime, timezone

    import httpx

    from edge_cases import EdgeCasesClient, PurgeItemsHeaders

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            202,
            headers={
                "operation-location": "https://eu.example.com/v1/purges/7",
                "Retry-After": "30",
                "Last-Modified": "2024-05-06T07:08:09z",
                "CLS": "True",
            },
        )

    with EdgeCasesClient(transport=httpx.MockTransport(answer)) as client:
        result = client.purge_items()
    assert result == PurgeItemsHeaders(
        operation_location="https://eu.example.com/v1/purges/7",
        retry_after=30,
        last_modified=datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc),
        cls_=True,
    ), result
    assert PurgeItemsHeaders.from_headers(httpx.Headers()) == PurgeItemsHeaders()
    print("ok")
    """
)


def test_headers_only_answers_are_returned_typed() -> None:
    folder = REPO / "tests" / "golden" / "edge_cases" / "expected" / "python"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=folder, capture_output=True, text=True, env={"PYTHONPATH": str(folder)}
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stdout + done.stderr
