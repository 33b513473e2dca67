"""`$ref` resolution across one or several files.

Every node the IR builder reads is addressed by (file, JSON pointer), so a problem can
always be reported where it is. Files are loaded once and cached. References are
confined to a root folder: the one the caller names, else the git work tree that holds
the spec (so that Azure's `../../../Common/...` layout resolves in a clone of its
repository), else the spec's own folder. References to URLs are refused: the generator
never reaches the network on a spec's say-so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..errors import GeneratorError, Location, join_pointer, unescape_pointer_token
from .source import Limits, SourceFile, read_source


@dataclass(frozen=True, slots=True)
class Node:
    """A JSON value together with where it lives."""

    value: Any
    file: SourceFile
    pointer: str

    @property
    def location(self) -> Location:
        return self.file.location(self.pointer)

    def child(self, *tokens: str | int) -> Node:
        value = self.value
        for token in tokens:
            value = value[token]
        return Node(value, self.file, join_pointer(self.pointer, *tokens))

    def get(self, key: str) -> Node | None:
        if isinstance(self.value, dict) and key in self.value:
            return self.child(key)
        return None

    def text(self, key: str) -> str | None:
        """The member `key` (such as `x-ms-client-name`), which must be a non-empty
        string when it is there: a located error otherwise; None when it is absent."""
        member = self.get(key)
        if member is None or member.value is None:
            return None
        if not isinstance(member.value, str) or not member.value.strip():
            raise GeneratorError(f"{key} must be a non-empty string, not {member.value!r}"[:200], member.location)
        return member.value


# `"$ref": "other.json#/x"` in JSON and `$ref: other.yaml#/x` (optionally quoted) in YAML:
# only references that name another file are of interest here.
_EXTERNAL_REF = re.compile(r"""["']?\$ref["']?\s*:\s*["']?([^"'#\s][^"'\s]*)""")


def external_references(text: str) -> Iterator[tuple[str, int]]:
    """The file part of every `$ref` in a file's text that names another file, with
    its offset: found by a text scan, which is cheap even on large single-file specs."""
    for match in _EXTERNAL_REF.finditer(text):
        yield match.group(1).partition("#")[0], match.start()


def default_ref_root(spec: Path) -> tuple[Path, str]:
    """The folder `$ref`s may reach when none is named, and what it is: the git work
    tree that holds the spec (a folder with `.git`), else the spec's own folder."""
    folder = spec.resolve().parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate, "the git work tree that holds the spec"
    return folder, "the spec's folder"


class Resolver:
    """Loads the files of one spec and follows `$ref`s between them."""

    def __init__(self, root: SourceFile, *, allowed_root: Path | None = None, limits: Limits = Limits()) -> None:
        self.root = root
        if allowed_root is None:
            self.allowed_root, self._root_is = default_ref_root(root.path)
        else:
            self.allowed_root, self._root_is = allowed_root.resolve(), "the ref root"
            if not self.allowed_root.is_dir():
                raise GeneratorError("the ref root (--ref-root, `ref-root`) is not a folder", Location(str(allowed_root)))
        self.limits = limits
        self.files: dict[Path, SourceFile] = {root.path.resolve(): root}
        self._scanned: set[Path] = {root.path.resolve()}

    @property
    def root_node(self) -> Node:
        return Node(self.root.data, self.root, "")

    def load_external_files(self) -> None:
        """Load, up front, every file the spec reaches through `$ref`.

        Done before validation so that the confinement rules apply before any other
        component opens a file.
        """
        pending = [self.root]
        while pending:
            source = pending.pop()
            for reference, offset in external_references(source.text):
                if not self._exists(reference, source):
                    continue  # reported, as error or warning, by whoever follows it
                line = source.text.count("\n", 0, offset) + 1
                target = self._file_for(reference, source, Location(source.display, line=line))
                if target.path not in self._scanned:
                    self._scanned.add(target.path)
                    pending.append(target)

    def _exists(self, reference: str, origin: SourceFile) -> bool:
        if "://" in reference or reference.startswith("//"):
            return True  # so that _file_for refuses it
        return (origin.path.parent / unquote(reference)).is_file()

    def _file_for(self, reference: str, origin: SourceFile, where: Location) -> SourceFile:
        if "://" in reference or reference.startswith("//"):
            raise GeneratorError(f"$ref to a URL is refused: {reference!r} (save the file beside the spec)", where)
        path = (origin.path.parent / unquote(reference)).resolve()
        if not path.is_relative_to(self.allowed_root):
            raise GeneratorError(
                f"$ref {reference!r} leaves {self._root_is}, {self.allowed_root} "
                "(allow a wider root with --ref-root)",
                where,
            )
        cached = self.files.get(path)
        if cached is None:
            try:
                cached = read_source(path, self.limits)
            except GeneratorError as error:
                problem = error.problem
                raise GeneratorError(f"$ref {reference!r}: {problem}", where) from None
            self.files[path] = cached
        return cached

    def lookup(self, reference: str, origin: Node) -> Node:
        """The node a `$ref` string found at `origin` points to."""
        where = origin.file.location(join_pointer(origin.pointer, "$ref"))
        file_part, _, fragment = reference.partition("#")
        target = self._file_for(file_part, origin.file, where) if file_part else origin.file
        if fragment and not fragment.startswith("/"):
            raise GeneratorError(f"$ref {reference!r}: only JSON pointer fragments are supported", where)
        value = target.data
        for raw_token in fragment.split("/")[1:] if fragment else []:
            token = unescape_pointer_token(unquote(raw_token))
            if isinstance(value, dict) and token in value:
                value = value[token]
            elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
                value = value[int(token)]
            else:
                raise GeneratorError(f"broken $ref {reference!r}: nothing at {token!r}", where)
        return Node(value, target, fragment)

    def deref(self, node: Node) -> Node:
        """Follow `$ref`s from `node` until a node that is not a reference."""
        seen: set[tuple[str, str]] = set()
        while isinstance(node.value, dict) and isinstance(node.value.get("$ref"), str):
            key = (node.file.display, node.pointer)
            if key in seen:
                raise GeneratorError("$ref cycle: the reference leads back to itself", node.location)
            seen.add(key)
            node = self.lookup(node.value["$ref"], node)
        return node

    def check_all_references(self) -> None:
        """Follow every `$ref` in every loaded file; the first broken one is a located error."""
        for source in list(self.files.values()):
            pending = [Node(source.data, source, "")]
            while pending:
                node = pending.pop()
                if isinstance(node.value, dict):
                    reference = node.value.get("$ref")
                    if isinstance(reference, str) and not _is_example_reference(node.pointer):
                        self.lookup(reference, node)
                    pending.extend(node.child(key) for key in node.value if key != "$ref")
                elif isinstance(node.value, list):
                    pending.extend(node.child(index) for index in range(len(node.value)))

    def locate(self, location: Location) -> Location:
        for source in self.files.values():
            if source.display == location.file:
                return source.locate(location)
        return location



def _is_example_reference(pointer: str) -> bool:
    """`x-ms-examples` references are followed (and reported) by the example reader."""
    return "/x-ms-examples/" in pointer
