"""Rendering a template set (see `sets.py` for what a set is): the Jinja environment,
its escaping guard, plugins, and the files each output makes."""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from types import MappingProxyType, ModuleType
from typing import Any

import jinja2
import jinja2.compiler
import jinja2.debug
import jinja2.nodes
from markupsafe import Markup

from ..cache import Cache, digest
from ..errors import GeneratorError, Location, unreadable
from ..ir import model as ir
from ..ir.naming import Identifier
from ..output import contained
from . import layout
from .escaping import FILTERS, Code

from .sets import (  # noqa: F401  (re-exported: the rendering API in one place)
    BUILTIN_ROOT,
    SCOPES,
    Output,
    RenderedFile,
    TemplateSet,
    find_builtin_set,
    load_template_set,
    plugin_load_error,
    split_plugin_reference,
)

GENERATOR_ROOT = os.path.join(Path(__file__).resolve().parent.parent, "")  # the generator's own code


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Jinja folds constant expressions at compile time and HTML-escapes them before
    `finalize` sees them; here they are evaluated at run time like everything else, so
    `{{ "<" }}` is refused by `finalize` instead of silently becoming `&lt;`."""

    def _output_child_to_const(self, node: jinja2.nodes.Expr, frame: Any, finalize: Any) -> str:
        if isinstance(node, jinja2.nodes.TemplateData):
            return super()._output_child_to_const(node, frame, finalize)
        raise jinja2.nodes.Impossible()

    def visit_Concat(self, node: jinja2.nodes.Concat, frame: Any) -> None:
        """`a ~ b` always gives a plain string. Jinja's own join gives `Markup` as soon
        as one operand is `Markup` (macro output, a `{% set %}` block), with the others
        merely HTML-escaped: spec text joined to a block would pass the guard."""
        self.write("str_join((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


class _Environment(jinja2.Environment):
    code_generator_class = _CodeGenerator


# Filters that turn any text into `Markup`, which the guard would accept as escaped.
_MARKUP_FILTERS = ("safe", "e", "escape", "forceescape")


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


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in the generator's cache, so that a run whose templates
    did not change (only the spec did) does not compile them again.

    Jinja checks each entry against the template's source; `salt` must name what else
    decides the compiled code (the generator's own code: its code generator, which
    carries the escaping guard, and the environment's settings)."""

    def __init__(self, cache: Cache, salt: str) -> None:
        self.cache = cache
        self.salt = salt

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.cache.get("templates", digest(self.salt, bucket.key))
        if data is not None:
            bucket.bytecode_from_string(data)  # an entry for another source is dropped here

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.cache.put("templates", digest(self.salt, bucket.key), bucket.bytecode_to_string())


