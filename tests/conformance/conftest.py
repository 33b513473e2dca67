"""Conformance suite: clients generated from the AutoRest test server's Swagger files,
driven against that server.

Not part of the default `pytest` run: every test here is skipped unless
APIFORGE_CONFORMANCE=1 (it needs Node.js, npm and the npm registry). See README.md.

What the fixtures do:

- `testserver` (session): installs `@microsoft.azure/autorest.testserver@3.3.51` into
  tests/conformance/.server once, runs it on a free 127.0.0.1 port with its coverage
  folder in a temporary folder, and stops it (`POST /.admin/stop`) at the end, which
  leaves `report-vanilla.json`, `report-azure.json` and `report-optional.json` there.
- `generated` (session): `generated(group)` runs `python -m generator generate
  swagger/<group>.json -o <tmp> --package-name <group_snake> --template-set python
  --no-cache` once per group and returns the `Generation`.
- `api` (module): the generated package of the module's `GROUP`, imported, with its
  client class and the server's base URL; `client` (function): a client on the server.

Every test records which scenarios the server counted while it ran; at the end of a
run the scenario table (and the generation inventory) is printed and, when the whole
suite ran, written to docs/conformance.md.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

if str(Path(__file__).resolve().parent) not in sys.path:  # also under --import-mode=importlib
    sys.path.insert(0, str(Path(__file__).resolve().parent))

import conformance_harness as harness  # noqa: E402

ENABLED = os.environ.get("APIFORGE_CONFORMANCE") == "1"
SKIP_REASON = (
    "AutoRest conformance suite: set APIFORGE_CONFORMANCE=1 to run it "
    "(needs node, npm and the npm registry; see tests/conformance/README.md)"
)
HERE = Path(__file__).resolve().parent


def _ours(node: pytest.Item | pytest.Collector) -> bool:
    path = getattr(node, "path", None)
    return path is not None and HERE in Path(path).resolve().parents


def _group_of(item: pytest.Item) -> str | None:
    module = getattr(item, "module", None)
    group = getattr(module, "GROUP", None)
    return group if isinstance(group, str) else None


@dataclasses.dataclass
class _State:
    server: harness.TestServer | None = None
    live_counts: dict[harness.Scenario, int] = dataclasses.field(default_factory=dict)
    log_text: str | None = None
    tests: dict[str, harness.TestRecord] = dataclasses.field(default_factory=dict)
    inventory: dict[str, harness.InventoryRecord] = dataclasses.field(default_factory=dict)
    modules_run: set[str] = dataclasses.field(default_factory=set)
    deselected: bool = False
    tmp_root: Path | None = None
    report_text: str | None = None
    report_path: Path | None = None


STATE = _State()


# ----------------------------------------------------------------------- collection


# Scenarios the generated clients do not pass yet, each with its cause (here, or in the
# test module's own KNOWN_GAPS dict keyed by test name). They run as strict xfails: the
# suite stays green while they fail, and turns red the day one
# passes, so that this list is kept true. docs/conformance.md counts them as failing.
NOT_NULLABLE = (
    "deliberate: an empty 200 body for a schema not declared nullable is an error, not None "
    "(AutoRest treats every response body as nullable; our return types stay non-optional)"
)
KNOWN_GAPS = {
    "test_body_byte.py::test_get_null": NOT_NULLABLE,
    "test_body_string.py::test_get_not_provided": NOT_NULLABLE,
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if ENABLED:
        for item in items:
            reason = KNOWN_GAPS.get(item.nodeid.split("/")[-1])
            if reason is None:  # a test module may list its own: KNOWN_GAPS = {"test_name": cause}
                local = getattr(getattr(item, "module", None), "KNOWN_GAPS", {})
                reason = local.get(item.name) or local.get(getattr(item, "originalname", item.name))
            if reason is not None and _ours(item):
                item.add_marker(pytest.mark.xfail(reason=reason, strict=True))
        return
    skip = pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if _ours(item):
            item.add_marker(skip)


def pytest_deselected(items: list[pytest.Item]) -> None:
    if any(_ours(item) for item in items):
        STATE.deselected = True


# ------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def server_package() -> Path:
    """The installed test server package (installed on first use)."""
    return harness.ensure_server_installed()


@pytest.fixture(scope="session")
def conformance_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("conformance")
    STATE.tmp_root = root
    return root


@pytest.fixture(scope="session")
def testserver(server_package: Path, conformance_tmp: Path) -> Iterator[harness.TestServer]:
    """The running test server; stopped (coverage files written) at the end."""
    folder = conformance_tmp / "testserver"
    (folder / "coverage").mkdir(parents=True)
    server = harness.TestServer(coverage_dir=folder / "coverage", log_path=folder / "server.log")
    server.start()
    STATE.server = server
    try:
        yield server
    finally:
        try:
            STATE.live_counts = server.counts()
        except (OSError, ValueError):
            pass
        server.stop()
        STATE.log_text = server.log_path.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="session")
def generated(server_package: Path, conformance_tmp: Path) -> Callable[[str], harness.Generation]:
    """`generated(group)`: the generator run for swagger/<group>.json (once per group)."""
    cache: dict[str, harness.Generation] = {}

    def get(group: str) -> harness.Generation:
        if group not in cache:
            cache[group] = harness.generate(group, conformance_tmp / "generated" / group)
        return cache[group]

    return get


@dataclasses.dataclass
class GeneratedApi:
    """A generated package, ready to be driven against the test server."""

    group: str
    package: Any  # the imported package
    models: Any  # its models module
    client_class: type
    base_url: str
    generation: harness.Generation

    def new_client(self, **kwargs: Any) -> Any:
        kwargs.setdefault("base_url", self.base_url)
        return self.client_class(**kwargs)


@pytest.fixture(scope="module")
def api(
    request: pytest.FixtureRequest,
    generated: Callable[[str], harness.Generation],
    testserver: harness.TestServer,
) -> GeneratedApi:
    """The generated package of the test module's `GROUP`."""
    group = getattr(request.module, "GROUP", None)
    if not isinstance(group, str):
        raise harness.HarnessError(f"{request.module.__name__} sets no GROUP")
    generation = generated(group)
    if not generation.ok:
        raise harness.HarnessError(
            f"the generator failed on swagger/{group}.json (exit status {generation.returncode}):\n"
            + "\n".join(generation.errors)
        )
    package = harness.import_package(generation)
    models = __import__(f"{generation.package}.models", fromlist=["models"])
    return GeneratedApi(
        group=group,
        package=package,
        models=models,
        client_class=harness.client_class(package),
        base_url=testserver.base_url,
        generation=generation,
    )


