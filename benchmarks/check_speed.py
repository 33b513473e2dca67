"""Time `generate` and `check` on Azure's whole Call Automation API, cold and warm.

Cold: an empty cache folder (validation and black formatting done from scratch).
Warm: the cache filled by a previous run, spec and templates unchanged.
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


def run(command: str, output: Path, cache: Path) -> float:
    arguments = [sys.executable, "-m", "generator", command, str(SPEC), "-o", str(output), "--ref-root", str(UPSTREAM),
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
        for _ in range(runs):
            cache = root / "cache"
            shutil.rmtree(cache, ignore_errors=True)
            shutil.rmtree(output, ignore_errors=True)
            results.setdefault("generate, cold", []).append(run("generate", output, cache))
            results.setdefault("generate, warm", []).append(run("generate", output, cache))
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
