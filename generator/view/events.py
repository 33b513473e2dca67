"""The view of `events.py`: one frozen class per event of `Api.events` (with the
codecs of the models view), what the module imports from `models.py`, and the table
of event types that `parse_events` dispatches on. The runtime around them (envelopes,
`parse_events`, the ASGI app, the waiter) is fixed code in `events.py.jinja`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from ..formats import HELPERS
from ..ir import model as ir
from ..ir.naming import Identifier, snake_case
from ..ir.values import thaw
from ..ir.walk import nested_types
from ..render.wire import sample
from ..render.escaping import Code, docstring, py_string
from .examples import as_sent
from .code import block, module_docstring
from .models import _fields, _from_dict, _to_dict
from .needs import _needs  # models.py defines the helpers (see needs._model_types)


@dataclass(frozen=True, slots=True)
class EventView:
    """One event class: `name`, `event_type` (a Python string literal), `docstring`,
    the code of its `fields` (ending with a line break, or empty), `to_dict` and
    `from_dict`."""

    name: Identifier
    event_type: Code
    docstring: Code
    fields: Code
    to_dict: Code
    from_dict: Code


@dataclass(frozen=True, slots=True)
class EventsModule:
    """What `events.py` holds: its `header` (the module docstring), `imports` (code
    ending with a line break), `envelope` (the name of the field that carries each
    event's envelope, one no event uses), and its events."""

    header: Code
    imports: Code
    envelope: Identifier
    events: tuple[tuple[ir.Event, EventView], ...]


def events_module(api: ir.Api) -> EventsModule:
    taken = {f.name for e in api.events for f in e.model.fields}
    envelope = Identifier(next(n for n in ("envelope", "event_envelope", "envelope_") if n not in taken))
    return EventsModule(
        header=module_docstring(api, "Events the service sends back, their parsing and receiving"),
        imports=_imports(api),
        envelope=envelope,
        events=tuple((event, _event(event)) for event in api.events),
    )


def _imports(api: ir.Api) -> Code:
    types = [f.type for e in api.events for f in e.model.fields]
    needs = _needs(types, encoding=True, decoding=True)
    lines = [""]
    if "base64" in needs:
        lines.append("import base64")
    used = [name for name in ("date", "datetime", "timedelta", "timezone") if name in needs and name != "datetime"]
    if used:
        lines.append(f"from datetime import {', '.join(used)}")
    names = sorted(
        {t.name for t in nested_types(types) if isinstance(t, (ir.ModelType, ir.EnumType))}
        | {name for name in needs if name in HELPERS or name == "known_value"}
    )
    if names:
        lines.append(f"from .models import {', '.join(names)}")
    return block(lines, end="\n")


def _event(event: ir.Event) -> EventView:
    model = event.model
    return EventView(
        name=event.name,
        event_type=Code(py_string(event.event_type)),
        docstring=docstring(event.description, 4, fallback=f"The {event.event_type} event."),
        fields=block(_fields(model, None), end="\n"),
        to_dict=block(_to_dict(model), end="\n"),
        from_dict=block(_from_dict(model), end="\n"),
    )


@dataclass(frozen=True, slots=True)
class EventCase:
    """One emitted test of an event: its `data` (the description's example, else a
    sample of every field, from the schema) and what `to_dict` gives back (`expected`),
    both plain JSON; `source` says which (`example` or `schema`); `test_name` names
    its test function."""

    test_name: Identifier
    event: ir.Event
    data: Any
    expected: Any
    source: str


def event_cases(api: ir.Api) -> list[EventCase]:
    """The emitted tests' data, one case per event."""
    cases = []
    for event in api.events:
        with_event = dataclasses.replace(api, models=(*api.models, event.model))
        t = ir.ModelType(event.name)
        if event.has_example:
            data, source = thaw(event.example), "example"
        else:
            data = {f.json_name: sample(f.type, with_event, f.name) for f in event.model.fields if not f.write_only}
            source = "schema"
        test_name = Identifier(snake_case(f"test_{event.name}_from_its_{source}"))
        cases.append(EventCase(test_name, event, data, as_sent(t, data, with_event), source))
    return cases