@pytest.fixture
def client(api: GeneratedApi) -> Iterator[Any]:
    """A client of the module's group, talking to the test server."""
    with api.new_client() as instance:
        yield instance


@pytest.fixture
def strict_client(api: GeneratedApi) -> Iterator[Any]:
    """A client of the module's group with `strict_response_validation=True`."""
    with api.new_client(strict_response_validation=True) as instance:
        yield instance


@pytest.fixture(scope="session")
def mypy_cache(conformance_tmp: Path) -> Path:
    return conformance_tmp / "mypy_cache"


@pytest.fixture(scope="session")
def inventory() -> dict[str, harness.InventoryRecord]:
    """Per group: does it generate, import, pass mypy --strict (filled by test_generation.py)."""
    return STATE.inventory


@pytest.fixture(autouse=True)
def _count_scenarios(request: pytest.FixtureRequest) -> Iterator[None]:
    """Record the scenarios the server counted while the test ran."""
    item = request.node
    if not ENABLED or not _ours(item) or "testserver" not in request.fixturenames:
        yield
        return
    record = STATE.tests.setdefault(item.nodeid, harness.TestRecord(item.nodeid, _group_of(item) or ""))
    try:
        server: harness.TestServer | None = request.getfixturevalue("testserver")
        before = server.counts() if server else {}
    except Exception:  # the fixture's own error is reported by the test
        server, before = None, {}
    yield
    if server is not None:
        after = server.counts()
        record.scenarios |= {name for name, count in after.items() if count > before.get(name, 0)}


