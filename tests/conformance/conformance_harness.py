"""The machinery of the conformance suite: the AutoRest test server, client generation,
scenario bookkeeping and the Markdown report.

Kept apart from conftest.py so that it can be read (and reused by a script) without
pytest. Nothing here runs at import time.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DOC = REPO / "docs" / "conformance.md"

SERVER_PACKAGE = "@microsoft.azure/autorest.testserver"
SERVER_VERSION = "3.3.51"
SERVER_PREFIX = HERE / ".server"
SERVER_ROOT = SERVER_PREFIX / "node_modules" / "@microsoft.azure" / "autorest.testserver"
SWAGGER_DIR = SERVER_ROOT / "swagger"
CATEGORIES = ("vanilla", "azure", "optional", "dpg")

#: The Swagger files the issue asks for, in its order.
ISSUE_GROUPS = (
    "body-string",
    "body-integer",
    "body-number",
    "body-boolean",
    "body-byte",
    "body-date",
    "body-datetime",
    "body-datetime-rfc1123",
    "body-duration",
    "body-array",
    "body-dictionary",
    "body-complex",
    "additionalProperties",
    "extensible-enums-swagger",
    "client-enum",
    "url",
    "url-multi-collectionFormat",
    "header",
    "required-optional",
    "reserved-words",
    "httpInfrastructure",
    "xms-error-responses",
    "custom-baseUrl",
    "parameterized-endpoint",
    "media_types",
    "head",
    "security-key",
    "paging",
    "custom-baseUrl-paging",
    "lro",
    "lro-parameterized-endpoints",
    "xml-service",
    "storage",
)

#: Swagger files of the package deliberately left out of the generation inventory,
#: each with its reason (none today: every file is generated and checked).
INVENTORY_SKIPPED: dict[str, str] = {}


def swagger_groups() -> tuple[str, ...]:
    """Every Swagger file the installed server package ships (`swagger/*.json`), by
    name: the generation inventory, computed from the folder so that none is forgotten
    (the issue's groups first, in its order, then the others alphabetically)."""
    if not SWAGGER_DIR.is_dir():
        ensure_server_installed()
    found = sorted(path.name[: -len(".json")] for path in SWAGGER_DIR.glob("*.json"))
    others = [group for group in found if group not in ISSUE_GROUPS and group not in INVENTORY_SKIPPED]
    return tuple(group for group in ISSUE_GROUPS if group in found) + tuple(others)


Scenario = tuple[str, str]  # (category, name), e.g. ("vanilla", "getStringNull")


class RecordingTransport(httpx.BaseTransport):
    """For tests: the real HTTP transport, keeping what was sent (the server does not check it all)."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


class HarnessError(RuntimeError):
    """The suite could not set itself up (npm, node, the server, the generator)."""


# --------------------------------------------------------------------------- server


def ensure_server_installed(timeout: float = 540.0) -> Path:
    """Install the pinned test server under tests/conformance/.server (once)."""
    manifest = SERVER_ROOT / "package.json"
    if manifest.is_file():
        installed = json.loads(manifest.read_text(encoding="utf-8")).get("version")
        if installed == SERVER_VERSION:
            return SERVER_ROOT
    npm = shutil.which("npm")
    if npm is None:
        raise HarnessError("npm is not on PATH; the conformance suite needs Node.js and npm")
    SERVER_PREFIX.mkdir(parents=True, exist_ok=True)
    command = [npm, "install", "--prefix", str(SERVER_PREFIX), f"{SERVER_PACKAGE}@{SERVER_VERSION}"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0 or not manifest.is_file():
        raise HarnessError(f"`{' '.join(command)}` failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return SERVER_ROOT


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class TestServer:
    """The AutoRest test server, run with `node dist/cli/cli.js run`.

    It writes `report-<category>.json` into the coverage folder whenever a scenario is
    counted, and stops cleanly on `POST /.admin/stop` (what `cli.js stop` sends).
    """

    __test__ = False  # not a pytest test class

    def __init__(self, coverage_dir: Path, log_path: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.coverage_dir = coverage_dir
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None
        self._log: Any = None

    def start(self, timeout: float = 60.0) -> None:
        node = shutil.which("node")
        if node is None:
            raise HarnessError("node is not on PATH; the conformance suite needs Node.js")
        cli = SERVER_ROOT / "dist" / "cli" / "cli.js"
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [node, str(cli), "run", f"--port={self.port}", f"--coverageDirectory={self.coverage_dir}"],
            cwd=SERVER_PREFIX,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise HarnessError(f"the test server exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                self.report("vanilla")
                return
            except (OSError, ValueError):
                time.sleep(0.2)
        self.stop()
        raise HarnessError(f"the test server did not answer within {timeout:.0f}s:\n{self.log_tail()}")

    def _get_json(self, path: str) -> Any:
        with urllib.request.urlopen(self.base_url + path, timeout=10) as answer:
            return json.loads(answer.read().decode("utf-8"))

    def report(self, category: str) -> dict[str, int]:
        """The live coverage of one category: every known scenario name and its count."""
        data = self._get_json(f"/report/{category}")
        return {str(name): int(count) for name, count in data.items()}

    def counts(self) -> dict[Scenario, int]:
        """The live coverage of every category."""
        return {
            (category, name): count for category in CATEGORIES for name, count in self.report(category).items()
        }

    def stop(self, timeout: float = 15.0) -> None:
        process = self.process
        if process is None:
            return
        if process.poll() is None:
            try:
                request = urllib.request.Request(self.base_url + "/.admin/stop", data=b"", method="POST")
                urllib.request.urlopen(request, timeout=5).close()
            except OSError:
                pass
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None
        self.process = None

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def read_coverage_files(coverage_dir: Path) -> dict[Scenario, int]:
    """`report-<category>.json` as the server wrote them."""
    found: dict[Scenario, int] = {}
    for category in CATEGORIES:
        path = coverage_dir / f"report-{category}.json"
        if path.is_file():
            for name, count in json.loads(path.read_text(encoding="utf-8")).items():
                found[(category, str(name))] = int(count)
    return found


# ------------------------------------------------------------------------ generation


def package_name(group: str) -> str:
    """`body-string` -> `body_string`, `url-multi-collectionFormat` -> `url_multi_collection_format`."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", group)
    return re.sub(r"[^0-9a-zA-Z]+", "_", snake).strip("_").lower()


