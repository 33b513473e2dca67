"""How often `diff` agrees with oasdiff on "breaking or not", on oasdiff's own fixtures.

    .venv/bin/python benchmarks/oasdiff_agreement.py PATH_OF_AN_OASDIFF_CHECKOUT [--show N]

oasdiff's files stay where they are (nothing is copied into this repository). The
script reads its checker tests (`checker/*_test.go`): a test that loads two fixture
files as they are (no change made to a loaded spec in Go code) is a **pair**; what it
expects is read from the change ids it asserts (`requireChange`, `requireSingleChange`,
`Id: checker.XId`, ...) or from `require.Empty(t, errs)` (no change). A pair is
**breaking** for oasdiff when an expected id has level ERR in `checker/rules.go` (WARN
and INFO are not breaking). Tests on the same pair are merged. Each pair is then
compared with apiforge's `diff` (breaking when any change is), and every disagreement
is listed with oasdiff's ids and apiforge's rules, grouped so that a reason can be
written for each group (docs/api-diff.md).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.apidiff import diff_apis  # noqa: E402
from generator.cache import Cache  # noqa: E402
from generator.errors import GeneratorError, Warnings  # noqa: E402
from generator.pipeline import Job, load_api  # noqa: E402

_FUNCTION = re.compile(r"^func (Test\w+)\(t \*testing\.T\) \{$(.*?)^\}$", re.M | re.S)
_ID_CONSTANT = re.compile(r"\b(\w+Id)\s*=\s*\"([\w-]+)\"")
_LEVEL = re.compile(r"newBackwardCompatibilityRule\((\w+Id),\s*(ERR|WARN|INFO)")
_FILE_HANDLE = re.compile(r"(\w+)\s*=\s*dataFileFn\(\"([^\"]+)\"\)")
_LOADS = re.compile(
    r"open\(\"([^\"]+)\"|open\((\w+)\(\"([^\"]+)\"\)\)|\bl\(t, (\d+)\)|\bd\(t, [^,]+, (\d+), (\d+)\)"
    r"|stabilityChanges\(t, \"([^\"]+)\", \"([^\"]+)\""
)
_MUTATION = re.compile(r"\.Spec\.[^\n]*[^=!<>:]=[^=]")


@dataclass
class Pair:
    base: Path
    revision: Path
    tests: list[str] = field(default_factory=list)
    expected_ids: set[str] = field(default_factory=set)
    expects_nothing: bool = False


def read_pairs(checkout: Path) -> tuple[dict[tuple[Path, Path], Pair], dict[str, str]]:
    """The fixture pairs of oasdiff's checker tests, and the level of each rule id."""
    checker = checkout / "checker"
    names: dict[str, str] = {}  # Go constant -> rule id
    for source in checker.glob("*.go"):
        names.update(_ID_CONSTANT.findall(source.read_text(encoding="utf-8")))
    levels = {names[constant]: level for constant, level in _LEVEL.findall((checker / "rules.go").read_text()) if constant in names}
    handles = dict(_FILE_HANDLE.findall((checker / "helpers_test.go").read_text()))
    pairs: dict[tuple[Path, Path], Pair] = {}
    for test_file in sorted(checker.glob("*_test.go")):
        for test, body in _FUNCTION.findall(test_file.read_text(encoding="utf-8")):
            files = _loaded_files(body, handles, checker)
            if len(files) != 2 or files[0] == files[1] or _MUTATION.search(body):
                continue
            expected = set()
            for line in body.splitlines():
                if "requireNoChange" in line or "require.False" in line or "NotContains" in line:
                    continue
                expected |= {names[c] for c in re.findall(r"checker\.(\w+Id)\b", line) if c in names}
            nothing = bool(re.search(r"require\.Empty\(t, errs\)|require\.Len\(t, errs, 0\)", body))
            if not expected and not nothing:
                continue  # what the test expects is not written as ids: not read
            pair = pairs.setdefault((files[0], files[1]), Pair(files[0], files[1]))
            pair.tests.append(test)
            pair.expected_ids |= expected
            pair.expects_nothing |= nothing and not expected
    return pairs, levels