def environment(template_set: TemplateSet, compiled: CompiledTemplates | None = None) -> jinja2.Environment:
    """The Jinja environment of a template set: its loaders, the escaping guard, the
    filters and the set's plugins; compiled templates kept in `compiled`."""
    loader = jinja2.ChoiceLoader(
        [
            jinja2.PrefixLoader({"builtin": jinja2.FileSystemLoader(str(template_set.folders[-1]))}),
            jinja2.FileSystemLoader([str(folder) for folder in template_set.folders]),
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
        bytecode_cache=compiled,
    )
    for name in _MARKUP_FILTERS:
        del env.filters[name]
    env.filters.update(FILTERS)
    env.filters.update(layout.FILTERS)
    env.globals["options"] = MappingProxyType(dict(template_set.options))
    for plugin in template_set.plugins:
        _run_plugin(plugin, _load_plugin(plugin, template_set.folders), env)
    return env


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
    except (Exception, SystemExit) as error:  # a user's module: any failure is theirs to see
        raise plugin_load_error(reference, error) from None
    if not callable(setup):
        raise GeneratorError(f"cannot load plugin {reference!r}: {function} is a {type(setup).__name__}, not a function")
    return setup  # type: ignore[no-any-return]


def _run_plugin(reference: str, setup: Callable[[jinja2.Environment], None], env: jinja2.Environment) -> None:
    """Call a plugin's function; whatever it raises (or a `sys.exit`) is the user's
    problem, reported where it happened."""
    try:
        setup(env)
    except GeneratorError:
        raise
    except (Exception, SystemExit) as error:  # a user's function: any failure is theirs to see
        raise GeneratorError(
            f"plugin {reference!r} failed: {type(error).__name__}: {error}", _user_location(error)
        ) from None


def _user_location(error: BaseException) -> Location | None:
    """The innermost place in an error's traceback outside the generator's own code."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if not f.filename.startswith(GENERATOR_ROOT)]
    return Location(frames[-1].filename, line=frames[-1].lineno) if frames else None


def _import_file(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise GeneratorError(f"cannot load plugin file {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]  # as `import` does: a later load tries afresh, not a half-run module
        raise
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


def check_overlay_blocks(env: jinja2.Environment, template_set: TemplateSet) -> None:
    """Refuse an overlay template that would silently do nothing: one whose name is no
    built-in template, no output of a manifest and no template another overlay template
    uses (a misspelt file name); one that extends a template that does not exist
    (`builtin/modles.py.jinja`); one that overrides a block its parent does not have (a
    misspelt block name, or one that was renamed). The error names the overlay file and
    the line."""
    builtin = template_set.folders[-1]
    outputs = {output.template for output in template_set.outputs}
    for folder in template_set.folders[:-1]:
        trees = {}
        for path in sorted(folder.rglob("*.jinja")):
            try:
                trees[path] = env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
            except (jinja2.TemplateSyntaxError, OSError, UnicodeDecodeError):
                continue  # reported with its location when the template is loaded
        kinds = (jinja2.nodes.Extends, jinja2.nodes.Include, jinja2.nodes.Import, jinja2.nodes.FromImport)
        targets = [getattr(node, "template", None) for tree in trees.values() for node in tree.find_all(kinds)]
        used = {str(target.value) for target in targets if isinstance(target, jinja2.nodes.Const)}
        for path, tree in trees.items():
            name = path.relative_to(folder).as_posix()
            if not (builtin / name).is_file() and name not in outputs and name not in used:
                raise GeneratorError(
                    f"overlay template {name} replaces no template of the {template_set.name} set and no manifest "
                    "lists it (a misspelt name? the set's templates: "
                    f"{', '.join(sorted(p.relative_to(builtin).as_posix() for p in builtin.rglob('*.jinja')))})",
                    Location(str(path), line=1),
                )
            parent = next(iter(tree.find_all(jinja2.nodes.Extends)), None)
            if parent is None or not isinstance(parent.template, jinja2.nodes.Const):
                continue
            known = _inherited_blocks(env, str(parent.template.value), Location(str(path), line=parent.lineno))
            for block in tree.find_all(jinja2.nodes.Block):
                if block.name not in known:
                    raise GeneratorError(
                        f"block {block.name!r} does not exist in {parent.template.value} "
                        f"(its blocks: {', '.join(sorted(known)) or 'none'})",
                        Location(str(path), line=block.lineno),
                    )


def _inherited_blocks(env: jinja2.Environment, name: str, extended_at: Location) -> set[str]:
    """The blocks of template `name` and of the templates it extends."""
    blocks: set[str] = set()
    seen: set[str] = set()
    while name not in seen:
        seen.add(name)
        try:
            source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            raise GeneratorError(f"the template this overlay extends does not exist: {name}", extended_at) from None
        tree = env.parse(source, name, filename)
        blocks.update(block.name for block in tree.find_all(jinja2.nodes.Block))
        parent = next(iter(tree.find_all(jinja2.nodes.Extends)), None)
        if parent is None or not isinstance(parent.template, jinja2.nodes.Const):
            break
        name = str(parent.template.value)
    return blocks


def render(template_set: TemplateSet, api: ir.Api, compiled: CompiledTemplates | None = None) -> list[RenderedFile]:
    env = template_set.environment(compiled)
    check_overlay_blocks(env, template_set)
    files: dict[str, RenderedFile] = {}
    for output in template_set.outputs:
        template = _get_template(env, output, template_set.folders)
        path_template = _path_template(env, output)
        condition = _condition(env, output)
        for context in _contexts(output, api):
            if condition is not None and not _holds(condition, context, output):
                continue
            path = template_set.name + "/" + _safe_path(_render(path_template, context, output.declared_in), output)
            if path in files:
                raise GeneratorError(f"two outputs write {path}", Location(output.declared_in))
            files[path] = RenderedFile(path, _render(template, context, output.template), output.formatter)
    return [files[path] for path in sorted(files)]


def _get_template(env: jinja2.Environment, output: Output, folders: list[Path]) -> jinja2.Template:
    try:
        return env.get_template(output.template)
    except jinja2.TemplateSyntaxError as error:
        raise GeneratorError(f"template syntax error: {error.message}", Location(error.filename or output.template, line=error.lineno)) from None
    except jinja2.TemplateNotFound as error:
        raise GeneratorError(f"template not found: {error.name}", Location(output.declared_in)) from None
    except OSError as error:
        raise unreadable(error, output.template) from None
    except UnicodeDecodeError as error:
        found = next((folder / output.template for folder in folders if (folder / output.template).is_file()), None)
        raise GeneratorError(
            f"template error: UnicodeDecodeError: {error}", Location(str(found or output.template))
        ) from None


def _condition(env: jinja2.Environment, output: Output) -> Any:
    """An output's `when` expression, compiled; its errors are the manifest's."""
    if output.when is None:
        return None
    try:
        return env.compile_expression(output.when, undefined_to_none=False)
    except jinja2.TemplateSyntaxError as error:
        raise GeneratorError(
            f"output `when` {output.when!r}: template syntax error: {error.message}", Location(output.declared_in)
        ) from None


def _holds(condition: Any, context: dict[str, Any], output: Output) -> bool:
    try:
        return bool(condition(**context))
    except jinja2.TemplateError as error:
        raise GeneratorError(f"output `when` {output.when!r}: {error.message or error}", Location(output.declared_in)) from None


def _path_template(env: jinja2.Environment, output: Output) -> jinja2.Template:
    """An output's path, itself a template; its errors are the manifest's."""
    try:
        return env.from_string(output.path)
    except jinja2.TemplateSyntaxError as error:
        raise GeneratorError(
            f"output path {output.path!r}: template syntax error: {error.message}", Location(output.declared_in)
        ) from None


# What the generator's own filters raise for a value a template should not give them.
_BAD_ARGUMENT = (TypeError, ValueError, KeyError, AttributeError, RecursionError)


def _render(template: jinja2.Template, context: dict[str, Any], name: str) -> str:
    """A template's text; whatever a user's template or plugin raises, `sys.exit`
    included, becomes a located error, at the innermost template line (`name` when
    no template frame is found, e.g. for an output path)."""
    try:
        return template.render(context)
    except GeneratorError:
        raise
    except jinja2.TemplateSyntaxError as error:
        raise GeneratorError(f"template syntax error: {error.message}", Location(error.filename or name, line=error.lineno)) from None
    except jinja2.TemplateNotFound as error:
        file, line = _template_frame(error, name)
        raise GeneratorError(f"template not found: {error.name}", Location(file, line=line)) from None
    except jinja2.TemplateError as error:
        file, line = _template_frame(error, name)
        raise GeneratorError(f"template error: {error.message or error}", Location(file, line=line)) from None
    except (Exception, SystemExit) as error:  # templates and plugins are the user's code
        if _raised_by_generator(error):
            raise
        # Jinja maps its frames to template lines only for an Exception.
        mapped = error if isinstance(error, Exception) else jinja2.debug.rewrite_traceback_stack()
        file, line = _template_frame(mapped, name)
        raise GeneratorError(f"template error: {type(error).__name__}: {error}", Location(file, line=line)) from None


def _raised_by_generator(error: BaseException) -> bool:
    """Whether an error comes from the generator's own code, other than a filter
    refusing its argument: a bug, to be shown with its traceback."""
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and frames[-1].filename.startswith(GENERATOR_ROOT) and not isinstance(error, _BAD_ARGUMENT)


def _template_frame(error: BaseException, fallback: str) -> tuple[str, int | None]:
    """The innermost template file and line in an error's traceback."""
    found: tuple[str, int | None] = (fallback, None)
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith((".jinja", ".j2", ".jinja2")):
            found = (frame.filename, frame.lineno)
    return found


def _safe_path(path: str, output: Output) -> str:
    """The rendered output path, normalised (`./a//b` -> `a/b`), when it stays inside the output folder."""
    normalised = str(PurePosixPath(path.strip()))
    if not path.strip() or not contained(normalised):
        raise GeneratorError(
            f"output path {path!r} must stay inside the output folder (relative, no `..`, backslash or NUL)",
            Location(output.declared_in),
        )
    return normalised