def swagger_path(group: str) -> Path:
    return SWAGGER_DIR / f"{group}.json"


def load_swagger(group: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(swagger_path(group).read_text(encoding="utf-8-sig"))
    return data


@dataclasses.dataclass
class Generation:
    """One run of `python -m generator generate` for a Swagger file."""

    group: str
    package: str
    output: Path
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and (self.python_dir / self.package / "__init__.py").is_file()

    @property
    def python_dir(self) -> Path:
        return self.output / "python"

    @property
    def errors(self) -> list[str]:
        """The generator's `error:` lines (or its last words when it has none)."""
        lines = [line for line in self.stderr.splitlines() if line.startswith("error:") or " error: " in line]
        if lines:
            return lines
        tail = (self.stderr or self.stdout).strip().splitlines()
        return tail[-5:]

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("warning:")]


def generate(group: str, output: Path, ref_root: Path | None = None, timeout: float = 300.0) -> Generation:
    """Generate the python client of `<group>.json` into `output` (a fresh folder).

    Runs outside the repository (cwd = output's parent) so that the repository's own
    `[tool.apiforge]` settings do not apply.
    """
    package = package_name(group)
    output.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "generator",
        "generate",
        str(swagger_path(group)),
        "-o",
        str(output),
        "--package-name",
        package,
        "--template-set",
        "python",
        "--no-cache",
    ]
    if ref_root is not None:
        command += ["--ref-root", str(ref_root)]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    started = time.monotonic()
    done = subprocess.run(command, cwd=output.parent, capture_output=True, text=True, timeout=timeout, env=env)
    return Generation(
        group=group,
        package=package,
        output=output,
        returncode=done.returncode,
        stdout=done.stdout,
        stderr=done.stderr,
        seconds=time.monotonic() - started,
    )


def import_package(generation: Generation) -> Any:
    """Import the generated package (its `python/` folder goes on sys.path)."""
    folder = str(generation.python_dir)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    importlib.invalidate_caches()
    return importlib.import_module(generation.package)


def client_class(package: Any) -> type:
    """The synchronous client class the package exports."""
    names = [
        name
        for name in getattr(package, "__all__", dir(package))
        if name.endswith("Client") and not name.startswith("Async") and isinstance(getattr(package, name), type)
    ]
    if len(names) != 1:
        raise HarnessError(f"{package.__name__} exports {len(names)} client classes: {names}")
    cls: type = getattr(package, names[0])
    return cls


