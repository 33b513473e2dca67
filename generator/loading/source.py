"""Read one spec file: bytes -> parsed JSON/YAML data, within resource limits.

JSON is read with `json` (fast); YAML with PyYAML's safe loader only. Line numbers
are not tracked while parsing: `SourceFile.line_of` finds the line of a JSON pointer
on demand, by composing the YAML node tree once, so a clean run never pays for it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from json.decoder import scanstring  # type: ignore[attr-defined]  # the C scanner; not in typeshed
from pathlib import Path
from typing import Any

import yaml

from ..errors import GeneratorError, Location, unescape_pointer_token

try:  # the C loader is much faster and just as safe
    _SafeLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _SafeLoader = yaml.SafeLoader


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on input so that a hostile file cannot hang or exhaust the machine."""

    max_bytes: int = 64 * 1024 * 1024
    max_depth: int = 200
    # Total nodes after expanding YAML aliases (a "billion laughs" file stays small on
    # disk but would expand to billions of nodes when walked).
    max_expanded_nodes: int = 5_000_000


@dataclass(eq=False)
class SourceFile:
    """One parsed file of a spec."""

    path: Path
    display: str
    text: str
    data: Any
    is_json: bool
    _nodes: yaml.Node | None = field(default=None, repr=False)
    _json: _JsonLocator | None = field(default=None, repr=False)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def location(self, pointer: str = "") -> Location:
        return Location(self.display, pointer)

    def locate(self, location: Location) -> Location:
        """Fill in the line of a location in this file, when it can be found."""
        if location.line is not None or location.file != self.display:
            return location
        return Location(location.file, location.pointer, self.line_of(location.pointer))

    def line_of(self, pointer: str) -> int | None:
        if not pointer:
            return None  # the whole file: no line says more than the file name
        if self.is_json:
            if self._json is None:
                self._json = _JsonLocator(self.text)
            return self._json.line_of([unescape_pointer_token(t) for t in pointer.split("/")[1:]])
        if self._nodes is None:
            try:
                self._nodes = yaml.compose(self.text, Loader=_SafeLoader)
            except yaml.YAMLError:
                return None
        node: yaml.Node | None = self._nodes
        if node is None:  # an empty document
            return None
        mark = node.start_mark
        for token in [unescape_pointer_token(t) for t in pointer.split("/")[1:]]:
            if isinstance(node, yaml.MappingNode):
                matches = [(key, value) for key, value in node.value if key.value == token]
                if not matches:
                    break
                key, node = matches[0]
                mark = key.start_mark  # the line that names the member
            elif isinstance(node, yaml.SequenceNode) and token.isdigit() and int(token) < len(node.value):
                node = node.value[int(token)]
                mark = node.start_mark
            else:
                break
        return mark.line + 1


_SPACE = re.compile(r"[ \t\n\r]*")


def _skip_space(text: str, index: int) -> int:
    """The index of the first non-blank character of `text` from `index` (JSON's blanks)."""
    match = _SPACE.match(text, index)
    assert match is not None  # `*` matches the empty string
    return match.end()


