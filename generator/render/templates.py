"""Template sets: a folder of Jinja templates plus a manifest of the outputs it makes.

A manifest (`manifest.yaml`) lists outputs, each rendered once, per operation, per
model, per enum or per operation group, to a path that is itself a small template.
Users put their own folders in front of a built-in set (`--templates DIR`): a file
there with a built-in template's name replaces it, a template can `{% extends %}`
the built-in one (reachable as `builtin/<name>`) and override its blocks, and an
overlay's own `manifest.yaml` adds outputs. Plugins (a module's `setup(env)`) add
filters, tests and globals.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import MappingProxyType, ModuleType
from typing import Any

import jinja2
import jinja2.compiler
import jinja2.nodes
import yaml
from markupsafe import Markup

from ..errors import GeneratorError, Location
from ..ir import model as ir
from ..ir.naming import Identifier
from . import layout
from .escaping import FILTERS, Code

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

    def environment(self) -> jinja2.Environment:
        loader = jinja2.ChoiceLoader(
            [
                jinja2.PrefixLoader({"builtin": jinja2.FileSystemLoader(str(self.folders[-1]))}),
                jinja2.FileSystemLoader([str(folder) for folder in self.folders]),
            ]
        )
        env = _Environment(
            loader=loader,
            undefined=jinja2.StrictUndefined,
            # Autoescaping is on only so that macro output comes back as `Markup`, which
            # `finalize` accepts; every value printed passes `finalize` first and leaves
            # it as `Markup`, so no HTML escaping ever happens to generated code.
            autoescape=True,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            finalize=finalize,
            extensions=["jinja2.ext.do"],
        )
        env.filters.update(FILTERS)
        env.filters.update(layout.FILTERS)
        env.globals["options"] = MappingProxyType(dict(self.options))
        for plugin in self.plugins:
            _load_plugin(plugin, self.folders)(env)
        return env


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Jinja folds constant expressions at compile time and HTML-escapes them before
    `finalize` sees them; here they are evaluated at run time like everything else, so
    `{{ "<" }}` is refused by `finalize` instead of silently becoming `&lt;`."""

    def _output_child_to_const(self, node: jinja2.nodes.Expr, frame: Any, finalize: Any) -> str:
        if isinstance(node, jinja2.nodes.TemplateData):
            return super()._output_child_to_const(node, frame, finalize)  # type: ignore[no-any-return]
        raise jinja2.nodes.Impossible()


class _Environment(jinja2.Environment):
    code_generator_class = _CodeGenerator


def finalize(value: Any) -> Markup:
    """Refuse to print spec text that has not been through an escaping filter.

    Allowed: `Code` (filter output), `Identifier` (names from the naming rules),
    `Markup` (macro output, itself made of allowed pieces) and integers.
    """
    if isinstance(value, (Code, Identifier, Markup)):
        return Markup(str(value))
    if isinstance(value, jinja2.Undefined):
        return Markup(str(value))  # StrictUndefined raises its own, clearer error here
    if isinstance(value, bool) or value is None:
        raise jinja2.TemplateRuntimeError(f"refusing to print {value!r}: use a filter such as py_literal")
    if isinstance(value, int):
        return Markup(str(value))
    if isinstance(value, str):
        raise jinja2.TemplateRuntimeError(
            f"refusing to print unescaped text {value[:40]!r}: use an escaping filter (py_string, docstring, ...)"
        )
    raise jinja2.TemplateRuntimeError(f"refusing to print a {type(value).__name__}: use a filter")


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


def _load_plugin(reference: str, folders: list[Path]) -> Callable[[jinja2.Environment], None]:
    """`path/to/file.py` or `package.module:function` (function defaults to `setup`)."""
    module_name, function = split_plugin_reference(reference)
    try:
        module: ModuleType
        if module_name.endswith(".py"):
            path = Path(module_name)
            unique = "apiforge_plugin_" + str(abs(hash(str(path.resolve()))))
            module = sys.modules.get(unique) or _import_file(unique, path)
        else:
            module = importlib.import_module(module_name)
        setup = getattr(module, function)
    except GeneratorError:
        raise
    except Exception as error:  # a user's module: any failure is theirs to see
        raise GeneratorError(f"cannot load plugin {reference!r}: {error}") from None
    return setup  # type: ignore[no-any-return]


def _import_file(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise GeneratorError(f"cannot load plugin file {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------------- rendering


def _contexts(output: Output, api: ir.Api) -> Iterator[dict[str, Any]]:
    if output.scope == "once":
        yield {"api": api}
    elif output.scope == "operation":
        for operation in api.operations:
            yield {"api": api, "operation": operation}
    elif output.scope == "model":
        for model in api.models:
            yield {"api": api, "model": model}
    elif output.scope == "enum":
        for enum in api.enums:
            yield {"api": api, "enum": enum}
    else:
        for group in api.groups:
            yield {"api": api, "group": group}


def render(template_set: TemplateSet, api: ir.Api) -> list[RenderedFile]:
    env = template_set.environment()
    files: dict[str, RenderedFile] = {}
    for output in template_set.outputs:
        template = _get_template(env, output)
        path_template = env.from_string(output.path)
        for context in _contexts(output, api):
            path = template_set.name + "/" + _safe_path(_render(path_template, context, output.declared_in), output)
            if path in files:
                raise GeneratorError(f"two outputs write {path}", Location(output.declared_in))
            files[path] = RenderedFile(path, _render(template, context, output.template), output.formatter)
    return [files[path] for path in sorted(files)]


def _get_template(env: jinja2.Environment, output: Output) -> jinja2.Template:
    try:
        return env.get_template(output.template)
    except jinja2.TemplateSyntaxError as error:
        raise GeneratorError(f"template syntax error: {error.message}", Location(error.filename or output.template, line=error.lineno)) from None
    except jinja2.TemplateNotFound as error:
        raise GeneratorError(f"template not found: {error.name}", Location(output.declared_in)) from None


def _render(template: jinja2.Template, context: dict[str, Any], name: str) -> str:
    try:
        return template.render(context)
    except jinja2.TemplateSyntaxError as error:
        raise GeneratorError(f"template syntax error: {error.message}", Location(error.filename or name, line=error.lineno)) from None
    except (jinja2.TemplateError, TypeError, ValueError, KeyError, AttributeError) as error:
        file, line = _template_frame(error, name)
        message = error.message if isinstance(error, jinja2.TemplateError) and error.message else str(error)
        raise GeneratorError(f"template error: {message}", Location(file, line=line)) from None


def _template_frame(error: BaseException, fallback: str) -> tuple[str, int | None]:
    """The innermost template file and line in an error's traceback."""
    found: tuple[str, int | None] = (fallback, None)
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith((".jinja", ".j2", ".jinja2")) or frame.filename == "<template>":
            found = (frame.filename, frame.lineno)
    return found


def _safe_path(path: str, output: Output) -> str:
    pure = PurePosixPath(path.strip())
    if not path.strip() or pure.is_absolute() or ".." in pure.parts or "\\" in path:
        raise GeneratorError(f"output path {path!r} must stay inside the output folder", Location(output.declared_in))
    return str(pure)