def check_import(generation: Generation, timeout: float = 120.0) -> tuple[bool, str]:
    """Import the package in a fresh interpreter: (ok, last line of the error)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(generation.python_dir)
    done = subprocess.run(
        [sys.executable, "-c", f"import {generation.package}"],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=generation.python_dir,
    )
    if done.returncode == 0:
        return True, ""
    lines = done.stderr.strip().splitlines()
    return False, lines[-1] if lines else f"exit status {done.returncode}"


def run_mypy(generation: Generation, cache_dir: Path, timeout: float = 300.0) -> tuple[bool, list[str]]:
    """`mypy --strict -p <package>` on the generated package: (ok, error lines)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-color-output",
            "--cache-dir",
            str(cache_dir),
            "-p",
            generation.package,
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=generation.python_dir,
    )
    lines = [line for line in done.stdout.splitlines() if ": error:" in line]
    if done.returncode != 0 and not lines:
        lines = (done.stdout + done.stderr).strip().splitlines()[-5:]
    return done.returncode == 0, lines


# ------------------------------------------------------------ scenarios -> groups

_NEW_ROUTE = re.compile(r"""\bapp\.(get|put|post|patch|delete|head|options)\(\s*(["'`])([^"'`]+)\2\s*,\s*(["'`])([^"'`]+)\4""")
_REGISTERED = re.compile(r"Registering route (\w+) (\S+) \((\w*)\)")
_LEGACY_REQUIRE = re.compile(r"""const (\w+) = requireLegacy\(\s*["']([^"']+)["']\s*\)""")
_LEGACY_MOUNT = re.compile(r"""app\.use\(\s*["']([^"']+)["']\s*,\s*new (\w+)\(\s*(\w+)(?:\s*,\s*(\w+))?""")
_LEGACY_ROUTE = re.compile(r"""\brouter\.(get|put|post|patch|delete|head|options|all)\(\s*["']([^"']+)["']""")
_NO_EFFECT = re.compile(r"\s*;")
_LITERAL = re.compile(r"""["']([A-Za-z][A-Za-z0-9_]{5,})["']""")
_SUFFIX = re.compile(r"""\+\s*["'](\w+)["']\s*\]""")
_LEGACY_NAME = re.compile(r"""\b(\w*[cC]overage)\s*\[\s*["'](\w+)["']\s*\]|\b(\w*[cC]overage)\.(\w+)\s*(?:\+\+|\+=|=)""")


def _express_regex(path: str) -> re.Pattern[str]:
    """An Express route path (`/int/:scenario`, `/a/*`) as a regular expression."""
    out = ""
    for piece in re.split(r"(:\w+\??|\*)", path):
        if piece == "*":
            out += ".*"
        elif piece.startswith(":"):
            out += "[^/]+" if not piece.endswith("?") else "[^/]*"
        else:
            out += re.escape(piece)
    return re.compile(f"^{out}/?$", re.IGNORECASE)


def _swagger_regex(path: str) -> re.Pattern[str]:
    out = ""
    for piece in re.split(r"(\{[^}]+\})", path):
        out += "[^/]+" if piece.startswith("{") else re.escape(piece)
    return re.compile(f"^{out}/?$", re.IGNORECASE)


def _sample(path: str) -> str:
    return re.sub(r"\{[^}]+\}|:\w+\??|\*", "x", path)


def swagger_routes(group: str) -> list[tuple[str, str]]:
    """(method, full path) of every operation of a Swagger file."""
    spec = load_swagger(group)
    base = (spec.get("basePath") or "").rstrip("/")
    routes = []
    for path, item in (spec.get("paths") or {}).items():
        for method in item:
            if method in ("get", "put", "post", "patch", "delete", "head", "options"):
                routes.append((method, base + path))
    return routes


def _matches(route_method: str, route_path: str, spec_routes: Iterable[tuple[str, str]]) -> bool:
    route_re = _express_regex(route_path)
    for method, path in spec_routes:
        if route_method not in (method, "all"):
            continue
        if route_re.match(_sample(path)) or _swagger_regex(path).match(_sample(route_path)):
            return True
    return False


@dataclasses.dataclass(frozen=True)
class ServerRoute:
    method: str
    path: str
    names: frozenset[tuple[str | None, str]]  # (category or None when not known, name)
    source: str


