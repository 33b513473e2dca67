"""Run mutated inputs through the command line and judge each outcome.

The property: `apiforge generate` on an input either exits 0 with code that compiles
and passes `mypy --strict` (checked once for the whole batch), or exits 2 with exactly
one line on stderr, `error: FILE[:LINE][: #POINTER]: message`, naming a file of the
input. Anything else (a traceback, another exit code, several lines, an unlocated
message, code that does not compile or type-check) is a finding, grouped by a
signature: the exception and the generator function it escaped from, or the
generated module and mypy's message with names blanked out.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from helpers import run_cli

from .mutator import FuzzInput

TEMPLATE_SETS = ("python", "markdown")

# Findings of bugs that another change is fixing: recognised, counted and reported, not
# failed on. Each is (name, pattern searched in the finding's signature and detail);
# remove an entry once its fix has landed, so that the fuzzer guards it again.
KNOWN: dict[str, str] = {}  # (a)-(f) of the first runs are fixed: the fuzzer guards them again


@dataclass
class Finding:
    signature: str  # what groups findings: the same bug gives the same signature
    detail: str  # the evidence: a traceback, stderr, mypy's lines

    def known(self) -> str | None:
        text = self.signature + "\n" + self.detail
        return next((name for name, pattern in KNOWN.items() if re.search(pattern, text)), None)


@dataclass
class Outcome:
    fuzz_input: FuzzInput
    folder: Path  # the input's folder: the spec, its examples, the output
    spec: Path
    code: int | None = None
    stderr: str = ""
    findings: list[Finding] = field(default_factory=list)

    @property
    def generated(self) -> Path | None:
        """The generated `python` folder when the run succeeded."""
        folder = self.folder / "out" / "python"
        return folder if self.code == 0 and folder.is_dir() else None

    def report(self, seed: int, saved: Path | None) -> str:
        lines = [f"seed {seed}, {self.fuzz_input.describe()}"]
        if saved is not None:
            lines.append(f"  mutated spec saved as {saved}")
            lines.append(f"  reproduce: cd {saved.parent} && python -m generator generate {saved.name} -o out")
        for finding in self.findings:
            known = finding.known()
            lines.append(f"  {'known, being fixed elsewhere: ' + known if known else 'NEW'}: {finding.signature}")
            lines += ["    " + line for line in finding.detail.splitlines()[-25:]]
        return "\n".join(lines)


def write_input(fuzz_input: FuzzInput, folder: Path) -> Path:
    folder.mkdir(parents=True)
    spec = folder / fuzz_input.file_name
    spec.write_text(fuzz_input.text(), encoding="utf-8")
    if fuzz_input.examples is not None:
        shutil.copytree(fuzz_input.examples, folder / "examples")
    return spec


def run_input(fuzz_input: FuzzInput, folder: Path) -> Outcome:
    """Generate from one input in-process, as `python -m generator generate` would, and
    judge everything but mypy."""
    return run_spec(fuzz_input, folder, write_input(fuzz_input, folder))


def run_file(spec: Path, folder: Path) -> Outcome:
    """`run_input` for a spec file kept as it is (a reduced finding)."""
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    folder.mkdir(parents=True)
    shutil.copy(spec, folder / spec.name)
    return run_spec(FuzzInput(0, spec.name, document, spec.name), folder, folder / spec.name)


def run_spec(fuzz_input: FuzzInput, folder: Path, spec: Path) -> Outcome:
    outcome = Outcome(fuzz_input, folder, spec)
    arguments = ["generate", f"./{spec.name}", "-o", "out"]  # ./ : a name may start with -
    for name in TEMPLATE_SETS:
        arguments += ["--template-set", name]
    try:
        outcome.code, _, outcome.stderr = run_cli(*arguments, cwd=folder)
    except Exception as error:  # what `main` would print as a traceback, with exit status 1
        outcome.findings.append(crash_finding(error))
        return outcome
    judge_exit(outcome)
    return outcome


def run_input_in_subprocess(fuzz_input: FuzzInput, folder: Path) -> tuple[int, str]:
    """Exit status and stderr of the real `python -m generator` on one input."""
    spec = write_input(fuzz_input, folder)
    arguments = ["generate", f"./{spec.name}", "-o", "out"]  # ./ : a name may start with -
    for name in TEMPLATE_SETS:
        arguments += ["--template-set", name]
    result = subprocess.run([sys.executable, "-m", "generator", *arguments], cwd=folder, capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    return result.returncode, result.stderr


def crash_finding(error: BaseException) -> Finding:
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/generator/" in f.filename.replace(os.sep, "/")]
    where = ours[-1] if ours else frames[-1]
    file = where.filename.replace(os.sep, "/")
    file = "generator/" + file.rsplit("/generator/", 1)[1] if "/generator/" in file else Path(file).name
    message = str(error).splitlines()[0][:120] if str(error) else ""
    detail = "".join(traceback.format_exception(error))
    return Finding(f"traceback: {type(error).__name__} in {file}:{where.name}: {blank_names(message)}", detail)


LOCATED = re.compile(r"error: (?P<file>[^:\n]+?)(?::(?P<line>\d+))?(?:: #(?P<pointer>[^\n]*?))?: (?P<message>.+)")


def judge_exit(outcome: Outcome) -> None:
    code, stderr = outcome.code, outcome.stderr
    if code == 0:
        for path in sorted((outcome.folder / "out").rglob("*.py")):
            try:
                compile(path.read_text(encoding="utf-8"), str(path), "exec")
            except SyntaxError as error:
                outcome.findings.append(Finding(f"compile: {path.name}: {type(error).__name__}: {blank_names(error.msg)}",
                                                f"{path}:{error.lineno}: {error.msg}\n{error.text}"))
        return
    if code != 2:
        outcome.findings.append(Finding(f"exit status {code}", stderr))
        return
    lines = stderr.splitlines()
    if len(lines) != 1:
        outcome.findings.append(Finding(f"exit 2 with {len(lines)} lines on stderr", stderr))
        return
    match = LOCATED.fullmatch(lines[0])
    named = match and (outcome.folder / match["file"]).resolve().is_relative_to(outcome.folder.resolve())
    if not named:
        outcome.findings.append(Finding(f"exit 2 without a location in the input: {blank_names(lines[0][:80])}", stderr))
    elif match["line"] is not None and int(match["line"]) > outcome.spec.read_text(encoding="utf-8").count("\n") + 1 \
            and Path(match["file"]).name == outcome.spec.name:
        outcome.findings.append(Finding("exit 2 with a line past the end of the spec", stderr))


def blank_names(text: str) -> str:
    """`text` with quoted names and numbers blanked, so that one bug gives one signature."""
    text = re.sub(r"\"[^\"]*\"|'[^']*'", "…", text)
    return re.sub(r"\d+", "N", text)


def mypy_batches(outcomes: Iterable[Outcome]) -> list[list[Outcome]]:
    """Successful outcomes in as few groups as possible with no package name twice in a
    group (mypy refuses two modules of one name)."""
    batches: list[tuple[set[str], list[Outcome]]] = []
    for outcome in outcomes:
        if outcome.generated is None:
            continue
        names = {p.name for p in outcome.generated.iterdir() if p.is_dir() and p.name != "tests"}
        names |= {p.stem for p in (outcome.generated / "tests").glob("*.py")}
        for taken, members in batches:
            if not taken & names:
                taken |= names
                members.append(outcome)
                break
        else:
            batches.append((names, [outcome]))
    return [members for _, members in batches]


MYPY_LINE = re.compile(r"(?P<path>[^:\n]+):(?P<line>\d+): error: (?P<message>.*?)(?:  \[(?P<code>[a-z-]+)\])?$")


def type_check(outcomes: list[Outcome], workdir: Path) -> str:
    """One `mypy --strict` per batch over every generated package; its errors become
    findings of the inputs they belong to. Returns mypy's output for a failure message."""
    everything = []
    for batch_number, batch in enumerate(mypy_batches(outcomes)):
        targets = []
        for outcome in batch:
            generated = outcome.generated
            assert generated is not None
            targets += sorted(str(p) for p in generated.iterdir() if p.is_dir() and (p / "__init__.py").is_file())
            targets += sorted(str(p) for p in (generated / "tests").glob("*.py"))
        result = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--show-error-codes", "--no-color-output",
             "--cache-dir", str(workdir / f"mypy-cache-{batch_number}"), *targets],
            cwd=workdir, capture_output=True, text=True,
        )
        everything.append(result.stdout + result.stderr)
        by_folder = {o.folder.resolve(): o for o in batch}
        attributed = False
        for line in result.stdout.splitlines():
            match = MYPY_LINE.match(line)
            if match is None:
                continue
            path = (workdir / match["path"]).resolve()
            owner = next((by_folder[p] for p in path.parents if p in by_folder), None)
            if owner is None:
                continue
            attributed = True
            message = f"[{match['code']}] {match['message']}"
            owner.findings.append(Finding(f"mypy: {path.name}: {blank_names(message)}", f"{message}\n{line}"))
        if result.returncode not in (0, 1) or result.returncode == 1 and not attributed:
            batch[0].findings.append(Finding(f"mypy exit status {result.returncode}", result.stdout + result.stderr))
    return "\n".join(everything)
