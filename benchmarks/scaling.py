"""How cold generation time grows with spec size: the fitted exponent.

GitHub's REST description (../shared/corpus/large/api.github.com.json) is cut into
specs of growing size: the first 1/8, 1/4, 1/2 and all of its paths, each with only
the components its paths reach (so that the document, and its validation, grow too). Each is generated
cold (fresh cache) as a whole process, `--runs` times; the median wall and CPU seconds
are fitted as `time = c * operations ** k` by least squares on the logarithms. k <= 1
means time grows no worse than linearly.

    python benchmarks/scaling.py [--runs 1] [--fractions 8,4,2,1]

Takes about two minutes per run of all sizes here (the whole spec dominates). Prints
Markdown and merges the figures into benchmarks/results/latest.json under "scaling".
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GITHUB = REPO.parent / "shared" / "corpus" / "large" / "api.github.com.json"
RESULTS = REPO / "benchmarks" / "results" / "latest.json"
METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def _references(node: object) -> set[str]:
    found: set[str] = set()
    pending = [node]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            reference = item.get("$ref")
            if isinstance(reference, str) and reference.startswith("#/components/"):
                found.add(reference)
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return found


def cut(document: dict, fraction: int) -> tuple[dict, int]:
    """A valid document with the first 1/fraction of the paths and the components they
    reach (directly or through other components), and its operation count."""
    paths = list(document["paths"].items())
    kept = dict(paths[: max(1, len(paths) // fraction)])
    operations = sum(1 for item in kept.values() for method in item if method in METHODS)
    reached: set[str] = set()
    pending = _references(kept)
    while pending:
        reference = pending.pop()
        if reference in reached:
            continue
        reached.add(reference)
        _, _, kind, name = reference.split("/", 3)
        pending |= _references(document["components"][kind][name.replace("~1", "/").replace("~0", "~")])
    components: dict[str, dict] = {}
    for reference in sorted(reached):
        _, _, kind, name = reference.split("/", 3)
        key = name.replace("~1", "/").replace("~0", "~")
        components.setdefault(kind, {})[key] = document["components"][kind][key]
    for kind, items in document.get("components", {}).items():
        if kind == "securitySchemes":
            components[kind] = items
    return {**document, "paths": kept, "components": components}, operations


def cold_run(spec: Path, root: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the process and its workers)."""
    cache, output = root / "cache", root / "out"
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(output, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(spec), "-o", str(output),
         "--package-name", "github", "--template-set", "python"],
        cwd=REPO, capture_output=True, text=True, env={**os.environ, "APIFORGE_CACHE_DIR": str(cache)},
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"generation failed on {spec.name}: {result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(seconds) against log(size)."""
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in seconds]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--fractions", default="8,4,2,1", help="denominators of the path fractions")
    arguments = parser.parse_args()
    fractions = [int(part) for part in arguments.fractions.split(",")]
    if len(fractions) < 3:
        raise SystemExit("a fitted exponent needs at least three sizes")
    if not GITHUB.is_file():
        raise SystemExit(f"{GITHUB} is absent: this benchmark needs ../shared")
    document = json.loads(GITHUB.read_text(encoding="utf-8"))
    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        for fraction in fractions:
            part, operations = cut(document, fraction)
            spec = root / f"github_1_{fraction}.json"
            spec.write_text(json.dumps(part), encoding="utf-8")
            runs = [cold_run(spec, root) for _ in range(arguments.runs)]
            wall = statistics.median(run[0] for run in runs)
            cpu = statistics.median(run[1] for run in runs)
            rows.append({"fraction": f"1/{fraction}", "operations": operations, "wall_s": wall, "cpu_s": cpu})
            print(f"  1/{fraction}: {operations} operations, {wall:.2f} s wall, {cpu:.2f} s CPU", file=sys.stderr)
    sizes = [row["operations"] for row in rows]
    fitted = {
        "wall": exponent(sizes, [row["wall_s"] for row in rows]),
        "cpu": exponent(sizes, [row["cpu_s"] for row in rows]),
    }
    print(f"Cold generation of cuts of GitHub's REST API, median of {arguments.runs} run(s):\n")
    print("| paths | operations | wall s | CPU s |")
    print("| --- | ---: | ---: | ---: |")
    for row in rows:
        print(f"| {row['fraction']} | {row['operations']:,} | {row['wall_s']:.2f} | {row['cpu_s']:.2f} |")
    print(f"\nFitted exponent (time ~ operations^k): wall k = {fitted['wall']:.2f}, CPU k = {fitted['cpu']:.2f}")
    results = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    results["scaling"] = {
        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average": os.getloadavg(),
        "runs": arguments.runs,
        "rows": rows,
        "exponent": fitted,
    }
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
