"""Time `generate` and `check` on Azure's whole Call Automation API, cold and warm.

Cold: an empty cache folder (validation and black formatting done from scratch).
Warm: the cache filled by a previous run, spec and templates unchanged.
After an edit: the cache filled by a run on the original, then one model's description
changed (in a copy of the description's folder): what a build pays after a small
spec change (compiled templates and unchanged formatted pieces come from the cache).
Each figure is the median of several whole-process runs (`python -m generator`).

    python benchmarks/check_speed.py [--runs 5]

Needs ../shared (Azure's description); prints a Markdown table.
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


EDITED_FROM = '"description": "The request payload for transferring call to a participant."'
EDITED_TO = '"description": "The request payload for transferring the call to another participant."'


def run(command: str, output: Path, cache: Path, upstream: Path = UPSTREAM) -> float:
    spec = upstream / SPEC.relative_to(UPSTREAM)
    arguments = [sys.executable, "-m", "generator", command, str(spec), "-o", str(output), "--ref-root", str(upstream),
                 "--package-name", "call_automation", "--template-set", "python"]
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
    runs = parser.parse_args().runs
    if not SPEC.is_file():
        raise SystemExit(f"{SPEC} is absent: this benchmark needs ../shared")
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        output = root / "generated"
        edited = root / "upstream"
        shutil.copytree(UPSTREAM, edited)
        edited_spec = edited / SPEC.relative_to(UPSTREAM)
        text = edited_spec.read_text()
        if EDITED_FROM not in text:
            raise SystemExit(f"{SPEC} no longer has the description this benchmark edits")
        edited_spec.write_text(text.replace(EDITED_FROM, EDITED_TO, 1))
        for _ in range(runs):
            cache = root / "cache"
            shutil.rmtree(cache, ignore_errors=True)
            shutil.rmtree(output, ignore_errors=True)
            results.setdefault("generate, cold", []).append(run("generate", output, cache))
            results.setdefault("generate, warm", []).append(run("generate", output, cache))
            results.setdefault("generate, after an edit", []).append(run("generate", output, cache, edited))
            run("generate", output, cache)  # back to the original, for the checks
            shutil.rmtree(cache)
            results.setdefault("check, cold", []).append(run("check", output, cache))
            results.setdefault("check, warm", []).append(run("check", output, cache))
        lines = sum(p.read_text().count("\n") for p in output.rglob("*.py"))
    print(f"Call Automation 2024-09-15 ({lines} generated Python lines), median of {runs} runs:\n")
    print("| command | seconds |\n| --- | --- |")
    for name, times in results.items():
        print(f"| {name} | {statistics.median(times):.2f} |")


if __name__ == "__main__":
    main()
