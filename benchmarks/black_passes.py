"""How much of the rendered code black has to change: the pieces it formats twice.

black formats a text a second time whenever its first pass changed anything, so a
piece the templates already lay out as black would (generator/render/layout.py) costs
one pass, any other piece two. This renders a spec with the built-in python templates,
cuts each module as `format_files` does (generator/formatting.py) and formats every
piece on its own, in one process on one core: per file, the pieces black changed,
their lines and black's time on them, against the pieces it gave back unchanged.
The same script shows a template author which shapes still differ (`--show N`
prints the first lines of N changed pieces).

    python benchmarks/black_passes.py                 # Call Automation (needs ../shared)
    python benchmarks/black_passes.py SPEC [--ref-root DIR] [--show 5]

GitHub's API (`../shared/corpus/large/api.github.com.json`) takes about a minute.
"""

from __future__ import annotations

import argparse
import difflib
import time
from pathlib import Path

from generator.cache import Cache
from generator.errors import Warnings
from generator.formatting import _MEMBER_HEADER, _black, split_module
from generator.ir.build import BuildOptions
from generator.pipeline import Job, load_api
from generator.render.templates import load_template_set, render

REPO = Path(__file__).resolve().parents[1]
UPSTREAM = REPO.parent / "shared" / "reference" / "upstream"
SPEC = UPSTREAM / "CallAutomation" / "stable" / "2024-09-15" / "communicationservicescallautomation.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", nargs="?", type=Path, default=SPEC)
    parser.add_argument("--ref-root", type=Path, default=None)
    parser.add_argument("--show", type=int, default=0, help="print the start of this many changed pieces")
    arguments = parser.parse_args()
    ref_root = arguments.ref_root or (UPSTREAM if arguments.spec == SPEC else None)
    if not arguments.spec.is_file():
        raise SystemExit(f"{arguments.spec}: no such file (this benchmark needs ../shared)")
    job = Job(specs=(arguments.spec,), options=BuildOptions(package_name="pkg"), ref_root=ref_root)
    api = load_api(arguments.spec, job, Warnings(), Cache(None))
    rendered = [f for f in render(load_template_set("python", [], [], {}), api) if f.formatter == "black"]
    rows = []
    shown = 0
    for item in rendered:
        changed = pieces = changed_lines = 0
        changed_seconds = same_seconds = 0.0
        for piece in split_module(item.text):
            source = (_MEMBER_HEADER if piece.member else "") + piece.text
            started = time.perf_counter()
            output = _black(source)
            seconds = time.perf_counter() - started
            pieces += 1
            if output.strip() == source.strip():
                same_seconds += seconds
                continue
            changed += 1
            changed_lines += source.count("\n")
            changed_seconds += seconds
            if shown < arguments.show:
                shown += 1
                diff = difflib.unified_diff(source.splitlines(), output.splitlines(), item.path, "black", lineterm="", n=1)
                print("\n".join(list(diff)[:14]) + "\n")
        rows.append((item.path, pieces, changed, changed_lines, changed_seconds, same_seconds))
    print(f"{arguments.spec.name}: pieces black changes (formatted twice) and leaves as they are, one core\n")
    print("| file | pieces | changed | changed lines | s on changed | s on unchanged |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for path, pieces, changed, lines, changed_s, same_s in rows:
        print(f"| {path} | {pieces:,} | {changed:,} | {lines:,} | {changed_s:.2f} | {same_s:.2f} |")
    totals = [sum(row[i] for row in rows) for i in range(1, 6)]
    print(f"| all | {totals[0]:,} | {totals[1]:,} | {totals[2]:,} | {totals[3]:.2f} | {totals[4]:.2f} |")


if __name__ == "__main__":
    main()
