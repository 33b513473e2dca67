"""Time apiforge against openapi-python-client and OpenAPI Generator (`python`), whole processes.

Same machine, same inputs, one run of this script: every tool is started as a whole
process (`python -m generator generate ...`, `openapi-python-client generate ...`,
`openapi-generator-cli generate -g python ...`) into a fresh output folder, several
times, interleaved; the tables give medians, the peer/apiforge time ratio, peak
memory (largest resident set of any one process of the tool's process tree, from
`/usr/bin/time`), CPU seconds, and how many `.py` files and lines each tool wrote. apiforge runs
cold (a fresh `APIFORGE_CACHE_DIR`, so validation and black formatting are done from
scratch) and then warm (same cache, second run into the same folder).

It also measures the floor on the same inputs, in a fresh Python process each time:
loading the document (`json.load`, or PyYAML's C safe loader for YAML), validating the
loaded dict with `openapi_spec_validator.validate`, and formatting apiforge's generated
output with black (in-process, one core) and with `ruff format` (whole process); and it
imports every generated module of every tool and counts the ones that fail.

    python benchmarks/compare_peers.py --setup       # once: peers' venv, swagger2openapi, conversion
    python benchmarks/compare_peers.py               # transfer + callautomation, 3 runs each
    python benchmarks/compare_peers.py --inputs github --runs 1           # the heavy input
    python benchmarks/compare_peers.py --only apiforge,openapi-generator --inputs transfer
    python benchmarks/compare_peers.py --report      # print the tables of results/latest.json

`github` (GitHub's 13 MB REST description) is never run unless named in `--inputs`:
that is the heavy switch. Run this script with the project's venv
(`.venv/bin/python`): the floor needs its black and openapi-spec-validator. Peers
live in `benchmarks/.peers/` (gitignore it). Results are merged into
`benchmarks/results/latest.json` by input and tool, so a default run and a heavy run
add up to one report.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "benchmarks"
PEERS = BENCH / ".peers"
PEER_VENV = PEERS / "venv"
PEER_BIN = PEER_VENV / "bin"
NODE_PREFIX = PEERS / "node"
RESULTS = BENCH / "results" / "latest.json"
SHARED = REPO.parent / "shared"
UPSTREAM = SHARED / "reference" / "upstream"
CALL_SPEC = UPSTREAM / "CallAutomation" / "stable" / "2024-09-15" / "communicationservicescallautomation.json"
GITHUB_SPEC = SHARED / "corpus" / "large" / "api.github.com.json"
TRANSFER_SPEC = REPO / "specs" / "transfer_to_participant.yaml"
CALL_BUNDLED = PEERS / "callautomation-2024-09-15.bundled.swagger.json"
CALL_OPENAPI3 = PEERS / "callautomation-2024-09-15.openapi3.json"
APIFORGE_PYTHON = (
    REPO / ".venv" / "bin" / "python" if (REPO / ".venv" / "bin" / "python").exists() else Path(sys.executable)
)

# Versions pinned by --setup (the ones PyPI and npm served when this script was written).
PIP_PINS = [
    "openapi-python-client==0.29.1",
    "openapi-generator-cli==7.26.0",  # the wheel ships openapi-generator.jar 7.26.0; needs `java` on PATH
    "ruff==0.17.6",  # openapi-python-client's post-hooks call it; also the ruff-format floor
    "python-dateutil==4.0.0",  # imported by both peers' generated code (import check)
    "urllib3==2.8.0",  # imported by OpenAPI Generator's generated code (import check)
]
NPM_PINS = ["swagger2openapi@7.0.8"]

TOOLS = ("apiforge", "openapi-python-client", "openapi-generator")
INPUTS = ("transfer", "callautomation", "github")
DEFAULT_INPUTS = ("transfer", "callautomation")  # github is the heavy switch: name it to run it
TIME = Path("/usr/bin/time")


# --------------------------------------------------------------------------- inputs


def inputs() -> dict[str, dict[str, Any]]:
    """Per input: what apiforge reads and what each peer reads (and why)."""
    return {
        "transfer": {
            "title": "transferToParticipant (OpenAPI 3.0.3 YAML, 1 operation)",
            "package": "transfer_to_participant",
            "apiforge": (TRANSFER_SPEC, [], "the spec"),
            "openapi-python-client": (TRANSFER_SPEC, "the spec"),
            "openapi-generator": (TRANSFER_SPEC, "the spec"),
        },
        "callautomation": {
            "title": "Call Automation 2024-09-15 (Swagger 2.0 JSON + Common by relative $ref, 26 paths, 95 definitions)",
            "package": "call_automation",
            "apiforge": (CALL_SPEC, ["--ref-root", str(UPSTREAM)], "Swagger 2.0, multi-file (--ref-root)"),
            # openapi-python-client reads OpenAPI 3 only: it gets the bundled + swagger2openapi conversion.
            "openapi-python-client": (CALL_OPENAPI3, "OpenAPI 3 conversion (bundled, swagger2openapi)"),
            # OpenAPI Generator reads Swagger 2.0 and relative $refs itself: it gets the original.
            "openapi-generator": (CALL_SPEC, "Swagger 2.0, multi-file (reads it itself)"),
        },
        "github": {
            "title": "GitHub REST API (OpenAPI 3.0.3 JSON, 13 MB, 1,223 operations, 969 schemas)",
            "package": "github",
            "apiforge": (GITHUB_SPEC, [], "the spec"),
            "openapi-python-client": (GITHUB_SPEC, "the spec"),
            "openapi-generator": (GITHUB_SPEC, "the spec"),
        },
    }


# --------------------------------------------------------------------------- bundling


def _split_ref(ref: str) -> tuple[str, str]:
    file_part, _, fragment = ref.partition("#")
    return unquote(file_part), fragment


def _pointer_get(document: Any, pointer: str) -> Any:
    node = document
    for token in pointer.split("/")[1:] if pointer else []:
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def bundle_swagger(main: Path, drop: frozenset[str] = frozenset({"x-ms-examples"})) -> dict[str, Any]:
    """One self-contained Swagger 2.0 document from a main file and its relative `$ref`s.

    Every `#/definitions|parameters|responses/NAME` target in another file is copied
    into the same section of the main document (under its own name, or NAME_2, ... on a
    clash) and the `$ref`s are rewritten to point there; the copied parts are processed
    the same way, so chains across files work, cycles too. A main-file entry that is a
    pure alias of such a target (`"CommunicationError": {"$ref": "../Common/...#/definitions/CommunicationError"}`)
    is replaced by the target itself. Keys in `drop` are removed everywhere
    (`x-ms-examples` points at example files, some absent, that no peer reads).
    """
    main = main.resolve()
    sections = ("definitions", "parameters", "responses")
    loaded: dict[Path, Any] = {}

    def load(path: Path) -> Any:
        if path not in loaded:
            loaded[path] = json.loads(path.read_text(encoding="utf-8"))
        return loaded[path]

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: strip(value) for key, value in node.items() if key not in drop}
        if isinstance(node, list):
            return [strip(value) for value in node]
        return node

    root = strip(copy.deepcopy(load(main)))
    imported: dict[tuple[Path, str], str] = {}  # (file, pointer) -> name in the same section of root

    def section_of(pointer: str, path: Path) -> str:
        parts = pointer.split("/")
        if len(parts) != 3 or parts[1] not in sections:
            raise SystemExit(f"bundle: cannot inline {path}#{pointer} (only {', '.join(sections)})")
        return parts[1]

    def import_target(path: Path, pointer: str) -> str:
        key = (path, pointer)
        if key not in imported:
            section = root.setdefault(section_of(pointer, path), {})
            base = pointer.split("/")[2].replace("~1", "/").replace("~0", "~")
            name, counter = base, 1
            while name in section:
                counter += 1
                name = f"{base}_{counter}"
            imported[key] = name
            section[name] = {}  # placeholder: a cycle back to this target finds its name
            section[name] = rewrite(strip(copy.deepcopy(_pointer_get(load(path), pointer))), path)
        return imported[key]

    def rewrite(node: Any, base: Path) -> Any:
        if isinstance(node, list):
            return [rewrite(value, base) for value in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str):
            file_part, fragment = _split_ref(ref)
            if "://" in file_part:
                raise SystemExit(f"bundle: URL $ref {ref!r} is not supported")
            target = (base.parent / file_part).resolve() if file_part else base
            if target == main:
                return {**node, "$ref": f"#{fragment}"}
            return {**node, "$ref": f"#/{section_of(fragment, target)}/{import_target(target, fragment)}"}
        return {key: rewrite(value, base) for key, value in node.items()}

    # 1. Main-file entries that only alias another file's entry take its content, under their own name
    #    (registered first, so the other file's internal $refs to that entry find this name).
    aliases = []
    for section in sections:
        for name, value in root.get(section, {}).items():
            if isinstance(value, dict) and set(value) == {"$ref"}:
                file_part, fragment = _split_ref(value["$ref"])
                if file_part and "://" not in file_part and fragment.startswith(f"/{section}/"):
                    target = (main.parent / file_part).resolve()
                    imported[(target, fragment)] = name
                    aliases.append((section, name, target, fragment))
    for section, name, target, fragment in aliases:
        root[section][name] = rewrite(strip(copy.deepcopy(_pointer_get(load(target), fragment))), target)
    # 2. Everything else; imports land in root's sections already rewritten, so a second pass is harmless.
    for key in [key for key in root if key not in sections]:
        root[key] = rewrite(root[key], main)
    for section in sections:
        for name in list(root.get(section, {})):
            root[section][name] = rewrite(root[section][name], main)
    remaining = [ref for ref in _refs(root) if not ref.startswith("#")]
    if remaining:
        raise SystemExit(f"bundle: external $refs left: {remaining[:5]}")
    return root


def _refs(node: Any) -> list[str]:
    found: list[str] = []
    pending = [node]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            if isinstance(item.get("$ref"), str):
                found.append(item["$ref"])
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return found


def convert_call_automation(force: bool = False) -> None:
    """Bundle Call Automation into one Swagger 2.0 file, then swagger2openapi to OpenAPI 3 (cached)."""
    if CALL_OPENAPI3.is_file() and not force:
        return
    converter = NODE_PREFIX / "node_modules" / ".bin" / "swagger2openapi"
    if not converter.exists():
        raise SystemExit(f"{converter} is absent: run `python benchmarks/compare_peers.py --setup` first")
    CALL_BUNDLED.write_text(json.dumps(bundle_swagger(CALL_SPEC), indent=2) + "\n", encoding="utf-8")
    # --patch: fix small errors of the source (none expected); --resolveInternal off (keep $refs).
    result = subprocess.run(
        [str(converter), "--patch", "--outfile", str(CALL_OPENAPI3), str(CALL_BUNDLED)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not CALL_OPENAPI3.is_file():
        raise SystemExit(f"swagger2openapi failed ({result.returncode}): {result.stderr.strip()[-2000:]}")
    # swagger2openapi 7.0.8 turns x-ms-parameterized-host into a server variable but copies the host
    # parameter's `format: url` into it, which OpenAPI 3 forbids (a server variable has only enum,
    # default, description and x-*): drop such keys, the only change made to its output.
    converted = json.loads(CALL_OPENAPI3.read_text(encoding="utf-8"))
    for server in converted.get("servers", []):
        for variable in server.get("variables", {}).values():
            for key in [k for k in variable if k not in ("enum", "default", "description") and not k.startswith("x-")]:
                del variable[key]
    CALL_OPENAPI3.write_text(json.dumps(converted, indent=2) + "\n", encoding="utf-8")
    print(f"converted: {CALL_OPENAPI3.relative_to(REPO)}")


# --------------------------------------------------------------------------- setup


def setup() -> None:
    PEERS.mkdir(parents=True, exist_ok=True)
    java = shutil.which("java")
    if java is None:
        raise SystemExit("java is not on PATH: OpenAPI Generator's jar needs it (Debian: openjdk-17-jre-headless)")
    if not PEER_BIN.joinpath("python").exists():
        # The base interpreter, not this venv's, so the peers' venv does not depend on ours.
        base = Path(getattr(sys, "_base_executable", sys.executable))
        subprocess.run([str(base), "-m", "venv", str(PEER_VENV)], check=True)
    subprocess.run([str(PEER_BIN / "python"), "-m", "pip", "install", "-q", *PIP_PINS], check=True)
    jar = next(PEER_VENV.glob("lib/python*/site-packages/openapi_generator_cli/openapi-generator.jar"), None)
    if jar is None:
        raise SystemExit("openapi-generator-cli installed without its jar")
    print(f"OpenAPI Generator jar shipped in the wheel: {jar.relative_to(REPO)} ({jar.stat().st_size // 2**20} MiB)")
    if shutil.which("npm") is None:
        raise SystemExit("npm is absent (Debian: npm): swagger2openapi converts Call Automation for the peers")
    NODE_PREFIX.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["npm", "install", "--silent", "--no-fund", "--no-audit", "--prefix", str(NODE_PREFIX), *NPM_PINS], check=True
    )
    convert_call_automation(force=True)
    versions = tool_versions()
    (PEERS / "versions.json").write_text(json.dumps(versions, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(versions, indent=2))
    if not TIME.exists():
        print("note: /usr/bin/time is absent (Debian package `time`); peak memory falls back to a Python wrapper")


def tool_versions() -> dict[str, str]:
    def output(arguments: list[str], first: bool = False) -> str:
        try:
            result = subprocess.run(arguments, capture_output=True, text=True, check=False, timeout=120, env=peer_env())
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"unavailable ({error})"
        text = (result.stdout + result.stderr).strip()
        return text.splitlines()[0 if first else -1].strip() if text else f"exit {result.returncode}"

    metadata = "import importlib.metadata as m, sys; print(m.version(sys.argv[1]))"
    versions = {
        "apiforge": output([str(APIFORGE_PYTHON), "-c", metadata, "apiforge"]),
        "black": output([str(APIFORGE_PYTHON), "-c", metadata, "black"]),
        "openapi-spec-validator": output([str(APIFORGE_PYTHON), "-c", metadata, "openapi-spec-validator"]),
        "python (apiforge)": output([str(APIFORGE_PYTHON), "-c", "import platform; print(platform.python_version())"]),
        "openapi-python-client": output([str(PEER_BIN / "python"), "-c", metadata, "openapi-python-client"]),
        "openapi-generator-cli (PyPI) / jar": output([str(PEER_BIN / "openapi-generator-cli"), "version"]),
        "ruff": output([str(PEER_BIN / "ruff"), "--version"]),
        "python (peers)": output([str(PEER_BIN / "python"), "-c", "import platform; print(platform.python_version())"]),
        "java": output(["java", "-version"], first=True),
    }
    package = NODE_PREFIX / "node_modules" / "swagger2openapi" / "package.json"
    if package.is_file():
        versions["swagger2openapi (npm)"] = json.loads(package.read_text())["version"]
    versions["node"] = output(["node", "--version"])
    return versions


# --------------------------------------------------------------------------- running


def peer_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {
        "PATH": f"{PEER_BIN}:/usr/local/bin:/usr/bin:/bin",
        "HOME": os.environ.get("HOME", "/root"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }
    env.update(extra or {})
    return env


_RSS_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "open(sys.argv[1], 'w').write(f'{usage.ru_maxrss} {usage.ru_utime} {usage.ru_stime}')\n"
    "sys.exit(code)\n"
)


def measured(arguments: list[str], cwd: Path, env: dict[str, str], timeout: float) -> dict[str, Any]:
    """Run one whole process: wall and CPU (user + system, whole tree) seconds, peak RSS, status.

    Peak RSS is in KiB: the largest resident set of any single process of the tree
    (what wait4 reports), not a sum over processes running at once.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss", delete=False) as handle:
        rss_file = Path(handle.name)
    if TIME.exists():
        wrapped = [str(TIME), "-f", "%M %U %S", "-o", str(rss_file), *arguments]
    else:  # fresh wrapper process: its RUSAGE_CHILDREN peak is this run's alone
        wrapped = [sys.executable, "-c", _RSS_WRAPPER, str(rss_file), *arguments]
    started = time.perf_counter()
    process = subprocess.Popen(
        wrapped, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
        status = "ok" if process.returncode == 0 else f"exit {process.returncode}"
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        status = f"timeout after {timeout:.0f} s"
    seconds = time.perf_counter() - started
    rss_kib = cpu = None
    try:  # `time` puts "Command exited with non-zero status N" before the figures
        lines = [line for line in rss_file.read_text().splitlines() if line.strip()]
        fields = lines[-1].split() if lines else []
        if len(fields) == 3:
            rss_kib, cpu = int(fields[0]), float(fields[1]) + float(fields[2])
    except (OSError, ValueError):
        pass
    rss_file.unlink(missing_ok=True)
    tail = "\n".join((stderr or stdout or "").strip().splitlines()[-15:])
    return {
        "seconds": seconds,
        "cpu_s": cpu,
        "rss_kib": rss_kib,
        "status": status,
        "tail": tail if status != "ok" else "",
    }


def tool_command(tool: str, spec: Path, extra: list[str], output: Path, package: str, work: Path) -> list[str]:
    if tool == "apiforge":
        return [
            str(APIFORGE_PYTHON),
            "-m",
            "generator",
            "generate",
            str(spec),
            "-o",
            str(output),
            "--package-name",
            package,
            "--template-set",
            "python",
            *extra,
        ]
    if tool == "openapi-python-client":
        config = work / "opc-config.yaml"
        config.write_text(f"package_name_override: {package}\nproject_name_override: {package}\n")
        return [
            str(PEER_BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(spec),
            "--output-path",
            str(output),
            "--config",
            str(config),
        ]
    if tool == "openapi-generator":
        return [
            str(PEER_BIN / "openapi-generator-cli"),
            "generate",
            "-i",
            str(spec),
            "-g",
            "python",
            "-o",
            str(output),
            "--package-name",
            package,
        ]
    raise ValueError(tool)


def package_root(tool: str, output: Path, package: str) -> Path:
    """The folder to put on sys.path so that `import <package>` finds the generated package."""
    return output / "python" if tool == "apiforge" else output


def count_python(output: Path) -> tuple[int, int]:
    files = [p for p in output.rglob("*.py") if ".ruff_cache" not in p.parts]
    return len(files), sum(p.read_bytes().count(b"\n") for p in files)


_IMPORT_WORKER = r"""
import importlib, json, sys, time
from pathlib import Path
root, package = Path(sys.argv[1]), sys.argv[2]
sys.path.insert(0, str(root))
names = []
for path in sorted((root / package).rglob("*.py")):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    names.append(".".join(parts))
failures = {}
started = time.perf_counter()
for name in names:
    try:
        importlib.import_module(name)
    except (Exception, SystemExit) as error:
        text = str(error).strip().splitlines()
        failures[name] = type(error).__name__ + (": " + text[0][:300] if text else "")
print(json.dumps({"modules": len(names), "failed": len(failures), "failures": failures,
                  "seconds": time.perf_counter() - started}))
"""


def import_check(tool: str, output: Path, package: str) -> dict[str, Any]:
    """Import every module of the generated package in one fresh process of the peers' venv."""
    root = package_root(tool, output, package)
    if not (root / package).is_dir():
        return {"error": f"no package folder {package} under {root}"}
    result = subprocess.run(
        [str(PEER_BIN / "python"), "-c", _IMPORT_WORKER, str(root), package],
        capture_output=True,
        check=False,
        text=True,
        env=peer_env(),
        timeout=1800,
    )
    try:
        return json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return {"error": f"import worker failed: {result.stderr.strip()[-1000:]}"}


def run_tools(
    selected_inputs: list[str], selected_tools: list[str], runs: int, timeout: float, keep: Path | None
) -> dict[str, Any]:
    table = inputs()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="compare-peers-") as temporary:
        work = Path(temporary)
        for input_name in selected_inputs:
            spec_info = table[input_name]
            package = spec_info["package"]
            entries: dict[str, Any] = {}
            for tool in selected_tools:
                spec = spec_info[tool][0]
                entries[tool] = {"reads": spec_info[tool][-1], "spec": str(spec), "cold": [], "warm": []}
            load_before = loadavg()
            busy = float(load_before.split()[0]) if load_before[0].isdigit() else 0.0
            if busy > 0.5 * (os.cpu_count() or 1):
                print(
                    f"warning: load average {load_before} before {input_name}: other work on this machine will "
                    "inflate wall times (the CPU-seconds column suffers less)",
                    file=sys.stderr,
                    flush=True,
                )
            print(f"== {input_name}: {spec_info['title']} (load average {load_before})", file=sys.stderr, flush=True)
            for run in range(1, runs + 1):
                for tool in selected_tools:  # interleaved, so machine noise spreads over all tools
                    spec, *rest = spec_info[tool]
                    extra = rest[0] if tool == "apiforge" else []
                    output = work / input_name / tool / "out"
                    cache = work / input_name / tool / "cache"
                    shutil.rmtree(output, ignore_errors=True)
                    shutil.rmtree(cache, ignore_errors=True)
                    output.parent.mkdir(parents=True, exist_ok=True)
                    arguments = tool_command(tool, spec, extra, output, package, output.parent)
                    env = peer_env({"APIFORGE_CACHE_DIR": str(cache)} if tool == "apiforge" else None)
                    cold = measured(arguments, output.parent, env, timeout)
                    entries[tool]["cold"].append(cold)
                    print(
                        f"   run {run} {tool} cold: {cold['seconds']:.2f} s (cpu {cold['cpu_s'] or 0:.2f} s), "
                        f"{(cold['rss_kib'] or 0) / 1024:.0f} MiB,"
                        f" {cold['status']}",
                        file=sys.stderr,
                        flush=True,
                    )
                    if cold["status"] != "ok":
                        print(f"      {cold['tail'][-1500:]}", file=sys.stderr, flush=True)
                        continue
                    if tool == "apiforge":
                        warm = measured(arguments, output.parent, env, timeout)
                        entries[tool]["warm"].append(warm)
                        print(
                            f"   run {run} {tool} warm: {warm['seconds']:.2f} s, {warm['status']}",
                            file=sys.stderr,
                            flush=True,
                        )
                    if run == runs:
                        files, lines = count_python(output)
                        entries[tool]["py_files"], entries[tool]["py_lines"] = files, lines
                        entries[tool]["imports"] = import_check(tool, output, package)
                        if keep is not None:
                            target = keep / input_name / tool
                            shutil.rmtree(target, ignore_errors=True)
                            shutil.copytree(output, target, ignore=shutil.ignore_patterns(".ruff_cache"))
            for tool, entry in entries.items():
                summarise(entry)
            if "apiforge" in entries:
                floor = measure_floor(input_name, work / input_name / "apiforge" / "out", runs, timeout)
                floor["apiforge_stages"] = measure_stages(input_name, runs, timeout)
            else:
                floor = measure_floor(input_name, None, runs, timeout)
            results[input_name] = {
                "title": spec_info["title"],
                "tools": entries,
                "floor": floor,
                "runs": runs,
                "measured": now(),
                "loadavg_before": load_before,
                "loadavg_after": loadavg(),
                "apiforge_source": source_state(),
            }
    return results


def summarise(entry: dict[str, Any]) -> None:
    for phase in ("cold", "warm"):
        ok = [run for run in entry[phase] if run["status"] == "ok"]
        entry[f"{phase}_median_s"] = statistics.median(run["seconds"] for run in ok) if ok else None
        rss = [run["rss_kib"] for run in ok if run["rss_kib"] is not None]
        entry[f"{phase}_peak_rss_mib"] = max(rss) / 1024 if rss else None
        cpu = [run["cpu_s"] for run in ok if run.get("cpu_s") is not None]
        entry[f"{phase}_median_cpu_s"] = statistics.median(cpu) if cpu else None
    failed = [run for run in entry["cold"] + entry["warm"] if run["status"] != "ok"]
    entry["status"] = "ok" if not failed else f"{len(failed)} failed: {failed[0]['status']}"
    if failed:
        entry["error"] = failed[0]["tail"]


# --------------------------------------------------------------------------- floor

_FLOOR_WORKER = r"""
import json, resource, sys, time
from pathlib import Path
from urllib.parse import unquote
import yaml
from openapi_spec_validator import validate
main = Path(sys.argv[1]).resolve()

def load(path):
    with open(path, "rb") as handle:
        if path.suffix in (".yaml", ".yml"):
            return yaml.load(handle, Loader=yaml.CSafeLoader)
        return json.load(handle)

def refs(node):
    pending = [node]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            if isinstance(item.get("$ref"), str):
                yield item["$ref"]
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)

started = time.perf_counter()
document = load(main)
seen, queue = {main}, [(main, document)]
while queue:  # every file the $refs reach (x-ms-examples files included), each once
    path, data = queue.pop()
    for ref in refs(data):
        file_part = unquote(ref.partition("#")[0])
        if file_part and "://" not in file_part:
            target = (path.parent / file_part).resolve()
            if target not in seen and target.is_file():
                seen.add(target)
                queue.append((target, load(target)))
load_s = time.perf_counter() - started
started = time.perf_counter()
try:
    validate(document, base_uri=main.as_uri())
    valid, error = True, None
except Exception as problem:
    valid, error = False, type(problem).__name__ + ": " + str(problem).splitlines()[0][:300]
validate_s = time.perf_counter() - started
print(json.dumps({"load_s": load_s, "files": len(seen), "validate_s": validate_s, "valid": valid, "error": error,
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_BLACK_WORKER = r"""
import json, sys, time
from pathlib import Path
import black
mode = black.Mode(target_versions={black.TargetVersion.PY311}, line_length=88)  # apiforge's mode
texts = [p.read_text() for p in sorted(Path(sys.argv[1]).rglob("*.py"))]
lines = sum(t.count("\n") for t in texts)
started = time.perf_counter()
for text in texts:
    black.format_str(text, mode=mode)
seconds = time.perf_counter() - started
print(json.dumps({"files": len(texts), "lines": lines, "seconds": seconds, "lines_per_s": lines / seconds}))
"""

# apiforge's own stages in one process, on one core: what its black step really formats is the
# rendered, not yet formatted text (black is slower on it than on already formatted code).
# Uses the generator's internals; if they change, the floor reports the error and goes on.
_STAGES_WORKER = r"""
import json, sys, time
from pathlib import Path
import black
from generator.cache import Cache
from generator.errors import Warnings
from generator.ir.build import BuildOptions
from generator.pipeline import Job, load_api
from generator.render.templates import load_template_set, render
spec, ref_root, package = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
mode = black.Mode(target_versions={black.TargetVersion.PY311}, line_length=88)  # apiforge's mode
job = Job(specs=(spec,), options=BuildOptions(package_name=package), ref_root=Path(ref_root) if ref_root else None)
started = time.perf_counter()
api = load_api(spec, job, Warnings(), Cache(None))
loaded = time.perf_counter()
rendered = render(load_template_set("python", [], [], {}), api)
done = time.perf_counter()
texts = [f.text for f in rendered if f.formatter == "black"]
per_file = []
for item in rendered:
    if item.formatter == "black":
        begun = time.perf_counter()
        black.format_str(item.text, mode=mode)
        per_file.append([item.path, item.text.count("\n"), time.perf_counter() - begun])
formatted = time.perf_counter()
slowest = sorted(per_file, key=lambda entry: -entry[2])[:3]
lines = sum(t.count("\n") for t in texts)
print(json.dumps({"load_validate_ir_s": loaded - started, "render_s": done - loaded, "black_rendered_s": formatted - done,
                  "rendered_lines": lines, "rendered_files": len(texts), "black_rendered_lines_per_s": lines / (formatted - done),
                  "slowest_files": slowest}))
"""


def measure_stages(input_name: str, runs: int, timeout: float) -> dict[str, Any]:
    spec, extra, _ = inputs()[input_name]["apiforge"]
    ref_root = extra[extra.index("--ref-root") + 1] if "--ref-root" in extra else ""
    package = inputs()[input_name]["package"]
    print(f"   apiforge stages in-process, one core ({runs} fresh processes)", file=sys.stderr, flush=True)
    samples = []
    for _ in range(runs):
        result = subprocess.run(
            [str(APIFORGE_PYTHON), "-c", _STAGES_WORKER, str(spec), ref_root, package],
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
            cwd=tempfile.gettempdir(),
        )
        if result.returncode != 0:
            return {"error": result.stderr.strip()[-1500:]}
        samples.append(json.loads(result.stdout.strip().splitlines()[-1]))
    stages: dict[str, Any] = {
        key: statistics.median(s[key] for s in samples) for key in samples[0] if key != "slowest_files"
    }
    stages["slowest_files"] = samples[0]["slowest_files"]  # [path, rendered lines, seconds], first run
    stages["rendered_lines"], stages["rendered_files"] = samples[0]["rendered_lines"], samples[0]["rendered_files"]
    stages["black_rendered_lines_per_s"] = stages["rendered_lines"] / stages["black_rendered_s"]
    return stages


def measure_floor(input_name: str, apiforge_output: Path | None, runs: int, timeout: float) -> dict[str, Any]:
    spec = inputs()[input_name]["apiforge"][0]
    print(f"   floor: load + validate ({runs} fresh processes)", file=sys.stderr, flush=True)
    samples = []
    for _ in range(runs):
        result = subprocess.run(
            [str(APIFORGE_PYTHON), "-c", _FLOOR_WORKER, str(spec)],
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )
        if result.returncode != 0:
            return {"error": result.stderr.strip()[-1500:]}
        samples.append(json.loads(result.stdout.strip().splitlines()[-1]))
    floor: dict[str, Any] = {
        "loader": "yaml CSafeLoader" if spec.suffix in (".yaml", ".yml") else "json.load",
        "files_loaded": samples[0]["files"],
        "load_s": statistics.median(s["load_s"] for s in samples),
        "validate_s": statistics.median(s["validate_s"] for s in samples),
        "valid": samples[0]["valid"],
        "validate_error": samples[0]["error"],
        "load_validate_peak_rss_mib": max(s["peak_rss_mib"] for s in samples),
    }
    if apiforge_output is None or not apiforge_output.is_dir():
        return floor
    python_files = [p for p in apiforge_output.rglob("*.py")]
    if not python_files:
        return floor
    print("   floor: black (in-process, one core) and ruff format on apiforge's output", file=sys.stderr, flush=True)
    black_samples = []
    for _ in range(runs):
        result = subprocess.run(
            [str(APIFORGE_PYTHON), "-c", _BLACK_WORKER, str(apiforge_output)],
            capture_output=True,
            check=False,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            floor["black_error"] = result.stderr.strip()[-1500:]
            break
        black_samples.append(json.loads(result.stdout.strip().splitlines()[-1]))
    if black_samples:
        floor["formatted_lines"] = black_samples[0]["lines"]
        floor["black_s"] = statistics.median(s["seconds"] for s in black_samples)
        floor["black_lines_per_s"] = floor["formatted_lines"] / floor["black_s"]
    ruff = PEER_BIN / "ruff"
    if ruff.exists():
        ruff_times = []
        with tempfile.TemporaryDirectory(prefix="ruff-floor-") as temporary:
            for run in range(runs):
                copy_dir = Path(temporary) / f"copy{run}"
                shutil.copytree(apiforge_output, copy_dir, ignore=shutil.ignore_patterns("*.md", "*.json", "*.txt"))
                outcome = measured(
                    [
                        str(ruff),
                        "format",
                        "--isolated",
                        "--no-cache",
                        "--line-length",
                        "88",
                        "--target-version",
                        "py311",
                        "--quiet",
                        str(copy_dir),
                    ],
                    Path(temporary),
                    peer_env(),
                    timeout,
                )
                if outcome["status"] != "ok":
                    floor["ruff_error"] = outcome["tail"]
                    break
                ruff_times.append(outcome["seconds"])
        if ruff_times and black_samples:
            floor["ruff_format_s"] = statistics.median(ruff_times)
            floor["ruff_lines_per_s"] = floor["formatted_lines"] / floor["ruff_format_s"]
    if "black_s" in floor:
        floor["floor_black_s"] = floor["load_s"] + floor["validate_s"] + floor["black_s"]
    return floor


# --------------------------------------------------------------------------- report


def loadavg() -> str:
    """1, 5 and 15-minute load averages: other work on this 2-core machine disturbs the timings."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def source_state() -> dict[str, Any]:
    """Which apiforge was measured: HEAD and whether the work tree had uncommitted changes."""

    def git(*arguments: str) -> str:
        result = subprocess.run(["git", *arguments], cwd=REPO, capture_output=True, text=True, check=False)
        return result.stdout.strip()

    changed = [line[3:] for line in git("status", "--porcelain", "--", "generator", "templates").splitlines()]
    return {"head": git("rev-parse", "--short", "HEAD"), "uncommitted_changes_in_generator_or_templates": changed}


def now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")


def machine() -> dict[str, Any]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory = next(
            line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
        )
        memory_gib = round(int(memory) / 2**20, 1)
    except (OSError, StopIteration):
        memory_gib = None
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "memory_gib": memory_gib,
        "os": platform.platform(),
        "peak_memory_by": "/usr/bin/time %M" if TIME.exists() else "RUSAGE_CHILDREN wrapper",
    }


def fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def markdown(results: dict[str, Any]) -> str:
    out: list[str] = []
    order = [name for name in INPUTS if name in results.get("inputs", {})]
    for input_name in order:
        item = results["inputs"][input_name]
        tools = item["tools"]
        base = tools.get("apiforge", {}).get("cold_median_s")
        out.append(f"### {item['title']}\n")
        source = item.get("apiforge_source", {})
        dirty = source.get("uncommitted_changes_in_generator_or_templates")
        out.append(
            f"Median of {item['runs']} whole-process run(s), measured {item['measured']}, load average "
            f"{item.get('loadavg_before', '?')} before and {item.get('loadavg_after', '?')} after; apiforge at "
            f"{source.get('head', '?')}"
            + (f" plus uncommitted changes to {len(dirty)} file(s)" if dirty else "")
            + ".\n"
        )
        out.append(
            "| tool | reads | cold s | cold CPU s | warm s | peer / apiforge, wall | peer / apiforge, CPU "
            "| peak RSS MiB | .py files | .py lines | status |"
        )
        out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for tool in TOOLS:
            if tool not in tools:
                continue
            entry = tools[tool]
            cold = entry.get("cold_median_s")
            ratio = "1.00" if tool == "apiforge" and cold else (fmt(cold / base) if cold and base else "–")
            cpu, base_cpu = entry.get("cold_median_cpu_s"), tools.get("apiforge", {}).get("cold_median_cpu_s")
            cpu_ratio = "1.00" if tool == "apiforge" and cpu else (fmt(cpu / base_cpu) if cpu and base_cpu else "–")
            out.append(
                f"| {tool} | {entry['reads']} | {fmt(cold)} | {fmt(entry.get('cold_median_cpu_s'))} | "
                f"{fmt(entry.get('warm_median_s'))} | {ratio} | {cpu_ratio} | "
                f"{fmt(entry.get('cold_peak_rss_mib'), 0)} | {fmt(entry.get('py_files'), 0)} | "
                f"{fmt(entry.get('py_lines'), 0) if entry.get('py_lines') is not None else '–'} | "
                f"{entry['status']} |"
            )
        out.append("")
        floor = item.get("floor", {})
        if floor and "error" not in floor:
            out.append(
                f"Floor (fresh Python process, median of {item['runs']}): "
                f"load {fmt(floor['load_s'], 3)} s ({floor['loader']}, {floor['files_loaded']} file(s)), "
                f"openapi-spec-validator `validate` {fmt(floor['validate_s'], 3)} s "
                f"({'valid' if floor['valid'] else 'raised: ' + str(floor['validate_error'])}), "
                f"peak RSS of load+validate {fmt(floor['load_validate_peak_rss_mib'], 0)} MiB."
            )
            if "black_s" in floor:
                out.append(
                    f"Formatting apiforge's {fmt(floor['formatted_lines'], 0)} generated lines: black "
                    f"{fmt(floor['black_s'])} s in-process on one core ({fmt(floor['black_lines_per_s'], 0)} "
                    f"lines/s)"
                    + (
                        f", `ruff format` {fmt(floor['ruff_format_s'])} s whole process "
                        f"({fmt(floor['ruff_lines_per_s'], 0)} lines/s)"
                        if "ruff_format_s" in floor
                        else ""
                    )
                    + f". Floor load + validate + black = {fmt(floor['floor_black_s'])} s."
                )
            stages = floor.get("apiforge_stages")
            if stages and "error" not in stages:
                out.append(
                    f"apiforge's own stages in one process, one core: load + validate + IR "
                    f"{fmt(stages['load_validate_ir_s'])} s, render {fmt(stages['render_s'])} s, black on the "
                    f"{fmt(stages['rendered_lines'], 0)} rendered (unformatted) lines {fmt(stages['black_rendered_s'])} s "
                    f"({fmt(stages['black_rendered_lines_per_s'], 0)} lines/s)"
                    + "".join(
                        f"; {'slowest' if i == 0 else 'then'} `{path}` ({fmt(lines, 0)} lines, {fmt(seconds)} s)"
                        for i, (path, lines, seconds) in enumerate(stages.get("slowest_files", [])[:2])
                    )
                    + "."
                )
            elif stages:
                out.append(f"apiforge stages not measured: {stages['error'].splitlines()[-1]}")
            out.append("")
        elif floor:
            out.append(f"Floor failed: {floor['error']}\n")
        imports = [(tool, tools[tool].get("imports")) for tool in TOOLS if tool in tools and tools[tool].get("imports")]
        if imports:
            parts = []
            for tool, check in imports:
                if "error" in check:
                    parts.append(f"{tool}: {check['error']}")
                else:
                    parts.append(f"{tool} {check['failed']} of {check['modules']}")
            out.append("Generated modules that fail to import: " + "; ".join(parts) + ".\n")
    return "\n".join(out)