# ---------------------------------------------------------------------------- hooks


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return _sanitize(line.strip())[:200]
    return ""


def _sanitize(text: str) -> str:
    """Drop what changes between runs (temporary folders, ports) from report text."""
    if STATE.tmp_root is not None:
        text = text.replace(str(STATE.tmp_root), "<tmp>")
    text = re.sub(r"/tmp/\S*?/(generated|testserver)/", r"<tmp>/\1/", text)
    text = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:<port>", text)
    return re.sub(r"\S*/swagger/", "swagger/", text)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()  # type: ignore[attr-defined]
    if not ENABLED or not _ours(item):
        return
    STATE.modules_run.add(Path(str(item.path)).name)
    group = _group_of(item)
    if group is None:
        return  # the generation inventory keeps its own records
    record = STATE.tests.setdefault(item.nodeid, harness.TestRecord(item.nodeid, group))
    if report.when == "setup":
        if report.failed:
            record.outcome = "error"
        elif report.skipped:
            record.outcome = "skipped"
    elif report.when == "call":
        if hasattr(report, "wasxfail"):
            record.outcome = "failed"  # a known gap (KNOWN_GAPS) still counts as failing
            record.message = _sanitize(str(report.wasxfail))[:200]  # its cause
        else:
            record.outcome = "passed" if report.passed else ("skipped" if report.skipped else "failed")
    elif report.when == "teardown" and report.failed and record.outcome == "passed":
        record.outcome = "error"
    if report.failed and not record.message and call.excinfo is not None:
        record.message = _first_line(call.excinfo.exconly())


def _whole_suite_ran() -> bool:
    modules = {path.name for path in HERE.glob("test_*.py")}
    return not STATE.deselected and modules <= STATE.modules_run


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not ENABLED or not (STATE.tests or STATE.inventory):
        return
    coverage: dict[harness.Scenario, int] = dict(STATE.live_counts)
    coverage_dir = STATE.tmp_root / "testserver" / "coverage" if STATE.tmp_root else None
    if coverage_dir is not None and coverage_dir.is_dir():
        coverage.update(harness.read_coverage_files(coverage_dir))
    every_group = harness.swagger_groups()
    mapping: dict[str, set[harness.Scenario]] = {}
    if coverage:
        mapping = harness.scenarios_by_group(every_group, coverage, STATE.log_text)
    for item in STATE.inventory.values():
        item.generator_message = _sanitize(item.generator_message)
        item.import_message = _sanitize(item.import_message)
    tests = {nodeid: record for nodeid, record in STATE.tests.items() if record.group}
    for record in tests.values():
        record.message = _sanitize(record.message)
    STATE.report_text = harness.render_report(tests, coverage, mapping, STATE.inventory, every_group, every_group)
    if _whole_suite_ran():
        STATE.report_path = harness.DOC
    elif STATE.tmp_root is not None:
        STATE.report_path = STATE.tmp_root / "conformance.md"
    if STATE.report_path is not None:
        STATE.report_path.parent.mkdir(parents=True, exist_ok=True)
        STATE.report_path.write_text(STATE.report_text, encoding="utf-8")


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if STATE.report_text is None:
        return
    terminalreporter.section("AutoRest conformance")
    terminalreporter.write(STATE.report_text)
    if STATE.report_path is not None:
        where = "docs/conformance.md" if STATE.report_path == harness.DOC else str(STATE.report_path)
        note = "" if STATE.report_path == harness.DOC else " (partial run: docs/conformance.md left alone)"
        terminalreporter.write_line(f"written to {where}{note}")
