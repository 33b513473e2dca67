"""Settings from `[tool.apiforge]` in pyproject.toml, overridden by the command line.

The nearest pyproject.toml at or above the working folder is the project's; paths in
it are relative to its folder, and the cache defaults to `.cache/apiforge` there.
Without one, defaults apply relative to the working folder, and the cache goes to the
user's cache folder.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GeneratorError, Location
from .ir.options import PaginationRule, pagination_rule
from .render.sets import split_plugin_reference

TOOL = "apiforge"
_KEYS = {
    "specs": list,
    "output": str,
    "template-sets": list,
    "templates": list,
    "plugins": list,
    "package-name": str,
    "client-name": str,
    "operations": list,
    "tags": list,
    "strict": bool,
    "cache-dir": str,
    "ref-root": str,
    "options": dict,
    "pagination": list,
    "events": list,
    "event-type-prefix": str,
}


@dataclass(frozen=True)
class Config:
    root: Path
    specs: tuple[Path, ...] = ()
    output: Path = Path("generated")
    template_sets: tuple[str, ...] = ("python",)
    templates: tuple[Path, ...] = ()
    plugins: tuple[str, ...] = ()
    package_name: str | None = None
    client_name: str | None = None
    operations: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    strict: bool = False
    cache_dir: Path | None = None
    ref_root: Path | None = None
    # [tool.apiforge.options.<set>]: settings a template set reads (e.g. python's `auth`)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    # [[tool.apiforge.pagination]]: how OpenAPI 3 operations without an extension page
    pagination: tuple[PaginationRule, ...] = ()
    # schema-name globs of the event definitions no operation references, and the
    # prefix of their type strings (`Microsoft.Communication.`)
    events: tuple[str, ...] = ()
    event_type_prefix: str = ""
    source: str = field(default="defaults")


def find_pyproject(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path | None = None) -> Config:
    """The configuration; the cache folder may be overridden with $APIFORGE_CACHE_DIR."""
    config = _load_config((start or Path.cwd()).resolve())
    override = os.environ.get("APIFORGE_CACHE_DIR")
    return dataclasses.replace(config, cache_dir=Path(override)) if override else config


def user_cache_dir() -> Path:
    """The user's cache folder for this tool, where pip and black keep theirs:
    $XDG_CACHE_HOME (else ~/.cache), or %LOCALAPPDATA% on Windows."""
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / TOOL / "Cache"
    base = os.environ.get("XDG_CACHE_HOME") or ""
    return (Path(base) if Path(base).is_absolute() else Path.home() / ".cache") / TOOL


def _set_options(tables: dict[str, Any], where: Location) -> dict[str, dict[str, Any]]:
    """[tool.apiforge.options.<set>] tables, by template set name."""
    for name, table in tables.items():
        if not isinstance(table, dict):
            raise GeneratorError(f"[tool.{TOOL}.options] {name} must be a table of that template set's settings", where)
    return {str(name): dict(table) for name, table in tables.items()}


def _pagination(tables: Any, where: Location) -> tuple[PaginationRule, ...]:
    """[[tool.apiforge.pagination]] tables: which operations page how."""
    if not isinstance(tables, list):
        raise GeneratorError(f"[tool.{TOOL}] pagination must be a list of tables ([[tool.{TOOL}.pagination]])", where)
    rules = []
    for index, table in enumerate(tables):
        rule = pagination_rule(table, configured=True)
        if isinstance(rule, str):
            raise GeneratorError(f"[[tool.{TOOL}.pagination]] number {index + 1}: {rule}", where)
        rules.append(rule)
    return tuple(rules)


def _load_config(start: Path) -> Config:
    pyproject = find_pyproject(start)
    if pyproject is None:  # no project to keep a cache in: leave no folder in the working one
        return Config(root=start, cache_dir=user_cache_dir())
    where = Location(str(pyproject))
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise GeneratorError(f"cannot read: {error}", where) from None
    tool = data.get("tool", {})
    settings = tool.get(TOOL, {}) if isinstance(tool, dict) else {}
    if not isinstance(settings, dict):
        raise GeneratorError(f"[tool.{TOOL}] must be a table", where)
    for key, value in settings.items():
        expected = _KEYS.get(key)
        if expected is None:
            raise GeneratorError(f"unknown setting [tool.{TOOL}] {key!r} (known: {', '.join(sorted(_KEYS))})", where)
        if key == "pagination":
            continue  # a list of tables, read by _pagination
        if not isinstance(value, expected) or (isinstance(value, list) and not all(isinstance(v, str) for v in value)):
            raise GeneratorError(f"[tool.{TOOL}] {key} must be a {expected.__name__}{' of strings' if expected is list else ''}", where)
        if isinstance(value, str) and not value.strip():
            raise GeneratorError(f"[tool.{TOOL}] {key} must not be empty", where)
        if any("\0" in item for item in (value if isinstance(value, list) else [value]) if isinstance(item, str)):
            raise GeneratorError(f"[tool.{TOOL}] {key} holds a NUL character", where)
    root = pyproject.parent

    def path(value: str) -> Path:
        return (root / value).resolve()

    return Config(
        root=root,
        specs=tuple(path(p) for p in settings.get("specs", [])),
        output=path(settings.get("output", "generated")),
        template_sets=tuple(settings.get("template-sets", ["python"])),
        templates=tuple(path(p) for p in settings.get("templates", [])),
        plugins=tuple(_plugin(root, p) for p in settings.get("plugins", [])),
        package_name=settings.get("package-name"),
        client_name=settings.get("client-name"),
        operations=tuple(settings.get("operations", [])),
        tags=tuple(settings.get("tags", [])),
        strict=settings.get("strict", False),
        cache_dir=path(settings.get("cache-dir", f".cache/{TOOL}")),
        ref_root=path(settings["ref-root"]) if "ref-root" in settings else None,
        options=_set_options(settings.get("options", {}), where),
        pagination=_pagination(settings.get("pagination", []), where),
        events=tuple(settings.get("events", [])),
        event_type_prefix=settings.get("event-type-prefix", ""),
        source=str(pyproject),
    )


def _plugin(root: Path, reference: str) -> str:
    """A plugin file (`tools/codegen.py[:function]`) is relative to the project folder;
    a module name (`mypkg.codegen:setup`) is imported as it is."""
    module, function = split_plugin_reference(reference)
    if module.endswith(".py"):
        return f"{(root / module).resolve()}:{function}"
    return reference