def _loaded_files(body: str, handles: dict[str, str], checker: Path) -> list[Path]:
    files: list[Path] = []
    for match in _LOADS.finditer(body):
        plain, handle, handled, numbered, first, second, stable_base, stable_revision = match.groups()
        if plain:
            files.append(plain)  # type: ignore[arg-type]
        elif handle and handle in handles:
            files.append(f"../data/{handles[handle]}/{handled}")  # type: ignore[arg-type]
        elif numbered:
            files.append(f"../data/openapi-test{numbered}.yaml")  # type: ignore[arg-type]
        elif first:
            files += [f"../data/openapi-test{first}.yaml", f"../data/openapi-test{second}.yaml"]  # type: ignore[list-item]
        elif stable_base:
            files += [f"../data/stability/{stable_base}", f"../data/stability/{stable_revision}"]  # type: ignore[list-item]
    return [(checker / f).resolve() for f in files]  # type: ignore[operator]


def _load(path: Path):  # type: ignore[no-untyped-def]
    return load_api(path, Job(specs=(path,), ref_root=path.parent.parent), Warnings(), Cache(None))


def _refusal(error: GeneratorError) -> str:
    """An error message without its location and names: what kind of refusal it is."""
    text = str(error).split(": ", 1)[-1] if ": " in str(error) else str(error)
    text = re.sub(r"#/\S*: ", "", text)
    text = re.sub(r"\{[^}]*\}|'[^']*'|\"[^\"]*\"", "…", text)
    return text[:90]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkout", type=Path, help="an oasdiff checkout (a git clone of oasdiff/oasdiff)")
    parser.add_argument("--show", type=int, default=3, help="pairs shown per disagreement group")
    arguments = parser.parse_args()
    if not (arguments.checkout / "checker" / "rules.go").is_file():
        print(f"{arguments.checkout}: not an oasdiff checkout (no checker/rules.go)", file=sys.stderr)
        return 2
    pairs, levels = read_pairs(arguments.checkout)
    refused: Counter[str] = Counter()
    agree = 0
    groups: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for pair in pairs.values():
        try:
            old, new = _load(pair.base), _load(pair.revision)
        except GeneratorError as error:
            refused[_refusal(error)] += 1
            continue
        changes = diff_apis(old, new)
        ours = any(c.breaking for c in changes)
        theirs = any(levels.get(i) == "ERR" for i in pair.expected_ids)
        if ours == theirs:
            agree += 1
            continue
        their_ids = ",".join(sorted(i for i in pair.expected_ids if levels.get(i) == "ERR" or not theirs)) or "(no change)"
        our_rules = ",".join(sorted({c.rule for c in changes if c.breaking or not ours})) or "(no change)"
        direction = "apiforge breaking, oasdiff not" if ours else "oasdiff breaking, apiforge not"
        where = f"{pair.base.relative_to(arguments.checkout.resolve())} -> {pair.revision.name}"
        groups[(direction, their_ids, our_rules)].append(where)
    read = len(pairs) - sum(refused.values())
    print(f"oasdiff pairs found: {len(pairs)}; read by apiforge: {read}; refused: {sum(refused.values())}")
    print(f"agreement on breaking-or-not: {agree}/{read} ({100 * agree / max(read, 1):.0f}%)\n")
    print("## refused\n")
    for reason, count in refused.most_common():
        print(f"- {count} × {reason}")
    print("\n## disagreements\n")
    print("| pairs | direction | oasdiff ids | apiforge rules | e.g. |")
    print("| ---: | --- | --- | --- | --- |")
    for (direction, their_ids, our_rules), examples in sorted(groups.items(), key=lambda item: (item[0][0], -len(item[1]), item[0])):
        shown = "; ".join(examples[: arguments.show])
        print(f"| {len(examples)} | {direction} | {their_ids} | {our_rules} | {shown} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
