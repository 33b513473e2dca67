"""The command line: parse arguments, run the pipeline, map outcomes to exit codes.

Exit codes: 0 success (for `check`: in sync), 1 `check` found drift, 2 bad input
(a located one-line message on stderr). Anything else is a bug in the generator and
shows its traceback.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .config import TOOL, Config, load_config
from .errors import GeneratorError, Warnings
from .cache import Cache
from .ir.options import BuildOptions
from .output import compare, write
from .pipeline import Job, generate_plan, load_api, up_to_date
from .progress import Progress
from .sources import materialised

EXIT_OK, EXIT_DRIFT, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=TOOL,
        description="Generate typed Python clients, models and tests from OpenAPI 3.0/3.1 and Swagger 2.0 "
        f"descriptions. Defaults come from [tool.{TOOL}] in the nearest pyproject.toml.",
    )
    parser.add_argument("--version", action="version", version=f"{TOOL} {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def shaping(command: argparse.ArgumentParser, *, one_spec: bool = False) -> None:
        if one_spec:
            command.add_argument("specs", nargs="?", type=Path, metavar="SPEC",
                                 help="spec file (JSON or YAML); default: the one in `specs` of the configuration")
        else:
            command.add_argument("specs", nargs="*", type=Path, metavar="SPEC",
                                 help="spec files (JSON or YAML); default: `specs` from the configuration")
        command.add_argument("--package-name", help="name of the generated package (default: from the spec's file name)")
        command.add_argument("--client-name", help="name of the client class (default: package name + Client)")
        command.add_argument("--operation", dest="operations", action="append", default=None, metavar="GLOB",
                             help="keep operations whose operationId matches (repeatable; default: all)")
        command.add_argument("--tag", dest="tags", action="append", default=None,
                             help="keep operations with this tag (repeatable)")
        command.add_argument("--strict", action="store_true", default=None,
                             help="treat warnings (e.g. small spec-validation problems) as errors")
        command.add_argument("--ref-root", type=Path,
                             help="folder that $refs may reach into (default: the git work tree that holds the spec, "
                             "else the spec's own folder)")
        command.add_argument("--no-cache", action="store_true",
                             help="neither read nor write the validation and formatting cache")

    def rendering(command: argparse.ArgumentParser) -> None:
        shaping(command)
        command.add_argument("-o", "--output", type=Path, help="output folder (default: `output` from the configuration)")
        command.add_argument("--template-set", dest="template_sets", action="append", default=None, metavar="NAME",
                             help="template set to render, built-in name or folder (repeatable; default: python)")
        command.add_argument("--templates", action="append", type=Path, default=None, metavar="DIR",
                             help="overlay folder in front of the built-in templates (repeatable)")
        command.add_argument("--plugin", dest="plugins", action="append", default=None, metavar="MODULE:FUNCTION",
                             help="module whose function adds Jinja filters, tests and globals (repeatable)")

    generate = commands.add_parser("generate", help="write generated code into the output folder",
                                   description="Generate code into the output folder. Unchanged files are not "
                                   "rewritten; files generated before and no longer produced are removed; other "
                                   "files are never touched.")
    rendering(generate)
    generate.add_argument("--quiet", action="store_true", help="no progress line on a terminal, only the summary")
    check = commands.add_parser("check", help="exit 1 with a diff if the output folder is out of date",
                                description="Regenerate in memory and compare with the output folder; never "
                                "writes. Exit 0 when in sync, 1 with a summary and unified diff when not, "
                                "2 on bad input.")
    rendering(check)
    check.add_argument("--quiet", action="store_true", help="print the summary only: no diff, no progress line")
    check.add_argument("--full", action="store_true",
                       help="always regenerate and compare, even when the manifest's record of inputs says nothing changed")
    ir_command = commands.add_parser("ir", help="print the intermediate model of a spec as JSON",
                                     description="Print the intermediate model (what templates see) as JSON.")
    shaping(ir_command, one_spec=True)
    diff = commands.add_parser(
        "diff", help="list and classify the API changes between two descriptions",
        description="Compare two API descriptions (any supported format; either may be REV:PATH, read from "
        "git) and classify every change as breaking or not for users of a generated client (rules: "
        "docs/api-diff.md). Exit 0, or 1 when --fail-on matches, 2 on bad input.",
    )
    diff.add_argument("old", metavar="OLD", help="the earlier description: a file or REV:PATH")
    diff.add_argument("new", metavar="NEW", help="the later description: a file or REV:PATH")
    diff.add_argument("--format", choices=["text", "json", "markdown", "github", "sarif"], default="text",
                      help="text (default), json, markdown for a pull-request comment, github (annotations of a "
                      "GitHub Actions step) or sarif (code scanning)")
    diff.add_argument("--fail-on", choices=["breaking", "any"], help="exit 1 when there is a breaking change, or any change")
    diff.add_argument("--operation", dest="operations", action="append", default=None, metavar="GLOB",
                      help="compare only operations whose operationId matches (repeatable)")
    diff.add_argument("--ref-root", type=Path, help="folder that $refs may reach into (default: the git work tree "
                      "that holds each spec, else its own folder)")
    diff.add_argument("--no-cache", action="store_true", help="neither read nor write the validation cache")
    return parser


def _diff(arguments: argparse.Namespace, config: Config) -> int:
    from .apidiff import diff_apis
    from .diff_report import render

    options = BuildOptions(
        operation_ids=tuple(arguments.operations or ()),
        pagination=config.pagination,
        events=config.events,  # the definitions chosen as events are compared as events
        event_type_prefix=config.event_type_prefix,
    )
    cache = Cache(None if arguments.no_cache else config.cache_dir)
    apis = []
    for reference in (arguments.old, arguments.new):
        with materialised(reference, arguments.ref_root) as (spec, ref_root):
            job = Job(specs=(spec,), options=options, ref_root=ref_root)
            warnings = Warnings()
            apis.append(load_api(spec, job, warnings, cache))
    changes = diff_apis(apis[0], apis[1])
    sys.stdout.write(render(changes, arguments.format, arguments.old, arguments.new))
    if arguments.fail_on == "any" and changes or arguments.fail_on == "breaking" and any(c.breaking for c in changes):
        return EXIT_DRIFT
    return EXIT_OK


def _job(arguments: argparse.Namespace, config: Config) -> Job:
    def pick(name: str, configured: object) -> object:
        value = getattr(arguments, name, None)
        return configured if value is None else value

    given = arguments.specs if isinstance(arguments.specs, list) else [arguments.specs] if arguments.specs else []
    specs = tuple(given) or config.specs
    return Job(
        specs=tuple(specs),
        template_sets=tuple(pick("template_sets", config.template_sets)),  # type: ignore[arg-type]
        templates=tuple(pick("templates", config.templates)),  # type: ignore[arg-type]
        plugins=tuple(pick("plugins", config.plugins)),  # type: ignore[arg-type]
        options=BuildOptions(
            package_name=pick("package_name", config.package_name),  # type: ignore[arg-type]
            client_name=pick("client_name", config.client_name),  # type: ignore[arg-type]
            operation_ids=tuple(pick("operations", config.operations)),  # type: ignore[arg-type]
            tags=tuple(pick("tags", config.tags)),  # type: ignore[arg-type]
            pagination=config.pagination,
            events=config.events,
            event_type_prefix=config.event_type_prefix,
        ),
        strict=bool(pick("strict", config.strict)),
        cache_dir=None if arguments.no_cache else config.cache_dir,
        ref_root=pick("ref_root", config.ref_root),  # type: ignore[arg-type]
        set_options=config.options,
    )


def _print_warnings(warnings: Warnings) -> None:
    for problem in warnings.sorted():
        print(f"warning: {problem}", file=sys.stderr)


def _generate_command(given: list[str]) -> str:
    """The `generate` command that brings the output `check` compared up to date: the
    same specs and options as the `check` that was run (`given`, its arguments)."""
    options = [argument for argument in given if argument != "--quiet"]
    return shlex.join(["python", "-m", "generator", "generate", *options])


def run(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    arguments = _parser().parse_args(argv)
    given = argv[argv.index(arguments.command) + 1 :]
    started = time.perf_counter()
    try:
        config = load_config()
        if arguments.command == "diff":
            return _diff(arguments, config)
        job = _job(arguments, config)
        warnings = Warnings(strict=job.strict)
        if arguments.command == "ir":
            if len(job.specs) != 1:
                raise GeneratorError("`ir` takes one spec: name it (the configuration lists several)")
            from .ir.dump import dump_api

            api = load_api(job.specs[0], job, warnings, Cache(job.cache_dir))
            _print_warnings(warnings)
            sys.stdout.write(dump_api(api))
            return EXIT_OK
        output = arguments.output or config.output
        if arguments.command == "check" and not arguments.full and up_to_date(job, output):
            elapsed = time.perf_counter() - started
            print(f"{TOOL}: {output} is up to date (inputs and files as the last generate recorded them, {elapsed:.2f}s)")
            return EXIT_OK
        progress = Progress(quiet=arguments.quiet)
        try:
            plan = generate_plan(job, warnings, progress)
        finally:
            progress.close()
        _print_warnings(warnings)
        elapsed = time.perf_counter() - started
        if arguments.command == "check":
            drift = compare(plan, output)
            if drift.clean:
                stale = " (its record of inputs is from another generator or settings: generate refreshes it)"
                print(f"{TOOL}: {output} is up to date ({len(plan.files) + 1} files, {elapsed:.2f}s){stale if drift.stale_record else ''}")
                return EXIT_OK
            if not arguments.quiet:
                sys.stdout.writelines(drift.diff)
            print(
                f"{TOOL}: {output} is out of date: {len(drift.added)} missing, {len(drift.changed)} changed, "
                f"{len(drift.removed)} no longer generated. Run `{_generate_command(given)}` to update it.",
                file=sys.stderr,
            )
            return EXIT_DRIFT
        drift = write(plan, output)
        print(  # the file count includes the manifest, like the added/updated counts
            f"{TOOL}: {len(plan.files) + 1} files in {output}: {len(drift.added)} added, {len(drift.changed)} updated, "
            f"{len(drift.removed)} removed ({time.perf_counter() - started:.2f}s)"
        )
        return EXIT_OK
    except GeneratorError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


def main() -> None:
    sys.exit(run())
