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

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import GeneratorError, Location, unreadable

if TYPE_CHECKING:
    import jinja2

    from .templates import CompiledTemplates

SCOPES = ("once", "operation", "model", "enum", "group")
FORMATTERS = ("black", "text", "none")
MANIFEST = "manifest.yaml"  # what makes a folder a template set


def _builtin_root() -> Path:
    """The built-in template sets: `generator/templates/` in an installed wheel (the
    build maps the checkout's `templates/` there), else the checkout's `templates/`."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


BUILTIN_ROOT = _builtin_root()


@dataclass(frozen=True, slots=True)
class Output:
    template: str
    path: str
    scope: str
    formatter: str
    declared_in: str
    when: str | None = None  # a Jinja expression: the output is made only where it is true


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
    if not (folder / MANIFEST).is_file():
        known = sorted(p.name for p in BUILTIN_ROOT.iterdir() if (p / MANIFEST).is_file())
        raise GeneratorError(f"no built-in template set {name!r} (known: {', '.join(known)})")
    return folder


def load_template_set(
    name: str, overlays: list[Path], plugins: list[str], options: dict[str, Any] | None = None
) -> TemplateSet:
    """The built-in set `name` (or a folder path) with overlays in front of it.

    An overlay folder holds one subfolder per set it extends (`overlay/python/...`).
    Checks only what it reads (a set folder needs its manifest; overlays must exist),
    so that a misspelt name stops the run before anything is hashed or written.
    """
    _check_overlays(overlays)
    base = _set_folder(name) if ("/" in name or "\\" in name) else find_builtin_set(name)
    set_name = Path(os.path.abspath(base)).name  # `./` is named after the folder too
    folders = [overlay / set_name for overlay in overlays if _is_folder(overlay / set_name)] + [base]
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
        name=set_name, folders=folders, outputs=outputs, plugins=set_plugins + plugins, options=options or {}
    )


def _check_overlays(overlays: list[Path]) -> None:
    """Refuse an overlay folder (`--templates DIR`, `templates = [...]`) that is not there:
    silently rendering without it would generate something else than asked."""
    for overlay in overlays:
        if not _is_folder(overlay):
            raise GeneratorError("overlay template folder not found (--templates / `templates`)", Location(str(overlay)))


def _set_folder(name: str) -> Path:
    """A template set given as a folder path: it must hold a manifest."""
    folder = Path(name)
    if not _is_file(folder / MANIFEST):
        what = "template set folder not found" if not _is_folder(folder) else f"not a template set (no {MANIFEST} in it)"
        raise GeneratorError(what, Location(name))
    return folder


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError as error:  # e.g. a folder above it that may not be entered
        raise unreadable(error, path) from None


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError as error:
        raise unreadable(error, path) from None


def _read_manifest(folder: Path) -> dict[str, Any] | None:
    path = folder / MANIFEST
    if not _is_file(path):
        return None
    where = Location(str(path))
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise unreadable(error, path) from None
    except UnicodeDecodeError as error:
        raise GeneratorError(f"not UTF-8 text: {error.reason} at byte {error.start}", where) from None
    except RecursionError:
        raise GeneratorError("invalid manifest: nested too deeply", where) from None
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
        if formatter not in FORMATTERS:
            raise GeneratorError(f"unknown formatter {formatter!r} (one of {', '.join(FORMATTERS)})", here)
        when = entry.get("when")
        if when is not None and not (isinstance(when, str) and when.strip()):
            raise GeneratorError("`when` is a Jinja expression, as a non-empty string", here)
        outputs.append(Output(entry["template"], entry["path"], scope, formatter, str(path), when))
    plugins = data.get("plugins", [])
    if not isinstance(plugins, list) or not all(isinstance(p, str) for p in plugins):
        raise GeneratorError("`plugins` is a list of strings (`file.py` or `module:function`)", Location(str(path), "/plugins"))
    plugins = [str(folder / p) if p.endswith(".py") else p for p in plugins]
    return {"outputs": outputs, "plugins": plugins}


def split_plugin_reference(reference: str) -> tuple[str, str]:
    """`pkg.mod:setup` or `tools/codegen.py:setup` -> (module or file, function);
    the function defaults to `setup`."""
    module, colon, function = reference.rpartition(":")
    if not colon or "/" in function or "\\" in function or function.endswith(".py"):
        return reference, "setup"  # no function named (a colon may belong to a Windows drive)
    return module, function or "setup"


def plugin_load_error(reference: str, error: BaseException) -> GeneratorError:
    """The one message for a plugin that cannot be found or imported, whether the
    plan cache's key or the renderer met the problem first."""
    return GeneratorError(f"cannot load plugin {reference!r}: {type(error).__name__}: {error}")
