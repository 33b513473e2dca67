"""The stages, in order: load -> validate -> build IR -> render -> format -> write/check.

Each stage is a function of the previous one's result; nothing is written until every
file has been rendered and formatted, so a failure never leaves a half-written output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import Cache
from .errors import GeneratorError, Warnings
from .formatting import format_files
from .ir.build import BuildOptions, build_api
from .ir.model import Api
from .loading.refs import Resolver
from .loading.source import Limits, read_source
from .loading.validation import dialect_of, validate
from .output import Plan
from .render.templates import load_template_set, render


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
    resolver = Resolver(read_source(spec, job.limits), allowed_root=job.ref_root, limits=job.limits)
    try:
        resolver.load_external_files()
        dialect = dialect_of(resolver)
        validate(resolver, dialect, warnings, cache)
        return build_api(resolver, dialect, warnings, job.options)
    except GeneratorError as error:
        location = error.problem.location
        if location is not None and location.line is None:
            raise GeneratorError(error.problem.message, resolver.locate(location)) from None
        raise
    finally:
        warnings.problems[:] = [
            type(p)(p.message, resolver.locate(p.location) if p.location else None) for p in warnings.problems
        ]


def generate_plan(job: Job, warnings: Warnings) -> Plan:
    """Every file the job produces, formatted, by path relative to the output folder."""
    if not job.specs:
        raise GeneratorError("no spec given (name one, or list `specs` in [tool.apiforge])")
    cache = Cache(job.cache_dir)
    sets = [
        load_template_set(name, list(job.templates), list(job.plugins), job.set_options.get(Path(name).name, {}))
        for name in job.template_sets
    ]
    rendered = []
    packages: dict[str, Path] = {}
    for spec in job.specs:
        api = load_api(spec, job, warnings, cache)
        if api.package_name in packages:
            raise GeneratorError(
                f"{spec} and {packages[api.package_name]} would both generate package {api.package_name!r}"
            )
        packages[api.package_name] = spec
        for template_set in sets:
            rendered += render(template_set, api)
    return Plan(format_files(rendered, cache))
