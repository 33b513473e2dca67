"""Time apiforge at two commits side by side: cold and warm `generate`, whole processes.

Each commit is checked out once into `benchmarks/.commits/<sha>` (a detached git worktree,
ignored by git) and run with this venv's Python from there (`python -m generator` picks up
the package of its working folder first). Runs are interleaved (cold of every commit,
then warm of every commit, then the next run) so that load shared with other jobs hits
both alike; each figure is the median of `--runs`, and the last column is the ratio of
the second commit to the first.

    python benchmarks/compare_commits.py BASE [HEAD] [--input call-automation|github] [--runs 3]

HEAD defaults to the working tree of this checkout (uncommitted changes included).
Needs ../shared; prints a Markdown table and the load average before and after.
"""

from __future__ import annotations

import argparse
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
UPSTREAM = REPO.parent / "shared" / "reference" / "upstream"
CALL_AUTOMATION = UPSTREAM / "CallAutomation" / "stable" / "2024-09-15" / "communicationservicescallautomation.json"
GITHUB = REPO.parent / "shared" / "corpus" / "large" / "api.github.com.json"
CHECKOUTS = REPO / "benchmarks" / ".commits"


def checkout(revision: str) -> tuple[str, Path]:
    """(label, folder) of `revision`: a worktree under benchmarks/.commits, made once."""
    sha = subprocess.run(["git", "rev-parse", "--short", revision], cwd=REPO, check=True,
                         capture_output=True, text=True).stdout.strip()
    folder = CHECKOUTS / sha
    if not folder.is_dir():
        CHECKOUTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(folder), sha], cwd=REPO, check=True)
    return sha, folder


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def generate(folder: Path, spec: Path, root: Path, output: Path, cache: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one `generate` process."""
    arguments = [sys.executable, "-m", "generator", "generate", str(spec), "-o", str(output),
                 "--ref-root", str(root), "--package-name", "api", "--template-set", "python"]
    started, cpu = time.perf_counter(), cpu_of_children()
    result = subprocess.run(arguments, cwd=folder, capture_output=True, text=True,
                            env={"APIFORGE_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin", "HOME": str(cache)})
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"generate failed in {folder}: {result.stderr.strip()}")
    return elapsed, cpu_of_children() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("head", nargs="?", default=None, help="a revision (default: this working tree)")
    parser.add_argument("--input", choices=["call-automation", "github"], default="call-automation")
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    spec, root = (CALL_AUTOMATION, UPSTREAM) if arguments.input == "call-automation" else (GITHUB, GITHUB.parent)
    if not spec.is_file():
        raise SystemExit(f"{spec} is absent: this benchmark needs ../shared")
    sides = [checkout(arguments.base)]
    sides.append(checkout(arguments.head) if arguments.head else ("working tree", REPO))
    times: dict[tuple[str, str], list[tuple[float, float]]] = {
        (label, kind): [] for label, _ in sides for kind in ("cold", "warm")
    }
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        for run in range(arguments.runs):
            outputs = {}
            for label, folder in sides:
                slot = work / f"{run}-{label.replace(' ', '-')}"
                outputs[label] = (slot / "out", slot / "cache")
                times[(label, "cold")].append(generate(folder, spec, root, *outputs[label]))
            for label, folder in sides:
                times[(label, "warm")].append(generate(folder, spec, root, *outputs[label]))
            for label, _ in sides:
                shutil.rmtree(work / f"{run}-{label.replace(' ', '-')}")
    load_after = os.getloadavg()
    (base, _), (head, _) = sides
    print(f"{arguments.input}, median of {arguments.runs} interleaved runs (seconds: wall, and CPU of the process)\n")
    print(f"| run | {base} | {head} | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for kind in ("cold", "warm"):
        for measure, index in (("wall", 0), ("CPU", 1)):
            before = statistics.median(t[index] for t in times[(base, kind)])
            after = statistics.median(t[index] for t in times[(head, kind)])
            print(f"| {kind} {measure} | {before:.2f} | {after:.2f} | {after / before:.2f} |")
    print(f"\nload average (1, 5, 15 min): before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}, "
          f"after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    print("all runs (wall/CPU): " + ", ".join(
        f"{label} {kind} " + " ".join(f"{wall:.2f}/{cpu:.2f}" for wall, cpu in values) for (label, kind), values in times.items()
    ))


if __name__ == "__main__":
    main()
