"""API drift: every rule has a fixture pair (tests/diff/), the real Call Automation
change has a reviewed expectation, and the command line's formats and exit codes.

Fixture pairs come in two shapes: `cases.yaml` patches of `base.yaml` (the first rules),
and folders `tests/diff/<rule>/[<variant>/]` holding `old.yaml`, `new.yaml` and
`expected.json` (the exact changes reported; `pytest --update-golden` rewrites them).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import subprocess
from dataclasses import asdict
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.apidiff import RULES, _paging_and_polling, diff_apis, signature
from generator.cache import Cache
from generator.errors import Warnings, unescape_pointer_token
from generator.ir import model as ir
from generator.pipeline import Job, load_api

from helpers import REPO, run_cli, shared_path

FIXTURES = REPO / "tests" / "diff"
BASE = yaml.safe_load((FIXTURES / "base.yaml").read_text())
CASES: dict[str, dict[str, Any]] = yaml.safe_load((FIXTURES / "cases.yaml").read_text())


def _apply(document: Any, patch: list[dict[str, Any]]) -> Any:
    """A small JSON Patch: add (a member, or "-" to append), remove, replace."""
    document = copy.deepcopy(document)
    for operation in patch:
        *parents, last = [unescape_pointer_token(t) for t in operation["path"].split("/")[1:]]
        target = document
        for token in parents:
            target = target[int(token)] if isinstance(target, list) else target[token]
        if isinstance(target, list):
            if operation["op"] == "add":
                target.insert(len(target) if last == "-" else int(last), operation["value"])
            elif operation["op"] == "remove":
                del target[int(last)]
            else:
                target[int(last)] = operation["value"]
        elif operation["op"] == "remove":
            del target[last]
        else:
            assert operation["op"] == "replace" or last not in target or operation["op"] == "add"
            target[last] = operation["value"]
    return document


def _api(document: Any, folder: Path, name: str):  # type: ignore[no-untyped-def]
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return load_api(path, Job(specs=(path,)), Warnings(), Cache(None))


PAIRS = sorted(path.parent for path in FIXTURES.rglob("expected.json"))


def _rule_of(pair: Path) -> str:
    return pair.relative_to(FIXTURES).parts[0]


def test_every_rule_has_a_case_and_is_documented() -> None:
    folders = {_rule_of(pair) for pair in PAIRS}
    assert set(CASES) | folders == set(RULES)
    documented = (REPO / "docs" / "api-diff.md").read_text()
    missing = [rule for rule in RULES if f"`{rule}`" not in documented]
    assert not missing, f"rules missing from docs/api-diff.md: {missing}"


def test_paging_compares_the_next_operation_by_its_id(tmp_path: Path) -> None:
    """Another `operationName` operation is `paging-changed`; another choice of the
    arguments it takes (its parameters' changes are reported as such) is not."""
    api = _api(_apply(BASE, CASES["operation-became-pageable"]["patch"]), tmp_path, "pages")
    operation = next(op for op in api.operations if op.paging is not None)
    assert operation.paging is not None

    def paging_with(operation_id: str, arguments: tuple[tuple[str, str], ...]) -> ir.Operation:
        following = ir.NextOperation(operation_id, None, arguments)  # type: ignore[arg-type]
        return dataclasses.replace(operation, paging=dataclasses.replace(operation.paging, next_operation=following))

    old = paging_with("listPetsNext", ())
    assert list(_paging_and_polling("label", old, paging_with("listPetsNext", (("tenant", "tenant"),)))) == []
    changes = list(_paging_and_polling("label", old, paging_with("listPetsMore", ())))
    assert [(c.rule, c.breaking) for c in changes] == [("paging-changed", True)]


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fixture(rule: str, tmp_path: Path) -> None:
    case = CASES[rule]
    base = _apply(BASE, case.get("both", []))  # patched into both sides
    sides = [base, _apply(base, case["patch"])]
    if case.get("reverse"):  # the patched copy is the old side
        sides.reverse()
    old, new = _api(sides[0], tmp_path, "old"), _api(sides[1], tmp_path, "new")
    reported = {change.rule for change in diff_apis(old, new)}
    assert reported == set(case.get("expect", [rule])), sorted(reported)


@pytest.mark.parametrize("pair", PAIRS, ids=[str(p.relative_to(FIXTURES)) for p in PAIRS])
def test_pair(pair: Path, update_golden: bool) -> None:
    old, new = (load_api(pair / f"{side}.yaml", Job(specs=(pair / f"{side}.yaml",)), Warnings(), Cache(None))
                for side in ("old", "new"))
    reported = [{**asdict(c), "breaking": c.breaking} for c in diff_apis(old, new)]
    expected_file = pair / "expected.json"
    if update_golden:
        expected_file.write_text(json.dumps({"changes": reported}, indent=2, ensure_ascii=False) + "\n")
    assert reported == json.loads(expected_file.read_text())["changes"]
    assert _rule_of(pair) in {c["rule"] for c in reported}, "the pair does not show its own rule"


def test_identical_descriptions_have_no_changes(tmp_path: Path) -> None:
    assert diff_apis(_api(BASE, tmp_path, "old"), _api(BASE, tmp_path, "new")) == []


def test_call_automation_2024_04_15_to_2024_09_15_matches_the_reviewed_report() -> None:
    upstream = shared_path("reference", "upstream")
    old, new = (upstream / f"CallAutomation/stable/{v}/communicationservicescallautomation.json" for v in ("2024-04-15", "2024-09-15"))
    code, stdout, stderr = run_cli("diff", str(old), str(new), "--ref-root", str(upstream), "--no-cache")
    assert code == 0, stderr
    expected = (REPO / "tests" / "expectations" / "call_automation_2024-04-15_to_2024-09-15.txt").read_text()
    assert stdout == expected


def test_formats_and_fail_on(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(yaml.safe_dump(BASE, sort_keys=False))
    new.write_text(yaml.safe_dump(_apply(BASE, CASES["operation-removed"]["patch"]), sort_keys=False))
    code, stdout, _ = run_cli("diff", str(old), str(new), "--format", "json", "--no-cache")
    assert code == 0
    report = json.loads(stdout)
    assert [c["rule"] for c in report["changes"]] == ["operation-removed"] and report["changes"][0]["breaking"]
    code, stdout, _ = run_cli("diff", str(old), str(new), "--format", "markdown", "--fail-on", "breaking", "--no-cache")
    assert code == 1
    assert "| **breaking** | operation-removed |" in stdout
    additive = tmp_path / "additive.yaml"
    additive.write_text(yaml.safe_dump(_apply(BASE, CASES["operation-added"]["patch"]), sort_keys=False))
    assert run_cli("diff", str(old), str(additive), "--fail-on", "breaking", "--no-cache")[0] == 0
    assert run_cli("diff", str(old), str(additive), "--fail-on", "any", "--no-cache")[0] == 1
    assert run_cli("diff", str(old), str(tmp_path / "missing.yaml"), "--no-cache")[0] == 2


def test_old_side_read_from_git(tmp_path: Path) -> None:
    def git(*arguments: str) -> None:
        subprocess.run(["git", *arguments], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "t")
    spec = tmp_path / "specs" / "api.yaml"
    spec.parent.mkdir()
    spec.write_text(yaml.safe_dump(BASE, sort_keys=False))
    git("add", ".")
    git("commit", "-qm", "base")
    spec.write_text(yaml.safe_dump(_apply(BASE, CASES["parameter-added-required"]["patch"]), sort_keys=False))
    code, stdout, stderr = run_cli("diff", "HEAD:specs/api.yaml", "specs/api.yaml", "--no-cache", cwd=tmp_path)
    assert code == 0, stderr
    assert "parameter-added-required" in stdout and stdout.strip().endswith("1 changes: 1 breaking, 0 non-breaking")

    # A revision is never read as one of git's options (`--output=FILE` would write FILE).
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    code, _, stderr = run_cli("diff", "--", f"--output={precious}:specs/api.yaml", "specs/api.yaml", cwd=tmp_path)
    assert code == 2 and "is not a git revision" in stderr
    assert precious.read_text() == "keep me"
    # A ref root outside the repository, or the repository itself as the spec: located errors.
    code, _, stderr = run_cli("diff", "HEAD:specs/api.yaml", "specs/api.yaml", "--ref-root", "/", cwd=tmp_path)
    assert code == 2 and "outside the git repository" in stderr
    code, _, stderr = run_cli("diff", "HEAD:.", "specs/api.yaml", cwd=tmp_path)
    assert code == 2 and "Traceback" not in stderr


def test_items_becoming_nullable_change_the_type() -> None:
    """`list[str]` -> `list[str | None]` changes what users of the client get."""
    text = ir.PrimitiveType("string")
    assert signature(ir.ArrayType(text, nullable_items=True)) == "array<string|null>"
    assert signature(ir.MapType(text, nullable_values=True)) == "map<string|null>"
    assert signature(ir.ArrayType(text)) == "array<string>"


def test_ci_formats(tmp_path: Path) -> None:
    """GitHub annotations and SARIF: breaking changes are errors, the others notices/notes,
    located on the new side's file (its path for a REV:PATH side)."""
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(yaml.safe_dump(BASE, sort_keys=False))
    patch = CASES["operation-removed"]["patch"] + CASES["operation-added"]["patch"]
    new.write_text(yaml.safe_dump(_apply(BASE, patch), sort_keys=False))
    code, stdout, _ = run_cli("diff", str(old), str(new), "--format", "github", "--no-cache")
    lines = stdout.splitlines()
    assert code == 0 and lines[-1] == "2 changes: 1 breaking, 1 non-breaking"
    assert lines[0].startswith(f"::error file={new},title=operation-removed (breaking)::DELETE /pets/{{petId}}")
    assert lines[1].startswith(f"::notice file={new},title=operation-added (non-breaking)::GET ")
    code, stdout, _ = run_cli("diff", str(old), str(new), "--format", "sarif", "--no-cache")
    run = json.loads(stdout)["runs"][0]
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [("operation-removed", "error"), ("operation-added", "note")]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {"operation-removed", "operation-added"}
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == str(new)


def test_github_annotations_escape_their_separators() -> None:
    from generator.apidiff import Change
    from generator.diff_report import render

    change = Change("operation-removed", "GET /a,b (x)", "50%\nmore")
    line = render([change], "github", "old.yaml", "HEAD:specs/a,b.yaml").splitlines()[0]
    assert line == "::error file=specs/a%2Cb.yaml,title=operation-removed (breaking)::GET /a,b (x) (50%25%0Amore): an operation was removed"


def test_configured_event_definitions_are_compared(tmp_path: Path) -> None:
    """`diff` reads the `[tool.apiforge] events` globs (and the type prefix) as `generate`
    does: a definition nothing refers to, chosen as an event, is compared as an event."""
    def spec(failed_fields: dict[str, Any], accepted: bool = True) -> dict[str, Any]:
        definitions: dict[str, Any] = {"TransferFailed": {"type": "object", "properties": failed_fields}}
        if accepted:
            definitions["TransferAccepted"] = {"type": "object", "properties": {"callId": {"type": "string"}}}
        return {"swagger": "2.0", "info": {"title": "Calls", "version": "1"},
                "paths": {"/calls": {"post": {"operationId": "transferCall", "responses": {
                    "202": {"description": "A TransferAccepted or TransferFailed event follows."}}}}},
                "definitions": definitions}

    (tmp_path / "pyproject.toml").write_text('[tool.apiforge]\nevents = ["Transfer*"]\nevent-type-prefix = "Calls."\n')
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(yaml.safe_dump(spec({"callId": {"type": "string"}, "code": {"type": "integer"}})))
    new.write_text(yaml.safe_dump(spec({"callId": {"type": "integer"}, "reason": {"type": "string"}}, accepted=False)))
    code, stdout, stderr = run_cli("diff", str(old), str(new), "--format", "json", "--no-cache", cwd=tmp_path)
    assert code == 0, stderr
    reported = {(c["rule"], c["where"], c["detail"], c["breaking"]) for c in json.loads(stdout)["changes"]}
    assert reported == {
        ("event-removed", "event TransferAccepted", "Calls.TransferAccepted", True),
        ("property-type-changed", "event TransferFailed › property callId", "string -> integer", True),
        ("response-property-removed", "event TransferFailed › property code", "", True),
        ("response-property-added", "event TransferFailed › property reason", "", False),
    }
    # Without the setting, those definitions are no events (nor models: nothing uses them).
    (tmp_path / "pyproject.toml").write_text("[tool.apiforge]\n")
    code, stdout, _ = run_cli("diff", str(old), str(new), "--format", "json", "--no-cache", cwd=tmp_path)
    assert code == 0 and json.loads(stdout)["changes"] == []