def server_routes(log_text: str | None = None) -> list[ServerRoute]:
    """Every mock route of the installed server with the scenario names it counts.

    New routes (`dist/test-routes`) name their scenario when they register; the server
    logs each registration (`Registering route get /string/null (getStringNull)`), so
    with the server's log (`log_text`) they are exact; without it they are read from
    the sources (missing routes registered in loops). Their category is left open
    (`None`) and resolved against the server's report. Legacy routes
    (`legacy/routes`, mounted under a prefix by `dist/legacy/legacy.js`) increment
    `coverage["name"]` in their handler: the names between one `router.<method>(` and
    the next are taken as that route's (names built at run time, like
    `scenario + "Lowercase"`, are missed; a run adds those it sees). A name a handler
    only reads (`coverage["X"];`, four multiapi scenarios) is not the route's: the
    server can never count it.
    """
    routes: list[ServerRoute] = []
    if log_text is not None:
        plain = re.sub(r"\x1b\[[0-9;]*m", "", log_text)
        for method, path, name in _REGISTERED.findall(plain):
            if name:
                routes.append(ServerRoute(method, path, frozenset({(None, name)}), "server log"))
    else:
        for file in sorted((SERVER_ROOT / "dist" / "test-routes").rglob("*.js")):
            text = file.read_text(encoding="utf-8")
            for match in _NEW_ROUTE.finditer(text):
                routes.append(
                    ServerRoute(
                        match.group(1),
                        match.group(3),
                        frozenset({(None, match.group(5))}),
                        str(file.relative_to(SERVER_ROOT)),
                    )
                )
    legacy = (SERVER_ROOT / "dist" / "legacy" / "legacy.js").read_text(encoding="utf-8")
    files = dict(_LEGACY_REQUIRE.findall(legacy))
    coverage_vars = {"coverage": "vanilla", "azurecoverage": "azure", "optionalCoverage": "optional"}
    for mount, variable, first, second in _LEGACY_MOUNT.findall(legacy):
        if variable not in files:
            continue
        file = SERVER_ROOT / "legacy" / "routes" / files[variable]
        if file.suffix != ".js":
            file = file.with_name(file.name + ".js")
        text = file.read_text(encoding="utf-8")
        # the constructor's parameter names, in the order legacy.js passes the maps
        params_match = re.search(r"function\s*\(([^)]*)\)", text)
        params = [p.strip() for p in params_match.group(1).split(",")] if params_match else []
        passed = [first] + ([second] if second else [])
        category_of = {param: coverage_vars.get(arg, "vanilla") for param, arg in zip(params, passed)}
        starts = list(_LEGACY_ROUTE.finditer(text))
        for index, match in enumerate(starts):
            end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
            chunk = text[match.start() : end]
            names: set[tuple[str | None, str]] = set()
            inert: set[str] = set()  # `coverage["X"];` reads the counter: the route never counts X
            for found in _LEGACY_NAME.finditer(chunk):
                if _NO_EFFECT.match(chunk, found.end()):
                    inert.add(found.group(2) or found.group(4))
                    continue
                variable_name, name = (found.group(1), found.group(2)) if found.group(1) else (found.group(3), found.group(4))
                names.add((category_of.get(variable_name, "vanilla"), name))
            # names computed in the handler (`coverage[scenario + "Lowercase"]` with
            # `scenario = "getDateTimeMaxUtc"`): literals, and literals + suffixes
            literals = set(_LITERAL.findall(chunk))
            suffixes = set(_SUFFIX.findall(chunk))
            for literal in literals:
                names.add((None, literal))
                names |= {(None, literal + suffix) for suffix in suffixes}
            names = {entry for entry in names if entry[1] not in inert}
            full = (mount.rstrip("/") + match.group(2)) if mount != "/" else match.group(2)
            routes.append(
                ServerRoute(match.group(1), full, frozenset(names), str(file.relative_to(SERVER_ROOT)))
            )
    return routes


#: Groups whose server routes build their scenario names at run time from the URL
#: (legacy/routes/queries.js, paths.js): their names by prefix (include, exclude).
NAME_RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "url": (("UrlPaths", "UrlQueries", "UrlPathItem"), ("UrlQueriesArrayMulti",)),
    "url-multi-collectionFormat": (("UrlQueriesArrayMulti",), ()),
}


#: Groups that are one API version of a service whose routes serve every version
#: (legacy/routes/multiapi.js): the names the routes give other versions
#: (`...ApiVersionTwo` for version 1) are not theirs.
API_VERSION_NAMES = {"multiapi-v0": "Zero", "multiapi-v1": "One", "multiapi-v2": "Two", "multiapi-v3": "Three"}
_VERSIONED_NAME = re.compile(r"ApiVersion(One|Two|Three)")


