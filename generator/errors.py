"""Problems as data: every user-facing error and warning carries where it happened.

A `Location` names the file, the JSON pointer inside it and, where known, the line.
`GeneratorError` is the one exception family the command line turns into a one-line
message and exit status 2; anything else escaping is a bug in the generator.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def printable(text: str) -> str:
    """`text` with every character that is not printable (line breaks, tabs, other
    control and separator characters) written as a Python escape, so that a file name
    or a JSON pointer taken from the spec keeps a message on one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def escape_pointer_token(token: str | int) -> str:
    """Escape one JSON pointer reference token (RFC 6901)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape_pointer_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(pointer: str, *tokens: str | int) -> str:
    return pointer + "".join("/" + escape_pointer_token(token) for token in tokens)


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is: a file, a JSON pointer in it, and the line when known."""

    file: str
    pointer: str = ""
    line: int | None = None

    def __str__(self) -> str:
        """`file:line: #pointer`; control characters in either are escaped (`printable`)."""
        file = printable(self.file)
        where = file if self.line is None else f"{file}:{self.line}"
        return f"{where}: #{printable(self.pointer)}" if self.pointer else where


@dataclass(frozen=True, slots=True)
class Problem:
    message: str
    location: Location | None = None

    def __str__(self) -> str:
        text = " ".join(self.message.split())  # always one line
        return f"{self.location}: {text}" if self.location else text


class GeneratorError(Exception):
    """A problem with the user's input or environment, reported in one line."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.problem = Problem(message, location)

    def __str__(self) -> str:
        return str(self.problem)


def unreadable(error: OSError, path: object) -> GeneratorError:
    """The error for a file or folder that cannot be read: the system's reason, at the
    path the error names (else `path`)."""
    return GeneratorError(f"cannot read: {error.strerror}", Location(str(error.filename or path)))


@dataclass
class Warnings:
    """Warnings collected during a run and printed once, sorted, at the end.

    Line numbers are filled in by the stage that knows the file (see
    `pipeline.load_api`), only when there is something to report.
    """

    strict: bool = False
    problems: list[Problem] = field(default_factory=list)

    def warn(self, message: str, location: Location | None = None) -> None:
        if self.strict:
            raise GeneratorError(message + " (a warning, made an error by --strict)", location)
        self.problems.append(Problem(message, location))

    def sorted(self) -> list[Problem]:
        """Each warning once, in a stable order."""
        return sorted(set(self.problems), key=str)
