"""Validation with openapi-spec-validator, once per content.

Real descriptions often break small rules that do not stop a generator (a regex in
another dialect, an example of the wrong type): those become located warnings. Other
violations make the document unusable and stop the run with a located error.
Results, warnings included, are cached by the hash of every file of the spec and the
validator's version, because validation is the slowest step on large specs; on a big
document it runs in a worker process while the IR is built and rendered
(`start_validation`, `Validation`).

The validator has bugs of its own that stop it on valid documents (it reads path
templates as Python format strings, and its `byte` format check raises on text that is
not ASCII): `_validator_class` works around the known ones, and a validator that still
gives up leaves a located warning, the document only partly validated, never a
traceback or a refusal of the document.
"""

from __future__ import annotations

import json
import re
import signal
import traceback
from collections.abc import Callable, Iterator, Mapping
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.connection import Connection
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
    start_validation(resolver, dialect, cache, background=False).finish(warnings)


#: Validate in a forked worker process while the caller builds the IR and renders:
#: importing openapi-spec-validator alone takes longer than forking (0.4 s against a
#: few milliseconds), and validating GitHub's 13 MB description takes 12 s. Where fork
#: is not available, validation runs in the caller's process first.
IN_WORKER = "fork" in get_all_start_methods()


def start_validation(resolver: Resolver, dialect: str, cache: Cache, *, background: bool = True) -> Validation:
    """Start validating. The document is validated in a forked worker process (it shares
    the parsed document; only the problems come back) unless `background` is False, fork
    is not available, or the result is cached; then it is validated now."""
    validator_version = tool_version("openapi-spec-validator")
    # This module's own text is part of the key: changing how problems are classified
    # must not be hidden by results cached under the old rules.
    key = digest(validator_version, Path(__file__).read_text(), *sorted(s.text for s in resolver.files.values()))
    cached = cache.get("validation", key)
    if cached is not None:
        return Validation(resolver, json.loads(cached))
    if background and IN_WORKER:
        return Validation(resolver, _Worker(resolver, dialect), lambda problems: _store(cache, key, problems))
    problems = _run_validator(resolver, dialect)
    _store(cache, key, problems)
    return Validation(resolver, problems)


def _store(cache: Cache, key: str, problems: list[dict[str, Any]]) -> None:
    cache.put("validation", key, json.dumps(problems).encode())


class Validation:
    """A validation, done or under way in a worker. `finish` waits for its result, adds
    its warnings and raises a located error for a hard problem; `stop` abandons it (an
    interrupted run does not wait for it). Either ends the worker, and both may be called
    again, in any order: the worker is read once, its warnings added once, and a hard
    problem raised by every `finish`."""

    def __init__(
        self,
        resolver: Resolver,
        result: list[dict[str, Any]] | _Worker,
        on_result: Callable[[list[dict[str, Any]]], None] | None = None,
    ) -> None:
        self._resolver = resolver
        self._result = result
        self._on_result = on_result
        self._reported = False
        self._failure: GeneratorError | None = None

    def finish(self, warnings: Warnings) -> None:
        if not self._reported:
            problems = self._problems()
            self._reported = True
            try:
                self._report(problems, warnings)
            except GeneratorError as error:
                self._failure = error
        if self._failure is not None:
            raise self._failure

    def stop(self) -> None:
        if isinstance(self._result, _Worker):
            self._result.stop()

    def _problems(self) -> list[dict[str, Any]]:
        if isinstance(self._result, _Worker):
            problems = self._result.result()
            self._result = problems
            if self._on_result is not None:
                self._on_result(problems)
        return self._result

    def _report(self, problems: list[dict[str, Any]], warnings: Warnings) -> None:
        for problem in problems:
            location = Location(self._resolver.root.display, problem["pointer"])
            if problem["soft"]:
                warnings.warn(f"spec validation: {problem['message']}", location)
        for problem in problems:
            if not problem["soft"]:
                raise GeneratorError(f"invalid document: {problem['message']}", location_of(self._resolver, problem))


