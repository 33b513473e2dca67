"""Validation with openapi-spec-validator, once per content.

Real descriptions often break small rules that do not stop a generator (a regex in
another dialect, an example of the wrong type): those become located warnings. Other
violations make the document unusable and stop the run with a located error.
Results, warnings included, are cached by the hash of every file of the spec and the
validator's version, because validation is the slowest step on large specs; on a big
document it runs in a worker process while the IR is built and rendered
(`start_validation`).

The validator has bugs of its own that stop it on valid documents (it reads path
templates as Python format strings, and its `byte` format check raises on text that is
not ASCII): `_validator_class` works around the known ones, and a validator that still
gives up leaves a located warning, the document only partly validated, never a
traceback or a refusal of the document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cache import Cache, digest, tool_version
from ..errors import GeneratorError, Location, Warnings, join_pointer
from .refs import Resolver

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

# Violations that concern documentation rather than the shape of the API.
_SOFT_KEYWORDS = frozenset({"format", "pattern"})
_SOFT_PATH_TOKENS = frozenset({"example", "examples", "default", "pattern", "x-example"})


def dialect_of(resolver: Resolver) -> str:
    """"2.0", "3.0" or "3.1", or a located error for anything else."""
    data = resolver.root.data
    if "swagger" in data:
        if str(data["swagger"]) == "2.0":
            return "2.0"
        raise GeneratorError(f"unsupported Swagger version {data['swagger']!r}", resolver.root.location("/swagger"))
    declared = data.get("openapi")
    if isinstance(declared, str):
        for dialect in ("3.0", "3.1"):
            if declared == dialect or declared.startswith(dialect + "."):
                return dialect
    raise GeneratorError(
        f"not an OpenAPI 3.0/3.1 or Swagger 2.0 document (openapi: {declared!r})",
        resolver.root.location("/openapi" if "openapi" in data else ""),
    )


def validate(resolver: Resolver, dialect: str, warnings: Warnings, cache: Cache) -> None:
    """Validate now: warnings added, a located error raised for a hard problem."""
    start_validation(resolver, dialect, cache, background=False)(warnings)


#: Validate in a forked worker process while the caller builds the IR and renders:
#: importing openapi-spec-validator alone takes longer than forking (0.4 s against a
#: few milliseconds), and validating GitHub's 13 MB description takes 12 s. Where fork
#: is not available, validation runs in the caller's process first.
IN_WORKER = "fork" in get_all_start_methods()

_JOB: tuple[Resolver, str] | None = None  # what the forked worker validates


def _validate_job() -> list[dict[str, Any]]:
    assert _JOB is not None, "the worker is forked after _JOB is set"
    return _run_validator(*_JOB)


def start_validation(
    resolver: Resolver, dialect: str, cache: Cache, *, background: bool = True
) -> Callable[[Warnings], None]:
    """Start validating; the function returned waits for the result, adds its warnings
    and raises a located error for a hard problem. The document is validated in a
    forked worker process (it shares the parsed document; only the problems come back)
    unless `background` is False, fork is not available, or the result is cached."""
    global _JOB
    validator_version = tool_version("openapi-spec-validator")
    # This module's own text is part of the key: changing how problems are classified
    # must not be hidden by results cached under the old rules.
    key = digest(validator_version, Path(__file__).read_text(), *sorted(s.text for s in resolver.files.values()))
    cached = cache.get("validation", key)
    future: Future[list[dict[str, Any]]] | None = None
    problems: list[dict[str, Any]] = json.loads(cached) if cached is not None else []
    if cached is None and background and IN_WORKER:
        executor = ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork"))
        _JOB = (resolver, dialect)
        try:
            future = executor.submit(_validate_job)  # forks the worker now
        finally:
            _JOB = None
        executor.shutdown(wait=False)
    elif cached is None:
        problems = _run_validator(resolver, dialect)
        cache.put("validation", key, json.dumps(problems).encode())

    def finish(warnings: Warnings) -> None:
        nonlocal problems, future
        if future is not None:
            problems, future = future.result(), None
            cache.put("validation", key, json.dumps(problems).encode())
        for problem in problems:
            location = Location(resolver.root.display, problem["pointer"])
            if problem["soft"]:
                warnings.warn(f"spec validation: {problem['message']}", location)
        for problem in problems:
            if not problem["soft"]:
                raise GeneratorError(f"invalid document: {problem['message']}", location_of(resolver, problem))

    return finish


def location_of(resolver: Resolver, problem: dict[str, Any]) -> Location:
    return resolver.root.locate(Location(resolver.root.display, problem["pointer"]))


def _run_validator(resolver: Resolver, dialect: str) -> list[dict[str, Any]]:
    # Imported here: loading the validator costs a large part of a warm run's time.
    from openapi_spec_validator import OpenAPIV2SpecValidator, OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
    from referencing.exceptions import Unresolvable

    validator_class = _validator_class(
        {"2.0": OpenAPIV2SpecValidator, "3.0": OpenAPIV30SpecValidator, "3.1": OpenAPIV31SpecValidator}[dialect]
    )
    validator = validator_class(resolver.root.data, base_uri=resolver.root.path.resolve().as_uri())
    problems: list[dict[str, Any]] = []
    try:
        for error in validator.iter_errors():
            problems.append(_describe(error, resolver.root.data))
    except Unresolvable as error:
        resolver.check_all_references()  # raises a located error for the broken $ref
        problems.append({"pointer": "", "message": f"unresolvable $ref: {error}", "soft": False})
    except (RecursionError, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError) as error:
        # A bug of the validator, not a problem of the document: what it found so far
        # stands, the rest is left to the checks of the IR build.
        where = f" after {problems[-1]['pointer'] or 'the document root'}" if problems else ""
        message = " ".join(f"{type(error).__name__}: {error}".split())[:200]
        problems.append(
            {"pointer": "", "message": f"the validator gave up{where} ({message}); the rest is not validated", "soft": True}
        )
    return problems


# A path template's parameter names, as the IR build reads them (generator/ir/operations.py).
_PATH_TEMPLATE = re.compile(r"\{([^{}]+)\}")


def _validator_class(base: type[Any]) -> type[Any]:
    """`base` with its known crashes on valid documents worked around, where this version
    of openapi-spec-validator has the extension points used (else `base` itself):

    - path templates are read with `string.Formatter`, which raises on a parameter named
      `a!b` or `a[b` (and cuts `a:b` short): read them as the IR build does instead;
    - a format check that raises anything (the `byte` check's UnicodeEncodeError on text
      that is not ASCII) is a value that does not match its format, reported like any
      other (a warning, for a default or an example).
    """
    validators = dict(getattr(base, "keyword_validators", {}))
    operation = validators.get("operation")
    if operation is not None and hasattr(operation, "_get_path_params_from_url"):

        class Operation(operation):  # type: ignore[misc, valid-type]
            def _get_path_params_from_url(self, url: str) -> list[str]:
                return _PATH_TEMPLATE.findall(url)

        validators["operation"] = Operation
    value = validators.get("default")
    checks = getattr(getattr(value, "value_validator_format_checker", None), "checkers", None)
    if value is not None and isinstance(checks, dict):
        from jsonschema import FormatChecker

        lenient = FormatChecker(formats=())
        lenient.checkers = {name: (check, Exception) for name, (check, _) in checks.items()}

        class Value(value):  # type: ignore[misc, valid-type]
            value_validator_format_checker = lenient

        validators["default"] = Value
    if validators == getattr(base, "keyword_validators", {}):
        return base
    return type(base.__name__, (base,), {"keyword_validators": validators})


def _is_value_check(error: ValidationError) -> bool:
    """A `default` or `example` that does not match its own schema."""
    schema = error.schema
    return isinstance(schema, Mapping) and any(
        key in schema and schema[key] == error.instance for key in ("default", "example")
    )


def _find(document: Any, target: Any) -> str | None:
    """The pointer of the first node equal to `target` (used only to locate a warning)."""
    pending: list[tuple[Any, str]] = [(document, "")]
    while pending:
        node, pointer = pending.pop()
        if node is target or node == target:
            return pointer
        if isinstance(node, dict):
            pending.extend((value, join_pointer(pointer, key)) for key, value in reversed(node.items()))
        elif isinstance(node, list):
            pending.extend((value, join_pointer(pointer, index)) for index, value in enumerate(node))
    return None


def _describe(error: ValidationError, document: Any) -> dict[str, Any]:
    path = list(error.absolute_path)
    pointer = join_pointer("", *path) if path else ""
    value_check = _is_value_check(error)
    if value_check and not pointer:
        pointer = _find(document, error.schema) or ""
    # An undeclared path parameter comes without a location; the IR builder reports it,
    # located, for every operation it generates.
    from openapi_spec_validator.validation.exceptions import UnresolvableParameterError

    soft = (
        value_check
        or isinstance(error, UnresolvableParameterError)
        or error.validator in _SOFT_KEYWORDS
        or any(token in _SOFT_PATH_TOKENS for token in path)
    )
    message = " ".join(str(error.message).split())
    if len(message) > 300:
        message = message[:297] + "..."
    return {"pointer": pointer, "message": message, "soft": soft}