def scenarios_by_group(
    groups: Iterable[str], known: Iterable[Scenario], log_text: str | None = None
) -> dict[str, set[Scenario]]:
    """The scenario names each group's operations can reach, limited to names the
    server reports (`known`)."""
    known_set = set(known)
    categories_of: dict[str, set[str]] = {}
    for category, name in known_set:
        categories_of.setdefault(name, set()).add(category)
    routes = server_routes(log_text)
    mapping: dict[str, set[Scenario]] = {}
    for group in groups:
        spec_routes = swagger_routes(group)
        names: set[Scenario] = set()
        for route in routes:
            if _matches(route.method, route.path, spec_routes):
                for route_category, name in route.names:
                    if route_category is None:
                        names |= {(c, name) for c in categories_of.get(name, ())}
                    elif (route_category, name) in known_set:
                        names.add((route_category, name))
        rule = NAME_RULES.get(group)
        if rule is not None:
            include, exclude = rule
            names = {
                (category, name)
                for category, name in known_set
                if name.startswith(include) and not (exclude and name.startswith(exclude))
            }
        version = API_VERSION_NAMES.get(group)
        if version is not None:
            names = {
                (category, name)
                for category, name in names
                if (found := _VERSIONED_NAME.search(name)) is None or found.group(1) == version
            }
        mapping[group] = names
    return mapping


# ------------------------------------------------------------------------- report


@dataclasses.dataclass
class TestRecord:
    """What one conformance test did."""

    __test__ = False

    nodeid: str
    group: str
    outcome: str = "passed"  # passed / failed / error / skipped
    scenarios: set[Scenario] = dataclasses.field(default_factory=set)
    message: str = ""


