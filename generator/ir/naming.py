"""The one set of rules that turns names from a spec into identifiers for generated code.

Nothing else in the generator invents an identifier: templates only ever print names
that came through here (they are `Identifier` instances, which the template
environment lets through unescaped) and every other spec string goes through an
escaping filter.

The rules, in order:
1. The text is folded to ASCII (NFKD, accents dropped) and split into words at case
   changes, digits-after-letters stay with their word (`base64Url` -> `base64`, `Url`),
   as do lower-case letters after digits (`2fa`, `1st`), and anything that is not
   a letter or digit separates words.
2. Words are joined in the requested style: snake_case (functions, parameters,
   fields), PascalCase (classes) or UPPER_SNAKE (enum members, constants).
3. A name that is empty or starts with a digit gets a prefix saying what it is
   (`field_1st`, `Model2xx`, `VALUE_404`).
4. A name that is a Python keyword, a soft keyword, a builtin that generated code uses,
   or a name the generated code itself uses in that scope (`ReservedNames`, which the
   python view gives) gets a trailing underscore (PEP 8): `from` -> `from_`, `type` -> `type_`.
5. Inside one scope (the fields of a model, the parameters of an operation, the classes
   of a package...) names that collide after all this get `_2`, `_3`... in the order
   the spec lists them, so output is stable.
"""

from __future__ import annotations

import builtins
import keyword
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


class Identifier(str):
    """A name made safe for generated code by these rules."""

    __slots__ = ()


_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+[a-z]*")

# Names generated code relies on: shadowing them in a class body or method would
# change what the code means, so a spec name equal to one of them is renamed.
_GENERATED_CODE_NAMES = frozenset(
    {
        "self", "cls", "str", "int", "float", "bool", "bytes", "list", "dict", "set",
        "tuple", "object", "type", "isinstance", "len", "super", "iter", "property",
        "classmethod", "staticmethod", "Any", "Mapping", "Sequence", "Iterator",
        "datetime", "date", "timedelta", "timezone", "enum", "json", "httpx", "uuid",
        "dataclass", "dataclasses", "field", "typing", "quote", "base64", "email",
        "models", "errors", "auth", "client", "annotations",
    }
)
RESERVED = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | _GENERATED_CODE_NAMES
# Capitalised builtins (exception classes, `True`, `None`...) would be shadowed by a model
# class of the same name. Lower-case builtins that generated code never calls stay
# usable (`id`, `format`, `filter`, `input`, `max`...): renaming the commonest field
# names would hurt readers more than it protects them.
RESERVED |= frozenset(name for name in dir(builtins) if name[:1].isupper())


# ---------------------------------------------------------------------- reserved names


@dataclass(frozen=True, slots=True)
class ReservedNames:
    """The names the generated code writes itself, per namespace that also holds names
    from the spec: the IR build claims them before any spec name (`Scope(...)`), so a
    spec name equal to one gets a trailing underscore (or `_2`...).

    The IR does not know them: what the generated code binds is the business of its
    consumer, the python view, which gives them (`generator/view/reserved.py`) to
    `build_api`. Empty by default: an IR built without them names things only by the
    rules above.
    """

    modules: frozenset[str] = frozenset()  # top-level module names a package must not take
    package: tuple[str, ...] = ()  # the top level of the package's modules (class names avoid them)
    async_prefix: str = ""  # the prefix of the twin of every client and group class, claimed with it
    client_members: tuple[str, ...] = ()  # the attributes of the client and group classes
    client_arguments: tuple[str, ...] = ()  # the arguments of the client's constructor
    client_parameters: tuple[str, ...] = ()  # what client-level parameters avoid (besides server variables)
    model_members: tuple[str, ...] = ()  # the fields and methods of a model class besides its properties
    headers_members: tuple[str, ...] = ()  # the fields of a class of returned response headers
    operation_locals: tuple[str, ...] = ()  # the arguments and locals of an operation's functions


# Trailing words of an API's title that every API could end with ("Pet Store API",
# "Azure Communication Service Call Automation APIs"): names derived from a title drop them.
_GENERIC_TITLE_WORDS = frozenset({"api", "apis", "rest", "service", "services", "client", "sdk", "openapi", "swagger"})


def title_words(title: str) -> list[str]:
    """The words of an API's title that name it, for the default package and client
    names: `Azure Communication Service Call Automation APIs` -> Azure ... Automation."""
    tokens = re.split(r"[\W_]+", title)  # whole tokens first: `APIs` is one, not `AP` and `Is`
    while tokens and (not tokens[-1] or tokens[-1].lower() in _GENERIC_TITLE_WORDS):
        tokens.pop()
    words = split_words(" ".join(tokens))  # then words: `ApiManagementClient`
    while words and words[-1].lower() in _GENERIC_TITLE_WORDS:
        words.pop()
    return words


def split_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _WORD.findall(folded)


def _finish(name: str, prefix: str, reserved: Iterable[str]) -> str:
    if not name:
        name = prefix
    elif name[0].isdigit():
        name = f"{prefix}_{name}" if prefix.islower() or prefix.isupper() else prefix + name
    if name in RESERVED or name in reserved:
        name += "_"
    return name


def snake_case(text: str, prefix: str = "value", reserved: Iterable[str] = ()) -> Identifier:
    """`transferToParticipant` -> `transfer_to_participant`."""
    name = "_".join(word.lower() for word in split_words(text))
    return Identifier(_finish(name, prefix, reserved))


def pascal_case(text: str, prefix: str = "Model", reserved: Iterable[str] = ()) -> Identifier:
    """`call connection` -> `CallConnection`; existing capitals are kept (`HTTPError`)."""
    name = "".join(word[0].upper() + word[1:] for word in split_words(text))
    return Identifier(_finish(name, prefix, reserved))


def upper_snake_case(text: str, prefix: str = "VALUE", reserved: Iterable[str] = ()) -> Identifier:
    """`communicationUser` -> `COMMUNICATION_USER`."""
    name = "_".join(word.upper() for word in split_words(text))
    return Identifier(_finish(name, prefix, reserved))


class Scope:
    """Hands out names unique within one namespace, first come first served.

    `reserved` names are used by the generated code in this namespace: a spec name
    equal to one gets a trailing underscore, like a keyword.
    """

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self._reserved = frozenset(reserved)
        self._taken = set(self._reserved)

    def claim(self, name: Identifier, twin_prefix: str = "") -> Identifier:
        """`name`, or the first of `name_2`, `name_3`... still free. With `twin_prefix`,
        `twin_prefix + name` must be free too, and is taken as well (a class and its
        asynchronous twin)."""
        if name in self._reserved or (twin_prefix and twin_prefix + name in self._reserved):
            name = Identifier(name + "_")
        candidate, counter = name, 1
        while candidate in self._taken or (twin_prefix and twin_prefix + candidate in self._taken):
            counter += 1
            candidate = Identifier(f"{name}_{counter}")
        self._taken.add(candidate)
        if twin_prefix:
            self._taken.add(twin_prefix + candidate)
        return candidate
