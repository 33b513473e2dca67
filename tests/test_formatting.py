"""Formatting in pieces: a module cut by `split_module`, formatted piece by piece and
joined, is the text black makes of the whole module."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest

from generator.cache import Cache, tool_version
from generator.errors import Warnings
from generator.formatting import Piece, _black, _black_piece, format_files, join_module, split_module
from generator.pipeline import Job, load_api
from generator.render.templates import RenderedFile, load_template_set, render

from helpers import REPO, shared_path


def _rendered(spec: Path, ref_root: Path | None = None) -> list[RenderedFile]:
    job = Job(specs=(spec,), ref_root=ref_root)
    api = load_api(spec, job, Warnings(), Cache(None))
    files = render(load_template_set("python", [], [], {}), api)
    return [file for file in files if file.formatter == "black"]


def _assert_pieces_match_whole(files: list[RenderedFile]) -> int:
    split = 0
    for file in files:
        pieces = split_module(file.text)
        split += len(pieces) > 1
        assert "".join(piece.text for piece in pieces).replace("\n", "") == file.text.replace("\n", ""), file.path
        formatted = [Piece(str(_black_piece(("", piece))[1]), piece.member) for piece in pieces]
        assert join_module(formatted) == _black(file.text), file.path
    return split


@pytest.mark.parametrize("spec", ["tests/golden/edge_cases/spec.yaml", "specs/transfer_to_participant.yaml"])
def test_pieces_format_like_the_whole_module(spec: str) -> None:
    assert _assert_pieces_match_whole(_rendered(REPO / spec)) > 0


def test_pieces_of_call_automation_format_like_the_whole_module() -> None:
    upstream = shared_path("reference", "upstream")
    spec = upstream / "CallAutomation" / "stable" / "2024-09-15" / "communicationservicescallautomation.json"
    assert _assert_pieces_match_whole(_rendered(spec, ref_root=upstream)) >= 3


def test_cuts_before_and_after_top_level_definitions_and_between_methods() -> None:
    text = (
        'X = """\n\nclass Inside:\n    pass\n"""\nY = 1\n\n\ndef first():\n    pass\n\n\n'
        "@decorated\nclass Second:\n    y = 1\n\n    def a(self):\n        pass\n\n"
        "    @property\n    def b(self):\n        pass\n    # attached\n    def c(self):\n        pass\n"
    )
    first, second, member = text.index("def first"), text.index("@decorated"), text.index("    @property")
    assert split_module(text) == [
        Piece(text[:first].rstrip("\n") + "\n"),
        Piece(text[first:second].rstrip("\n") + "\n"),
        Piece(text[second:member].rstrip("\n") + "\n"),  # `y = 1` is no method: no cut before `a`
        Piece(text[member:], member=True),  # the comment keeps `c` with `b`
    ]
    pieces = [Piece(str(_black_piece(("", piece))[1]), piece.member) for piece in split_module(text)]
    assert join_module(pieces) == _black(text)


@pytest.mark.parametrize(
    "text",
    [
        "def broken(:\n    pass\n\n\ndef other():\n    pass\n",  # black reports the error on the whole text
        "def a():\n    pass\n\n\n# fmt: off\ndef b():\n    pass\n",  # pragmas may span pieces
        "def a(): ...\ndef b(): ...\n",  # no blank line: black keeps stubs together
        "def a():\n    pass\n\r\n\r\ndef b():\n    pass\n",  # \r line ends: kept whole
    ],
)
def test_keeps_whole_what_it_cannot_cut_safely(text: str) -> None:
    assert split_module(text) == [Piece(text)]


def test_format_files_in_parallel_gives_the_same_text(tmp_path: Path) -> None:
    files = _rendered(REPO / "tests/golden/edge_cases/spec.yaml")
    serial = format_files(files, Cache(None), jobs=1)
    import generator.formatting as formatting

    previous = formatting._PARALLEL_FROM_LINES
    formatting._PARALLEL_FROM_LINES = 1
    try:
        parallel = format_files(files, Cache(tmp_path / "cache"), jobs=2)
    finally:
        formatting._PARALLEL_FROM_LINES = previous
    assert parallel == serial


def test_line_separators_inside_strings_do_not_move_the_cuts() -> None:
    """`ast` counts lines at \\n only; a \\x0c or \\u2028 inside a string literal must
    not shift where the module is cut."""
    text = 'X = "a\x0cb\u2028c"\n\n\ndef f():\n    return 1\n\n\ndef g():\n    return 2\n'
    pieces = split_module(text)
    assert [piece.text for piece in pieces] == [
        'X = "a\x0cb\u2028c"\n',
        "def f():\n    return 1\n",
        "def g():\n    return 2\n",
    ]
    formatted = [Piece(str(_black_piece(("", piece))[1]), piece.member) for piece in pieces]
    assert join_module(formatted) == _black(text)


def test_a_changed_module_formats_only_its_changed_pieces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pieces of a module's last formatting are kept by path: after an edit, only
    the pieces the edit touched go through black, and the text is still black's."""
    import generator.formatting as formatting

    text = "def a(x):\n    return x\n\n\ndef b( y ):\n    return y\n\n\nclass C:\n    z=1\n"
    cache = Cache(tmp_path / "cache")
    assert format_files([RenderedFile("m.py", text, "black")], cache) == {"m.py": _black(text)}
    formatted: list[str] = []
    real = formatting._black

    def counting(piece: str) -> str:
        formatted.append(piece)
        return real(piece)

    monkeypatch.setattr(formatting, "_black", counting)
    edited = text.replace("return y", "return  y * 2")
    assert format_files([RenderedFile("m.py", edited, "black")], cache) == {"m.py": real(edited)}
    assert formatted == ["def b( y ):\n    return  y * 2\n"]
    formatted.clear()
    renamed = text.replace("(x)", "(w)")
    assert format_files([RenderedFile("other.py", renamed, "black")], cache) == {"other.py": real(renamed)}
    assert len(formatted) == 3  # pieces are kept by path: another file starts from nothing


@pytest.mark.parametrize("name", ["black", "jinja2", "openapi-spec-validator", "pyyaml", "PyYAML"])
def test_tool_versions_in_cache_keys_are_the_installed_ones(name: str) -> None:
    assert tool_version(name) == importlib.metadata.version(name)