@dataclasses.dataclass
class InventoryRecord:
    group: str
    generates: bool | None = None
    generator_message: str = ""
    warnings: int = 0
    imports: bool | None = None
    import_message: str = ""
    mypy: bool | None = None
    mypy_errors: list[str] = dataclasses.field(default_factory=list)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_report(
    tests: Mapping[str, TestRecord],
    coverage: Mapping[Scenario, int],
    mapping: Mapping[str, set[Scenario]],
    inventory: Mapping[str, InventoryRecord],
    groups: Iterable[str] = ISSUE_GROUPS,
    inventory_groups: Iterable[str] | None = None,
) -> str:
    """docs/conformance.md: the scenario table has a row per group of `groups`, the
    generation inventory one per group of `inventory_groups` (default: `groups`)."""
    groups = list(groups)
    inventory_groups = groups if inventory_groups is None else list(inventory_groups)
    tested = {record.group for record in tests.values()}
    lines = [
        "# Conformance with the AutoRest test server",
        "",
        "Generated by the conformance suite (`tests/conformance/`, see its README); do not edit.",
        f"Test server: `{SERVER_PACKAGE}@{SERVER_VERSION}`; each group is the Swagger file",
        "`swagger/<group>.json` of that package, generated with `--template-set python` and",
        "driven against the server.",
        "",
        "- **scenarios**: scenario names the server counts on the routes of the group's",
        "  operations (categories vanilla, azure and optional; optional ones in brackets).",
        "- **exercised**: of those, how many the server counted at least once while one of",
        "  the group's tests ran (it counts a scenario when the request it received was the",
        "  one it expects; the `.quirks` groups share their routes with their plain twins).",
        "- **passed**: exercised scenarios whose every test of the group passed (a scenario",
        "  can be counted by the server and still fail the test when the client mishandles",
        "  the answer).",
        "- **tests**: pytest results of the group's module, passed / failed / errors.",
        "",
        "| group | scenarios | exercised | passed | tests (pass / fail / error) |",
        "|---|---|---|---|---|",
    ]
    # Outcomes by group: groups on the same routes (a `.quirks` file and its plain
    # twin) count the same scenarios, each with its own tests.
    by_scenario_outcomes: dict[tuple[str, Scenario], list[str]] = {}
    for record in tests.values():
        for scenario in record.scenarios:
            by_scenario_outcomes.setdefault((record.group, scenario), []).append(record.outcome)
    totals = [0, 0, 0, 0, 0, 0]
    details: list[str] = []
    for group in groups:
        names = set(mapping.get(group, set()))
        # names counted while this group's tests ran belong to it even when the static
        # mapping missed them
        names |= {s for record in tests.values() if record.group == group for s in record.scenarios}
        optional = {s for s in names if s[0] == "optional"}
        # exercised: counted by the server while one of the group's own tests ran
        exercised = {s for s in names if coverage.get(s, 0) > 0 and (group, s) in by_scenario_outcomes}
        passed = {s for s in exercised if all(o == "passed" for o in by_scenario_outcomes[(group, s)])}
        count = f"{len(names)}" + (f" [{len(optional)}]" if optional else "")
        if group in tested:
            records = [r for r in tests.values() if r.group == group]
            outcome = [sum(r.outcome == k for r in records) for k in ("passed", "failed", "error")]
            lines.append(
                f"| {group} | {count} | {len(exercised)} | {len(passed)} | {outcome[0]} / {outcome[1]} / {outcome[2]} |"
            )
            totals = [
                totals[0] + len(names),
                totals[1] + len(exercised),
                totals[2] + len(passed),
                totals[3] + outcome[0],
                totals[4] + outcome[1],
                totals[5] + outcome[2],
            ]
            missing = sorted(f"{n}" + (" (optional)" if c == "optional" else "") for c, n in names - passed)
            if missing:
                details.append(f"- **{group}**: " + ", ".join(f"`{m}`" for m in missing))
        else:
            lines.append(f"| {group} | {count} | not tested yet | | |")
    lines.append(
        f"| **tested groups** | {totals[0]} | {totals[1]} | {totals[2]} | {totals[3]} / {totals[4]} / {totals[5]} |"
    )
    lines += ["", "## Scenarios not passed", ""]
    lines += details or ["None."]
    failing = [r for r in tests.values() if r.outcome in ("failed", "error")]
    if failing:
        lines += ["", "## Failing tests", "", "| group | error (first line) | tests |", "|---|---|---|"]
        by_error: dict[tuple[str, str, str], list[str]] = {}
        for record in failing:
            key = (record.group, record.outcome, record.message)
            by_error.setdefault(key, []).append(record.nodeid.rsplit("::", 1)[-1])
        order = {group: index for index, group in enumerate(groups)}
        for (group, kind, message), test_names in sorted(
            by_error.items(), key=lambda entry: (order.get(entry[0][0], len(order)), entry[0][0], entry[0][2])
        ):
            label = "" if kind == "failed" else " (fixture error)"
            lines.append(
                f"| {group} | {_cell(message)}{label} | {', '.join(f'`{n}`' for n in sorted(test_names))} |"
            )
    if inventory:
        lines += [
            "",
            "## Generation inventory",
            "",
            "Every Swagger file of the server package (`swagger/*.json`), generated and checked on its own:",
            "",
            "| group | generates | imports | mypy --strict | problem |",
            "|---|---|---|---|---|",
        ]

        def mark(value: bool | None) -> str:
            return "–" if value is None else ("yes" if value else "**no**")

        for group in inventory_groups:
            item = inventory.get(group)
            if item is None:
                lines.append(f"| {group} | not run | | | |")
                continue
            problem = item.generator_message or item.import_message or "; ".join(item.mypy_errors[:3])
            if len(item.mypy_errors) > 3:
                problem += f"; … ({len(item.mypy_errors)} errors)"
            mypy = mark(item.mypy)
            if item.mypy is False:
                errors = len(item.mypy_errors)
                mypy = f"**{errors} error{'s' if errors != 1 else ''}**"
            lines.append(
                f"| {group} | {mark(item.generates)} | {mark(item.imports)} | {mypy} | {_cell(problem)} |"
            )
    return "\n".join(lines) + "\n"


# -------------------------------------------------------------------- test helpers


def rejects_payload(package: Any) -> Any:
    """`pytest.raises` for an answer whose body is not a valid value of the declared
    type: the client must raise rather than return something. Accepted: the package's
    `ClientError` (what its docs promise for every error) or a `ValueError`
    (`json.JSONDecodeError`, `binascii.Error`, a failed `fromisoformat`), which is what
    a decoder raises."""
    import pytest

    return pytest.raises((package.ClientError, ValueError))


def assert_rejected(package: Any, call: Any, path: str | None) -> None:
    """`call()` refuses its answer (see `rejects_payload`); with `path`, as the package's
    `DeserializationError` at that JSON path (a value of the wrong JSON type under strict
    response validation)."""
    with rejects_payload(package) as caught:
        call()
    if path is not None:
        assert isinstance(caught.value, package.DeserializationError), repr(caught.value)
        assert caught.value.path == path
