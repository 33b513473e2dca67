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
   or a name the generated code itself uses in that scope gets a trailing underscore
   (PEP 8): `from` -> `from_`, `type` -> `type_`.
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

    def claim(self, name: Identifier) -> Identifier:
        if name in self._reserved:
            name = Identifier(name + "_")
        candidate, counter = name, 1
        while candidate in self._taken:
            counter += 1
            candidate = Identifier(f"{name}_{counter}")
        self._taken.add(candidate)
        return candidate
