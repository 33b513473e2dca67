"""Registration of the `markdown` template set's filters and globals; the code lives in
the page view (`generator/view/reference.py`)."""

from __future__ import annotations

import jinja2

from generator.render.wire import example_request
from generator.view.reference import (
    anchor,
    announced_events,
    header_rows,
    http_line,
    md_fence,
    md_json,
    md_type,
    page_name,
    page_title,
    reached_definitions,
    reference_page,
    status_label,
    used_schemes,
)


def setup(env: jinja2.Environment) -> None:
    env.filters.update(md_type=md_type, md_fence=md_fence, anchor=anchor, status_label=status_label)
    env.globals.update(
        reference_page=reference_page,
        page_name=page_name,
        page_title=page_title,
        http_line=http_line,
        reached_definitions=reached_definitions,
        announced_events=announced_events,
        example_request=example_request,
        header_rows=header_rows,
        md_json=md_json,
        md_fence=md_fence,
        used_schemes=used_schemes,
    )