class _Worker:
    """A forked process validating one document. Its answer comes back through a pipe
    that is read once, by `result`; `result` and `stop` both close the pipe and reap the
    process, whichever comes first (the other then does nothing more). Nothing runs in
    a thread of its own, so nothing closes the pipe behind the caller's back."""

    def __init__(self, resolver: Resolver, dialect: str) -> None:
        context = get_context("fork")
        self._answers, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_validate_in_worker, args=(sender, resolver, dialect), daemon=True)
        # Ctrl-C reaches the whole process group: the worker ignores it (the caller stops
        # it), and is forked with it blocked so that none arrives before it is ignored.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self._process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            sender.close()  # the worker holds its own copy: its end is the end of the answer
        self._answer: tuple[str, Any] | None = None
        self._ended = False
        self._exitcode: int | None = None

    def result(self) -> list[dict[str, Any]]:
        """The worker's problems; a located error it raised, or a one-line error when it
        died without an answer."""
        if not self._ended:
            try:
                self._answer = self._answers.recv()
            except EOFError:
                self._answer = None
            finally:
                self.stop()
        if self._answer is None:
            code = self._exitcode
            how = f"was killed by signal {-code}" if code is not None and code < 0 else f"ended with status {code}"
            raise GeneratorError(f"spec validation stopped: its worker process {how} before it answered")
        kind, value = self._answer
        if kind == "error":
            raise value
        if kind == "bug":
            raise RuntimeError(f"the validation worker failed:\n{value}")
        return list(value)

    def stop(self) -> None:
        if self._ended:
            return
        self._ended = True
        self._answers.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._exitcode = self._process.exitcode
        self._process.close()


def _validate_in_worker(sender: Connection, resolver: Resolver, dialect: str) -> None:
    """The worker's whole life: validate, send one answer, end."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    answer: tuple[str, Any]
    try:
        answer = ("problems", _run_validator(resolver, dialect))
    except GeneratorError as error:  # a broken $ref, found by check_all_references
        answer = ("error", error)
    except Exception:
        answer = ("bug", traceback.format_exc())
    try:
        sender.send(answer)
    except (BrokenPipeError, OSError):
        pass  # the caller stopped listening (it was interrupted): nobody is waiting
    sender.close()


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
        from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

        lenient = FormatChecker(formats=())
        lenient.checkers = {name: (check, Exception) for name, (check, _) in checks.items()}

        class Value(value):  # type: ignore[misc, valid-type]
            value_validator_format_checker = lenient

            def __call__(self, schema: Any, default: Any) -> Iterator[ValidationError]:
                with schema.resolve() as resolved:
                    holder = resolved.contents
                for error in super().__call__(schema, default):
                    # Wrapped here as the validator would wrap it later, which makes a new
                    # error: the schema holding the default is what `_describe` locates it by.
                    wrapped = error if isinstance(error, OpenAPIValidationError) else OpenAPIValidationError.create_from(error)
                    wrapped.default_holder = holder  # type: ignore[attr-defined]
                    yield wrapped

        validators["default"] = Value
    if validators == getattr(base, "keyword_validators", {}):
        return base
    return type(base.__name__, (base,), {"keyword_validators": validators})


def _is_value_check(error: ValidationError) -> bool:
    """A `default` or `example` that does not match its own schema, or a part of one (an
    item of an array default of the wrong type): the validator checks a default on its
    own, so the error's path and schema are those inside the default."""
    if hasattr(error, "default_holder"):
        return True
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
    holder = getattr(error, "default_holder", None)
    if holder is not None:  # located at the default, or at the part of it that is wrong
        found = _find(document, holder)
        pointer = join_pointer(found, "default", *path) if found is not None else ""
        path = []  # relative to the default: no token of it says anything of the document
    elif value_check and not pointer:
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
