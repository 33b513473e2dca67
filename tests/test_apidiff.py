"""API drift: every rule `diff` can emit has a folder of fixture pairs (tests/diff/), the
real Call Automation change has a reviewed expectation, and the command line's formats
and exit codes.

A pair is a folder `tests/diff/<rule>/[<variant>/][openapi-3.1/|swagger-2.0/]` holding
`old.yaml`, `new.yaml` and `expected.json` (the exact changes reported;
`pytest --update-golden` rewrites them); tests/diff/README.md describes the layout and
lists, with the reason, each rule that has no pair in a dialect.
"""

from __future__ import annotations

import ast
import copy
import dataclasses
import json
import re
import subprocess
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import apidiff
from generator.apidiff import RULES, _paging_and_polling, diff_apis, signature
from generator.cache import Cache
from generator.errors import Warnings
from generator.ir import model as ir
from generator.pipeline import Job, load_api

from helpers import REPO, run_cli, shared_path

FIXTURES = REPO / "tests" / "diff"
DIALECTS = ("openapi-3.0", "openapi-3.1", "swagger-2.0")
PAIRS = sorted(path.parent for path in FIXTURES.rglob("expected.json"))


def _rule_of(pair: Path) -> str:
    return pair.relative_to(FIXTURES).parts[0]


def _dialect_of(pair: Path) -> str:
    document = yaml.safe_load((pair / "old.yaml").read_text())
    if "swagger" in document:
        return "swagger-2.0"
    return "openapi-3.1" if str(document["openapi"]).startswith("3.1") else "openapi-3.0"


def _load(path: Path) -> ir.Api:
    return load_api(path, Job(specs=(path,)), Warnings(), Cache(None))


# ---------------------------------------------------------------------- which rules the code emits


def emitted_rules() -> set[str]:
    """Every rule id generator/apidiff.py can put in a `Change`, read from its code: the
    first argument of each `Change(...)`, followed through conditional expressions, local
    assignments, module-level tables (`TABLE[key]`) and the parameters of the function
    it sits in (the arguments of every call of that function)."""
    tree = ast.parse(Path(apidiff.__file__).read_text())
    tables = {
        target.id: node.value
        for node in tree.body
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Dict)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }
    functions = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    owner = {id(child): function for function in functions.values() for child in ast.walk(function)}

    def values(node: ast.expr, function: ast.FunctionDef) -> set[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.IfExp):
            return values(node.body, function) | values(node.orelse, function)
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in tables:
            return set().union(*(values(v, function) for v in tables[node.value.id].values))
        if isinstance(node, ast.Name):
            parameters = [a.arg for a in function.args.args]
            if node.id in parameters:
                index = parameters.index(node.id)
                found: set[str] = set()
                for call in ast.walk(tree):
                    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == function.name:
                        given = call.args[index] if index < len(call.args) else next(
                            k.value for k in call.keywords if k.arg == node.id)
                        found |= values(given, owner[id(call)])
                return found
            assigned = [a.value for a in ast.walk(function) if isinstance(a, ast.Assign)
                        and any(isinstance(t, ast.Name) and t.id == node.id for t in a.targets)]
            if assigned:
                return set().union(*(values(v, function) for v in assigned))
        raise AssertionError(f"line {node.lineno}: cannot tell which rule `{ast.unparse(node)}` names")

    return {
        rule
        for call in ast.walk(tree)
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "Change"
        for rule in values(call.args[0], owner[id(call)])
    }


def test_every_rule_the_code_emits_has_a_folder_and_is_documented() -> None:
    emitted = emitted_rules()
    assert emitted == set(RULES), (
        f"emitted but not in RULES: {sorted(emitted - set(RULES))}; in RULES, never emitted: {sorted(set(RULES) - emitted)}"
    )
    folders = {path.name for path in FIXTURES.iterdir() if path.is_dir()}
    assert not emitted - folders, f"rules without a folder in tests/diff/: {sorted(emitted - folders)}"
    assert not folders - emitted, f"folders naming no rule: {sorted(folders - emitted)}"
    empty = folders - {_rule_of(pair) for pair in PAIRS}
    assert not empty, f"folders without a pair: {sorted(empty)}"
    documented = (REPO / "docs" / "api-diff.md").read_text()
    missing = [rule for rule in RULES if f"`{rule}`" not in documented]
    assert not missing, f"rules missing from docs/api-diff.md: {missing}"


def test_paging_compares_the_next_operation_by_its_id() -> None:
    """Another `operationName` operation is `paging-changed`; another choice of the
    arguments it takes (its parameters' changes are reported as such) is not."""
    api = _load(FIXTURES / "operation-became-pageable" / "new.yaml")
    operation = next(op for op in api.operations if op.paging is not None)
    assert operation.paging is not None

    def paging_with(operation_id: str, arguments: tuple[tuple[str, str], ...]) -> ir.Operation:
        following = ir.NextOperation(operation_id, None, arguments)  # type: ignore[arg-type]
        return dataclasses.replace(operation, paging=dataclasses.replace(operation.paging, next_operation=following))

    old = paging_with("listPetsNext", ())
    assert list(_paging_and_polling("label", old, paging_with("listPetsNext", (("tenant", "tenant"),)))) == []
    changes = list(_paging_and_polling("label", old, paging_with("listPetsMore", ())))
    assert [(c.rule, c.breaking) for c in changes] == [("paging-changed", True)]


