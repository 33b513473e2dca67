"""azure-report.json: the server's coverage report of the azure category
(GET /report/azure); no scenario is counted by the route."""

from __future__ import annotations

from typing import Any

GROUP = "azure-report"


def test_get_report(client: Any, testserver: Any) -> None:
    report = client.get_report()
    assert report and all(isinstance(count, int) for count in report.values())
    assert set(report) == set(testserver.report("azure"))
