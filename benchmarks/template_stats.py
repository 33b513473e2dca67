"""How much of each template is logic: lines, `{% %}` statement lines and their share.

A statement line is one that holds only Jinja statements (`{% ... %}`) and blanks, so
prints nothing of its own; lines that hold only a comment (`{# ... #}`) are counted
apart. Also prints the lines of
the Python modules behind the template sets (plugins, the view, the renderers), so a
change to where the logic lives shows in one table.

    .venv/bin/python benchmarks/template_stats.py [--root CHECKOUT]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON_FOLDERS = ("templates/python", "templates/markdown", "generator/view", "generator/render", "generator/formats.py")


_STATEMENT = re.compile(r"\{%.*?%\}|\{#.*?#\}")


def template_lines(path: Path) -> tuple[int, int, int]:
    """(lines, statement lines, comment lines) of one template."""
    lines = path.read_text(encoding="utf-8").splitlines()
    statements = sum(1 for line in lines if "{%" in line and not _STATEMENT.sub("", line).strip())
    comments = sum(1 for line in lines if line.lstrip().startswith("{#"))
    return len(lines), statements, comments


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=REPO, help="a checkout to measure (default: this one)")
    root = parser.parse_args().root.resolve()
    print("| template | lines | statement lines | share |")
    print("| --- | ---: | ---: | ---: |")
    for folder in (root / "templates" / "python", root / "templates" / "markdown"):
        for path in sorted(folder.rglob("*.jinja")):
            lines, statements, _ = template_lines(path)
            share = f"{100 * statements / lines:.0f}%" if lines else "-"
            print(f"| {path.relative_to(root)} | {lines} | {statements} | {share} |")
    print()
    print("| module | lines |")
    print("| --- | ---: |")
    for name in PYTHON_FOLDERS:
        folder = root / name
        paths = [folder] if folder.suffix == ".py" else sorted(folder.rglob("*.py"))
        for path in paths if folder.exists() else []:
            print(f"| {path.relative_to(root)} | {len(path.read_text(encoding='utf-8').splitlines())} |")


if __name__ == "__main__":
    main()