class _JsonLocator:
    """Finds the line of a JSON pointer in JSON text without building a node tree.

    Members of each object (and items of each array) on the way are found with the C
    JSON scanner, skipping values with `raw_decode`, and remembered, so that many
    lookups in one file together cost about one parse.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.decoder = json.JSONDecoder()
        self.members: dict[int, dict[str, tuple[int, int]]] = {}  # container -> child -> (name, value)

    def _children(self, start: int) -> dict[str, tuple[int, int]]:
        known = self.members.get(start)
        if known is not None:
            return known
        text, children = self.text, {}
        index = _skip_space(text, start + 1)
        closing = "}" if text[start] == "{" else "]"
        position = 0
        while index < len(text) and text[index] != closing:
            name_at = index
            if closing == "}":
                key, index = scanstring(text, index + 1)
                index = _skip_space(text, index) + 1  # past ":"
                index = _skip_space(text, index)
            else:
                key, position = str(position), position + 1
            children[key] = (name_at, index)
            index = _skip_space(text, self.decoder.raw_decode(text, index)[1])
            if index < len(text) and text[index] == ",":
                index = _skip_space(text, index + 1)
        self.members[start] = children
        return children

    def line_of(self, tokens: list[str]) -> int | None:
        try:
            value_at = _skip_space(self.text, 0)
            name_at = value_at
            for token in tokens:
                if self.text[value_at] not in "{[":
                    break
                child = self._children(value_at).get(token)
                if child is None:
                    break
                name_at, value_at = child
        except (ValueError, IndexError):
            return None
        return self.text.count("\n", 0, name_at) + 1


def display_path(path: Path) -> str:
    """The path as the user would write it: relative to the working folder if inside."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def read_source(path: Path, limits: Limits = Limits()) -> SourceFile:
    display = display_path(path)
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise GeneratorError("is a folder, not a spec file", Location(display))
        if not stat.S_ISREG(status.st_mode):  # a pipe would block, a device never end
            raise GeneratorError("is not a regular file", Location(display))
        if status.st_size > limits.max_bytes:
            raise GeneratorError(
                f"file is {status.st_size:,} bytes, over the limit of {limits.max_bytes:,}", Location(display)
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise GeneratorError("no such file", Location(display)) from None
    except IsADirectoryError:
        raise GeneratorError("is a folder, not a spec file", Location(display)) from None
    except OSError as error:
        raise GeneratorError(f"cannot read: {error.strerror}", Location(display)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GeneratorError(f"not UTF-8 text (byte {error.start})", Location(display)) from None
    is_json = path.suffix.lower() == ".json" or text.lstrip()[:1] in ("{", "[")
    data = _parse_json(text, display) if is_json else _parse_yaml(text, display, limits)
    if not isinstance(data, dict):
        raise GeneratorError("the document is not a JSON/YAML object", Location(display))
    return SourceFile(path=path, display=display, text=text, data=data, is_json=is_json)


_LONG_INTEGER = f"an integer has more than {sys.get_int_max_str_digits():,} digits"


def _parse_json(text: str, display: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise GeneratorError(
            f"invalid JSON: {error.msg} (column {error.colno})", Location(display, line=error.lineno)
        ) from None
    except RecursionError:
        raise GeneratorError("JSON nested too deeply", Location(display)) from None
    except ValueError:  # the only other: an integer longer than Python converts
        raise GeneratorError(_LONG_INTEGER, Location(display)) from None


def _parse_yaml(text: str, display: str, limits: Limits) -> Any:
    try:
        data = yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 1 if mark is not None else None
        problem = error.problem or "syntax error"
        column = f" (column {mark.column + 1})" if mark is not None else ""
        raise GeneratorError(f"invalid YAML: {problem}{column}", Location(display, line=line)) from None
    except yaml.YAMLError as error:
        raise GeneratorError(f"invalid YAML: {error}", Location(display)) from None
    except RecursionError:
        raise GeneratorError("YAML nested too deeply", Location(display)) from None
    except ValueError as error:  # a date such as 2001-13-45, or an integer longer than Python converts
        message = _LONG_INTEGER if "digits" in str(error) else f"invalid YAML value: {error}"
        raise GeneratorError(message, Location(display)) from None
    _check_shape(data, display, limits)
    return data


def _check_shape(data: Any, display: str, limits: Limits) -> None:
    """Refuse alias cycles, deep nesting and alias bombs in parsed YAML.

    YAML aliases make parsed data a graph rather than a tree; the expanded size of each
    shared node is computed once (memoised by identity), so this walk stays linear in
    the size of the file even when the expansion would not be.
    """
    expanded: dict[int, int] = {}
    on_path: set[int] = set()

    def size(node: Any, depth: int) -> int:
        if not isinstance(node, (dict, list)):
            return 1
        key = id(node)
        if key in expanded:
            return expanded[key]
        if key in on_path:
            raise GeneratorError("YAML alias refers to itself (a cycle)", Location(display))
        if depth > limits.max_depth:
            raise GeneratorError(f"nested deeper than {limits.max_depth} levels", Location(display))
        on_path.add(key)
        children = node.values() if isinstance(node, dict) else node
        total = 1 + sum(size(child, depth + 1) for child in children)
        on_path.discard(key)
        if total > limits.max_expanded_nodes:
            raise GeneratorError(
                f"YAML aliases expand to more than {limits.max_expanded_nodes:,} nodes",
                Location(display),
            )
        expanded[key] = total
        return total

    size(data, 0)