def test_the_rule_list_is_read_from_the_code() -> None:
    """The reading above sees every way the code names a rule (a guard for the guard)."""
    assert {"request-constraint-tightened", "parameter-type-changed", "returned-header-removed",
            "response-error-status-removed", "server-host-changed"} <= emitted_rules()


def _exemptions() -> dict[tuple[str, str], str]:
    """(rule, dialect) -> why the rule has no pair in that dialect (tests/diff/README.md)."""
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (openapi-3\.0|openapi-3\.1|swagger-2\.0) \| (.+?) \|$",
                      (FIXTURES / "README.md").read_text(), re.M)
    return {(rule, dialect): reason for rule, dialect, reason in rows}


def test_every_rule_has_pairs_in_every_dialect_it_applies_to() -> None:
    present = {(_rule_of(pair), _dialect_of(pair)) for pair in PAIRS}
    exempt = _exemptions()
    missing = {(rule, dialect) for rule in RULES for dialect in DIALECTS} - present - exempt.keys()
    assert not missing, f"pairs missing (add them, or say why in tests/diff/README.md): {sorted(missing)}"
    stale = exempt.keys() & present
    assert not stale, f"tests/diff/README.md says these have no pair, but they do: {sorted(stale)}"
    unknown = {rule for rule, _ in exempt} - set(RULES)
    assert not unknown, f"tests/diff/README.md names rules that do not exist: {sorted(unknown)}"


@pytest.mark.parametrize("pair", PAIRS, ids=[str(p.relative_to(FIXTURES)) for p in PAIRS])
def test_pair(pair: Path, update_golden: bool) -> None:
    old, new = _load(pair / "old.yaml"), _load(pair / "new.yaml")
    reported = [{**asdict(c), "breaking": c.breaking} for c in diff_apis(old, new)]
    expected_file = pair / "expected.json"
    if update_golden:
        expected_file.write_text(json.dumps({"changes": reported}, indent=2, ensure_ascii=False) + "\n")
    assert reported == json.loads(expected_file.read_text())["changes"]
    assert _rule_of(pair) in {c["rule"] for c in reported}, "the pair does not show its own rule"
    assert diff_apis(old, old) == [] and diff_apis(new, new) == []


def test_call_automation_2024_04_15_to_2024_09_15_matches_the_reviewed_report() -> None:
    upstream = shared_path("reference", "upstream")
    old, new = (upstream / f"CallAutomation/stable/{v}/communicationservicescallautomation.json" for v in ("2024-04-15", "2024-09-15"))
    code, stdout, stderr = run_cli("diff", str(old), str(new), "--ref-root", str(upstream), "--no-cache")
    assert code == 0, stderr
    expected = (REPO / "tests" / "expectations" / "call_automation_2024-04-15_to_2024-09-15.txt").read_text()
    assert stdout == expected


def test_formats_and_fail_on(tmp_path: Path) -> None:
    old, new = FIXTURES / "operation-removed" / "old.yaml", FIXTURES / "operation-removed" / "new.yaml"
    code, stdout, _ = run_cli("diff", str(old), str(new), "--format", "json", "--no-cache")
    assert code == 0
    report = json.loads(stdout)
    assert [c["rule"] for c in report["changes"]] == ["operation-removed"] and report["changes"][0]["breaking"]
    code, stdout, _ = run_cli("diff", str(old), str(new), "--format", "markdown", "--fail-on", "breaking", "--no-cache")
    assert code == 1
    assert "| **breaking** | operation-removed |" in stdout
    before, additive = FIXTURES / "operation-added" / "old.yaml", FIXTURES / "operation-added" / "new.yaml"
    assert run_cli("diff", str(before), str(additive), "--fail-on", "breaking", "--no-cache")[0] == 0
    assert run_cli("diff", str(before), str(additive), "--fail-on", "any", "--no-cache")[0] == 1
    assert run_cli("diff", str(old), str(tmp_path / "missing.yaml"), "--no-cache")[0] == 2


def test_old_side_read_from_git(tmp_path: Path) -> None:
    def git(*arguments: str) -> None:
        subprocess.run(["git", *arguments], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "t")
    spec = tmp_path / "specs" / "api.yaml"
    spec.parent.mkdir()
    spec.write_text((FIXTURES / "parameter-added-required" / "old.yaml").read_text())
    git("add", ".")
    git("commit", "-qm", "base")
    spec.write_text((FIXTURES / "parameter-added-required" / "new.yaml").read_text())
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
    old, new = FIXTURES / "operation-removed" / "old.yaml", tmp_path / "new.yaml"
    document = yaml.safe_load((FIXTURES / "operation-removed" / "new.yaml").read_text())
    document["paths"]["/photos"] = {"get": {"operationId": "listPhotos", "responses": {"204": {"description": "ok"}}}}
    new.write_text(yaml.safe_dump(document, sort_keys=False))
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