def load_results() -> dict[str, Any]:
    if RESULTS.is_file():
        return json.loads(RESULTS.read_text())
    return {"inputs": {}}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[1:]),
    )
    parser.add_argument(
        "--setup", action="store_true", help="create benchmarks/.peers (venv, npm, conversion) and stop"
    )
    parser.add_argument("--runs", type=int, default=3, help="whole-process runs per tool and input (default 3)")
    parser.add_argument("--only", default=",".join(TOOLS), help=f"tools, comma-separated (default {','.join(TOOLS)})")
    parser.add_argument(
        "--inputs",
        default=",".join(DEFAULT_INPUTS),
        help=f"inputs, comma-separated, of {','.join(INPUTS)} (default {','.join(DEFAULT_INPUTS)}; "
        "`github` is heavy and runs only when named)",
    )
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before one run is killed (default 1800)")
    parser.add_argument("--keep", type=Path, help="copy the last run's generated output of every tool here")
    parser.add_argument("--report", action="store_true", help="print the tables of results/latest.json and stop")
    arguments = parser.parse_args()
    if arguments.setup:
        setup()
        return
    if arguments.report:
        print(markdown(load_results()))
        return
    selected_tools = [t.strip() for t in arguments.only.split(",") if t.strip()]
    selected_inputs = [i.strip() for i in arguments.inputs.split(",") if i.strip()]
    for name in selected_tools:
        if name not in TOOLS:
            parser.error(f"unknown tool {name!r}; choose from {', '.join(TOOLS)}")
    for name in selected_inputs:
        if name not in INPUTS:
            parser.error(f"unknown input {name!r}; choose from {', '.join(INPUTS)}")
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} is absent: this benchmark needs ../shared")
    peers = [t for t in selected_tools if t != "apiforge"]
    if peers and not PEER_BIN.joinpath("openapi-python-client").exists():
        raise SystemExit("peers are not installed: run `python benchmarks/compare_peers.py --setup` first")
    if "callautomation" in selected_inputs and "openapi-python-client" in selected_tools:
        convert_call_automation()
    fresh = run_tools(selected_inputs, selected_tools, arguments.runs, arguments.timeout, arguments.keep)
    stored = load_results()
    for input_name, item in fresh.items():
        previous = stored["inputs"].get(input_name)
        if previous and set(previous["tools"]) - set(item["tools"]):
            # a subset run keeps the other tools' earlier figures, marked with their own date
            for tool, entry in previous["tools"].items():
                item["tools"].setdefault(tool, {**entry, "status": entry["status"] + f" (from {previous['measured']})"})
        stored["inputs"][input_name] = item
    stored["machine"] = machine()
    stored["versions"] = tool_versions()
    stored["updated"] = now()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(stored, indent=2) + "\n", encoding="utf-8")
    print(markdown({"inputs": fresh}))
    print(
        f"\n(saved to {RESULTS.relative_to(REPO)}; machine: {stored['machine']['cores']} cores, "
        f"{stored['machine']['cpu']}, {stored['machine']['memory_gib']} GiB)"
    )


if __name__ == "__main__":
    main()
