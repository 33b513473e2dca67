"""Template sets: a folder of Jinja templates plus a manifest of the outputs it makes.

A manifest (`manifest.yaml`) lists outputs, each rendered once, per operation, per
model, per enum or per operation group, to a path that is itself a small template.
Users put their own folders in front of a built-in set (`--templates DIR`): a file
there with a built-in template's name replaces it, a template can `{% extends %}`
the built-in one (reachable as `builtin/<name>`) and override its blocks, and an
overlay's own `manifest.yaml` adds outputs. Plugins (a module's `setup(env)`) add
filters, tests and globals.

This module reads sets and manifests without importing Jinja (a run that finds its
plan in the cache never renders); `templates.py` renders.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import GeneratorError, Location

if TYPE_CHECKING:
    import jinja2

    from .templates import CompiledTemplates

SCOPES = ("once", "operation", "model", "enum", "group")
BUILTIN_ROOT = Path(__file__).resolve().parent.parent.parent / "templates"


@dataclass(frozen=True, slots=True)
class Output:
    template: str
    path: str
    scope: str
    formatter: str
    declared_in: str


@dataclass(frozen=True, slots=True)
class RenderedFile:
    """One generated file before formatting; `path` is relative to the output folder."""

    path: str
    text: str
    formatter: str


@dataclass
class TemplateSet:
    name: str
    folders: list[Path]  # overlays first, the built-in set last
    outputs: list[Output]
    plugins: list[str]
    options: dict[str, Any]

    def environment(self, compiled: CompiledTemplates | None = None) -> jinja2.Environment:
        """The Jinja environment of this set (Jinja is imported only when rendering)."""
        from .templates import environment

        return environment(self, compiled)


def find_builtin_set(name: str) -> Path:
    folder = BUILTIN_ROOT / name
    if not (folder / "manifest.yaml").is_file():
        known = sorted(p.name for p in BUILTIN_ROOT.iterdir() if (p / "manifest.yaml").is_file())
        raise GeneratorError(f"no built-in template set {name!r} (known: {', '.join(known)})")
    return folder


def load_template_set(
    name: str, overlays: list[Path], plugins: list[str], options: dict[str, Any] | None = None
) -> TemplateSet:
    """The built-in set `name` (or a folder path) with overlays in front of it.

    An overlay folder holds one subfolder per set it extends (`overlay/python/...`).
    """
    base = Path(name) if ("/" in name or "\\" in name) else find_builtin_set(name)
    folders = [overlay / base.name for overlay in overlays if (overlay / base.name).is_dir()] + [base]
    outputs: list[Output] = []
    set_plugins: list[str] = []
    for folder in reversed(folders):  # built-in first, so overlays can add or replace outputs
        manifest = _read_manifest(folder)
        if manifest is None:
            continue
        for output in manifest["outputs"]:
            outputs = [o for o in outputs if o.path != output.path] + [output]
        set_plugins += manifest["plugins"]
    return TemplateSet(
        name=Path(name).name, folders=folders, outputs=outputs, plugins=set_plugins + plugins, options=options or {}
    )


def _read_manifest(folder: Path) -> dict[str, Any] | None:
    path = folder / "manifest.yaml"
    if not path.is_file():
        return None
    where = Location(str(path))
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise GeneratorError(f"invalid manifest: {error}".splitlines()[0], where) from None
    if not isinstance(data, dict) or not isinstance(data.get("outputs", []), list):
        raise GeneratorError("a manifest is a mapping with an `outputs` list", where)
    outputs = []
    for index, entry in enumerate(data.get("outputs", [])):
        here = Location(str(path), f"/outputs/{index}")
        if not isinstance(entry, dict) or not isinstance(entry.get("template"), str) or not isinstance(
            entry.get("path"), str
        ):
            raise GeneratorError("an output needs `template` and `path` strings", here)
        scope = entry.get("scope", "once")
        if scope not in SCOPES:
            raise GeneratorError(f"unknown scope {scope!r} (one of {', '.join(SCOPES)})", here)
        formatter = entry.get("formatter", "none")
        outputs.append(Output(entry["template"], entry["path"], scope, formatter, str(path)))
    plugins = data.get("plugins", [])
    plugins = [str(folder / p) if p.endswith(".py") else p for p in plugins]
    return {"outputs": outputs, "plugins": plugins}


def split_plugin_reference(reference: str) -> tuple[str, str]:
    """`pkg.mod:setup` or `tools/codegen.py:setup` -> (module or file, function);
    the function defaults to `setup`."""
    module, colon, function = reference.rpartition(":")
    if not colon or "/" in function or "\\" in function or function.endswith(".py"):
        return reference, "setup"  # no function named (a colon may belong to a Windows drive)
    return module, function or "setup"
