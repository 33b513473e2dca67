"""The stages, in order: load -> validate -> build IR -> render -> format -> write/check.

Each stage is a function of the previous one's result; nothing is written until every
file has been rendered and formatted, so a failure never leaves a half-written output.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import Cache, digest, tool_version
from .errors import GeneratorError, Location, Problem, Warnings, unreadable
from .ir.options import BuildOptions
from .loading.refs import Resolver
from .loading.source import Limits, read_source
from .output import Plan, contained, matches_record
from .progress import SILENT, Progress
from .render.sets import TemplateSet, load_template_set, plugin_load_error, split_plugin_reference

if TYPE_CHECKING:
    from .ir.model import Api

# Validation, the IR builder, Jinja and black are imported by the functions that use
# them: a run whose plan is cached needs none of them.


@dataclass(frozen=True)
class Job:
    """One generation: specs and how to shape and render them."""

    specs: tuple[Path, ...]
    template_sets: tuple[str, ...] = ("python",)
    templates: tuple[Path, ...] = ()
    plugins: tuple[str, ...] = ()
    options: BuildOptions = BuildOptions()
    strict: bool = False
    cache_dir: Path | None = None
    ref_root: Path | None = None
    limits: Limits = Limits()
    set_options: dict[str, dict[str, Any]] = field(default_factory=dict)


def load_api(spec: Path, job: Job, warnings: Warnings, cache: Cache) -> Api:
    """Load, validate and build the IR of one spec."""
    api, validating = start_api(spec, job, warnings, cache, background=False)
    validating.finish()
    return api


@dataclass(frozen=True)
class PendingValidation:
    """A spec's validation, perhaps still running in a worker process. `finish` waits
    for it, adds its warnings and raises a hard problem as a located error; `stop`
    abandons it without waiting. Either ends the worker; both may be called again."""

    finish: Callable[[], None]
    stop: Callable[[], None]


def start_api(
    spec: Path, job: Job, warnings: Warnings, cache: Cache, *, background: bool = True
) -> tuple[Api, PendingValidation]:
    """Load a spec and build its IR, with validation started (in a worker process
    where fork is available); finish the validation before using the result."""
    from .ir.build import build_api
    from .view.reserved import RESERVED_NAMES
    from .loading.validation import dialect_of, start_validation

    resolver = Resolver(read_source(spec, job.limits), allowed_root=job.ref_root, limits=job.limits)

    def located(error: GeneratorError) -> GeneratorError:
        location = error.problem.location
        if location is not None and location.line is None:
            return GeneratorError(error.problem.message, resolver.locate(location))
        return error

    def relocate_warnings() -> None:
        warnings.problems[:] = [
            type(p)(p.message, resolver.locate(p.location) if p.location else None) for p in warnings.problems
        ]

    def finish() -> None:
        try:
            validation.finish(warnings)
        except GeneratorError as error:
            raise located(error) from None
        finally:
            relocate_warnings()

    try:
        resolver.load_external_files()
        dialect = dialect_of(resolver)
        validation = start_validation(resolver, dialect, cache, background=background)
        try:
            api = build_api(resolver, dialect, warnings, job.options, RESERVED_NAMES)
        except Exception:
            finish()  # a hard validation problem explains a failure best
            raise
        except BaseException:
            validation.stop()  # interrupted: no waiting
            raise
    except GeneratorError as error:
        relocate_warnings()
        raise located(error) from None
    relocate_warnings()
    return api, PendingValidation(finish, validation.stop)


def _finish_validations(validations: list[PendingValidation]) -> None:
    """Finish each validation; the first hard problem is raised once every worker has ended."""
    try:
        for validation in validations:
            validation.finish()
    finally:
        for validation in validations:
            validation.stop()


def generate_plan(job: Job, warnings: Warnings, progress: Progress = SILENT) -> Plan:
    """Every file the job produces, formatted, by path relative to the output folder.

    The whole plan is cached under a key made of everything that decides it (the
    spec's files, the template sets' files, the generator's own code and the
    versions of the tools it uses, the job's settings), so a run with nothing
    changed reads the spec, hashes it, and is done.
    """
    if not job.specs:
        raise GeneratorError("no spec given (name one, or list `specs` in [tool.apiforge])")
    if not job.template_sets:
        raise GeneratorError("no template set given (`template-sets` in [tool.apiforge] is empty; e.g. [\"python\"])")
    cache = Cache(job.cache_dir)
    sets = load_sets(job)
    inputs = inputs_digest(job, sets)
    key = digest(inputs, *[str(spec.resolve()) for spec in job.specs], str(job.ref_root)) if cache.root is not None else None
    cached = _cached_plan(cache.get("plans", key)) if key is not None else None
    if cached is not None:
        files, stored_warnings = cached
        warnings.problems += stored_warnings
        return Plan(files, inputs)
    from .formatting import format_files
    from .render.templates import CompiledTemplates, render

    compiled = CompiledTemplates(cache, _generator_fingerprint())
    rendered = []
    packages: dict[str, Path] = {}
    validations: list[PendingValidation] = []
    try:
        for spec in job.specs:
            progress.stage(f"reading {spec.name}")
            api, validating = start_api(spec, job, warnings, cache)
            validations.append(validating)
            if api.package_name in packages:
                raise GeneratorError(
                    f"{spec} and {packages[api.package_name]} would both generate package {api.package_name!r}"
                )
            packages[api.package_name] = spec
            progress.stage(f"rendering {api.package_name}")
            for template_set in sets:
                rendered += render(template_set, api, compiled)
        progress.stage("formatting")
        formatted = format_files(rendered, cache, progress=progress)
    except Exception:
        _finish_validations(validations)  # a hard validation problem explains a failure best
        raise
    except BaseException:
        for validating in validations:  # interrupted: no waiting, and no worker outlives the run
            validating.stop()
        raise
    progress.stage("validating")
    _finish_validations(validations)
    plan = Plan(formatted, inputs)
    if key is not None:
        problems = [
            [p.message, p.location.file, p.location.pointer, p.location.line] if p.location else [p.message, None, None, None]
            for p in warnings.problems
        ]
        cache.put("plans", key, json.dumps({"files": plan.files, "warnings": problems}).encode("utf-8"))
    return plan


def _cached_plan(data: bytes | None) -> tuple[dict[str, str], list[Problem]] | None:
    """The files and warnings of a cached plan; None, a miss that regenerates and
    overwrites it, for an entry that is not one (damaged or edited): a bad entry must
    not fail every run, nor write outside the output folder."""
    if data is None:
        return None
    try:
        stored = json.loads(data)
    except (ValueError, RecursionError):  # not UTF-8 (a ValueError too), not JSON, nested too deeply
        return None
    files = stored.get("files") if isinstance(stored, dict) else None
    warnings = stored.get("warnings") if isinstance(stored, dict) else None
    if not isinstance(files, dict) or not all(isinstance(path, str) and contained(path) and isinstance(text, str) for path, text in files.items()):
        return None
    if not isinstance(warnings, list) or not all(_is_stored_problem(entry) for entry in warnings):
        return None
    return files, [Problem(m, Location(f, p, l) if f else None) for m, f, p, l in warnings]


def _is_stored_problem(entry: Any) -> bool:
    """`[message, file, pointer, line]`, or `[message, None, None, None]` for a warning
    without a location (as `generate_plan` stores them)."""
    if not isinstance(entry, list) or len(entry) != 4 or not isinstance(entry[0], str):
        return False
    _, file, pointer, line = entry
    if file is None:
        return pointer is None and line is None
    return isinstance(file, str) and isinstance(pointer, str) and (line is None or type(line) is int)


@functools.cache
def _generator_fingerprint() -> str:
    """The generator's own code and the tools whose versions change its output."""
    package = Path(__file__).resolve().parent
    sources = [str(p.relative_to(package)) + "\0" + p.read_text() for p in sorted(package.rglob("*.py"))]
    tools = [f"{name}={tool_version(name)}" for name in ("black", "jinja2", "openapi-spec-validator", "pyyaml")]
    return digest(*tools, *sources)


def load_sets(job: Job) -> list[TemplateSet]:
    """The job's template sets, each with its overlays, plugins and options."""
    return [
        load_template_set(name, list(job.templates), list(job.plugins), job.set_options.get(Path(name).name, {}))
        for name in job.template_sets
    ]


def up_to_date(job: Job, output: Path) -> bool:
    """Does `output` hold what the job generates, by the record its manifest keeps?
    True when the digest of the job's inputs is the one recorded at the last `generate`
    and every file is as written then: no validating, rendering or formatting. False
    whenever that cannot be told so cheaply (then only a full comparison can say)."""
    if not job.specs or not job.template_sets:
        return False
    return matches_record(output, inputs_digest(job, load_sets(job)))


def inputs_digest(job: Job, sets: list[TemplateSet]) -> str:
    """A digest of everything that decides the output, the same wherever the project
    lies (a fresh clone elsewhere gives the same): the generator's code and the
    versions of the tools it uses, the settings, every file of each spec (through every
    `$ref`, example files included) by its path relative to the spec, and every file of
    the template sets, their overlays and plugins."""
    parts: list[str | bytes] = [_generator_fingerprint(), repr(job.options), repr(job.strict), repr(job.limits)]
    parts.append(json.dumps(job.set_options, sort_keys=True, default=str))
    for spec in job.specs:
        resolver = Resolver(read_source(spec, job.limits), allowed_root=job.ref_root, limits=job.limits)
        resolver.load_external_files()
        folder = spec.resolve().parent
        files = sorted((Path(os.path.relpath(path, folder)).as_posix(), source.text) for path, source in resolver.files.items())
        parts += [spec.name] + [f"{relative}\0{text}" for relative, text in files]
    for template_set in sets:
        parts.append(template_set.name)
        for folder in template_set.folders:
            parts += _folder_contents(folder)
        parts += [_plugin_source(plugin) for plugin in template_set.plugins]
    return digest(*parts)


def _folder_contents(folder: Path) -> list[bytes]:
    """Every file of a template folder, as its relative name and bytes."""
    try:
        return [str(f.relative_to(folder)).encode() + b"\0" + f.read_bytes()
                for f in sorted(folder.rglob("*")) if f.is_file() and "__pycache__" not in f.parts]
    except OSError as error:
        raise unreadable(error, folder) from None


def _plugin_source(reference: str) -> bytes:
    """A plugin's code, so that editing it invalidates cached plans."""
    module, _ = split_plugin_reference(reference)
    if module.endswith(".py"):
        return _read_bytes(Path(module)) if Path(module).is_file() else module.encode()
    try:
        found = importlib.util.find_spec(module) if module else None
    except (Exception, SystemExit) as error:  # finding `a.b` imports `a`: the user's code, any failure theirs
        raise plugin_load_error(reference, error) from None
    origin = found.origin if found is not None else None
    return _read_bytes(Path(origin)) if origin and Path(origin).is_file() else reference.encode()


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise unreadable(error, path) from None
