"""report.json: the server's own coverage report (dist/routes/coverage.js:
GET /report/<category>), the operations AutoRest's test runs end with. No scenario is
counted by these routes; the answer is checked against what the server counts.
"""

from __future__ import annotations

from typing import Any

GROUP = "report"


def test_get_report(client: Any, testserver: Any) -> None:
    report = client.get_report(qualifier="apiforge")
    assert report and all(isinstance(count, int) for count in report.values())
    assert set(report) == set(testserver.report("vanilla"))


def test_get_optional_report(client: Any, testserver: Any) -> None:
    report = client.get_optional_report()
    assert set(report) == set(testserver.report("optional"))
