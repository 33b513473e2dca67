"""How much of each template is logic: lines, `{% %}` statement lines and their share.

A statement line is one whose first non-blank characters open a Jinja statement
(`{%`, `{%-`, `{%+`); comment lines (`{#`) are counted apart. Also prints the lines of
the Python modules behind the template sets (plugins, the view, the renderers), so a
change to where the logic lives shows in one table.

    .venv/bin/python benchmarks/template_stats.py [--markdown]
"""

from __future__ import annotations

import argparse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEMPLATE_FOLDERS = (REPO / "templates" / "python", REPO / "templates" / "markdown")
PYTHON_FOLDERS = (
    REPO / "templates" / "python",
    REPO / "templates" / "markdown",
    REPO / "generator" / "view",
    REPO / "generator" / "render",
)


def template_lines(path: Path) -> tuple[int, int, int]:
    """(lines, statement lines, comment lines) of one template."""
    lines = path.read_text(encoding="utf-8").splitlines()
    statements = sum(1 for line in lines if line.lstrip().startswith("{%"))
    comments = sum(1 for line in lines if line.lstrip().startswith("{#"))
    return len(lines), statements, comments


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    print("| template | lines | statement lines | share |")
    print("| --- | ---: | ---: | ---: |")
    for folder in TEMPLATE_FOLDERS:
        for path in sorted(folder.rglob("*.jinja")):
            lines, statements, _ = template_lines(path)
            share = f"{100 * statements / lines:.0f}%" if lines else "-"
            print(f"| {path.relative_to(REPO)} | {lines} | {statements} | {share} |")
    print()
    print("| module | lines |")
    print("| --- | ---: |")
    for folder in PYTHON_FOLDERS:
        for path in sorted(folder.rglob("*.py")) if folder.is_dir() else []:
            print(f"| {path.relative_to(REPO)} | {len(path.read_text(encoding='utf-8').splitlines())} |")


if __name__ == "__main__":
    main()
