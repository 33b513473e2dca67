"""Time `generate` and `check` on Azure's whole Call Automation API (or GitHub's), cold and warm.

Cold: an empty cache folder (validation and black formatting done from scratch).
Warm: the cache filled by a previous run, spec and templates unchanged.
After an edit: the cache filled by a run on the original, then one model's description
changed (in a copy of the description's folder): what a build pays after a small
spec change (compiled templates and unchanged formatted pieces come from the cache).
check, --no-cache: a fresh CI runner (no cache at all) checking an unchanged tree, which
`check` answers from the manifest's record of inputs; check --full: the same runner
forcing the full comparison (what every check cost before the record).
Each figure is the median of several whole-process runs (`python -m generator`), and
the last column is its ratio to a cold `generate` of the same run.

    python benchmarks/check_speed.py [--runs 5] [--input call-automation|github]

Needs ../shared (the descriptions); prints a Markdown table.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
UPSTREAM = REPO.parent / "shared" / "reference" / "upstream"
SPEC = UPSTREAM / "CallAutomation" / "stable" / "2024-09-15" / "communicationservicescallautomation.json"
GITHUB = REPO.parent / "shared" / "corpus" / "large" / "api.github.com.json"


EDITED_FROM = '"description": "The request payload for transferring call to a participant."'
EDITED_TO = '"description": "The request payload for transferring the call to another participant."'


def run(command: str, output: Path, cache: Path, spec: Path, root: Path, *options: str) -> float:
    arguments = [sys.executable, "-m", "generator", command, str(spec), "-o", str(output), "--ref-root", str(root),
                 "--package-name", "api", "--template-set", "python", *options]
    started = time.perf_counter()
    result = subprocess.run(arguments, cwd=cache.parent, capture_output=True, text=True,
                            env={"APIFORGE_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"})
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{command} failed: {result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--input", choices=["call-automation", "github"], default="call-automation")
    arguments = parser.parse_args()
    runs = arguments.runs
    spec, source_root = (SPEC, UPSTREAM) if arguments.input == "call-automation" else (GITHUB, GITHUB.parent)
    if not spec.is_file():
        raise SystemExit(f"{spec} is absent: this benchmark needs ../shared")
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        output = root / "generated"
        edited = root / "edited"
        shutil.copytree(source_root, edited)
        edited_spec = edited / spec.relative_to(source_root)
        text = edited_spec.read_text()
        editable = EDITED_FROM in text
        edited_spec.write_text(text.replace(EDITED_FROM, EDITED_TO, 1))
        for _ in range(runs):
            cache = root / "cache"
            shutil.rmtree(cache, ignore_errors=True)
            shutil.rmtree(output, ignore_errors=True)
            results.setdefault("generate, cold", []).append(run("generate", output, cache, spec, source_root))
            results.setdefault("generate, warm", []).append(run("generate", output, cache, spec, source_root))
            if editable:
                results.setdefault("generate, after an edit", []).append(
                    run("generate", output, cache, edited_spec, edited)
                )
                run("generate", output, cache, spec, source_root)  # back to the original, for the checks
            shutil.rmtree(cache)
            results.setdefault("check, cold", []).append(run("check", output, cache, spec, source_root))
            results.setdefault("check, warm", []).append(run("check", output, cache, spec, source_root))
            results.setdefault("check, --no-cache", []).append(
                run("check", output, cache, spec, source_root, "--no-cache")
            )
            results.setdefault("check --full, --no-cache", []).append(
                run("check", output, cache, spec, source_root, "--no-cache", "--full")
            )
        lines = sum(p.read_text().count("\n") for p in output.rglob("*.py"))
    cold = statistics.median(results["generate, cold"])
    print(f"{spec.name} ({lines} generated Python lines), median of {runs} runs:\n")
    print("| command | seconds | / cold generate |\n| --- | ---: | ---: |")
    for name, times in results.items():
        print(f"| {name} | {statistics.median(times):.2f} | {statistics.median(times) / cold:.3f} |")


if __name__ == "__main__":
    main()
