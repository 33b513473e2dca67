"""The IR as JSON, for `python -m generator ir` and for people writing templates."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from .model import Api, FrozenDict


def to_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, FrozenDict):
        return {key: to_plain(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [to_plain(item) for item in value]
    return value


def dump_api(api: Api) -> str:
    return json.dumps(to_plain(api), indent=2, ensure_ascii=False) + "\n"
